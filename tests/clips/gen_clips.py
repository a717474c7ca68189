#!/usr/bin/env python3
"""Deterministic synthetic dashcam clips with Indian licence plates, plus ground truth.

Each clip is a noisy moving test pattern with "vehicles" (coloured boxes) driving across it, each
carrying a plate rendered with ffmpeg's drawtext. Positions follow closed-form motion, so the
sidecar JSON gives the exact plate box for every frame in which the plate is fully visible.

usage: gen_clips.py OUT_DIR [--only NAME ...] [--seconds 12] [--set streams|eval|passes]
`--set passes` (dashcam-like vehicle passes, PIL + numpy, see passes.py) ignores --seconds.
Needs ffmpeg (libx264, drawtext) and fonts-dejavu-core. Stdlib only. Re-running skips clips whose
sidecar already records this generator version.
"""
import argparse, json, os, random, subprocess, sys

VERSION = 3
FPS = 25
GOP = 50
FONTS = {
    "dejavu-sans-mono-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "dejavu-sans-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
# Plate colour schemes used in India: (background, text).
SCHEMES = {
    "white": ("white", "black"),    # private
    "yellow": ("yellow", "black"),  # commercial
    "green": ("0x1f8a3b", "white"), # electric, private
    "black": ("black", "yellow"),   # self-drive rental
}

# (text lines, kind, scheme, font, vehicle colour, lane as a fraction of height)
VEHICLES = [
    (["MH12AB1234"], "standard", "white", "dejavu-sans-mono-bold", "0x8a8f98", 0.52),
    (["22BH1234AA"], "bh", "white", "dejavu-sans-bold", "0x2d4f8a", 0.30),
    (["KA05", "MN6789"], "standard", "yellow", "dejavu-sans-mono-bold", "0xb03a2e", 0.58),
    (["DL3CAB1234"], "standard", "green", "dejavu-sans-bold", "0x4a4a4a", 0.34),
]

CLIPS = [
    # name, size, x264 profile, bitrate, b-frames
    ("plate720_base", (1280, 720), "baseline", "2500k", 0),
    ("plate720_main", (1280, 720), "main", "2500k", 0),
    ("plate1080_base", (1920, 1080), "baseline", "4000k", 0),
    ("plate1080_main", (1920, 1080), "main", "4000k", 0),
    ("plate720_main_bf", (1280, 720), "main", "2500k", 2),
]


STATES = ["MH", "KA", "DL", "TN", "UP", "GJ", "RJ", "WB", "KL", "AP", "TS", "HR", "PB", "MP", "BR", "OD"]
BH_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
BODIES = ["0x8a8f98", "0x2d4f8a", "0xb03a2e", "0x4a4a4a", "0xd8d8d8", "0x1c1c1c", "0x6b4e16"]


def random_vehicles(rng, n):
    """n vehicles with random valid plates: standard (1-3 series letters, 1-2 digit district), BH,
    and two-line; every colour scheme and both fonts."""
    out = []
    for i in range(n):
        r = rng.random()
        if r < 0.2:
            text = "%02dBH%04d%s" % (rng.randint(21, 26), rng.randint(0, 9999), "".join(rng.choice(BH_LETTERS) for _ in range(rng.choice([1, 2]))))
            lines, kind = [text], "bh"
        else:
            st = rng.choice(STATES)
            dist = str(rng.randint(1, 9)) if st == "DL" else "%02d" % rng.randint(1, 99)
            series = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.choice([1, 2, 2, 2, 3])))
            num = "%04d" % rng.randint(1, 9999)
            kind = "standard"
            lines = [st + dist, series + num] if r > 0.75 else [st + dist + series + num]
        scheme = rng.choice(["white", "white", "yellow", "green", "black"])
        font = rng.choice(sorted(FONTS))
        out.append((lines, kind, scheme, font, rng.choice(BODIES), round(rng.uniform(0.25, 0.6), 3)))
    return out


# The labelled evaluation set: name, degradation label, plate width range (fraction of frame
# width), a filter on each plate image, a filter on the whole frame, bitrate.
EVAL = [
    ("eval_clean", "none", (0.10, 0.17), "", "", "2500k"),
    ("eval_small", "small plates (80-110 px)", (0.0625, 0.086), "", "", "2500k"),
    ("eval_blur", "gaussian blur", (0.09, 0.15), "", "gblur=sigma=1.1", "2500k"),
    # 7 px horizontal smear: a 1/100 s exposure of a plate crossing at ~700 px/s.
    ("eval_motion", "motion blur (7 px)", (0.09, 0.15), "", "avgblur=sizeX=3:sizeY=1", "2500k"),
    ("eval_night", "low light and noise", (0.09, 0.15), "", "eq=brightness=-0.28:contrast=0.6,noise=alls=18:allf=t:all_seed=3", "2500k"),
    ("eval_perspective", "perspective", (0.09, 0.15), "perspective=x0=0:y0=0:x1=W:y1=H*0.12:x2=0:y2=H:x3=W:y3=H*0.88:sense=destination", "", "2500k"),
    ("eval_lowrate", "dashcam bitrate 700 kbit/s", (0.08, 0.14), "", "", "700k"),
]


def generate_eval(out_dir, seconds):
    for k, (name, label, frac, plate_filter, post, bitrate) in enumerate(EVAL):
        rng = random.Random(1000 + k)
        vehicles = random_vehicles(rng, 5)
        fr = [rng.uniform(*frac) for _ in vehicles]
        made = generate(out_dir, name, (1280, 720), "main", bitrate, 0, seconds, vehicles, lambda i: fr[i],
                        plate_filter, post, label)
        print(("generated " if made else "up to date ") + os.path.join(out_dir, name), flush=True)


def even_trunc(x):
    """ffmpeg's overlay truncates x toward zero, then clears the low bit (4:2:0 chroma)."""
    return int(x) & ~1


def scene(w, h, seconds, vehicles=VEHICLES, plate_frac=None):
    """Vehicles with timing and geometry. Each crosses left to right in `cross` seconds.
    `plate_frac(i)` gives a one-line plate's width as a fraction of the frame width."""
    out = []
    n = len(vehicles)
    cross = seconds * 0.55
    for i, (lines, kind, scheme, font, body, lane) in enumerate(vehicles):
        t0 = i * (seconds - cross) / max(1, n - 1)
        double = len(lines) == 2
        frac = plate_frac(i) if plate_frac else 0.17
        pw = int(w * (frac * 0.76 if double else frac)) & ~1
        ph = int(pw * (0.62 if double else 0.22)) & ~1
        vw, vh = (int(pw * 2.2) & ~1), (int(ph * (2.6 if double else 4.5)) & ~1)
        y = int(h * lane) & ~1
        out.append(dict(lines=lines, kind=kind, scheme=scheme, font=font, body=body,
                        t0=t0, t1=t0 + cross, pw=pw, ph=ph, vw=vw, vh=vh, y=y,
                        px=(vw - pw) // 2 & ~1, py=(vh - ph - vh // 12) & ~1))
    return out


def filter_graph(w, h, vehicles, plate_filter="", post=""):
    parts = ["[0:v]noise=alls=12:allf=t:all_seed=7[bg0]"]
    for i, v in enumerate(vehicles):
        bgc, fgc = SCHEMES[v["scheme"]]
        # Fit both height and width (DejaVu Sans Bold caps/digits advance about 0.7 em).
        longest = max(len(line) for line in v["lines"])
        fs = int(min(v["ph"] * (0.36 if len(v["lines"]) == 2 else 0.72), v["pw"] * 0.86 / (longest * 0.7)))
        draw = [f"drawbox=x=0:y=0:w=iw:h=ih:color={fgc}:t={max(2, v['ph'] // 16)}"]
        for j, line in enumerate(v["lines"]):
            if len(v["lines"]) == 1:
                ypos = "(h-text_h)/2"
            else:
                ypos = f"h*{0.08 + 0.47 * j:.2f}+(h*0.45-text_h)/2"
            draw.append(f"drawtext=fontfile={FONTS[v['font']]}:text='{line}':fontcolor={fgc}:"
                        f"fontsize={fs}:x=(w-text_w)/2:y={ypos}")
        if plate_filter:
            draw.append(plate_filter)
        parts.append(f"[{2 * i + 2}:v]{','.join(draw)}[p{i}]")
        parts.append(f"[{2 * i + 1}:v][p{i}]overlay=x={v['px']}:y={v['py']}[veh{i}]")
        speed = (w + v["vw"]) / (v["t1"] - v["t0"])
        x = f"-{v['vw']}+{speed:.6f}*(t-{v['t0']:.6f})"
        parts.append(f"[bg{i}][veh{i}]overlay=x='{x}':y={v['y']}:eval=frame:"
                     f"enable='between(t,{v['t0']:.6f},{v['t1']:.6f})'[bg{i + 1}]")
    parts.append(f"[bg{len(vehicles)}]{post + ',' if post else ''}format=yuv420p[v]")
    return ";".join(parts)


def ground_truth(w, h, vehicles, frames):
    plates = []
    for v in vehicles:
        speed = (w + v["vw"]) / (v["t1"] - v["t0"])
        boxes = []
        for n in range(frames):
            t = n / FPS
            if not (v["t0"] <= t <= v["t1"]):
                continue
            x = even_trunc(-v["vw"] + speed * (t - v["t0"])) + v["px"]
            y = v["y"] + v["py"]
            if x >= 0 and x + v["pw"] <= w and y + v["ph"] <= h:
                boxes.append([n, x, y, v["pw"], v["ph"]])
        plates.append(dict(text="".join(v["lines"]), lines=v["lines"], kind=v["kind"],
                           layout="double" if len(v["lines"]) == 2 else "single",
                           color=v["scheme"], font=v["font"], frames=boxes))
    return plates


def generate(out_dir, name, size, profile, bitrate, bframes, seconds, vehicles=VEHICLES, plate_frac=None,
             plate_filter="", post="", degradation="none"):
    sidecar = os.path.join(out_dir, name + ".json")
    if os.path.exists(sidecar) and os.path.exists(os.path.join(out_dir, name + ".264")):
        try:
            with open(sidecar) as f:
                old = json.load(f)
            if old.get("generator_version") == VERSION and old.get("seconds") == seconds:
                return False
        except (OSError, ValueError):
            pass
    w, h = size
    vehicles = scene(w, h, seconds, vehicles, plate_frac)
    inputs = ["-f", "lavfi", "-i", f"testsrc2=size={w}x{h}:rate={FPS}:duration={seconds}"]
    for v in vehicles:
        bgc, _ = SCHEMES[v["scheme"]]
        inputs += ["-f", "lavfi", "-i", f"color=c={v['body']}:size={v['vw']}x{v['vh']}:rate={FPS}:duration={seconds}"]
        inputs += ["-f", "lavfi", "-i", f"color=c={bgc}:size={v['pw']}x{v['ph']}:rate={FPS}:duration={seconds}"]
    mp4 = os.path.join(out_dir, name + ".mp4")
    x264 = ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", profile, "-bf", str(bframes),
            "-g", str(GOP), "-keyint_min", str(GOP), "-sc_threshold", "0",
            "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", str(int(bitrate[:-1]) * 2) + "k"]
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *inputs,
                    "-filter_complex", filter_graph(w, h, vehicles, plate_filter, post), "-map", "[v]",
                    "-frames:v", str(seconds * FPS), *x264, "-movflags", "+faststart", mp4], check=True)
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", mp4, "-c", "copy",
                    "-bsf:v", "h264_mp4toannexb", "-f", "h264", os.path.join(out_dir, name + ".264")], check=True)
    truth = dict(generator_version=VERSION, clip=name, width=w, height=h, fps=FPS, seconds=seconds,
                 frames=seconds * FPS, gop=GOP, profile=profile, b_frames=bframes, degradation=degradation,
                 plates=ground_truth(w, h, vehicles, seconds * FPS))
    with open(sidecar, "w") as f:
        json.dump(truth, f)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--seconds", type=int, default=12)
    ap.add_argument("--set", choices=["streams", "eval", "passes"], default="streams",
                    help="streams: the ingest test clips; eval: the labelled plate evaluation set; "
                         "passes: dashcam-like clips with per-pass plate truth (passes.py; --only passes_short "
                         "passes_00 .. passes_07, a _main suffix for the Main profile)")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    if a.set == "passes":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import passes
        return passes.generate_set(a.out_dir, a.only, STATES)
    if a.set == "eval":
        return generate_eval(a.out_dir, a.seconds)
    for name, size, profile, bitrate, bf in CLIPS:
        if a.only and name not in a.only:
            continue
        made = generate(a.out_dir, name, size, profile, bitrate, bf, a.seconds)
        print(("generated " if made else "up to date ") + os.path.join(a.out_dir, name), flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""Synthetic dashcam (MDVR) clips made of vehicle passes, with per-pass plate ground truth.

`gen_clips.py OUT_DIR --set passes [--only passes_short passes_03 passes_00_main ...]`

Each clip is a static street scene seen from a fleet vehicle's dashcam (road, lane markings, kerb,
buildings with shop boards, road signs; sensor noise on every frame), an MDVR overlay burnt in
(date and time, channel, device id, speed, GPS) and vehicles that each show ONE plate:
`approach` (the plate grows from about 60 to about 250 px wide while moving down the frame, then
the vehicle leaves at a side) or `cross` (the vehicle crosses the frame at a constant size).
Frames are rendered with PIL and numpy and piped to ffmpeg (libx264, one thread so that the
output is bit-exact from run to run): NAME.mp4 and, from it, NAME.264 (Annex-B), as gen_clips.py.

Sets: `passes_short` (20 s, three clean passes, for CI) and `passes_00`..`passes_07` (60 s,
8-12 passes with overlaps, idle stretches, perspective and degradations). A `_main` suffix on a
name in `--only` makes the same clip with the Main profile instead of Constrained Baseline.

The sidecar `NAME.json` has one `plates` entry per pass; its `frames` are the exact integer
bounding boxes of the drawn plate (border included; for perspective plates the box of the warped
quad) in every frame where the whole plate is inside the picture and not covered by another
vehicle or by the overlay (those frames are listed in `hidden_frames`). Blur, motion blur and
low light do not change the boxes: they describe the plate's geometry before degradation.

Needs /usr/bin/python3 with python3-pil and python3-numpy, ffmpeg with libx264, and the fonts of
fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation2 and fonts-freefont-ttf (a missing plate
font is replaced by the next installed one, with a warning).
"""
import datetime, json, math, os, random, re, subprocess, sys, time

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

VERSION = 1
W, H, FPS, GOP = 1280, 720, 25, 50
BITRATE = "2000k"
HORIZON = 280        # y of the vanishing point
VP_X = 640           # x of the vanishing point
FOCAL = 900.0        # px; the scene's pinhole camera
CAM_H = 1.4          # m; camera height above the road (background geometry)
SERIES = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # series letters: no I, no O

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation2",
             "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/freefont"]
PLATE_FONTS = [
    ("dejavu-sans-bold", "DejaVuSans-Bold.ttf"),
    ("dejavu-sans-mono-bold", "DejaVuSansMono-Bold.ttf"),
    ("dejavu-sans-condensed-bold", "DejaVuSansCondensed-Bold.ttf"),
    ("liberation-sans-narrow-bold", "LiberationSansNarrow-Bold.ttf"),
    ("liberation-sans-bold", "LiberationSans-Bold.ttf"),
    ("freesans-bold", "FreeSansBold.ttf"),
]
SIGN_FONT = "DejaVuSans-Bold.ttf"
OSD_FONT = "DejaVuSansMono-Bold.ttf"
BOARD_FONTS = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "FreeSansBold.ttf", "DejaVuSerif-Bold.ttf",
               "DejaVuSansCondensed-Bold.ttf"]

# Plate colour schemes: background, text (and border).
SCHEMES = {
    "white": ((242, 242, 236), (16, 16, 16)),
    "yellow": ((246, 198, 24), (16, 16, 16)),
    "green": ((24, 126, 62), (248, 248, 248)),
    "black": ((24, 24, 24), (244, 198, 32)),
}
PLATE_M = {"single": (0.50, 0.12), "double": (0.34, 0.20)}   # metres: HSRP 500x120, 340x200

# Vehicle faces: width, height (m), plate centre height (m).
VEHICLES = {
    "car_rear": (1.74, 1.48, 0.56), "car_front": (1.74, 1.48, 0.45), "suv_rear": (1.86, 1.76, 0.66),
    "bus_rear": (2.55, 3.10, 0.72), "truck_rear": (2.45, 3.20, 0.82), "auto_rear": (1.35, 1.75, 0.56),
    "bike_rear": (0.80, 1.62, 0.78),
}
CAR_COLOURS = [(226, 226, 222), (172, 174, 178), (96, 98, 102), (30, 30, 32), (158, 26, 30), (32, 62, 132),
               (96, 22, 32), (200, 186, 150), (40, 96, 70)]

SHOPS = ["SHARMA GENERAL STORES", "MEDICAL 24x7", "HOTEL SAI PALACE", "GANESH HARDWARE", "NEW INDIA TAILORS",
         "PATIL MOTOR GARAGE", "OM SAI MOBILES", "KRISHNA SWEETS", "AMBIKA XEROX", "SAMARTH CLINIC",
         "JOSHI OPTICIANS", "LAXMI JEWELLERS", "BALAJI TRADERS", "CITY BAKERY", "RAJ ELECTRICALS"]
SUBLINES = ["98220 41735", "020 2553 1847", "MOB 97654 31280", "GSTIN 27AABCS1429B1ZP", "SHOP NO 14B",
            "PIN 411038", "EST 1987", "PLOT NO 7A/12", "CALL 88050 62914", "KA 05 GSTIN 447", "MH 12 AB 12345"]
DIRECTIONS = [["PUNE 12 KM"], ["MUMBAI 148 KM", "LONAVALA 64 KM"], ["SATARA 98 KM"], ["NASHIK 211 KM"],
              ["HADAPSAR 7 KM", "KATRAJ 9 KM"], ["NH 48", "BENGALURU 830 KM"]]
HOARDINGS = [["HOTEL SAI PALACE", "98220 41735"], ["MEDICAL 24x7", "CALL 108"], ["DR PATIL DENTAL", "MH 12 CLINIC 3"],
             ["ZX 07 QQ 12345", "NEW LAUNCH"], ["AB 12 CD 3456", "BOOK NOW"], ["SHREE TRAVELS", "70203 55188"]]
PASTELS = [(222, 206, 170), (226, 190, 180), (196, 214, 190), (206, 206, 214), (236, 226, 196), (190, 206, 222),
           (214, 184, 150), (176, 176, 170), (232, 214, 214)]

_warned = set()
_fonts = {}


def warn(msg):
    if msg not in _warned:
        _warned.add(msg)
        print("passes: " + msg, file=sys.stderr, flush=True)


def find_font(fname):
    for d in FONT_DIRS:
        p = os.path.join(d, fname)
        if os.path.exists(p):
            return p
    return None


def plate_font(name):
    """(name, path) of the plate font `name`, or of the next installed one in PLATE_FONTS."""
    names = [n for n, _ in PLATE_FONTS]
    k = names.index(name)
    for j in range(len(PLATE_FONTS)):
        n, f = PLATE_FONTS[(k + j) % len(PLATE_FONTS)]
        p = find_font(f)
        if p:
            if j:
                warn(f"font {name} ({PLATE_FONTS[k][1]}) is not installed; using {n} instead")
            return n, p
    raise SystemExit("passes: none of the plate fonts is installed")


def any_font(fname):
    p = find_font(fname)
    if p is None:
        warn(f"font {fname} is not installed; using DejaVu Sans Bold")
        p = find_font("DejaVuSans-Bold.ttf")
    return p


def font(path, size):
    key = (path, max(1, int(size)))
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(path, key[1])
    return _fonts[key]


# ---------------------------------------------------------------- marks

def mark_regexes(states):
    st = "|".join(sorted(set(states)))
    return [re.compile(rf"^({st})\d{{1,2}}[{SERIES}]{{0,3}}\d{{4}}$"), re.compile(rf"^\d{{2}}BH\d{{4}}[{SERIES}]{{1,2}}$")]


def is_mark(text, regexes):
    t = re.sub(r"[^A-Z0-9]", "", text.upper())
    return any(r.match(t) for r in regexes)


def random_mark(rng, states, kind, layout):
    """(lines without spaces, lines as printed)."""
    if kind == "bh":
        yy, num = rng.randint(21, 26), "%04d" % rng.randint(1, 9999)
        ll = "".join(rng.choice(SERIES) for _ in range(rng.choice([1, 2])))
        return ["%02dBH%s%s" % (yy, num, ll)], ["%02d BH %s %s" % (yy, num, ll)]
    st = rng.choice(states)
    dist = str(rng.randint(1, 14)) if st == "DL" else "%02d" % rng.randint(1, 99)
    ser = "".join(rng.choice(SERIES) for _ in range(rng.choices([0, 1, 2, 3], [1, 4, 12, 3])[0]))
    num = "%04d" % rng.randint(1, 9999)
    if layout == "double":
        return [st + dist, ser + num], [f"{st} {dist}", f"{ser} {num}".strip()]
    return [st + dist + ser + num], [" ".join(p for p in (st, dist, ser, num) if p)]


# ---------------------------------------------------------------- plates

def glyph_group(text, path, cap_h):
    """Mask ('L') of `text` scaled so that its cap height is `cap_h` px; cropped to the ink
    horizontally and from cap top to baseline (or lower, for descenders) vertically."""
    big = 200
    f = font(path, big)
    cap_top = f.getbbox("H", anchor="ls")[1]
    l, t, r, b = f.getbbox(text, anchor="ls")
    pad = 8
    m = Image.new("L", (r - l + 2 * pad, max(b, 0) - min(t, cap_top) + 2 * pad))
    ImageDraw.Draw(m).text((pad - l, pad - min(t, cap_top)), text, font=f, fill=255, anchor="ls")
    ink = m.getbbox()
    top = pad + cap_top - min(t, cap_top)
    m = m.crop((ink[0], top, ink[2], max(ink[3], pad - min(t, cap_top))))
    k = cap_h / (-cap_top)
    return m, k


def draw_line(plate, y_c, text, path, cap_h, x_l, x_r, colour):
    groups = [glyph_group(g, path, cap_h) for g in text.split(" ")]
    widths = [m.width * k for m, k in groups]
    gap = 0.36 * cap_h
    total = sum(widths) + gap * (len(groups) - 1)
    comp = min(1.0, (x_r - x_l) / total)
    x = (x_l + x_r) / 2 - total * comp / 2
    for (m, k), wd in zip(groups, widths):
        gw, gh = max(1, round(wd * comp)), max(1, round(m.height * k))
        g = m.resize((gw, gh), Image.LANCZOS)
        plate.paste(colour, (round(x), round(y_c - cap_h / 2)), g)
        x += wd * comp + gap * comp


def render_plate(display, scheme, path, layout, ind):
    """The plate at a base resolution (RGB): background, thin border in the text colour, text."""
    bgc, fgc = SCHEMES[scheme]
    mw, mh = PLATE_M[layout]
    pw = 640 if layout == "single" else 440
    ph = round(pw * mh / mw)
    img = Image.new("RGB", (pw, ph), bgc)
    d = ImageDraw.Draw(img)
    unit = ph / (mh * 1000)   # px per mm
    inset, thick = 4 * unit, max(2, round(2.2 * unit))
    d.rounded_rectangle([inset, inset, pw - 1 - inset, ph - 1 - inset], radius=6 * unit, outline=fgc, width=thick)
    x_l, x_r = 14 * unit, pw - 14 * unit
    if ind:
        # HSRP: chromium hologram (a blue wheel) and "IND" on the left.
        cx, r = 26 * unit, 9 * unit
        d.ellipse([cx - r, 22 * unit - r, cx + r, 22 * unit + r], outline=(30, 60, 170), width=max(2, round(2 * unit)))
        f = font(find_font(SIGN_FONT), 13 * unit)
        for j, ch in enumerate("IND"):
            d.text((cx, (44 + 15 * j) * unit), ch, font=f, fill=(30, 60, 170), anchor="mm")
        x_l = 44 * unit
    if layout == "single":
        draw_line(img, ph / 2, display[0], path, 65 * unit, x_l, x_r, fgc)
    else:
        for j, line in enumerate(display):
            draw_line(img, (52 + 96 * j) * unit, line, path, 65 * unit, x_l, x_r, fgc)
    return img


# ---------------------------------------------------------------- vehicles

def shade(c, f):
    return tuple(max(0, min(255, int(round(v * f)))) for v in c)


def vehicle_sprite(vtype, rng, B, layout):
    """RGBA image of a vehicle face at B px/m, and the plate centre in it (px)."""
    w, h, py = VEHICLES[vtype]
    ms, mt, mb = 0.12, 0.05, 0.14
    img = Image.new("RGBA", (int(math.ceil((w + 2 * ms) * B)), int(math.ceil((h + mt + mb) * B))), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    X = lambda x: (ms + x) * B
    Y = lambda y: (mt + h - y) * B

    def rect(x0, y0, x1, y1, fill, r=0.0):
        d.rounded_rectangle([X(x0), Y(y1), X(x1), Y(y0)], radius=r * B, fill=fill)

    def poly(pts, fill):
        d.polygon([(X(x), Y(y)) for x, y in pts], fill=fill)

    def ell(x0, y0, x1, y1, fill):
        d.ellipse([X(x0), Y(y1), X(x1), Y(y0)], fill=fill)

    pw_m, ph_m = PLATE_M[layout]
    red, red2, glass = (150, 14, 20), (215, 40, 40), (34, 40, 48)
    tyre = (16, 16, 18)
    extra_text = []
    ell(-0.06, -0.1, w + 0.06, 0.1, (0, 0, 0, 110))   # shadow on the road
    if vtype in ("car_rear", "car_front", "suv_rear"):
        col = rng.choice(CAR_COLOURS)
        dark = shade(col, 0.7)
        belt, roof = (0.98, 1.48) if vtype != "suv_rear" else (1.1, h)
        rect(0.1, 0, 0.38, 0.36, tyre, 0.05)
        rect(w - 0.38, 0, w - 0.1, 0.36, tyre, 0.05)
        rect(0, 0.2, w, belt, col, 0.14)
        poly([(0.1, belt - 0.02), (w - 0.1, belt - 0.02), (w - 0.28, roof - 0.02), (0.28, roof - 0.02)], shade(col, 0.92))
        rect(0.3, roof - 0.05, w - 0.3, roof, shade(col, 0.85), 0.03)
        if vtype == "car_front":
            gl = (86, 100, 116)
            poly([(0.18, belt + 0.02), (w - 0.18, belt + 0.02), (w - 0.36, roof - 0.07), (0.36, roof - 0.07)], gl)
            poly([(0.5, belt + 0.05), (0.75, belt + 0.05), (0.95, roof - 0.1), (0.75, roof - 0.1)], shade(gl, 1.35))
            for x0 in (0.05, w - 0.47):
                rect(x0, 0.68, x0 + 0.42, 0.84, (60, 60, 64), 0.05)
                rect(x0 + 0.04, 0.71, x0 + 0.38, 0.81, (236, 236, 226), 0.04)
            rect(w / 2 - 0.45, 0.56, w / 2 + 0.45, 0.78, (26, 26, 28), 0.05)
            for j in range(4):
                rect(w / 2 - 0.42, 0.6 + 0.045 * j, w / 2 + 0.42, 0.615 + 0.045 * j, (70, 70, 74))
            ell(w / 2 - 0.07, 0.63, w / 2 + 0.07, 0.71, (200, 200, 206))
            rect(0.02, 0.2, w - 0.02, 0.33, dark, 0.06)
            rect(w / 2 - 0.55, 0.22, w / 2 + 0.55, 0.31, (22, 22, 24), 0.03)
            rect(-0.1, belt, 0.02, belt + 0.12, col, 0.03)
            rect(w - 0.02, belt, w + 0.1, belt + 0.12, col, 0.03)
        else:
            poly([(0.2, belt + 0.02), (w - 0.2, belt + 0.02), (w - 0.36, roof - 0.08), (0.36, roof - 0.08)], glass)
            poly([(0.4, belt + 0.04), (0.62, belt + 0.04), (0.78, roof - 0.1), (0.58, roof - 0.1)], (58, 66, 76))
            rect(w / 2 - 0.2, roof - 0.12, w / 2 + 0.2, roof - 0.095, red2)
            for x0 in (0.03, w - 0.36):
                rect(x0, 0.7, x0 + 0.33, 0.9, red, 0.03)
                rect(x0 + 0.03, 0.74, x0 + 0.27, 0.86, red2, 0.02)
            d.line([X(0.36), Y(0.7), X(w - 0.36), Y(0.7)], fill=dark, width=max(1, round(0.012 * B)))
            ell(w / 2 - 0.06, 0.79, w / 2 + 0.06, 0.85, (200, 200, 206))
            rect(0.01, 0.2, w - 0.01, 0.44, shade(col, 0.8) if rng.random() < 0.5 else (36, 36, 38), 0.08)
            rect(0.08, 0.3, 0.2, 0.34, red)
            rect(w - 0.2, 0.3, w - 0.08, 0.34, red)
            if vtype == "suv_rear" and rng.random() < 0.5:   # spare wheel
                ell(w / 2 - 0.33, belt - 0.3, w / 2 + 0.33, belt + 0.36, tyre)
                ell(w / 2 - 0.2, belt - 0.17, w / 2 + 0.2, belt + 0.23, (70, 70, 74))
    elif vtype == "bus_rear":
        col = rng.choice([(170, 30, 30), (30, 80, 160), (234, 234, 228), (220, 120, 20), (40, 120, 80)])
        rect(0.15, 0, 0.6, 0.5, tyre, 0.06)
        rect(w - 0.6, 0, w - 0.15, 0.5, tyre, 0.06)
        rect(0, 0.25, w, h, col, 0.12)
        rect(0, 1.6, w, 1.8, shade(col, 0.6) if col[0] < 200 else (200, 40, 40))
        rect(0.15, 2.05, w - 0.15, 2.95, glass, 0.06)
        route = "%d %s" % (rng.randint(2, 399), rng.choice(["SWARGATE", "HADAPSAR", "KATRAJ", "NIGDI", "DECCAN", "KOTHRUD"]))
        rect(0.45, 2.62, w - 0.45, 2.88, (14, 14, 14))
        fit_text(img, (X(0.5), Y(2.86), X(w - 0.5), Y(2.64)), route, any_font(SIGN_FONT), (255, 140, 0))
        extra_text.append(route)
        rect(0.5, 0.95, w - 0.5, 1.45, shade(col, 0.75), 0.03)
        for j in range(6):
            rect(0.55, 1.0 + 0.075 * j, w - 0.55, 1.03 + 0.075 * j, shade(col, 0.45))
        for x0 in (0.04, w - 0.2):
            rect(x0, 0.6, x0 + 0.16, 1.35, red, 0.03)
            rect(x0, 1.2, x0 + 0.16, 1.35, (240, 150, 20), 0.02)
        rect(0, 0.25, w, 0.55, (30, 30, 32), 0.05)
    elif vtype == "truck_rear":
        paint = rng.choice([(230, 150, 20), (40, 90, 170), (200, 40, 40), (232, 200, 40), (30, 130, 90)])
        for x0 in (0.08, w - 0.76):
            rect(x0, 0, x0 + 0.68, 1.0, tyre, 0.12)
        rect(0.3, 0.5, w - 0.3, 1.02, (42, 42, 44))
        for j in range(8):
            x0 = 0.1 + j * (w - 0.2) / 8
            rect(x0, 0.36, x0 + (w - 0.2) / 8, 0.54, (220, 30, 30) if j % 2 == 0 else (240, 240, 240))
        rect(0, 1.0, w, h, paint, 0.03)
        rect(0.06, 1.06, w - 0.06, h - 0.06, shade(paint, 0.7))
        rect(0.12, 1.12, w - 0.12, h - 0.12, paint)
        ink = (180, 20, 20) if paint[0] < 180 or paint[1] > 180 else (20, 20, 20)
        for txt, y0, y1 in (("HORN OK PLEASE", 1.95, 2.45), ("USE DIPPER AT NIGHT", 1.45, 1.72)):
            fit_text(img, (X(0.25), Y(y1), X(w - 0.25), Y(y0)), txt, any_font(SIGN_FONT), ink)
            extra_text.append(txt)
        for x0 in (0.12, w - 0.36):
            rect(x0, 0.6, x0 + 0.24, 0.76, red2, 0.02)
    elif vtype == "auto_rear":
        low = rng.choice([(236, 190, 20), (40, 120, 50)])
        rect(0.0, 0, 0.2, 0.42, tyre, 0.06)
        rect(w - 0.2, 0, w, 0.42, tyre, 0.06)
        poly([(0.05, 0.22), (w - 0.05, 0.22), (w - 0.02, 0.96), (0.02, 0.96)], low)
        rect(0, 0.9, w, h, (22, 22, 24), 0.25)
        rect(0.2, 1.12, w - 0.2, 1.58, (52, 52, 56), 0.08)
        if low[0] > 200:
            rect(0, 0.9, w, 1.0, (30, 100, 40))
        for x0 in (0.06, w - 0.2):
            ell(x0, 0.64, x0 + 0.14, 0.76, red2)
    elif vtype == "bike_rear":
        bike = rng.choice([(20, 20, 22), (150, 20, 24), (30, 50, 120), (90, 90, 94)])
        shirt = rng.choice([(200, 60, 50), (40, 70, 140), (230, 230, 220), (60, 110, 60), (120, 90, 60)])
        pants = rng.choice([(30, 40, 70), (40, 40, 42), (110, 100, 80)])
        helmet = rng.choice([(20, 20, 22), (220, 220, 220), (200, 30, 30), (240, 200, 40)])
        rect(0.33, 0, 0.47, 0.6, tyre, 0.07)
        rect(0.06, 0.35, 0.24, 0.95, pants, 0.06)
        rect(w - 0.24, 0.35, w - 0.06, 0.95, pants, 0.06)
        rect(0.03, 0.3, 0.24, 0.4, (22, 22, 22), 0.04)
        rect(w - 0.24, 0.3, w - 0.03, 0.4, (22, 22, 22), 0.04)
        rect(0.2, 0.75, 0.6, 1.0, bike, 0.08)
        poly([(0.25, 0.6), (0.55, 0.6), (0.6, 0.96), (0.2, 0.96)], bike)
        poly([(0.13, 0.95), (0.67, 0.95), (0.74, 1.38), (0.06, 1.38)], shirt)
        rect(0.0, 1.05, 0.1, 1.3, shirt, 0.04)
        rect(w - 0.1, 1.05, w, 1.3, shirt, 0.04)
        ell(0.26, 1.33, 0.54, 1.62, helmet)
        rect(0.31, 0.93, 0.49, 1.0, red2, 0.02)
    # Plate mount: a dark recess a little larger than the plate.
    rect(w / 2 - pw_m / 2 - 0.035, py - ph_m / 2 - 0.03, w / 2 + pw_m / 2 + 0.035, py + ph_m / 2 + 0.03, (28, 28, 30), 0.02)
    return img, (X(w / 2), Y(py)), extra_text


def fit_text(img, box, text, path, fill, stroke=0, stroke_fill=None, hfrac=0.78):
    """Draws `text` centred in `box` (x0, y0, x1, y1), as large as fits."""
    x0, y0, x1, y1 = box
    f = font(path, 100)
    l, t, r, b = f.getbbox(text, stroke_width=stroke)
    size = 100 * min((x1 - x0) * 0.92 / max(1, r - l), (y1 - y0) * hfrac / max(1, b - t))
    f = font(path, size)
    st = max(0, round(stroke * size / 100))
    l, t, r, b = f.getbbox(text, stroke_width=st)
    ImageDraw.Draw(img).text(((x0 + x1 - (r - l)) / 2 - l, (y0 + y1 - (b - t)) / 2 - t), text, font=f, fill=fill,
                             stroke_width=st, stroke_fill=stroke_fill)


# ---------------------------------------------------------------- geometry helpers

def homography(src, dst):
    """3x3 matrix mapping the 4 points `src` onto `dst`."""
    A, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return np.append(np.linalg.solve(np.array(A, float), np.array(b, float)), 1.0).reshape(3, 3)


def apply_h(m, pts):
    p = np.c_[np.asarray(pts, float), np.ones(len(pts))] @ m.T
    return p[:, :2] / p[:, 2:3]


def proj(X, Y, Z):
    """Scene point (lateral m, height m, depth m) -> pixel."""
    return (VP_X + FOCAL * X / Z, HORIZON + FOCAL * (CAM_H - Y) / Z)


def warp_paste(dst, src, quad):
    """Pastes `src` so that its corners land on `quad` (TL, TR, BR, BL), clipped to `dst`."""
    q = np.array(quad, float)
    x0, y0 = np.floor(q.min(0)).astype(int)
    x1, y1 = np.ceil(q.max(0)).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, dst.width), min(y1, dst.height)
    if x1 <= x0 or y1 <= y0:
        return
    tw = max(np.hypot(*(q[1] - q[0])), np.hypot(*(q[2] - q[3])))
    th = max(np.hypot(*(q[3] - q[0])), np.hypot(*(q[2] - q[1])))
    if src.width > 1.5 * tw or src.height > 1.5 * th:   # shrink first: transform does not antialias
        src = src.resize((max(2, round(min(src.width, tw * 1.25))), max(2, round(min(src.height, th * 1.25)))), Image.LANCZOS)
    src = src.convert("RGBA")
    sw, sh = src.size
    m = homography(q - [x0, y0], [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    m /= m[2, 2]
    out = src.transform((x1 - x0, y1 - y0), Image.PERSPECTIVE, tuple(m.flatten()[:8]), Image.BICUBIC)
    dst.paste(out, (x0, y0), out)


# ---------------------------------------------------------------- background

def sign_image(kind, lines, res):
    """A road sign or board facing the camera, at `res` px/m. Returns (RGBA image, width m, height m)."""
    sf = any_font(SIGN_FONT)
    if kind == "direction":
        wm, hm = 2.6, 0.55 + 0.45 * len(lines)
        img = Image.new("RGBA", (round(wm * res), round(hm * res)), (0, 104, 58, 255))
        d = ImageDraw.Draw(img)
        b = 0.05 * res
        d.rounded_rectangle([b, b, img.width - b, img.height - b], radius=b, outline=(245, 245, 245), width=max(2, round(0.04 * res)))
        for j, t in enumerate(lines):
            y = (0.22 + 0.45 * j) * res
            fit_text(img, (0.15 * res, y, img.width - 0.15 * res, y + 0.5 * res), t, sf, (245, 245, 245))
    elif kind in ("speed", "noparking"):
        wm, hm = 1.0, 1.5
        img = Image.new("RGBA", (round(wm * res), round(hm * res)), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        r = 0.45 * res
        c = (img.width / 2, 0.48 * res)
        if kind == "speed":
            d.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=(250, 250, 250), outline=(210, 20, 20), width=round(0.09 * res))
            fit_text(img, (c[0] - 0.5 * r, c[1] - 0.5 * r, c[0] + 0.5 * r, c[1] + 0.5 * r), "50", sf, (10, 10, 10))
            board, fill, ink = "SPEED LIMIT", (250, 250, 250), (10, 10, 10)
        else:
            d.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=(20, 70, 170), outline=(210, 20, 20), width=round(0.09 * res))
            d.line([c[0] - 0.68 * r, c[1] - 0.68 * r, c[0] + 0.68 * r, c[1] + 0.68 * r], fill=(210, 20, 20), width=round(0.09 * res))
            board, fill, ink = "NO PARKING", (20, 70, 170), (250, 250, 250)
        d.rectangle([0.02 * res, 1.0 * res, img.width - 0.02 * res, 1.45 * res], fill=fill, outline=(10, 10, 10), width=2)
        fit_text(img, (0.04 * res, 1.02 * res, img.width - 0.04 * res, 1.43 * res), board, sf, ink)
    elif kind == "hoarding":
        wm, hm = 6.0, 2.8
        bg = random.Random(lines[0]).choice([(250, 210, 40), (30, 60, 150), (200, 30, 40), (245, 245, 240), (20, 110, 60)])
        ink = (20, 20, 20) if sum(bg) > 450 else (250, 250, 250)
        img = Image.new("RGBA", (round(wm * res), round(hm * res)), bg + (255,))
        d = ImageDraw.Draw(img)
        d.rectangle([0, 0, img.width - 1, img.height - 1], outline=(60, 60, 60), width=max(2, round(0.08 * res)))
        fit_text(img, (0.3 * res, 0.2 * res, img.width - 0.3 * res, 1.5 * res), lines[0], sf, ink)
        fit_text(img, (0.8 * res, 1.6 * res, img.width - 0.8 * res, 2.5 * res), lines[1], sf, ink)
    return img, wm, hm


def facade(rng, length, height, res, board, sub, board_font):
    """Texture of a building's street face, x along the street, at `res` px/m."""
    col = rng.choice(PASTELS)
    img = Image.new("RGB", (max(2, round(length * res)), max(2, round(height * res))), col)
    d = ImageDraw.Draw(img)
    Y = lambda y: (height - y) * res
    floors = int((height - 4.6) // 3.1)
    win = shade(col, 0.35)
    for fl in range(floors):
        yb = 4.9 + fl * 3.1
        n = max(1, int(length // 2.6))
        for j in range(n):
            xc = (j + 0.5) * length / n
            d.rectangle([(xc - 0.6) * res, Y(yb + 1.4), (xc + 0.6) * res, Y(yb)], fill=win, outline=shade(col, 0.8), width=max(1, round(0.08 * res)))
            d.line([xc * res, Y(yb + 1.4), xc * res, Y(yb)], fill=shade(col, 0.8), width=max(1, round(0.05 * res)))
        d.rectangle([0, Y(yb - 0.25), img.width, Y(yb - 0.4)], fill=shade(col, 0.85))
    # ground floor: shop openings / shutters
    n = max(1, int(length // 4))
    for j in range(n):
        x0, x1 = (j * length / n + 0.3) * res, ((j + 1) * length / n - 0.3) * res
        if rng.random() < 0.55:
            d.rectangle([x0, Y(2.8), x1, Y(0)], fill=(58, 54, 50))
            d.rectangle([x0, Y(2.8), x1, Y(2.2)], fill=(120, 116, 110))
        else:
            d.rectangle([x0, Y(2.8), x1, Y(0)], fill=(150, 150, 146))
            for k in range(1, 14):
                y = Y(2.8 * k / 14)
                d.line([x0, y, x1, y], fill=(118, 118, 114), width=max(1, round(0.03 * res)))
    if board:
        bg = rng.choice([(200, 30, 40), (30, 60, 150), (250, 210, 40), (245, 245, 240), (20, 110, 60), (240, 120, 20)])
        ink = (20, 20, 20) if sum(bg) > 450 else (250, 250, 250)
        y1 = 4.45 if sub else 4.1
        d.rectangle([0.2 * res, Y(y1), img.width - 0.2 * res, Y(3.0)], fill=bg, outline=shade(bg, 0.6), width=max(1, round(0.05 * res)))
        if sub:
            fit_text(img, (0.4 * res, Y(y1 - 0.05), img.width - 0.4 * res, Y(3.75)), board, board_font, ink)
            fit_text(img, (1.0 * res, Y(3.75), img.width - 1.0 * res, Y(3.05)), sub, board_font, ink)
        else:
            fit_text(img, (0.4 * res, Y(y1 - 0.05), img.width - 0.4 * res, Y(3.05)), board, board_font, ink)
    return img


def make_background(rng, short):
    """The static street scene (RGB) and every text drawn on it."""
    texts = []
    a = np.zeros((H, W, 3), np.float32)
    sky_top, sky_hor = np.array([126, 158, 196], np.float32), np.array([208, 212, 216], np.float32)
    ys = (np.arange(HORIZON + 1, dtype=np.float32) / HORIZON) ** 0.8
    a[:HORIZON + 1] = (sky_top + (sky_hor - sky_top) * ys[:, None])[:, None, :]
    # Road: asphalt with low-frequency stains and grain, hazier with distance.
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    low = Image.fromarray(nrng.integers(0, 255, (24, 40), dtype=np.uint8)).resize((W, H), Image.BICUBIC)
    grain = nrng.normal(0, 2.0, (H, W)).astype(np.float32)
    vv = np.arange(H, dtype=np.float32)
    dist = FOCAL * CAM_H / np.maximum(vv - HORIZON, 0.5)
    haze = (1 - np.exp(-dist / 140.0))[:, None, None]
    asphalt = 92 + (np.asarray(low, np.float32) - 128) * 0.035 + grain
    road = asphalt[..., None] * np.array([1.0, 1.0, 1.03], np.float32)
    road = road * (1 - haze) + sky_hor * haze
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    # Distant skyline.
    for _ in range(18):
        x = rng.uniform(VP_X - 300, VP_X + 300)
        bw, bh = rng.uniform(14, 60), rng.uniform(6, 70)
        c = rng.randint(150, 190)
        d.rectangle([x, HORIZON - bh, x + bw, HORIZON + 2], fill=(c, c + 4, c + 10))
    # Footpaths (beyond the kerbs) and everything else on the ground.
    for s in (-1, 1):
        d.polygon([proj(s * 5.6, 0.18, 300), proj(s * 30, 0.18, 300), proj(s * 30, 0.18, 1.0), proj(s * 5.6, 0.18, 1.0)], fill=(150, 142, 132))
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon([proj(-5.6, 0, 400), proj(5.6, 0, 400), proj(5.6, 0, 1.0), proj(-5.6, 0, 1.0)], fill=255)
    img.paste(Image.fromarray(np.clip(road, 0, 255).astype(np.uint8)), (0, 0), mask)
    d = ImageDraw.Draw(img)

    def ground_quad(x0, x1, z0, z1, fill, y=0.0):
        d.polygon([proj(x0, y, z1), proj(x1, y, z1), proj(x1, y, z0), proj(x0, y, z0)], fill=fill)

    paint = (222, 222, 214)
    z = rng.uniform(2.0, 8.0)
    while z < 160:
        for xl in (-1.75, 1.75):
            ground_quad(xl - 0.07, xl + 0.07, max(z, 1.2), z + 3.0, paint)
        z += 7.5
    ground_quad(-5.35, -5.2, 1.2, 300, (226, 196, 60))
    ground_quad(5.2, 5.35, 1.2, 300, paint)
    if not short and rng.random() < 0.6:
        zc = rng.uniform(13, 20)
        x = -5.0
        while x < 5.0:
            ground_quad(x, x + 0.5, zc, zc + 3.0, paint)
            x += 1.0
    # Kerbs: painted blocks, black/yellow or black/white.
    alt = rng.choice([(230, 190, 40), (232, 232, 228)])
    for s in (-1, 1):
        z, k = 1.0, 0
        while z < 160:
            c = alt if k % 2 else (30, 30, 30)
            xo, xi = (s * 5.6, s * 5.4)
            d.polygon([proj(xi, 0.18, z), proj(xo, 0.18, z), proj(xo, 0.18, z + 1), proj(xi, 0.18, z + 1)], fill=shade(c, 0.9))
            d.polygon([proj(xi, 0, z), proj(xi, 0.18, z), proj(xi, 0.18, z + 1), proj(xi, 0, z + 1)], fill=c)
            z += 1.0
            k += 1
    # Buildings along both sides, far to near, with shop boards.
    shops = rng.sample(SHOPS, len(SHOPS))
    subs = rng.sample(SUBLINES, len(SUBLINES))
    blds = []
    for s in (-1, 1):
        z = rng.uniform(3.5, 5.0)
        while z < 140:
            length = rng.uniform(6, 14)
            blds.append((s, z, z + length, rng.uniform(7.5, 17.0)))
            z += length
    for s, za, zb, hb in sorted(blds, key=lambda b: -b[1]):
        near = za < 45
        board = shops.pop() if near and shops else None
        sub = subs.pop() if board and subs and rng.random() < 0.75 else None
        bfont = any_font(rng.choice(BOARD_FONTS))
        res = min(110.0, max(12.0, FOCAL / max(za, 1) * 0.9))
        tex = facade(rng, zb - za, hb, res, board, sub, bfont)
        if board:
            texts.append(board)
            if sub:
                texts.append(sub)
        X = s * 8.6
        if s < 0:
            quad = [proj(X, hb, za), proj(X, hb, zb), proj(X, 0.18, zb), proj(X, 0.18, za)]
        else:
            quad = [proj(X, hb, zb), proj(X, hb, za), proj(X, 0.18, za), proj(X, 0.18, zb)]
        warp_paste(img, tex, quad)
    # Street furniture facing the camera, far to near: trees, signs on poles, hoardings.
    items = []
    for k in range(rng.randint(3, 5)):
        items.append(("tree", rng.choice([-1, 1]) * rng.uniform(6.8, 7.6), rng.uniform(16, 70), None))
    dirs = rng.sample(DIRECTIONS, 2)
    signs = [("direction", dirs[0]), ("speed", ["SPEED LIMIT 50"]), ("noparking", ["NO PARKING"])]
    if not short:
        signs.append(("direction", dirs[1]))
    hoards = rng.sample(HOARDINGS, 2 if not short else 1)
    sides = [-1, 1]
    for j, (kind, lines) in enumerate(signs):
        items.append((kind, sides[j % 2] * rng.uniform(6.0, 6.4), rng.uniform(10, 26), lines))
    for j, lines in enumerate(hoards):
        items.append(("hoarding", sides[(j + 1) % 2] * 7.6, rng.uniform(26, 48), lines))
    for kind, X, z, lines in sorted(items, key=lambda it: -it[2]):
        scale = FOCAL / z
        if kind == "tree":
            tx, ty = proj(X, 0.18, z)
            top = proj(X, 3.2, z)[1]
            d.rectangle([tx - 0.12 * scale, top, tx + 0.12 * scale, ty], fill=(88, 66, 46))
            for _ in range(7):
                cx = tx + rng.uniform(-1.4, 1.4) * scale
                cy = proj(X, rng.uniform(3.6, 6.0), z)[1]
                r = rng.uniform(0.9, 1.6) * scale
                g = rng.randint(70, 110)
                d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(40, g, 42))
            continue
        res = min(160.0, scale * 2)
        sign, wm, hm = sign_image(kind, lines, res)
        bottom = 4.6 if kind == "hoarding" else 2.3
        left, top_ = proj(X - wm / 2, bottom + hm, z)
        right, bot = proj(X + wm / 2, bottom, z)
        for px in ((X - wm * 0.35, X + wm * 0.35) if kind == "hoarding" else (X,)):
            a0, t0 = proj(px - 0.05, bottom + hm * 0.5, z)
            a1, t1 = proj(px + 0.05, 0.18, z)
            d.rectangle([a0, t0, a1, t1], fill=(110, 112, 116))
        sign = sign.resize((max(1, round(right - left)), max(1, round(bot - top_))), Image.LANCZOS)
        img.paste(sign, (round(left), round(top_)), sign)
        d = ImageDraw.Draw(img)
        texts.extend(lines)
        if kind in ("speed",):
            texts.append("50")
    return img, texts


# ---------------------------------------------------------------- MDVR overlay

class Overlay:
    """Date/time, channel and device id on a translucent top bar; speed and GPS in outlined text
    at the bottom left. Redrawn once per clip second."""

    def __init__(self, rng):
        self.start = datetime.datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59))
        self.device = "ID %s-%04d" % (rng.choice(["FLT", "MDVR", "BUS", "TRK"]), rng.randint(1, 9999))
        self.lat, self.lon = 18.52 + rng.uniform(-0.06, 0.06), 73.85 + rng.uniform(-0.06, 0.06)
        self.heading = rng.uniform(0, 2 * math.pi)
        self.phase = rng.uniform(0, 2 * math.pi)
        self.font = font(any_font(OSD_FONT), 22)
        self.small = font(any_font(OSD_FONT), 20)
        self.bar_h = 34
        self.bottom = (10, H - 34, 10 + round(self.small.getlength("000 km/h  N00.00000 E00.00000")) + 6, H - 6)
        self.cache = {}

    def speed(self, sec):
        return max(0, int(round(36 + 14 * math.sin(2 * math.pi * sec / 23.0 + self.phase))))

    def texts(self, sec):
        dist = sum(self.speed(s) for s in range(sec)) / 3.6 / 111000.0
        lat = self.lat + dist * math.cos(self.heading)
        lon = self.lon + dist * math.sin(self.heading)
        return ((self.start + datetime.timedelta(seconds=sec)).strftime("%Y-%m-%d %H:%M:%S"),
                "CH1  " + self.device, "%03d km/h  N%.5f E%.5f" % (self.speed(sec), lat, lon))

    def regions(self):
        return [[0, 0, W, self.bar_h], [self.bottom[0], self.bottom[1], self.bottom[2] - self.bottom[0], self.bottom[3] - self.bottom[1]]]

    def patches(self, sec):
        """[(RGBA image, position)] for second `sec`."""
        if sec not in self.cache:
            self.cache.clear()
            when, ch, gps = self.texts(sec)
            top = Image.new("RGBA", (W, self.bar_h), (0, 0, 0, 120))
            d = ImageDraw.Draw(top)
            d.text((12, self.bar_h // 2), when, font=self.font, fill=(255, 255, 255, 255), anchor="lm", stroke_width=1, stroke_fill=(0, 0, 0, 255))
            d.text((W - 12, self.bar_h // 2), ch, font=self.font, fill=(255, 255, 255, 255), anchor="rm", stroke_width=1, stroke_fill=(0, 0, 0, 255))
            x0, y0, x1, y1 = self.bottom
            bot = Image.new("RGBA", (x1 - x0, y1 - y0), (0, 0, 0, 0))
            ImageDraw.Draw(bot).text((3, (y1 - y0) // 2), gps, font=self.small, fill=(255, 255, 255, 255), anchor="lm",
                                     stroke_width=2, stroke_fill=(0, 0, 0, 255))
            self.cache[sec] = [(top, (0, 0)), (bot, (x0, y0))]
        return self.cache[sec]

    def templates(self):
        return ["YYYY-MM-DD hh:mm:ss", "CH1", self.device, "CH1  " + self.device, "NNN km/h", "NNN km/h  N00.00000 E00.00000"]


# ---------------------------------------------------------------- passes

def pass_geometry(p, k):
    """(px/m, plate centre x, plate centre y) of pass `p`, `k` frames after it starts."""
    g = p["geo"]
    if p["motion"] == "cross":
        return g["s"], g["u0"] + g["dir"] * g["speed"] * k / FPS, g["v"]
    nA, nB = g["nA"], g["nB"]
    if k <= nA:
        s = g["s0"] * (g["s1"] / g["s0"]) ** (k / nA)
        return s, VP_X + g["X"] * s, HORIZON + g["Dv"] * s
    b = min(1.0, (k - nA) / nB)
    s = g["s1"] * (1 + 0.12 * b)
    return s, g["u1"] + g["dir"] * g["Dx"] * b ** 1.6, HORIZON + g["Dv"] * s


def residual_warp(p, s, u, v):
    """Homography (frame -> frame) that turns the vehicle face by `yaw` about the plate centre and
    rolls it by `roll`, or None."""
    if not p["yaw"] and not p["roll"]:
        return None
    th = math.radians(p["yaw"])
    k = math.sin(th) / FOCAL
    c = math.cos(th)
    m = np.array([[u * k + c, 0, u * (1 - u * k) - u * c],
                  [HORIZON * k, 1, -HORIZON * u * k],
                  [k, 0, 1 - u * k]])
    if p["roll"]:
        r = math.radians(p["roll"])
        t1 = np.array([[1, 0, -u], [0, 1, -v], [0, 0, 1.0]])
        rot = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1.0]])
        t2 = np.array([[1, 0, u], [0, 1, v], [0, 0, 1.0]])
        m = t2 @ rot @ t1 @ m
    return m / m[2, 2]


def frame_layout(p, n):
    """Everything about pass `p` in frame `n` that both the renderer and the ground truth use."""
    k = n - p["f0"]
    if k < 0 or k >= p["frames"]:
        return None
    s, u, v = pass_geometry(p, k)
    mw, mh = PLATE_M[p["layout"]]
    pw = max(4, int(round(mw * s)))
    ph = max(2, int(round(pw * mh / mw)))
    px0, py0 = int(round(u - pw / 2)), int(round(v - ph / 2))
    vw, vh, vy = VEHICLES[p["vehicle"]]
    body = np.array([(u - vw / 2 * s, v - (vh - vy) * s), (u + vw / 2 * s, v - (vh - vy) * s),
                     (u + vw / 2 * s, v + vy * s), (u - vw / 2 * s, v + vy * s)])
    plate = np.array([(px0, py0), (px0 + pw, py0), (px0 + pw, py0 + ph), (px0, py0 + ph)], float)
    m = residual_warp(p, s, px0 + pw / 2, py0 + ph / 2)   # about the drawn plate's centre
    if m is not None:
        body, plate = apply_h(m, body), apply_h(m, plate)
    bx0, by0 = np.floor(plate.min(0) + 1e-6).astype(int)
    bx1, by1 = np.ceil(plate.max(0) - 1e-6).astype(int)
    return dict(s=s, u=u, v=v, pw=pw, ph=ph, px0=px0, py0=py0, warp=m, body=(*body.min(0), *body.max(0)),
                box=(int(bx0), int(by0), int(bx1), int(by1)))


def body_visible(lay):
    x0, y0, x1, y1 = lay["body"]
    return x1 > 0 and x0 < W and y1 > 0 and y0 < H


def make_pass(rng, states, used, motion, layout, kind, scheme, font_name, vehicle, degradation, yaw=0.0, roll=0.0,
              ind=False, w0=None, w1=None, cross_w=None, speed=None, direction=None, X=None, nA=None):
    """A pass with its own geometry (start frame `f0` is set by the scheduler)."""
    while True:
        lines, display = random_mark(rng, states, kind, layout)
        if "".join(lines) not in used:
            used.add("".join(lines))
            break
    mw, mh = PLATE_M[layout]
    vw = VEHICLES[vehicle][0]
    p = dict(motion=motion, layout=layout, kind=kind, lines=lines, display=display, scheme=scheme, font=font_name,
             vehicle=vehicle, degradation=degradation, yaw=yaw, roll=roll, ind=ind, seed=rng.randrange(1 << 30))
    if motion == "approach":
        w0 = w0 or rng.uniform(54, 66)
        w1 = w1 or rng.uniform(228, 262)
        nA, nB = nA or round(rng.uniform(3.0, 4.4) * FPS), round(rng.uniform(1.1, 1.6) * FPS)
        s0, s1 = w0 / mw, w1 / mw
        X = rng.uniform(-0.55, 0.55) if X is None else X
        v_end = rng.uniform(540, 600)
        Dv = (v_end - HORIZON) / s1
        u1 = VP_X + X * s1
        dirx = (1 if X > 0 else -1) if abs(X) > 0.12 else rng.choice([-1, 1])
        s_end = s1 * 1.12
        Dx = (W - u1 if dirx > 0 else u1) + vw / 2 * s_end + 12
        p["geo"] = dict(s0=s0, s1=s1, nA=nA, nB=nB, X=X, Dv=Dv, u1=u1, dir=dirx, Dx=Dx)
        p["frames"] = nA + nB + 1
    else:
        w = cross_w or rng.uniform(70, 200)
        s = w / mw
        direction = direction or rng.choice([-1, 1])
        speed = speed or rng.uniform(380, 640)
        half = vw / 2 * s + 0.12 * s + 4
        v = 330 + (w - 70) / 130 * 190 + rng.uniform(-25, 25)
        u0 = -half if direction > 0 else W + half
        p["geo"] = dict(s=s, u0=u0, dir=direction, speed=speed, v=v)
        p["frames"] = int(math.ceil((W + 2 * half) / speed * FPS)) + 1
    if degradation == "blur":
        p["degradation_params"] = {"sigma": round(rng.uniform(1.0, 1.7), 2)}
    elif degradation == "motion_blur":
        p["degradation_params"] = {"length": rng.randint(5, 9)}
    elif degradation == "night":
        p["degradation_params"] = {"brightness": round(rng.uniform(0.28, 0.4), 2), "noise_sigma": 7.0}
    else:
        p["degradation_params"] = {}
    return p


SINGLE_VEHICLES = ["car_rear", "car_rear", "car_rear", "car_front", "suv_rear", "suv_rear", "bus_rear", "truck_rear", "auto_rear"]
DOUBLE_VEHICLES = ["bike_rear", "bike_rear", "bike_rear", "auto_rear", "truck_rear", "car_rear"]
NARROW = (["car_rear", "car_rear", "car_front", "suv_rear", "auto_rear"], ["bike_rear", "bike_rear", "auto_rear", "car_rear"])


def random_pass(rng, states, used, motion=None, vehicles=(SINGLE_VEHICLES, DOUBLE_VEHICLES), allow_night=True, **geo):
    motion = motion or rng.choice(["approach", "cross"])
    layout = "double" if rng.random() < 0.25 else "single"
    kind = "bh" if layout == "single" and rng.random() < 0.18 else "standard"
    vehicle = rng.choice(vehicles[layout == "double"])
    commercial = vehicle in ("bus_rear", "truck_rear", "auto_rear")
    if kind == "bh":
        scheme = "white"
    elif commercial:
        scheme = rng.choice(["yellow", "yellow", "yellow", "white", "black"])
    else:
        scheme = rng.choice(["white", "white", "white", "yellow", "green", "black"])
    font_name = rng.choice([n for n, _ in PLATE_FONTS])
    degr = rng.choices(["none", "blur", "motion_blur", "night"], [0.38, 0.2, 0.24, 0.18 if allow_night else 0])[0]
    yaw = roll = 0.0
    if rng.random() < 0.35:
        yaw = rng.choice([-1, 1]) * rng.uniform(14, 30)
        roll = rng.uniform(-4, 4) if rng.random() < 0.5 else 0.0
    ind = layout == "single" and rng.random() < 0.35
    return make_pass(rng, states, used, motion, layout, kind, scheme, font_name, vehicle, degr, yaw, roll, ind, **geo)


def random_pair(rng, states, used):
    """Two passes on screen together without hiding each other's plate: two vehicles crossing
    the same way one after the other, or two approaching side by side. The second one's start
    (frames after the first's) is in its `offset`."""
    if rng.random() < 0.5:
        d, sp = rng.choice([-1, 1]), rng.uniform(380, 480)
        a, b = (random_pass(rng, states, used, "cross", NARROW, False, cross_w=rng.uniform(72, 125), speed=sp, direction=d)
                for _ in range(2))
        half = lambda p: (VEHICLES[p["vehicle"]][0] / 2 + 0.12) * p["geo"]["s"]
        b["offset"] = int(math.ceil((half(a) + half(b) + 30) / sp * FPS))
    else:
        X, nA = rng.uniform(0.64, 0.78), round(rng.uniform(3.0, 4.0) * FPS)
        a = random_pass(rng, states, used, "approach", NARROW, False, X=-X, nA=nA)
        b = random_pass(rng, states, used, "approach", NARROW, False, X=X, nA=nA + rng.randint(-6, 6))
        b["offset"] = rng.randint(0, 8)
    return [a, b]


def compute_truth(passes, total, overlay_regions):
    """Per-pass first/last/frames/hidden_frames, plus a per-frame list of visible vehicles."""
    layouts = [[None] * total for _ in passes]
    for i, p in enumerate(passes):
        for n in range(max(0, p["f0"]), min(total, p["f0"] + p["frames"])):
            lay = frame_layout(p, n)
            if lay is not None and body_visible(lay):
                layouts[i][n] = lay
    truth = [dict(first_frame=None, last_frame=None, frames=[], hidden_frames=[]) for _ in passes]
    occluders = [(x, y, x + w, y + h) for x, y, w, h in overlay_regions]
    for n in range(total):
        vis = [(lay["s"], i, lay) for i in range(len(passes)) if (lay := layouts[i][n]) is not None]
        vis.sort(key=lambda t: (t[0], t[1]))
        for j, (_, i, lay) in enumerate(vis):
            x0, y0, x1, y1 = lay["box"]
            t = truth[i]
            if x1 > 0 and x0 < W and y1 > 0 and y0 < H:
                t["first_frame"] = n if t["first_frame"] is None else t["first_frame"]
                t["last_frame"] = n
            if x0 >= 0 and y0 >= 0 and x1 <= W and y1 <= H:
                covers = occluders + [later[2]["body"] for later in vis[j + 1:]]
                if any(x0 < c[2] and c[0] < x1 and y0 < c[3] and c[1] < y1 for c in covers):
                    t["hidden_frames"].append(n)
                else:
                    t["frames"].append([n, x0, y0, x1 - x0, y1 - y0])
    return truth, layouts


def runs(flags, min_len):
    out, start = [], None
    for n, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = n
        elif not f and start is not None:
            if n - start >= min_len:
                out.append([start, n - 1])
            start = None
    return out


def check_plan(passes, truth, layouts, total, short):
    """Why the plan is not acceptable, or None."""
    if any(len(t["frames"]) < 25 for t in truth):
        return "a pass with too few visible frames"
    on = [sum(layouts[i][n] is not None for i in range(len(passes))) for n in range(total)]
    plates = [0] * total
    for t in truth:
        for f in t["frames"]:
            plates[f[0]] += 1
    if short:
        return "two vehicles at once" if max(on) > 1 else None
    if len(runs([c >= 2 for c in plates], 25)) < 2:
        return "fewer than 2 moments with two plates"
    if not runs([c == 0 for c in on], 8 * FPS):
        return "no idle stretch"
    for i, p in enumerate(passes):
        if p["degradation"] == "night":
            a, b = night_window(p)
            if any(on[n] > 1 for n in range(max(0, a), min(total, b + 1))):
                return "night pass shares the screen"
    ms = [p["motion"] for p in passes]
    if ms.count("approach") < 2 or ms.count("cross") < 2:
        return "motion mix"
    if not any(p["layout"] == "double" for p in passes) or not any(p["yaw"] for p in passes):
        return "no two-line or no perspective plate"
    if not any(p["kind"] == "bh" for p in passes):
        return "no BH plate"
    if sum(p["degradation"] != "none" for p in passes) < 3:
        return "too few degradations"
    return None


def night_window(p):
    return p["f0"] - 12, p["f0"] + p["frames"] + 12


def plan_mixed(rng, states, seconds, overlay_regions):
    total = seconds * FPS
    for attempt in range(2000):
        n = rng.randint(8, 12)
        n_pairs = 2 + (n >= 11)
        used = set()
        kinds = ["pair"] * n_pairs + ["single"] * (n - 2 * n_pairs)
        rng.shuffle(kinds)
        passes = []
        for k in kinds:
            passes += random_pair(rng, states, used) if k == "pair" else [random_pass(rng, states, used)]
        gaps = set(rng.sample([i for i, p in enumerate(passes) if "offset" not in p], 2 if n <= 9 else 1))
        end = rng.randint(int(0.4 * FPS), int(1.5 * FPS))
        for i, p in enumerate(passes):
            if "offset" in p:
                p["f0"] = passes[i - 1]["f0"] + p.pop("offset")
            else:
                gap = rng.randint(int(0.25 * FPS), int(0.9 * FPS))
                if p["degradation"] == "night" or (i and passes[i - 1]["degradation"] == "night"):
                    gap += 14
                if i in gaps:
                    gap += rng.randint(int(8.2 * FPS), int(10.5 * FPS))
                p["f0"] = end + gap
            end = max(end, p["f0"] + p["frames"])
        if end > total - 10:
            continue
        truth, layouts = compute_truth(passes, total, overlay_regions)
        why = check_plan(passes, truth, layouts, total, False)
        if why is None:
            return passes, truth, attempt
    raise RuntimeError("could not plan a clip")


def plan_short(rng, states, seconds, overlay_regions):
    total = seconds * FPS
    used = set()
    passes = [
        make_pass(rng, states, used, "approach", "single", "standard", "white", "dejavu-sans-bold", "car_rear", "none",
                  w0=82, w1=250, X=0.2),
        make_pass(rng, states, used, "cross", "double", "standard", "yellow", "dejavu-sans-bold", "auto_rear", "none",
                  cross_w=165, speed=470, direction=1),
        make_pass(rng, states, used, "cross", "single", "bh", "white", "dejavu-sans-mono-bold", "car_rear", "none",
                  cross_w=150, speed=440, direction=-1),
    ]
    t = int(3.2 * FPS)
    for p in passes:
        p["f0"] = t
        t += p["frames"] + int(0.8 * FPS)
    assert t - int(0.8 * FPS) <= total, "passes_short does not fit"
    truth, layouts = compute_truth(passes, total, overlay_regions)
    why = check_plan(passes, truth, layouts, total, True)
    assert why is None, why
    return passes, truth, 0


# ---------------------------------------------------------------- rendering

def smear(canvas, length, dx, dy):
    """Directional motion blur of an RGBA image (premultiplied alpha); returns (image, pad)."""
    a = np.asarray(canvas, np.float32)
    h, w = a.shape[:2]
    alpha = a[..., 3:4] / 255.0
    prem = np.concatenate([a[..., :3] * alpha, alpha], axis=2)
    pad = length
    acc = np.zeros((h + 2 * pad, w + 2 * pad, 4), np.float32)
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    for i in range(length):
        t = i - (length - 1) / 2
        ox, oy = int(round(t * ux)), int(round(t * uy))
        acc[pad + oy:pad + oy + h, pad + ox:pad + ox + w] += prem
    acc /= length
    al = acc[..., 3:4]
    rgb = acc[..., :3] / np.maximum(al, 1e-4)
    out = np.concatenate([rgb, al * 255.0], axis=2)
    return Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), "RGBA"), pad


class PassRenderer:
    def __init__(self, p):
        self.p = p
        rng = random.Random(p["seed"])
        _, path = plate_font(p["font"])
        self.plate = render_plate(p["display"], p["scheme"], path, p["layout"], p["ind"])
        mw = PLATE_M[p["layout"]][0]
        if p["motion"] == "cross":
            smax = p["geo"]["s"]
        else:
            smax = p["geo"]["s1"] * 1.12
        base_scale = min(smax * 1.02, 700.0)
        sprite, (cx, cy), self.texts = vehicle_sprite(p["vehicle"], rng, base_scale, p["layout"])
        # (px/m, premultiplied image, plate centre), each level 1/sqrt(2) of the previous one, so
        # that a frame's resize never shrinks by more than that (cost grows with the source area).
        sprite = sprite.convert("RGBa")
        smin = p["geo"]["s"] if p["motion"] == "cross" else p["geo"]["s0"]
        self.levels = [(base_scale, sprite, (cx, cy))]
        while self.levels[-1][0] > smin and min(self.levels[-1][1].size) >= 16:
            sc, im, (x, y) = self.levels[-1]
            sm = im.resize((max(2, round(im.width / 1.414)), max(2, round(im.height / 1.414))), Image.LANCZOS)
            f = sm.width / im.width
            self.levels.append((sc * f, sm, (x * f, y * sm.height / im.height)))
        self.cached = None

    def draw(self, frame, lay, n):
        if self.p["motion"] == "cross":
            # Constant size: render once (uncropped), then shift by whole pixels with the plate.
            if self.cached is None:
                built = self.build(lay, n, 4000)
                if built is None:
                    return
                canvas, ox, oy = built
                self.cached = ([self.noisy(canvas, k) for k in range(3)], lay["px0"] - ox, lay["py0"] - oy)
            variants, rx, ry = self.cached
            canvas = variants[n % 3]
            frame.paste(canvas, (lay["px0"] - rx, lay["py0"] - ry), canvas)
            return
        built = self.build(lay, n, 24 if lay["warp"] is None else 420)
        if built is not None:
            canvas, ox, oy = built
            canvas = self.noisy(canvas, n)
            frame.paste(canvas, (ox, oy), canvas)

    def noisy(self, canvas, n):
        """Sensor noise on the vehicle (the background frames carry their own)."""
        a = np.asarray(canvas).astype(np.int16)
        nh, nw = self.noise.shape[:2]
        ch, cw = a.shape[:2]
        if ch > nh or cw > nw:
            return canvas
        y0, x0 = (n * 37) % (nh - ch + 1), (n * 61) % (nw - cw + 1)
        a[..., :3] += self.noise[y0:y0 + ch, x0:x0 + cw]
        np.clip(a, 0, 255, out=a)
        return Image.fromarray(a.astype(np.uint8), "RGBA")

    def build(self, lay, n, margin):
        """The vehicle with its plate, warped and degraded: (RGBA image, x, y) or None."""
        p, s, u, v = self.p, lay["s"], lay["u"], lay["v"]
        lvl = self.levels[0]
        for L in self.levels:
            if L[0] >= s:
                lvl = L
        sc, sprite, (cx, cy) = lvl
        r = s / sc
        bx, by = u - cx * r, v - cy * r
        ix0, iy0 = max(int(math.ceil(bx)), -margin), max(int(math.ceil(by)), -margin)
        ix1, iy1 = min(int(math.floor(bx + sprite.width * r)), W + margin), min(int(math.floor(by + sprite.height * r)), H + margin)
        if ix1 - ix0 < 2 or iy1 - iy0 < 2:
            return None
        box = ((ix0 - bx) / r, (iy0 - by) / r, (ix1 - bx) / r, (iy1 - by) / r)
        canvas = sprite.resize((ix1 - ix0, iy1 - iy0), Image.BILINEAR, box=box).convert("RGBA")
        plate = self.plate.resize((lay["pw"], lay["ph"]), Image.BILINEAR)
        canvas.paste(plate, (lay["px0"] - ix0, lay["py0"] - iy0))
        ox, oy = ix0, iy0
        m = lay["warp"]
        if m is not None:
            corners = apply_h(m, [(ix0, iy0), (ix1, iy0), (ix1, iy1), (ix0, iy1)])
            qx0, qy0 = np.floor(corners.min(0)).astype(int)
            qx1, qy1 = np.ceil(corners.max(0)).astype(int)
            qx0, qy0, qx1, qy1 = max(qx0, -margin), max(qy0, -margin), min(qx1, W + margin), min(qy1, H + margin)
            if qx1 - qx0 < 2 or qy1 - qy0 < 2:
                return None
            t_out = np.array([[1, 0, qx0], [0, 1, qy0], [0, 0, 1.0]])
            t_in = np.array([[1, 0, -ix0], [0, 1, -iy0], [0, 0, 1.0]])
            a = t_in @ np.linalg.inv(m) @ t_out
            a /= a[2, 2]
            canvas = canvas.transform((qx1 - qx0, qy1 - qy0), Image.PERSPECTIVE, tuple(a.flatten()[:8]), Image.BILINEAR)
            ox, oy = int(qx0), int(qy0)
        d = p["degradation"]
        if d == "blur":
            sg = p["degradation_params"]["sigma"]
            pad = int(math.ceil(3 * sg))
            padded = Image.new("RGBA", (canvas.width + 2 * pad, canvas.height + 2 * pad), (0, 0, 0, 0))
            padded.paste(canvas, (pad, pad))
            canvas = padded.filter(ImageFilter.GaussianBlur(sg))
            ox, oy = ox - pad, oy - pad
        elif d == "motion_blur":
            if p["motion"] == "cross":
                dx, dy = 1.0, 0.0
            else:
                nxt = pass_geometry(p, n - p["f0"] + 1)
                dx, dy = nxt[1] - u, nxt[2] - v
                if abs(dx) + abs(dy) < 1e-3:
                    dx, dy = 0.0, 1.0
            canvas, pad = smear(canvas, p["degradation_params"]["length"], dx, dy)
            ox, oy = ox - pad, oy - pad
        return canvas, ox, oy


DAY_SIGMA = 2.6


def render(path_mp4, path_264, bg, passes, layouts, total, overlay, profile, seed):
    nrng = np.random.default_rng(seed)
    pad = 64
    # Four noisy copies of the static background, used in turn (no two consecutive frames share
    # their noise), and a larger noise field for the vehicles and for low light.
    bg_arr = np.asarray(bg).astype(np.int16)
    bgs = [Image.fromarray(np.clip(bg_arr + np.round(nrng.normal(0, DAY_SIGMA, (H, W, 1))).astype(np.int16), 0, 255).astype(np.uint8))
           for _ in range(4)]
    PassRenderer.noise = np.round(nrng.normal(0, DAY_SIGMA, (H + 2 * 500, W + 2 * 500, 1))).astype(np.int16)
    night = [np.round(nrng.normal(0, 6.0, (H + pad, W + pad, 1))).astype(np.int16) for _ in range(2)]
    renderers = {}
    night_f = np.zeros(total, np.float32)
    night_c = np.zeros((total, 3), np.float32)
    for p in passes:
        if p["degradation"] == "night":
            a, b = night_window(p)
            br = p["degradation_params"]["brightness"]
            for n in range(max(0, a), min(total, b + 1)):
                ramp = min(1.0, (n - a) / 12.0, (b - n) / 12.0)
                night_f[n] = max(night_f[n], ramp)
                night_c[n] = 1 - ramp * (1 - np.array([br * 0.92, br * 0.96, br * 1.15]))
    # One encoder thread: libx264's threaded rate control (with VBV) is not bit-exact between runs.
    x264 = ["-c:v", "libx264", "-threads", "1", "-preset", "veryfast", "-profile:v", profile, "-bf", "0",
            "-g", str(GOP), "-keyint_min", str(GOP), "-sc_threshold", "0",
            "-b:v", BITRATE, "-maxrate", BITRATE, "-bufsize", str(int(BITRATE[:-1]) * 2) + "k", "-pix_fmt", "yuv420p"]
    ff = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                           "-s", f"{W}x{H}", "-r", str(FPS), "-i", "-", "-frames:v", str(total), *x264,
                           "-movflags", "+faststart", path_mp4], stdin=subprocess.PIPE)
    try:
        for n in range(total):
            frame = bgs[n % 4].copy()
            vis = [(lay["s"], i, lay) for i in range(len(passes)) if (lay := layouts[i][n]) is not None]
            for _, i, lay in sorted(vis, key=lambda t: (t[0], t[1])):
                if i not in renderers:
                    renderers[i] = PassRenderer(passes[i])
                renderers[i].draw(frame, lay, n)
            for i in list(renderers):
                if n >= passes[i]["f0"] + passes[i]["frames"]:
                    del renderers[i]
            if night_f[n] > 0:
                dy, dx = int(nrng.integers(0, pad)), int(nrng.integers(0, pad))
                fac = np.round(night_c[n] * 256).astype(np.uint16)
                t = np.asarray(frame).astype(np.uint16)
                t *= fac
                t >>= 8
                t = t.view(np.int16)
                if night_f[n] > 0.5:
                    t += night[n % 2][dy:dy + H, dx:dx + W]
                np.clip(t, 0, 255, out=t)
                frame = Image.fromarray(t.astype(np.uint8))
            for im, pos in overlay.patches(n // FPS):
                frame.paste(im, pos, im)
            ff.stdin.write(frame.tobytes())
        ff.stdin.close()
    except BrokenPipeError:
        pass
    if ff.wait() != 0:
        raise RuntimeError("ffmpeg failed encoding " + path_mp4)
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", path_mp4, "-c", "copy",
                    "-bsf:v", "h264_mp4toannexb", "-f", "h264", path_264], check=True)


# ---------------------------------------------------------------- clips

# name -> (seed, seconds, short)
CLIPS = {"passes_short": (4200, 20, True)}
CLIPS.update({"passes_%02d" % k: (4300 + 17 * k, 60, False) for k in range(8)})


def generate_clip(out_dir, name, states, profile="baseline"):
    """Makes OUT_DIR/NAME.264 (+ .mp4) and NAME.json; NAME may end in `_main` (Main profile).
    Returns False when an up-to-date clip is already there."""
    base = name[:-5] if name.endswith("_main") else name
    if base != name:
        profile = "main"
    seed, seconds, short = CLIPS[base]
    params = dict(seed=seed, seconds=seconds, profile=profile, bitrate=BITRATE, gop=GOP, fps=FPS, size=[W, H])
    sidecar = os.path.join(out_dir, name + ".json")
    p264 = os.path.join(out_dir, name + ".264")
    if os.path.exists(sidecar) and os.path.exists(p264):
        try:
            with open(sidecar) as f:
                old = json.load(f)
            if old.get("generator_version") == VERSION and old.get("params") == params:
                return False
        except (OSError, ValueError):
            pass
    t_start = time.time()
    rng = random.Random(seed)
    overlay = Overlay(rng)
    bg, texts = make_background(rng, short)
    total = seconds * FPS
    plan = plan_short if short else plan_mixed
    passes, truth, attempts = plan(random.Random(seed * 7 + 1), states, seconds, overlay.regions())
    _, layouts = compute_truth(passes, total, overlay.regions())
    regexes = mark_regexes(states)
    distractors = []
    extra = set()
    for p in passes:
        _, _, t = vehicle_sprite(p["vehicle"], random.Random(p["seed"]), 4.0, p["layout"])
        extra.update(t)
        if p["ind"]:
            extra.add("IND")
    for t in texts + sorted(extra) + overlay.templates():
        if t not in distractors:
            distractors.append(t)
    bad = [t for t in distractors if is_mark(t, regexes)]
    assert not bad, f"distractors that are valid marks: {bad}"
    render(os.path.join(out_dir, name + ".mp4"), p264, bg, passes, layouts, total, overlay, profile, seed)
    plates = []
    for i, (p, t) in enumerate(zip(passes, truth)):
        fname, _ = plate_font(p["font"])
        plates.append(dict(
            {"pass": i}, text="".join(p["lines"]), lines=p["lines"], display=p["display"], kind=p["kind"],
            layout=p["layout"], color=p["scheme"], font=fname, motion=p["motion"], vehicle=p["vehicle"],
            degradation=p["degradation"], degradation_params=p["degradation_params"],
            perspective=({"yaw_deg": round(p["yaw"], 2), "roll_deg": round(p["roll"], 2)} if p["yaw"] or p["roll"] else None),
            ind_strip=p["ind"], first_frame=t["first_frame"], last_frame=t["last_frame"],
            min_width=min((f[3] for f in t["frames"]), default=0), max_width=max((f[3] for f in t["frames"]), default=0),
            frames=t["frames"], hidden_frames=t["hidden_frames"]))
    on = [any(layouts[i][n] is not None for i in range(len(passes))) for n in range(total)]
    count = [0] * total
    for t in truth:
        for f in t["frames"]:
            count[f[0]] += 1
    sidecar_obj = dict(
        generator_version=VERSION, set="passes", clip=name, width=W, height=H, fps=FPS, seconds=seconds, frames=total,
        gop=GOP, profile=profile, b_frames=0, bitrate=BITRATE, degradation="none" if short else "mixed", params=params,
        overlay=dict(start=overlay.start.strftime("%Y-%m-%d %H:%M:%S"), device=overlay.device, channel="CH1",
                     regions=overlay.regions()),
        idle=runs([not o for o in on], 1), multi_plate=runs([c >= 2 for c in count], 1),
        distractors=distractors, plates=plates)
    with open(sidecar, "w") as f:
        json.dump(sidecar_obj, f)
    return time.time() - t_start


def generate_set(out_dir, only, states):
    """`gen_clips.py OUT_DIR --set passes [--only NAME ...]`."""
    names = list(only) if only else list(CLIPS)
    for name in names:
        base = name[:-5] if name.endswith("_main") else name
        if base not in CLIPS:
            print(f"passes: unknown clip {name} (known: {', '.join(CLIPS)}, each optionally with _main)", file=sys.stderr)
            return 2
    for name in names:
        made = generate_clip(out_dir, name, states)
        if made is False:
            print("up to date " + os.path.join(out_dir, name), flush=True)
        else:
            print("generated %s (%.1f s)" % (os.path.join(out_dir, name), made), flush=True)
    return 0

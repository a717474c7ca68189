//! `fleetsight bench decode`: openh264 decode throughput in frames per CPU-second, next to
//! libavcodec (`ffmpeg -benchmark -threads 1`) on the same clips, as a ratio. CPU time rather
//! than wall time, because CI machines are shared and wall time is noise there.
//!
//! It also measures what decoder isolation costs: a stream's decoding (every 5th picture kept and
//! copied out, as at the default 5 fps analysis rate) in this process and through a
//! `fleetsight-decoder` child, both in CPU seconds of the whole process, children included.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};
use ingest::decode::{DecodeConfig, FrameDecoder, Output, ProcessDecoder};
use ingest::source::file::load_clip;

/// The clips `tests/clips/gen_clips.py` makes, in the order the table prints them.
pub const DECODE_CLIPS: [&str; 4] = ["plate720_base", "plate720_main", "plate1080_base", "plate1080_main"];

/// One row of the decode benchmark.
#[derive(Debug, Clone)]
pub struct DecodeFigures {
    /// The clip name.
    pub clip: String,
    /// Frames in the clip.
    pub frames: usize,
    /// openh264 frames per CPU-second (best of the runs).
    pub openh264_fps: f64,
    /// libavcodec frames per CPU-second (best of the runs), if ffmpeg was available.
    pub ffmpeg_fps: Option<f64>,
    /// A stream's decoding in this process (`isolation = "thread"`), frames per CPU-second.
    pub thread_fps: f64,
    /// The same through a decoder child (`isolation = "process"`), if the executable was found.
    pub process_fps: Option<f64>,
}

/// Pictures kept by the isolation comparison: one in 5, the default 5 fps of a 25 fps camera.
const KEEP_EVERY: usize = 5;

pub(crate) fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_THREAD_CPUTIME_ID is always valid on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Decodes `clip.264` `runs` times on this thread; best frames per CPU-second.
pub fn openh264_fps(path: &Path, runs: usize) -> anyhow::Result<(usize, f64)> {
    let units = load_clip(path, 25.0)?;
    let mut best: f64 = 0.0;
    let mut frames = 0;
    for _ in 0..runs.max(1) {
        let mut dec = FrameDecoder::new()?;
        let start = thread_cpu_seconds();
        let mut n = 0;
        for u in &units {
            if dec.decode_discard(&u.data).context("decode")? {
                n += 1;
            }
        }
        let cpu = thread_cpu_seconds() - start;
        frames = n;
        best = best.max(n as f64 / cpu.max(1e-9));
    }
    Ok((frames, best))
}

/// CPU seconds of this process (all threads) and of its children that have been reaped.
fn process_cpu_seconds() -> f64 {
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN]
        .into_iter()
        .map(|who| {
            // SAFETY: rusage is plain data; getrusage fills the one we own.
            let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
            unsafe { libc::getrusage(who, &mut ru) };
            secs(ru.ru_utime) + secs(ru.ru_stime)
        })
        .sum()
}

/// Decodes `clip.264` `runs` times as a stream does (every [`KEEP_EVERY`]th picture kept), in this
/// process (`exe` = None) or through a decoder child; best frames per CPU-second of the process,
/// the child included (it is reaped before the clock is read).
pub fn stream_decode_fps(path: &Path, runs: usize, exe: Option<&Path>) -> anyhow::Result<f64> {
    let units = load_clip(path, 25.0)?;
    let mut best: f64 = 0.0;
    for _ in 0..runs.max(1) {
        let start = process_cpu_seconds();
        let mut n = 0usize;
        match exe {
            None => {
                let mut dec = FrameDecoder::new()?;
                for (i, u) in units.iter().enumerate() {
                    let got = if i % KEEP_EVERY == 0 { dec.decode(&u.data)?.is_some() } else { dec.decode_discard(&u.data)? };
                    n += got as usize;
                }
            }
            Some(exe) => {
                let timeout = Duration::from_secs(10);
                let mut dec = ProcessDecoder::spawn(exe, timeout, false).map_err(|f| anyhow::anyhow!("{f:?}"))?;
                for (i, u) in units.iter().enumerate() {
                    match dec.decode(&u.data, i % KEEP_EVERY == 0).map_err(|f| anyhow::anyhow!("{f:?}"))? {
                        Output::Nothing => {}
                        Output::Decoded | Output::Picture(_) => n += 1,
                    }
                }
            }
        }
        let cpu = process_cpu_seconds() - start;
        best = best.max(n as f64 / cpu.max(1e-9));
    }
    Ok(best)
}

/// Runs `ffmpeg -benchmark -threads 1` on `path` `runs` times; best frames per CPU-second.
pub fn ffmpeg_fps(path: &Path, frames: usize, runs: usize) -> anyhow::Result<f64> {
    let mut best: f64 = 0.0;
    for _ in 0..runs.max(1) {
        let out = Command::new("ffmpeg")
            .args(["-hide_banner", "-nostdin", "-benchmark", "-threads", "1", "-i"])
            .arg(path)
            .args(["-f", "null", "-"])
            .output()
            .context("running ffmpeg")?;
        let text = String::from_utf8_lossy(&out.stderr);
        let line = text.lines().find(|l| l.starts_with("bench: utime=")).context("ffmpeg printed no bench line")?;
        let field = |key: &str| -> Option<f64> {
            let rest = line.split(key).nth(1)?;
            rest.split('s').next()?.parse().ok()
        };
        let (Some(u), Some(s)) = (field("utime="), field("stime=")) else { bail!("cannot parse `{line}`") };
        best = best.max(frames as f64 / (u + s).max(1e-9));
    }
    Ok(best)
}

/// Runs the decode benchmark on every clip found in `dir`.
pub fn decode(dir: &Path, runs: usize) -> anyhow::Result<Vec<DecodeFigures>> {
    let exe = DecodeConfig::default().setup().map_err(|e| tracing::warn!(error = %e, "No process-isolation figures.")).ok().and_then(|s| s.exe);
    let mut rows = Vec::new();
    for clip in DECODE_CLIPS {
        let es: PathBuf = dir.join(format!("{clip}.264"));
        if !es.exists() {
            bail!("{} is missing: generate clips with tests/clips/gen_clips.py {}", es.display(), dir.display());
        }
        let (frames, openh264) = openh264_fps(&es, runs)?;
        let mp4 = dir.join(format!("{clip}.mp4"));
        let ffmpeg = ffmpeg_fps(&mp4, frames, runs).map_err(|e| tracing::warn!(error = %e, "No libavcodec baseline.")).ok();
        let thread_fps = stream_decode_fps(&es, runs, None)?;
        let process_fps = exe.as_deref().map(|exe| stream_decode_fps(&es, runs, Some(exe))).transpose()?;
        rows.push(DecodeFigures { clip: clip.to_string(), frames, openh264_fps: openh264, ffmpeg_fps: ffmpeg, thread_fps, process_fps });
    }
    Ok(rows)
}

/// The table `fleetsight bench decode` prints.
pub fn render_decode(rows: &[DecodeFigures]) -> String {
    let mut s = format!(
        "{:<16} {:>7} {:>16} {:>18} {:>7} {:>13} {:>14} {:>9}\n",
        "clip", "frames", "openh264 fps/cpu", "libavcodec fps/cpu", "ratio", "thread fps/cpu", "process fps/cpu", "isolation"
    );
    for r in rows {
        let (ff, ratio) = match r.ffmpeg_fps {
            Some(f) => (format!("{f:.0}"), format!("{:.2}", r.openh264_fps / f)),
            None => ("n/a".into(), "n/a".into()),
        };
        let (process, cost) = match r.process_fps {
            Some(p) => (format!("{p:.0}"), format!("{:+.1}%", (r.thread_fps / p - 1.0) * 100.0)),
            None => ("n/a".into(), "n/a".into()),
        };
        s += &format!("{:<16} {:>7} {:>16.0} {:>18} {:>7} {:>13.0} {:>14} {:>9}\n", r.clip, r.frames, r.openh264_fps, ff, ratio, r.thread_fps, process, cost);
    }
    s
}


//! `fleetsight bench streams --n N --secs S [--search]`: N live 720p25 cameras (the labelled pass
//! clips on the RTSP test server) through the whole pipeline on embedded defaults. Prints per
//! stream the analysed rate against what its mode owes, drops by reason, passes read exactly,
//! wrong and duplicate reads, analysis and read latency; overall the CPU per stream, the decode
//! share and memory; and one summary line. `--search` finds the largest N that holds.

use std::fmt::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::analysis::AnalysisConfig;
use crate::harness::live::{self, LiveFigures, LiveOptions};
use crate::harness::rtsp::ensure_pass_clips;
use crate::track::TrackerConfig;

/// Distinct 60 s pass clips the cameras cycle through.
const CLIPS: usize = 8;
/// Analysis p99 (frame capture to detection) a holding run stays under, seconds.
const P99_LIMIT_S: f64 = 1.0;
/// Share of the owed analysis rate a holding run delivers (sampling jitter).
const RATE_SHARE: f64 = 0.95;

/// What to run.
#[derive(Debug, Clone)]
pub struct StreamsOptions {
    /// Cameras (the first trial's, with `search`).
    pub n: usize,
    /// Measured seconds per trial.
    pub secs: f64,
    /// Find the largest N that holds.
    pub search: bool,
    /// H.264 Main profile clips instead of Constrained Baseline.
    pub main_profile: bool,
    /// Where the clips are (generated there if missing).
    pub clips: PathBuf,
    /// Analysis settings (the levers).
    pub analysis: AnalysisConfig,
    /// Tracking settings.
    pub tracking: TrackerConfig,
    /// Analysis rate per camera.
    pub fps: f64,
    /// Competing busy-looping processes.
    pub busy: usize,
    /// Where the streams decode.
    pub isolation: ingest::decode::Isolation,
}

/// One trial and whether it held.
pub struct Trial {
    /// Cameras.
    pub n: usize,
    /// What was measured.
    pub figures: LiveFigures,
    /// Why it did not hold (empty: it held).
    pub failures: Vec<String>,
}

impl Trial {
    /// At least the owed rate on every stream, p99 under a second, no drops but planned ones.
    fn judge(n: usize, figures: LiveFigures) -> Self {
        let mut failures = Vec::new();
        for s in &figures.streams {
            if s.analysed_fps < RATE_SHARE * s.owed_fps {
                failures.push(format!("{} analysed {:.2} fps of {:.2} owed", s.stream, s.analysed_fps, s.owed_fps));
            }
            if !(s.analysis_latency.1 < P99_LIMIT_S) {
                failures.push(format!("{} analysis p99 {:.2} s", s.stream, s.analysis_latency.1));
            }
            if s.unplanned_drops() > 0 {
                failures.push(format!("{} dropped {} frames unplanned", s.stream, s.unplanned_drops()));
            }
        }
        Self { n, figures, failures }
    }

    /// Whether it held.
    pub fn holds(&self) -> bool {
        self.failures.is_empty()
    }
}

fn cameras(opts: &StreamsOptions, n: usize) -> anyhow::Result<Vec<PathBuf>> {
    let suffix = if opts.main_profile { "_main" } else { "" };
    let names: Vec<String> = (0..n.min(CLIPS)).map(|i| format!("passes_{i:02}{suffix}")).collect();
    ensure_pass_clips(&opts.clips, &names)?;
    Ok((0..n).map(|i| opts.clips.join(format!("{}.264", names[i % CLIPS]))).collect())
}

async fn trial(opts: &StreamsOptions, n: usize) -> anyhow::Result<Trial> {
    eprintln!("bench streams: {n} cameras, {:.0} s ...", opts.secs);
    let live = LiveOptions {
        cameras: cameras(opts, n)?,
        analysis: opts.analysis.clone(),
        tracking: opts.tracking.clone(),
        max_fps: opts.fps,
        fixed: true,
        warmup: Duration::from_secs(12),
        measure: Duration::from_secs_f64(opts.secs),
        drain: Duration::from_secs_f64(opts.tracking.track_timeout_secs.max(opts.tracking.rejoin_secs) + 4.0),
        busy: opts.busy,
        isolation: opts.isolation,
    };
    Ok(Trial::judge(n, live::run(&live).await?))
}

/// Runs one trial, or with `search` doubles N while it holds and then bisects.
pub async fn run(opts: &StreamsOptions) -> anyhow::Result<Vec<Trial>> {
    let mut trials = vec![trial(opts, opts.n).await?];
    if !opts.search {
        return Ok(trials);
    }
    let (mut good, mut bad) = if trials[0].holds() { (opts.n, None) } else { (0, Some(opts.n)) };
    while bad.is_none() && good < 64 {
        let n = (good * 2).max(1);
        let t = trial(opts, n).await?;
        if t.holds() { good = n } else { bad = Some(n) }
        trials.push(t);
    }
    while let Some(b) = bad {
        if b - good <= 1 {
            break;
        }
        let n = (good + b) / 2;
        let t = trial(opts, n).await?;
        if t.holds() { good = n } else { bad = Some(n) }
        trials.push(t);
    }
    Ok(trials)
}

/// The per-stream and overall tables of one trial.
pub fn render(t: &Trial) -> String {
    let f = &t.figures;
    let mut s = format!(
        "{} cameras, {:.0} s measured\n{:<6} {:<14} {:>7} {:>7} {:>6} {:>6} {:>6} {:>5} {:>5} {:>10} {:>10}  drops\n",
        t.n, f.seconds, "stream", "clip", "anl/s", "owed/s", "idle", "pass", "exact", "wrong", "dup", "anl p50/99", "read p50/99"
    );
    for r in &f.streams {
        let drops: Vec<String> = r.drops.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = writeln!(
            s,
            "{:<6} {:<14} {:>7.2} {:>7.2} {:>5.0}% {:>6} {:>6} {:>5} {:>5} {:>4.2}/{:<5.2} {:>4.1}/{:<5.1}  {}",
            r.stream,
            r.clip,
            r.analysed_fps,
            r.owed_fps,
            100.0 * r.idle_share,
            r.passes.passes,
            r.passes.exact,
            r.passes.wrong,
            r.passes.duplicates,
            r.analysis_latency.0,
            r.analysis_latency.1,
            r.read_latency.0,
            r.read_latency.1,
            if drops.is_empty() { "-".into() } else { drops.join(" ") }
        );
    }
    let _ = writeln!(
        s,
        "CPU {:.2} cores ({:.3} per camera): decode {:.2} ({:.0}%), plate models {:.2}; RTSP test server {:.2} more. RSS {:.0} -> {:.0} MiB",
        f.cpu_cores,
        f.cpu_cores / t.n.max(1) as f64,
        f.decode_cores,
        100.0 * f.decode_cores / f.cpu_cores.max(1e-9),
        f.model_cores,
        f.server_cores,
        f.rss_mib.0,
        f.rss_mib.1
    );
    for why in &t.failures {
        let _ = writeln!(s, "  does not hold: {why}");
    }
    s
}

/// The one line that ends the output.
pub fn summary(trials: &[Trial], search: bool, fps: f64) -> String {
    let best = trials.iter().filter(|t| t.holds()).max_by_key(|t| t.n);
    let shown = if search { best.or(trials.last()) } else { trials.last() };
    let Some(t) = shown else { return "bench streams: no trial ran".into() };
    let f = &t.figures;
    let min_rate = f.streams.iter().map(|s| s.analysed_fps).fold(f64::INFINITY, f64::min);
    let p99 = f.streams.iter().map(|s| s.analysis_latency.1).fold(0.0, f64::max);
    let p = &f.passes;
    let head = if search {
        match best {
            Some(b) => format!("largest N holding: {} cameras", b.n),
            None => "no N held".into(),
        }
    } else {
        format!("{} cameras {}", t.n, if t.holds() { "hold" } else { "do not hold" })
    };
    format!(
        "bench streams: {head} at {:.0} fps owed while active (min analysed {:.2} fps), analysis p99 {:.2} s, CPU {:.2} cores (decode {:.2}), passes {}/{} exact ({:.1}%), {} wrong, {} duplicates",
        fps,
        min_rate,
        p99,
        f.cpu_cores,
        f.decode_cores,
        p.exact,
        p.passes,
        p.recall_pct(),
        p.wrong,
        p.duplicates
    )
}

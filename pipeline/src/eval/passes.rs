//! `fleetsight eval --passes DIR`: every labelled pass clip in `DIR` plays as a live camera (RTSP,
//! real time, all at once), the whole pipeline runs on them, and its reads are scored per
//! vehicle pass: exact-pass recall, wrong reads, duplicates.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::analysis::AnalysisConfig;
use crate::harness::live::{self, LiveFigures, LiveOptions};
use crate::harness::score::PassClip;
use crate::track::TrackerConfig;

/// What to run.
#[derive(Debug, Clone)]
pub struct PassEvalOptions {
    /// The clips (their `.264`); all play at once.
    pub clips: Vec<PathBuf>,
    /// Analysis settings.
    pub analysis: AnalysisConfig,
    /// Tracking settings.
    pub tracking: TrackerConfig,
    /// Times each clip is played.
    pub loops: u32,
    /// Competing busy-looping processes.
    pub busy: usize,
    /// Where the streams decode.
    pub isolation: ingest::decode::Isolation,
}

impl PassEvalOptions {
    /// Defaults for the pass clips in `dir` (`tests/clips/gen_clips.py DIR --set passes`), or
    /// only those named.
    pub fn for_dir(dir: &Path, only: &[String]) -> anyhow::Result<Self> {
        let mut clips = Vec::new();
        for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let p = e?.path();
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            if p.extension().is_some_and(|x| x == "json") && name.starts_with("passes_") && (only.is_empty() || only.contains(&name)) {
                clips.push(p.with_extension("264"));
            }
        }
        clips.sort();
        if clips.is_empty() {
            bail!("no pass clips in {}: run `tests/clips/gen_clips.py {} --set passes`", dir.display(), dir.display());
        }
        Ok(Self { clips, analysis: AnalysisConfig::default(), tracking: TrackerConfig::default(), loops: 1, busy: 0, isolation: Default::default() })
    }
}

/// Plays the clips and scores the reads.
pub async fn run(opts: &PassEvalOptions) -> anyhow::Result<LiveFigures> {
    let mut longest = 0.0f64;
    for c in &opts.clips {
        longest = longest.max(PassClip::load(&c.with_extension("json"))?.seconds());
    }
    let live = LiveOptions {
        cameras: opts.clips.clone(),
        analysis: opts.analysis.clone(),
        tracking: opts.tracking.clone(),
        max_fps: 5.0,
        fixed: true,
        // Clips play from their first frame: the window starts at once.
        warmup: Duration::ZERO,
        measure: Duration::from_secs_f64(longest * opts.loops as f64 + 0.5),
        drain: Duration::from_secs_f64(opts.tracking.track_timeout_secs.max(opts.tracking.rejoin_secs) + 4.0),
        busy: opts.busy,
        isolation: opts.isolation,
    };
    live::run(&live).await
}

/// The table `fleetsight eval --passes` prints.
pub fn render(f: &LiveFigures) -> String {
    let mut s = format!("{:<16} {:>7} {:>7} {:>8} {:>7} {:>7} {:>6} {:>9}\n", "clip", "passes", "exact", "recall", "reads", "wrong", "dup", "anl fps");
    for r in &f.streams {
        let p = &r.passes;
        let _ = writeln!(s, "{:<16} {:>7} {:>7} {:>7.1}% {:>7} {:>7} {:>6} {:>9.2}", r.clip, p.passes, p.exact, p.recall_pct(), p.reads, p.wrong, p.duplicates, r.analysed_fps);
    }
    let p = &f.passes;
    let _ = writeln!(
        s,
        "TOTAL            {:>7} {:>7} {:>7.1}% {:>7} {:>7} {:>6}\nexact-pass recall {:.1}%, wrong reads {:.1}% of reads, duplicates {:.1}% of passes",
        p.passes,
        p.exact,
        p.recall_pct(),
        p.reads,
        p.wrong,
        p.duplicates,
        p.recall_pct(),
        100.0 * p.wrong as f64 / p.reads.max(1) as f64,
        100.0 * p.duplicates as f64 / p.passes.max(1) as f64,
    );
    s
}

//! Scoring reads against vehicle passes: the numbers users judge. A clip loops on a live camera,
//! so each pass recurs once per loop; a read belongs to the pass instance whose time span holds
//! its evidence frame. Exact-pass recall counts instances wholly inside the scored window that
//! got a read of exactly their mark; a read that matches no instance is wrong; every read of an
//! instance beyond the first is a duplicate.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

/// Slack around a pass's span when placing a read in it, seconds (frame rounding, and the
/// evidence frame of a pass whose plate is cut at the frame edge).
const SLACK_S: f64 = 0.5;

/// A labelled clip of vehicle passes (`tests/clips/gen_clips.py --set passes`).
#[derive(Debug, Clone, Deserialize)]
pub struct PassClip {
    /// Clip name.
    pub clip: String,
    /// Frames per second.
    pub fps: f64,
    /// Frames in the clip.
    pub frames: u32,
    /// One entry per pass.
    pub plates: Vec<PassTruth>,
}

/// One vehicle pass.
#[derive(Debug, Clone, Deserialize)]
pub struct PassTruth {
    /// The mark.
    pub text: String,
    /// First frame where any of the plate is visible.
    pub first_frame: u32,
    /// Last such frame.
    pub last_frame: u32,
    /// `approach` or `cross`.
    #[serde(default)]
    pub motion: String,
    /// What was done to the pass.
    #[serde(default)]
    pub degradation: String,
}

impl PassClip {
    /// Reads a sidecar.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))
    }

    /// Clip length, seconds.
    pub fn seconds(&self) -> f64 {
        self.frames as f64 / self.fps
    }
}

/// A read as the scorer sees it.
#[derive(Debug, Clone)]
pub struct ScoredRead {
    /// The mark read.
    pub text: String,
    /// The evidence frame's time in the stream's session, seconds (PTS).
    pub at_s: f64,
}

/// The score of one stream (or a sum of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassScore {
    /// Pass instances wholly inside the window.
    pub passes: usize,
    /// Of those, read exactly (at least once).
    pub exact: usize,
    /// Reads placed in the window.
    pub reads: usize,
    /// Reads that match no pass instance (a misread, or text that is no pass).
    pub wrong: usize,
    /// Reads of an instance beyond its first.
    pub duplicates: usize,
}

impl PassScore {
    /// Adds another score.
    pub fn add(&mut self, o: &PassScore) {
        self.passes += o.passes;
        self.exact += o.exact;
        self.reads += o.reads;
        self.wrong += o.wrong;
        self.duplicates += o.duplicates;
    }

    /// Exact-pass recall, percent.
    pub fn recall_pct(&self) -> f64 {
        100.0 * self.exact as f64 / self.passes.max(1) as f64
    }
}

/// Scores `reads` of one stream playing `clip` in a loop (from session time 0) over the session
/// window `[from_s, to_s]`.
pub fn score(clip: &PassClip, reads: &[ScoredRead], from_s: f64, to_s: f64) -> PassScore {
    let len = clip.seconds();
    let span = |p: &PassTruth, k: i64| (k as f64 * len + p.first_frame as f64 / clip.fps, k as f64 * len + (p.last_frame + 1) as f64 / clip.fps);
    let mut s = PassScore::default();
    let first_loop = (from_s / len).floor() as i64 - 1;
    let last_loop = (to_s / len).ceil() as i64;
    for k in first_loop.max(0)..=last_loop {
        s.passes += clip.plates.iter().filter(|p| span(p, k).0 >= from_s && span(p, k).1 <= to_s).count();
    }
    let mut hits: HashMap<(i64, usize), usize> = HashMap::new();
    for r in reads {
        if r.at_s < from_s - SLACK_S || r.at_s > to_s + SLACK_S {
            continue;
        }
        s.reads += 1;
        let k = (r.at_s / len).floor() as i64;
        let found = [k, k - 1, k + 1].into_iter().filter(|k| *k >= 0).find_map(|k| {
            clip.plates
                .iter()
                .position(|p| p.text == r.text && (span(p, k).0 - SLACK_S..=span(p, k).1 + SLACK_S).contains(&r.at_s))
                .map(|i| (k, i))
        });
        match found {
            Some(key) => *hits.entry(key).or_default() += 1,
            None => s.wrong += 1,
        }
    }
    for (&(k, i), &n) in &hits {
        let (a, b) = span(&clip.plates[i], k);
        if a >= from_s && b <= to_s {
            s.exact += 1;
        }
        s.duplicates += n - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clip() -> PassClip {
        PassClip {
            clip: "c".into(),
            fps: 25.0,
            frames: 500,
            plates: vec![
                PassTruth { text: "MH12AB1234".into(), first_frame: 50, last_frame: 150, motion: String::new(), degradation: String::new() },
                PassTruth { text: "KA05MN6789".into(), first_frame: 300, last_frame: 400, motion: String::new(), degradation: String::new() },
            ],
        }
    }

    fn read(text: &str, at_s: f64) -> ScoredRead {
        ScoredRead { text: text.into(), at_s }
    }

    #[test]
    fn loops_wrong_reads_and_duplicates_are_told_apart() {
        // 20 s clip; window 0-40 s holds two loops: four pass instances.
        let reads = [
            read("MH12AB1234", 4.0),
            read("KA05MN6789", 14.0),
            read("KA05MN6789", 15.5), // the same pass read twice
            read("MH12AB1234", 24.0),
            read("MH12AB1284", 34.0), // misread of the second loop's KA05 pass? no: a wrong mark
        ];
        let s = score(&clip(), &reads, 0.0, 40.0);
        assert_eq!(s, PassScore { passes: 4, exact: 3, reads: 5, wrong: 1, duplicates: 1 });
    }

    #[test]
    fn passes_cut_by_the_window_are_not_expected_but_may_be_read() {
        // Window 5-30 s: the first loop's MH pass (2-6 s) is cut; the second loop's KA pass
        // (32-36 s) is outside.
        let s = score(&clip(), &[read("MH12AB1234", 4.9), read("KA05MN6789", 13.0), read("MH12AB1234", 23.0)], 5.0, 30.0);
        assert_eq!(s.passes, 2);
        assert_eq!(s.exact, 2);
        assert_eq!(s.wrong, 0);
        assert_eq!(s.reads, 3);
    }
}

//! From read tracks to vehicle passes: one read per pass. A track too thin to trust is dropped,
//! and a track that reads as a pass this stream emitted moments ago is that pass, split by
//! missed detections, and is not emitted again.

use std::collections::VecDeque;

use super::config::TrackerConfig;
use super::tracker::FinishedTrack;
use super::vote::{Vote, vote};

/// What becomes of a read track.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// A new pass: emit it.
    Emit(Vote),
    /// The continuation of a pass already emitted.
    Merged,
    /// Seen in too few frames and not read surely enough.
    Weak,
    /// No vote came out.
    Unread,
}

/// A pass emitted: its mark, the span its tracks covered (session clock), and those tracks.
struct Emitted {
    text: String,
    track_ids: Vec<u64>,
    first_clock: i64,
    last_clock: i64,
}

/// One stream's recently emitted passes.
#[derive(Default)]
pub struct PassFilter {
    recent: VecDeque<Emitted>,
}

/// Passes remembered per stream (more than can be on screen within the rejoin window).
const REMEMBERED: usize = 64;

impl PassFilter {
    /// Judges `t`; `interval_ms` is the stream's analysis interval (the rejoin window is at
    /// least two of them).
    pub fn judge(&mut self, t: &FinishedTrack, config: &TrackerConfig, interval_ms: f64) -> Verdict {
        let Some(v) = vote(&t.reads) else { return Verdict::Unread };
        let surest = t.reads.iter().map(|(_, c)| c.iter().map(|x| x.confidence).fold(1.0, f32::min)).fold(0.0, f32::max);
        if t.frames < config.min_frames && surest < config.single_frame_confidence {
            return Verdict::Weak;
        }
        let window = ((config.rejoin_secs * 1000.0).max(2.0 * interval_ms)) as i64;
        let (first, last) = t.clock_span;
        // Pieces of one pass may end (and be judged) in any order: they belong together when
        // their spans overlap or lie at most the window apart, either way round.
        if let Some(e) = self.recent.iter_mut().find(|e| same_mark(&e.text, &v.text) && first <= e.last_clock + window && last >= e.first_clock - window) {
            e.first_clock = e.first_clock.min(first);
            e.last_clock = e.last_clock.max(last);
            e.track_ids.push(t.track_id);
            return Verdict::Merged;
        }
        self.recent.push_back(Emitted { text: v.text.clone(), track_ids: vec![t.track_id], first_clock: first, last_clock: last });
        while self.recent.len() > REMEMBERED {
            self.recent.pop_front();
        }
        Verdict::Emit(v)
    }

    /// A track emitted when it became due has now ended at `last_clock`: a split after it
    /// still counts from its real end.
    pub fn ended(&mut self, track_id: u64, last_clock: i64) {
        if let Some(e) = self.recent.iter_mut().find(|e| e.track_ids.contains(&track_id)) {
            e.last_clock = e.last_clock.max(last_clock);
        }
    }

    /// A new session (reconnect, file loop): its clock starts over.
    pub fn reset(&mut self) {
        self.recent.clear();
    }
}

/// Whether two reads within the rejoin window are one vehicle's mark: the same, or a misread
/// of it (at most two characters substituted, dropped or added, as when a piece of the pass
/// saw the plate cut at the frame's edge or blurred). Two vehicles whose marks differ that
/// little passing within seconds of each other on one camera are rarer than such misreads.
fn same_mark(a: &str, b: &str) -> bool {
    a == b || strsim::levenshtein(a, b) <= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::Observation;
    use models::Rect;
    use models::grammar::CharCandidate;

    fn track(id: u64, text: &str, span: (i64, i64), frames: u32, conf: f32) -> FinishedTrack {
        let chars: Vec<CharCandidate> = text.chars().map(|ch| CharCandidate { ch, confidence: conf }).collect();
        FinishedTrack {
            track_id: id,
            first_seen_ms: span.0,
            last_seen_ms: span.1,
            clock_span: span,
            frames,
            reads: vec![(text.into(), chars.clone())],
            best: Observation {
                rect: Rect::default(),
                text: text.into(),
                chars,
                detector_score: 0.9,
                capture_ms: span.0,
                clock_ms: span.0,
                pts_90k: 0,
                frame_size: (1280, 720),
                frame: None,
            },
            reader_runs: 1,
        }
    }

    #[test]
    fn a_split_pass_is_emitted_once_and_a_later_pass_again() {
        let cfg = TrackerConfig::default();
        let mut f = PassFilter::default();
        assert!(matches!(f.judge(&track(1, "MH12AB1234", (0, 2000), 5, 0.9), &cfg, 200.0), Verdict::Emit(_)));
        assert_eq!(f.judge(&track(2, "MH12AB1234", (4000, 6000), 5, 0.9), &cfg, 200.0), Verdict::Merged);
        // The window counts from the merged part's end (6 s): 9.5 s is a new pass.
        assert!(matches!(f.judge(&track(3, "MH12AB1234", (9500, 11_000), 5, 0.9), &cfg, 200.0), Verdict::Emit(_)));
        assert!(matches!(f.judge(&track(4, "KA05MN6789", (9600, 11_000), 5, 0.9), &cfg, 200.0), Verdict::Emit(_)));
        // A piece that saw the plate cut at the edge (B read as 8, the last digit lost).
        assert_eq!(f.judge(&track(5, "KA05MN678", (11_500, 12_000), 3, 0.9), &cfg, 200.0), Verdict::Merged);
    }

    #[test]
    fn a_later_piece_judged_first_still_merges_the_earlier_one() {
        let cfg = TrackerConfig::default();
        let mut f = PassFilter::default();
        // A long approach split in two; the second piece left the picture and ended first.
        assert!(matches!(f.judge(&track(2, "MH12AB1234", (2200, 3200), 5, 0.9), &cfg, 200.0), Verdict::Emit(_)));
        assert_eq!(f.judge(&track(1, "MH12AB1234", (0, 2000), 8, 0.9), &cfg, 200.0), Verdict::Merged);
        // A piece merged while due ends later: the pass's end moves with it.
        f.ended(1, 30_000);
        assert_eq!(f.judge(&track(3, "MH12AB1234", (32_000, 33_000), 5, 0.9), &cfg, 200.0), Verdict::Merged);
    }

    #[test]
    fn the_window_stretches_with_slow_analysis() {
        let cfg = TrackerConfig::default();
        let mut f = PassFilter::default();
        assert!(matches!(f.judge(&track(1, "MH12AB1234", (0, 2000), 3, 0.9), &cfg, 2500.0), Verdict::Emit(_)));
        assert_eq!(f.judge(&track(2, "MH12AB1234", (6500, 8000), 3, 0.9), &cfg, 2500.0), Verdict::Merged, "4.5 s < two 2.5 s intervals");
    }

    #[test]
    fn a_single_frame_needs_a_sure_read() {
        let cfg = TrackerConfig::default();
        let mut f = PassFilter::default();
        assert_eq!(f.judge(&track(1, "MH12AB1234", (0, 0), 1, 0.6), &cfg, 200.0), Verdict::Weak);
        assert!(matches!(f.judge(&track(2, "KA05MN6789", (0, 0), 1, 0.97), &cfg, 200.0), Verdict::Emit(_)));
    }
}

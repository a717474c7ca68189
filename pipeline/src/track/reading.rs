//! OCR per track: each sighting's crop is scored, the best few are kept, and the reader runs on
//! them best first when the pass ends, stopping as soon as the vote is settled.

use models::grammar::CharCandidate;
use models::{Rect, RgbImage};
use serde::Deserialize;

use super::tracker::Sighting;
use super::vote::vote;

/// When the reader runs (`[analysis] ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum OcrMode {
    /// On the best crops of each pass, when it ends: a few reader runs per vehicle.
    #[default]
    PerTrack,
    /// On every sighting in every frame (the reader's cost grows with the analysis rate; for
    /// comparison).
    EveryFrame,
}

/// How much reading a pass gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadPolicy {
    /// When the reader runs.
    pub mode: OcrMode,
    /// Reader runs per pass while reads disagree or are unsure (and the cap when nothing valid
    /// was read: text that is not a plate is given up on).
    pub reads_per_pass: u32,
    /// Hard cap on reader runs per pass (per round, see [`TrackReading::next_round`]), and the
    /// crops kept per track. `every_frame` reads every sighting regardless.
    pub max_reads_per_pass: u32,
}

impl Default for ReadPolicy {
    fn default() -> Self {
        Self { mode: OcrMode::PerTrack, reads_per_pass: 3, max_reads_per_pass: 5 }
    }
}

/// A plate crop cut from a frame, waiting to be read.
pub struct Crop {
    /// The pixels around the plate.
    pub image: RgbImage,
    /// The plate's box in `image`.
    pub plate: Rect,
    /// The sighting it was cut from.
    pub sighting: Sighting,
}

/// One valid read of a pass.
#[derive(Debug, Clone)]
pub struct TrackRead {
    /// The validated mark.
    pub text: String,
    /// Characters with confidences.
    pub chars: Vec<CharCandidate>,
    /// Where and when.
    pub sighting: Sighting,
}

impl TrackRead {
    /// The weakest character's confidence.
    pub fn min_confidence(&self) -> f32 {
        self.chars.iter().map(|c| c.confidence).fold(1.0, f32::min)
    }
}

/// The reader: a crop in, a valid mark (text and characters) out, or `None`.
pub type ReadFn<'a> = dyn FnMut(&RgbImage, Rect) -> Option<(String, Vec<CharCandidate>)> + 'a;

/// A track's crops and reads.
#[derive(Default)]
pub struct TrackReading {
    crops: Vec<Crop>,
    /// Valid reads so far.
    pub reads: Vec<TrackRead>,
    /// Reader runs so far (valid or not).
    pub runs: u32,
    /// Runs before the current round of reading (a track that stays in view with nothing valid
    /// read gets another round with new crops when it falls due again).
    round_start: u32,
    /// Given up on before any run: found where text that never read as a plate was given up.
    inherited_give_up: bool,
}

impl TrackReading {
    /// Keeps `crop` if it is among the best `max_reads_per_pass` seen (by sighting quality; a
    /// sighting of quality 0, a plate cut by the frame's edge, is never read).
    /// `cut` is called only then, so most frames cost no crop.
    pub fn offer(&mut self, policy: &ReadPolicy, sighting: &Sighting, cut: &mut dyn FnMut(Rect) -> Option<(RgbImage, Rect)>) {
        let keep = policy.max_reads_per_pass as usize;
        if keep == 0 || sighting.quality <= 0.0 || (self.crops.len() >= keep && self.crops.last().is_some_and(|c| c.sighting.quality >= sighting.quality)) {
            return;
        }
        let Some((image, plate)) = cut(sighting.rect) else { return };
        let at = self.crops.partition_point(|c| c.sighting.quality >= sighting.quality);
        self.crops.insert(at, Crop { image, plate, sighting: sighting.clone() });
        self.crops.truncate(keep);
    }

    /// Reads one crop now (every-frame mode).
    pub fn read_now(&mut self, sighting: &Sighting, cut: &mut dyn FnMut(Rect) -> Option<(RgbImage, Rect)>, read: &mut ReadFn<'_>) {
        if let Some((image, plate)) = cut(sighting.rect) {
            self.run(Crop { image, plate, sighting: sighting.clone() }, read);
        }
    }

    fn run(&mut self, crop: Crop, read: &mut ReadFn<'_>) {
        self.runs += 1;
        if let Some((text, chars)) = read(&crop.image, crop.plate) {
            self.reads.push(TrackRead { text, chars, sighting: crop.sighting });
        }
    }

    /// Whether the reads agree well enough to stop reading.
    pub fn settled(&self) -> bool {
        match self.reads.len() {
            0 => false,
            1 => self.reads[0].min_confidence() >= 0.95,
            _ => {
                let texts: Vec<(String, Vec<CharCandidate>)> = self.reads.iter().map(|r| (r.text.clone(), r.chars.clone())).collect();
                vote(&texts).is_some_and(|v| v.confidence >= 0.75)
            }
        }
    }

    /// Reads the kept crops, best first, until the vote settles or the round's budget is spent.
    pub fn finish(&mut self, policy: &ReadPolicy, read: &mut ReadFn<'_>) {
        while !self.crops.is_empty() && !self.settled() && self.runs - self.round_start < policy.max_reads_per_pass {
            if self.given_up(policy) {
                break;
            }
            let crop = self.crops.remove(0);
            self.run(crop, read);
        }
    }

    /// Whether this round of reading found nothing valid within its budget (text that is not
    /// a plate, or a plate too small or blurred so far).
    pub fn given_up(&self, policy: &ReadPolicy) -> bool {
        self.reads.is_empty() && (self.inherited_give_up || self.runs - self.round_start >= policy.reads_per_pass)
    }

    /// Gives up before reading (see [`TrackReading::inherited_give_up`]); a next round undoes it.
    pub fn give_up(&mut self) {
        self.inherited_give_up = true;
    }

    /// Reader runs in the current round.
    pub fn round_runs(&self) -> u32 {
        self.runs - self.round_start
    }

    /// Starts another round of reading on the crops to come (the crops kept so far were the
    /// last round's, too small or blurred to read).
    pub fn next_round(&mut self) {
        self.round_start = self.runs;
        self.inherited_give_up = false;
        self.crops.clear();
    }

    /// Drops the kept crops (a pass that is over, or given up on).
    pub fn release(&mut self) {
        self.crops.clear();
    }

    /// The read to show as evidence: the surest character-wise, then the largest plate.
    pub fn best(&self) -> Option<&TrackRead> {
        self.reads.iter().max_by(|a, b| (a.min_confidence(), a.sighting.rect.w).partial_cmp(&(b.min_confidence(), b.sighting.rect.w)).unwrap_or(std::cmp::Ordering::Equal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sighting(q: f32) -> Sighting {
        Sighting { rect: Rect { x: 0.0, y: 0.0, w: 100.0, h: 25.0 }, score: 0.9, quality: q, capture_ms: 0, clock_ms: 0, pts_90k: 0, frame_size: (1280, 720), frame: None }
    }

    fn crop_of(_: Rect) -> Option<(RgbImage, Rect)> {
        Some((RgbImage::new(4, 4, vec![0; 48]).unwrap(), Rect { x: 0.0, y: 0.0, w: 4.0, h: 4.0 }))
    }

    fn chars(text: &str, c: f32) -> Vec<CharCandidate> {
        text.chars().map(|ch| CharCandidate { ch, confidence: c }).collect()
    }

    #[test]
    fn keeps_the_best_crops_and_stops_reading_once_settled() {
        let policy = ReadPolicy::default();
        let mut r = TrackReading::default();
        for q in [0.2, 0.9, 0.5, 0.7, 0.1, 0.8, 0.3] {
            r.offer(&policy, &sighting(q), &mut crop_of);
        }
        assert_eq!(r.crops.len(), 5);
        assert_eq!(r.crops[0].sighting.quality, 0.9);
        let mut runs = Vec::new();
        r.finish(&policy, &mut |_, _| {
            runs.push(());
            Some(("MH12AB1234".to_string(), chars("MH12AB1234", 0.9)))
        });
        assert_eq!(runs.len(), 2, "two agreeing reads settle the vote");
        assert_eq!(r.runs, 2);
    }

    #[test]
    fn gives_up_on_text_that_never_reads_as_a_plate() {
        let policy = ReadPolicy::default();
        let mut r = TrackReading::default();
        for q in [0.9, 0.8, 0.7, 0.6, 0.5] {
            r.offer(&policy, &sighting(q), &mut crop_of);
        }
        r.finish(&policy, &mut |_, _| None);
        assert_eq!(r.runs, policy.reads_per_pass);
    }

    #[test]
    fn disagreeing_reads_use_the_whole_budget() {
        let policy = ReadPolicy::default();
        let mut r = TrackReading::default();
        for q in [0.9, 0.8, 0.7, 0.6, 0.5, 0.4] {
            r.offer(&policy, &sighting(q), &mut crop_of);
        }
        let texts = ["MH12AB1234", "MH12AB1284", "MH12AB1284", "MH12AB1234", "MH12AB1234"];
        let mut i = 0;
        r.finish(&policy, &mut |_, _| {
            let t = texts[i];
            i += 1;
            Some((t.to_string(), chars(t, 0.6)))
        });
        assert_eq!(r.runs, policy.max_reads_per_pass);
    }
}

//! The plate detector's validation split: whole 720p synthetic frames rendered from a seed the
//! training never uses, scored as recall by plate width, precision, false plates on plate-free
//! frames, and time per frame.

use std::time::Instant;

use super::plate_detector::PlateDetector;
use crate::image::Rect;
use crate::synth::{Rng, SceneOptions, SceneRenderer};

/// Seed of the validation split (training seeds must differ).
pub const VALIDATION_SEED: u64 = 0x5EED_0F_7A11;

/// Plate-width bands recall is reported by (frame pixels).
pub const BANDS: [(f32, f32); 3] = [(40.0, 80.0), (80.0, 150.0), (150.0, 300.0)];

/// The scores.
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    /// Plates wholly inside the frame, per band.
    pub plates: [usize; 3],
    /// Of those, found (IoU >= 0.5), per band.
    pub found: [usize; 3],
    /// Detections on frames with plates.
    pub detections: usize,
    /// Detections that matched a plate (cut plates at the frame edge included).
    pub true_detections: usize,
    /// Plate-free frames (overlays, signs, boards, grilles).
    pub empty_frames: usize,
    /// Detections on them.
    pub empty_false: usize,
    /// Median detection time per frame, ms.
    pub median_ms: f64,
    /// The same scores at higher thresholds (threshold, report without times).
    pub sweep: Vec<(f32, ValidationReport)>,
}

impl ValidationReport {
    /// Recall over all bands.
    pub fn recall(&self) -> f64 {
        self.found.iter().sum::<usize>() as f64 / self.plates.iter().sum::<usize>().max(1) as f64
    }

    /// Recall on plates 80-300 px wide (the sizes a pass is read at).
    pub fn readable_recall(&self) -> f64 {
        (self.found[1] + self.found[2]) as f64 / (self.plates[1] + self.plates[2]).max(1) as f64
    }

    /// Precision on frames with plates.
    pub fn precision(&self) -> f64 {
        self.true_detections as f64 / self.detections.max(1) as f64
    }

    /// A Markdown table.
    pub fn render(&self) -> String {
        let mut s = String::from("| plate width | plates | found | recall |\n|---|---|---|---|\n");
        for (i, (lo, hi)) in BANDS.iter().enumerate() {
            s += &format!("| {lo:.0}-{hi:.0} px | {} | {} | {:.1}% |\n", self.plates[i], self.found[i], 100.0 * self.found[i] as f64 / self.plates[i].max(1) as f64);
        }
        s += &format!(
            "| all | {} | {} | {:.1}% |\n\nprecision {:.1}% ({} of {} detections), false plates on {} plate-free frames: {}, median {:.1} ms per 720p frame\n",
            self.plates.iter().sum::<usize>(),
            self.found.iter().sum::<usize>(),
            100.0 * self.recall(),
            100.0 * self.precision(),
            self.true_detections,
            self.detections,
            self.empty_frames,
            self.empty_false,
            self.median_ms
        );
        if !self.sweep.is_empty() {
            s += "\n| threshold | recall | recall 80-300 px | precision | false plates on plate-free frames |\n|---|---|---|---|---|\n";
            for (t, r) in &self.sweep {
                s += &format!("| {t:.1} | {:.1}% | {:.1}% | {:.1}% | {} |\n", 100.0 * r.recall(), 100.0 * r.readable_recall(), 100.0 * r.precision(), r.empty_false);
            }
        }
        s
    }
}

/// Thresholds the report also scores (the operating point is the detector's own).
pub const SWEEP: [f32; 5] = [0.3, 0.4, 0.5, 0.6, 0.7];

/// Runs the detector on `frames` validation frames with plates and `empty` without; scores its
/// own threshold, and the higher ones of [`SWEEP`].
pub fn validate(detector: &PlateDetector, renderer: &SceneRenderer, frames: usize, empty: usize) -> crate::Result<ValidationReport> {
    let mut scored = Vec::new();
    let mut times = Vec::new();
    for i in 0..frames + empty {
        let with_plates = i < frames;
        let o = if with_plates { SceneOptions { max_plates: 4, ..SceneOptions::FRAME_720P } } else { SceneOptions { max_plates: 0, distractors: 1.0, ..SceneOptions::FRAME_720P } };
        let scene = renderer.render(&mut Rng::for_item(VALIDATION_SEED, i as u64), &o);
        let started = Instant::now();
        let found = detector.detect_frame(&scene.luma)?;
        times.push(started.elapsed().as_secs_f64() * 1e3);
        let plates = scene.plates.iter().map(|p| (p.rect, p.rect.x > 0.5 && p.rect.y > 0.5 && p.rect.x1() < o.width as f32 - 0.5 && p.rect.y1() < o.height as f32 - 0.5)).collect();
        scored.push(ScoredFrame { found: found.iter().map(|d| (d.rect, d.score)).collect(), plates, with_plates });
    }
    times.sort_by(f64::total_cmp);
    let own = detector.options().threshold;
    let mut r = score(&scored, own);
    r.median_ms = times.get(times.len() / 2).copied().unwrap_or(0.0);
    r.sweep = SWEEP.iter().filter(|t| **t > own).map(|t| (*t, score(&scored, *t))).collect();
    Ok(r)
}

/// One validation frame: detections (box, score) and plates (box, wholly inside the frame).
struct ScoredFrame {
    found: Vec<(Rect, f32)>,
    plates: Vec<(Rect, bool)>,
    with_plates: bool,
}

fn score(frames: &[ScoredFrame], threshold: f32) -> ValidationReport {
    let mut r = ValidationReport::default();
    for f in frames {
        let found: Vec<Rect> = f.found.iter().filter(|(_, s)| *s >= threshold).map(|(r, _)| *r).collect();
        if !f.with_plates {
            r.empty_frames += 1;
            r.empty_false += found.len();
            continue;
        }
        r.detections += found.len();
        let mut used = vec![false; found.len()];
        for (rect, whole) in &f.plates {
            let hit = best_match(&found, &used, *rect);
            if let Some(j) = hit {
                used[j] = true;
                r.true_detections += 1;
            }
            if let (true, Some(band)) = (whole, BANDS.iter().position(|(lo, hi)| rect.w >= *lo && rect.w < *hi)) {
                r.plates[band] += 1;
                r.found[band] += usize::from(hit.is_some());
            }
        }
    }
    r
}

fn best_match(found: &[Rect], used: &[bool], truth: Rect) -> Option<usize> {
    found
        .iter()
        .enumerate()
        .filter(|(j, d)| !used[*j] && d.iou(&truth) >= 0.5)
        .max_by(|a, b| a.1.iou(&truth).total_cmp(&b.1.iou(&truth)))
        .map(|(j, _)| j)
}

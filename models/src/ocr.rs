//! Reading one plate: its text lines are found on the plate crop (PP-OCRv4's text detector on a
//! small input, which also tells one-line from two-line plates), each line is read by PP-OCRv4's
//! recogniser, and the grammar validates and corrects the result.

use std::path::Path;

use burn::prelude::Device;

use crate::detect::{DetectorOptions, PlateShape, TextDetector, TextLine};
use crate::error::Result;
use crate::grammar::{CharCandidate, PlateRejection, PlateText, correct};
use crate::image::{Rect, RgbImage};
use crate::read::PlateReader;
use crate::weights::{DETECTOR_FILE, RECOGNIZER_FILE};

/// What reading a plate gave.
#[derive(Debug, Clone)]
pub enum OcrOutcome {
    /// A valid mark.
    Plate {
        /// The validated, corrected mark.
        plate: PlateText,
        /// The characters as read, with confidences.
        chars: Vec<CharCandidate>,
        /// Characters the grammar corrected.
        corrections: usize,
        /// Text lines read (1 or 2).
        lines: usize,
    },
    /// Text that is not a registration mark.
    Rejected {
        /// What was read.
        text: String,
        /// Why it is not a mark.
        reason: PlateRejection,
    },
    /// No text found on the crop.
    NoText,
}

/// Reads plates from crops.
pub struct PlateOcr {
    lines: TextDetector,
    reader: PlateReader,
}

/// The plate's height in the text finder's input for one-line and two-line plates (characters
/// ~24 px tall, where the detector is at its best and the input stays small), and the widest
/// input.
const ONE_LINE_HEIGHT: f32 = 44.0;
const TWO_LINE_HEIGHT: f32 = 72.0;
const MAX_WIDTH: usize = 512;
/// Widest row (width over height) a one-line plate's text makes: 10-13 characters with group
/// spaces at ~0.6 of their height. A sign's row of words is wider, and is not read.
const ONE_LINE_MAX_ASPECT: f32 = 11.0;
/// Each row of a two-line plate (4-6 characters).
const TWO_LINE_MAX_ASPECT: f32 = 6.0;

impl PlateOcr {
    /// How much of the surroundings the reader looks at on either side of a plate's box, as
    /// shares of its width and height: half a plate's width, because a detector's box can be a
    /// third too narrow or off centre, and a row cut at the region's side would read as a
    /// shorter, valid mark. A crop passed to [`PlateOcr::read`] should hold at least this much.
    pub const MARGIN: (f32, f32) = (0.5, 0.4);

    /// Loads the text detector and the recogniser from `dir`.
    pub fn load(dir: &Path, device: &Device) -> Result<Self> {
        // Crops are small: lines only a few pixels tall still count.
        let options = DetectorOptions { shape: PlateShape { min_height: 3.0, ..PlateShape::default() }, ..DetectorOptions::default() };
        Ok(Self { lines: TextDetector::load(&dir.join(DETECTOR_FILE), device, options)?, reader: PlateReader::load(&dir.join(RECOGNIZER_FILE), device)? })
    }

    /// The recogniser alone.
    pub fn reader(&self) -> &PlateReader {
        &self.reader
    }

    /// Reads the plate whose box is `plate` in `image` (which should hold [`PlateOcr::MARGIN`]
    /// around it).
    pub fn read(&self, image: &RgbImage, plate: Rect) -> Result<OcrOutcome> {
        let region = plate.expand_clip(plate.w * Self::MARGIN.0, plate.h * Self::MARGIN.1, image.width(), image.height());
        if region.w < 4.0 || region.h < 4.0 {
            return Ok(OcrOutcome::NoText);
        }
        let tall = plate.w / plate.h.max(1.0) < 2.6;
        let in_h = if tall { TWO_LINE_HEIGHT } else { ONE_LINE_HEIGHT } * region.h / plate.h.max(1.0);
        let in_w = ((region.w * in_h / region.h).ceil() as usize).div_ceil(32).clamp(1, MAX_WIDTH / 32) * 32;
        let found = self.lines.lines_in(image, region, in_w, ((in_h as usize).div_ceil(32) * 32).min(192))?;
        let lines = plate_rows(found, plate);
        // Rows no plate has: a sign's long line of words, or more text than two rows; or a row
        // running into the region's side, which is cut (or a sign's).
        let max_aspect = if lines.len() == 1 { ONE_LINE_MAX_ASPECT } else { TWO_LINE_MAX_ASPECT };
        let cut = |r: &Rect| r.x <= region.x + 1.0 || r.x1() >= region.x1() - 1.0;
        if lines.is_empty() || lines.iter().any(|r| r.w / r.h.max(1.0) > max_aspect || cut(r)) {
            return Ok(OcrOutcome::NoText);
        }
        let jobs: Vec<(&RgbImage, Rect)> = lines.iter().map(|r| (image, *r)).collect();
        let chars: Vec<CharCandidate> = self.reader.read_batch(&jobs)?.into_iter().flatten().collect();
        if chars.is_empty() {
            return Ok(OcrOutcome::NoText);
        }
        Ok(match correct(&chars) {
            Ok(fixed) => OcrOutcome::Plate { plate: fixed.plate, chars, corrections: fixed.corrections, lines: lines.len() },
            Err(reason) => OcrOutcome::Rejected { text: chars.iter().map(|c| c.ch).collect(), reason },
        })
    }
}

/// The plate's rows of text, top to bottom (one, or two on a two-line plate): text lines whose
/// centre lies in the plate box, pieces of one row (a mark printed in groups) joined, small text
/// (the "IND" emblem, screws, dirt) dropped.
pub fn plate_rows(lines: Vec<TextLine>, plate: Rect) -> Vec<Rect> {
    let zone = Rect { x: plate.x - plate.w * 0.1, y: plate.y - plate.h * 0.1, w: plate.w * 1.2, h: plate.h * 1.2 };
    let mut inside: Vec<Rect> = lines
        .into_iter()
        .map(|l| l.rect)
        .filter(|r| {
            let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
            cx >= zone.x && cx <= zone.x1() && cy >= zone.y && cy <= zone.y1()
        })
        .collect();
    let tallest = inside.iter().map(|r| r.h).fold(0.0, f32::max);
    inside.retain(|r| r.h >= 0.45 * tallest);
    inside.sort_by(|a, b| (a.y + a.h / 2.0).total_cmp(&(b.y + b.h / 2.0)));
    let mut rows: Vec<Rect> = Vec::new();
    for r in inside {
        match rows.last_mut() {
            Some(last) if (last.y1().min(r.y1()) - last.y.max(r.y)) > 0.5 * last.h.min(r.h) => *last = last.union(&r),
            _ => rows.push(r),
        }
    }
    if rows.len() > 2 {
        // Keep the two largest rows, in reading order.
        let mut by_area: Vec<usize> = (0..rows.len()).collect();
        by_area.sort_by(|&a, &b| rows[b].area().total_cmp(&rows[a].area()));
        let keep = [by_area[0].min(by_area[1]), by_area[0].max(by_area[1])];
        rows = keep.iter().map(|&i| rows[i]).collect();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> TextLine {
        TextLine { rect: Rect::from_corners(x0, y0, x1, y1), score: 0.9 }
    }

    #[test]
    fn a_two_line_plate_gives_two_rows_and_groups_join() {
        let plate = Rect::from_corners(100.0, 100.0, 200.0, 160.0);
        let rows = plate_rows(
            vec![
                line(130.0, 134.0, 190.0, 152.0), // "MN6789", below
                line(110.0, 108.0, 140.0, 126.0), // "KA", top left
                line(145.0, 108.0, 175.0, 126.0), // "05", top right: same row
                line(102.0, 150.0, 108.0, 154.0), // a screw: too small
                line(400.0, 100.0, 500.0, 120.0), // text outside the plate
            ],
            plate,
        );
        assert_eq!(rows, vec![Rect::from_corners(110.0, 108.0, 175.0, 126.0), Rect::from_corners(130.0, 134.0, 190.0, 152.0)]);
    }
}

//! Reading one plate: its text lines are found on the plate crop (PP-OCRv4's text detector on a
//! small input, which also tells one-line from two-line plates), each line is read by PP-OCRv4's
//! recogniser, and the grammar validates and corrects the result.

use std::path::Path;

use burn::prelude::Device;

use crate::detect::{DetectorOptions, PlateCandidate, PlateShape, TextDetector};
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

/// The text finder's input height for one-line and two-line plates (text ~25-35 px tall: where
/// the detector is at its best), and the widest input.
const ONE_LINE_HEIGHT: f32 = 64.0;
const TWO_LINE_HEIGHT: f32 = 96.0;
const MAX_WIDTH: usize = 512;

impl PlateOcr {
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

    /// Reads the plate whose box is `plate` in `image` (which should hold some margin around it).
    pub fn read(&self, image: &RgbImage, plate: Rect) -> Result<OcrOutcome> {
        let region = plate.expand_clip(plate.w * 0.12, plate.h * 0.25, image.width(), image.height());
        if region.w < 4.0 || region.h < 4.0 {
            return Ok(OcrOutcome::NoText);
        }
        let tall = region.w / region.h < 2.6;
        let in_h = if tall { TWO_LINE_HEIGHT } else { ONE_LINE_HEIGHT };
        let in_w = ((region.w * in_h / region.h).ceil() as usize).div_ceil(32).clamp(1, MAX_WIDTH / 32) * 32;
        let candidates = self.lines.detect_in(image, region, in_w, (in_h as usize).div_ceil(32) * 32)?;
        let lines = match best_candidate(candidates, plate) {
            Some(c) => c.lines,
            // No line found (blur, low contrast): read the band where a one-line plate's text is.
            None => vec![Rect { x: plate.x + plate.w * 0.06, y: plate.y + plate.h * 0.18, w: plate.w * 0.88, h: plate.h * 0.64 }],
        };
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

/// The candidate that is most the plate: the largest overlap with the plate's box.
fn best_candidate(candidates: Vec<PlateCandidate>, plate: Rect) -> Option<PlateCandidate> {
    candidates
        .into_iter()
        .map(|c| {
            let inter = c.rect.iou(&plate) * (c.rect.area() + plate.area()) / (1.0 + c.rect.iou(&plate));
            (inter, c)
        })
        .filter(|(inter, _)| *inter > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

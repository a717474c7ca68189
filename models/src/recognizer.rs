//! Detection, reading and the grammar together: frames in, validated plates out.

use std::path::Path;

use burn::prelude::Device;

use crate::detect::{DetectorOptions, PlateCandidate, TextDetector};
use crate::error::Result;
use crate::grammar::{CharCandidate, PlateRejection, PlateText, correct};
use crate::image::{Rect, RgbImage};
use crate::read::PlateReader;
use crate::weights::{self, DETECTOR_FILE, RECOGNIZER_FILE};

/// A plate found and read in a frame.
#[derive(Debug, Clone)]
pub struct PlateDetection {
    /// Where the plate is, in frame pixels.
    pub rect: Rect,
    /// Detector confidence (mean text probability).
    pub detector_score: f32,
    /// The validated registration mark (after grammar-driven correction).
    pub plate: PlateText,
    /// The characters as read, before correction, with their confidences.
    pub chars: Vec<CharCandidate>,
    /// How many characters the grammar corrected.
    pub corrections: usize,
    /// Lines on the plate (1, or 2 for two-line plates).
    pub lines: usize,
}

impl PlateDetection {
    /// The lowest character confidence: a read is as weak as its weakest character.
    pub fn min_confidence(&self) -> f32 {
        self.chars.iter().map(|c| c.confidence).fold(1.0, f32::min)
    }
}

/// Text that was plate-shaped but did not read as a registration mark.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// Where it was.
    pub rect: Rect,
    /// What was read.
    pub text: String,
    /// Why it is not a plate.
    pub reason: PlateRejection,
}

/// What one frame yielded.
#[derive(Debug, Clone, Default)]
pub struct FrameResult {
    /// Valid plates.
    pub plates: Vec<PlateDetection>,
    /// Plate-shaped text that failed the grammar (timestamps, signs, logos).
    pub rejected: Vec<Rejected>,
}

/// Finds and reads Indian licence plates.
///
/// ```no_run
/// # fn demo(frame: &models::RgbImage) -> models::Result<()> {
/// let recognizer = models::PlateRecognizer::load_default()?;
/// for plate in recognizer.recognize(&[frame])?.remove(0) {
///     println!("{} at {:?}", plate.plate, plate.rect);
/// }
/// # Ok(()) }
/// ```
pub struct PlateRecognizer {
    detector: TextDetector,
    reader: PlateReader,
}

impl PlateRecognizer {
    /// Loads both models from `dir` onto `device`.
    pub fn load(dir: &Path, device: &Device, options: DetectorOptions) -> Result<Self> {
        Ok(Self {
            detector: TextDetector::load(&dir.join(DETECTOR_FILE), device, options)?,
            reader: PlateReader::load(&dir.join(RECOGNIZER_FILE), device)?,
        })
    }

    /// Loads from [`weights::default_dir`] onto the CPU (Burn's flex backend).
    pub fn load_default() -> Result<Self> {
        Self::load(&weights::default_dir(), &Device::flex(), DetectorOptions::default())
    }

    /// The detector alone.
    pub fn detector(&self) -> &TextDetector {
        &self.detector
    }

    /// The reader alone.
    pub fn reader(&self) -> &PlateReader {
        &self.reader
    }

    /// Valid plates in each frame (one detector batch for all frames).
    pub fn recognize(&self, frames: &[&RgbImage]) -> Result<Vec<Vec<PlateDetection>>> {
        Ok(self.recognize_detailed(frames)?.into_iter().map(|r| r.plates).collect())
    }

    /// Valid plates and rejected text in each frame.
    pub fn recognize_detailed(&self, frames: &[&RgbImage]) -> Result<Vec<FrameResult>> {
        let candidates = self.detector.detect(frames)?;
        // One recogniser batch for every line of every candidate of every frame.
        let mut jobs = Vec::new();
        for (f, cands) in candidates.iter().enumerate() {
            for c in cands {
                for line in &c.lines {
                    jobs.push((frames[f], *line));
                }
            }
        }
        let mut reads = self.reader.read_batch(&jobs)?.into_iter();
        let mut out = Vec::with_capacity(frames.len());
        for cands in candidates {
            let mut result = FrameResult::default();
            for c in cands {
                let chars: Vec<CharCandidate> = c.lines.iter().flat_map(|_| reads.next().unwrap_or_default()).collect();
                assemble(c, chars, &mut result);
            }
            out.push(result);
        }
        Ok(out)
    }
}

fn assemble(c: PlateCandidate, chars: Vec<CharCandidate>, result: &mut FrameResult) {
    match correct(&chars) {
        Ok(fixed) => result.plates.push(PlateDetection {
            rect: c.rect,
            detector_score: c.score,
            plate: fixed.plate,
            chars,
            corrections: fixed.corrections,
            lines: c.lines.len(),
        }),
        Err(reason) => result.rejected.push(Rejected { rect: c.rect, text: chars.iter().map(|c| c.ch).collect(), reason }),
    }
}

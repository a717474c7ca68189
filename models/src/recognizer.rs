//! Detection, reading and the grammar together: frames in, validated plates out.

use std::path::Path;
use std::str::FromStr;

use burn::prelude::Device;

use crate::detect::{Detection, DetectorOptions, PlateDetector, PlateDetectorOptions, TextDetector};
use crate::error::{Error, ErrorKind, Result};
use crate::grammar::{CharCandidate, PlateRejection, PlateText};
use crate::image::{Rect, RgbImage};
use crate::luma::LumaImage;
use crate::ocr::{OcrOutcome, PlateOcr};
use crate::weights::{self, DETECTOR_FILE, PLATE_DETECTOR_FILE};

/// Which detector finds plates in whole frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetectorKind {
    /// The project's plate detector (PlateNet) on luma: the default, made for plates.
    #[default]
    Plate,
    /// PP-OCRv4's general text detector on RGB, grouped into plate shapes: for comparison.
    Text,
}

impl DetectorKind {
    /// The config name.
    pub fn as_str(self) -> &'static str {
        match self {
            DetectorKind::Plate => "plate",
            DetectorKind::Text => "text",
        }
    }
}

impl FromStr for DetectorKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "plate" => Ok(DetectorKind::Plate),
            "text" => Ok(DetectorKind::Text),
            other => Err(format!("unknown detector `{other}`: expected `plate` or `text`")),
        }
    }
}

/// Settings for loading a [`PlateRecognizer`] or a [`FrameDetector`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RecognizerOptions {
    /// Which detector.
    pub detector: DetectorKind,
    /// The plate detector's settings.
    pub plate: PlateDetectorOptions,
    /// The text detector's settings (whole frames).
    pub text: DetectorOptions,
}

/// A whole-frame plate detector of either kind.
pub enum FrameDetector {
    /// PlateNet.
    Plate(PlateDetector),
    /// PP-OCRv4's text detector.
    Text(TextDetector),
}

impl FrameDetector {
    /// Loads the configured kind from `dir`.
    pub fn load(dir: &Path, device: &Device, options: &RecognizerOptions) -> Result<Self> {
        Ok(match options.detector {
            DetectorKind::Plate => FrameDetector::Plate(PlateDetector::load(&dir.join(PLATE_DETECTOR_FILE), device, options.plate)?),
            DetectorKind::Text => FrameDetector::Text(TextDetector::load(&dir.join(DETECTOR_FILE), device, options.text)?),
        })
    }

    /// Which kind this is.
    pub fn kind(&self) -> DetectorKind {
        match self {
            FrameDetector::Plate(_) => DetectorKind::Plate,
            FrameDetector::Text(_) => DetectorKind::Text,
        }
    }

    /// Plates on a whole frame. The text detector needs RGB: `rgb` builds it only then.
    pub fn detect(&self, luma: &LumaImage, rgb: impl FnOnce() -> Result<RgbImage>) -> Result<Vec<Detection>> {
        match self {
            FrameDetector::Plate(d) => d.detect_frame(luma),
            FrameDetector::Text(t) => {
                let img = rgb()?;
                let found = t.detect(&[&img])?.remove(0);
                Ok(found.into_iter().map(|c| Detection { rect: c.rect, score: c.score }).collect())
            }
        }
    }
}

/// A plate found and read in a frame.
#[derive(Debug, Clone)]
pub struct PlateDetection {
    /// Where the plate is, in frame pixels.
    pub rect: Rect,
    /// Detector confidence.
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

/// Finds and reads Indian licence plates in single frames: every detection is read. (The live
/// pipeline reads once per track instead; this is the per-frame diagnostic and the simple API.)
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
    detector: FrameDetector,
    ocr: PlateOcr,
}

impl PlateRecognizer {
    /// Loads the models from `dir` onto `device`.
    pub fn load(dir: &Path, device: &Device, options: &RecognizerOptions) -> Result<Self> {
        Ok(Self { detector: FrameDetector::load(dir, device, options)?, ocr: PlateOcr::load(dir, device)? })
    }

    /// Loads the default models from [`weights::default_dir`] onto the CPU (Burn's flex backend).
    pub fn load_default() -> Result<Self> {
        Self::load(&weights::default_dir(), &Device::flex(), &RecognizerOptions::default())
    }

    /// The detector.
    pub fn detector(&self) -> &FrameDetector {
        &self.detector
    }

    /// The plate reader.
    pub fn ocr(&self) -> &PlateOcr {
        &self.ocr
    }

    /// Valid plates in each frame.
    pub fn recognize(&self, frames: &[&RgbImage]) -> Result<Vec<Vec<PlateDetection>>> {
        Ok(self.recognize_detailed(frames)?.into_iter().map(|r| r.plates).collect())
    }

    /// Valid plates and rejected text in each frame.
    pub fn recognize_detailed(&self, frames: &[&RgbImage]) -> Result<Vec<FrameResult>> {
        frames.iter().map(|f| self.recognize_frame(f, &f.to_luma())).collect()
    }

    /// One frame, given as RGB and its luma.
    pub fn recognize_frame(&self, rgb: &RgbImage, luma: &LumaImage) -> Result<FrameResult> {
        if (rgb.width(), rgb.height()) != (luma.width(), luma.height()) {
            return Err(Error::new(ErrorKind::InvalidArgument, "RGB and luma images differ in size"));
        }
        let mut result = FrameResult::default();
        for d in self.detector.detect(luma, || Ok(rgb.clone()))? {
            match self.ocr.read(rgb, d.rect)? {
                OcrOutcome::Plate { plate, chars, corrections, lines } => {
                    result.plates.push(PlateDetection { rect: d.rect, detector_score: d.score, plate, chars, corrections, lines })
                }
                OcrOutcome::Rejected { text, reason } => result.rejected.push(Rejected { rect: d.rect, text, reason }),
                OcrOutcome::NoText => {}
            }
        }
        Ok(result)
    }
}

//! What reads plates for `POST /v1/images`: the project's [`PlateRecognizer`], loaded on the
//! first upload (a node that never gets one never spends the memory), one image at a time.

use std::sync::{Mutex, PoisonError};

use models::{PlateRecognizer, RecognizerOptions, RgbImage};

use super::images::{ImagePlate, PlateBox};

/// Reads the plates in one image. Blocking (model inference): call it on the blocking pool.
pub trait PlateReader: Send + Sync {
    /// The valid plates in `image`.
    fn read(&self, image: &RgbImage) -> anyhow::Result<Vec<ImagePlate>>;
}

/// The [`PlateRecognizer`] from `models::weights::default_dir()` on the CPU, loaded once on first
/// use. The lock is held while reading, so uploads take turns: the cores belong to the cameras.
pub struct LazyRecognizer {
    options: RecognizerOptions,
    loaded: Mutex<Option<PlateRecognizer>>,
}

impl LazyRecognizer {
    /// A reader that loads with `options` when first asked.
    pub fn new(options: RecognizerOptions) -> Self {
        Self { options, loaded: Mutex::new(None) }
    }
}

impl PlateReader for LazyRecognizer {
    fn read(&self, image: &RgbImage) -> anyhow::Result<Vec<ImagePlate>> {
        // A panic mid-read leaves the recognizer as it was: its state is the weights.
        let mut slot = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let recognizer = match &mut *slot {
            Some(r) => r,
            empty => {
                let r = PlateRecognizer::load(&models::weights::default_dir(), &models::Device::flex(), &self.options)?;
                tracing::info!("Plate models loaded for image uploads.");
                empty.insert(r)
            }
        };
        let found = recognizer.recognize_frame(image, &image.to_luma())?;
        Ok(found.plates.iter().map(plate).collect())
    }
}

fn plate(d: &models::PlateDetection) -> ImagePlate {
    let kind = match d.plate.kind() {
        models::grammar::PlateKind::Standard => "standard",
        models::grammar::PlateKind::Bharat => "bharat",
    };
    ImagePlate {
        text: d.plate.as_str().to_string(),
        formatted: d.plate.formatted(),
        kind: kind.to_string(),
        confidence: d.min_confidence(),
        detector_score: d.detector_score,
        r#box: PlateBox { x: d.rect.x, y: d.rect.y, w: d.rect.w, h: d.rect.h },
        lines: d.lines,
    }
}

use std::path::Path;

use burn::prelude::*;

use super::postprocess::{PlateCandidate, PlateShape, TextLineOptions, assemble_plates, text_lines};
use crate::error::{Error, ErrorKind, Result};
use crate::generated::ppocr_v4_det::Model;
use crate::image::{Rect, RgbImage};
use crate::weights;

/// ImageNet normalisation, as PP-OCR's detector was trained with (PaddleOCR
/// `configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_cml.yml`, `NormalizeImage`).
const MEAN: [f32; 3] = [0.485, 0.456, 0.406];
const STD: [f32; 3] = [0.229, 0.224, 0.225];

/// Detector settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorOptions {
    /// Network input width; frames are scaled (keeping aspect) and padded into it. Multiple of 32.
    pub input_width: usize,
    /// Network input height. Multiple of 32.
    pub input_height: usize,
    /// Text-line extraction.
    pub lines: TextLineOptions,
    /// What counts as plate-shaped.
    pub shape: PlateShape,
}

impl Default for DetectorOptions {
    fn default() -> Self {
        // 720p at native size: an 80 px plate carries only ~12 px of text, and any downscaling
        // costs small plates most (measured on the eval set: 74% exact at 960x544, 96% at
        // 1280x736). Larger frames are scaled down to fit.
        Self { input_width: 1280, input_height: 736, lines: TextLineOptions::default(), shape: PlateShape::default() }
    }
}

/// PP-OCRv4's DBNet text detector, run on batches of frames.
pub struct TextDetector {
    model: Model,
    device: Device,
    options: DetectorOptions,
}

impl TextDetector {
    /// Loads the weights from `path`.
    pub fn load(path: &Path, device: &Device, options: DetectorOptions) -> Result<Self> {
        if options.input_width % 32 != 0 || options.input_height % 32 != 0 || options.input_width == 0 || options.input_height == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("detector input {}x{} must be positive multiples of 32", options.input_width, options.input_height),
            ));
        }
        let mut model = Model::new(device);
        weights::load_into(&mut model, path)?;
        Ok(Self { model, device: device.clone(), options })
    }

    /// The options in use.
    pub fn options(&self) -> &DetectorOptions {
        &self.options
    }

    /// Finds plate-shaped text in each frame (frames may differ in size: several streams in one
    /// batch). Returns one list per frame, in frame coordinates.
    pub fn detect(&self, frames: &[&RgbImage]) -> Result<Vec<Vec<PlateCandidate>>> {
        if frames.is_empty() {
            return Ok(Vec::new());
        }
        let (w, h) = (self.options.input_width, self.options.input_height);
        let plane = w * h;
        let mut input = vec![0.0f32; frames.len() * 3 * plane];
        let mut scales = Vec::with_capacity(frames.len());
        for (n, img) in frames.iter().enumerate() {
            let s = (w as f32 / img.width() as f32).min(h as f32 / img.height() as f32);
            let (sw, sh) = (((img.width() as f32 * s).round() as usize).max(1), ((img.height() as f32 * s).round() as usize).max(1));
            scales.push(s);
            let base = n * 3 * plane;
            let src = Rect { x: 0.0, y: 0.0, w: img.width() as f32, h: img.height() as f32 };
            img.resample(src, sw.min(w), sh.min(h), |x, y, rgb| {
                for c in 0..3 {
                    input[base + c * plane + y * w + x] = (rgb[c] / 255.0 - MEAN[c]) / STD[c];
                }
            });
        }
        let x = Tensor::<4>::from_data(TensorData::new(input, [frames.len(), 3, h, w]), &self.device);
        let prob = self.model.forward(x);
        let prob: Vec<f32> = prob
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("detector output is not f32: {e:?}")))?;
        Ok(frames
            .iter()
            .enumerate()
            .map(|(n, img)| {
                let s = scales[n];
                let map = &prob[n * plane..(n + 1) * plane];
                let lines = text_lines(map, w, h, &self.options.lines)
                    .into_iter()
                    .map(|mut l| {
                        let r = l.rect;
                        l.rect = Rect { x: r.x / s, y: r.y / s, w: r.w / s, h: r.h / s }.expand_clip(0.0, 0.0, img.width(), img.height());
                        l
                    })
                    .collect();
                let mut plates = assemble_plates(lines, &self.options.shape);
                for p in &mut plates {
                    p.rect = p.rect.expand_clip(0.0, 0.0, img.width(), img.height());
                }
                plates
            })
            .collect())
    }
}

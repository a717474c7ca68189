use std::path::Path;

use burn::prelude::*;

use super::postprocess::{PlateCandidate, PlateShape, TextLine, TextLineOptions, assemble_plates, text_lines};
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
        weights::load_into(&mut model, path, weights::Origin::Converted)?;
        Ok(Self { model, device: device.clone(), options })
    }

    /// The options in use.
    pub fn options(&self) -> &DetectorOptions {
        &self.options
    }

    /// Finds plate-shaped text in each frame (frames may differ in size: several streams in one
    /// batch). Returns one list per frame, in frame coordinates.
    pub fn detect(&self, frames: &[&RgbImage]) -> Result<Vec<Vec<PlateCandidate>>> {
        let (w, h) = (self.options.input_width, self.options.input_height);
        let jobs: Vec<(&RgbImage, Rect)> = frames.iter().map(|img| (*img, Rect { x: 0.0, y: 0.0, w: img.width() as f32, h: img.height() as f32 })).collect();
        self.detect_regions(&jobs, w, h)
    }

    /// The text lines inside `region` of `image` (in image coordinates), scaled (keeping
    /// aspect) to fit a `w` x `h` input (multiples of 32): the reader uses this on a small plate
    /// crop to find its lines, at a fraction of a whole frame's cost.
    pub fn lines_in(&self, image: &RgbImage, region: Rect, w: usize, h: usize) -> Result<Vec<TextLine>> {
        if w == 0 || h == 0 || w % 32 != 0 || h % 32 != 0 {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("text detector input {w}x{h} must be positive multiples of 32")));
        }
        Ok(self.run(&[(image, region)], w, h)?.remove(0))
    }

    fn detect_regions(&self, jobs: &[(&RgbImage, Rect)], w: usize, h: usize) -> Result<Vec<Vec<PlateCandidate>>> {
        Ok(self
            .run(jobs, w, h)?
            .into_iter()
            .zip(jobs)
            .map(|(lines, (img, _))| {
                let mut plates = assemble_plates(lines, &self.options.shape);
                for p in &mut plates {
                    p.rect = p.rect.expand_clip(0.0, 0.0, img.width(), img.height());
                }
                plates
            })
            .collect())
    }

    /// The text lines of each job's region, in image coordinates.
    fn run(&self, jobs: &[(&RgbImage, Rect)], w: usize, h: usize) -> Result<Vec<Vec<TextLine>>> {
        if jobs.is_empty() {
            return Ok(Vec::new());
        }
        let plane = w * h;
        let mut input = vec![0.0f32; jobs.len() * 3 * plane];
        let mut scales = Vec::with_capacity(jobs.len());
        for (n, (img, src)) in jobs.iter().enumerate() {
            let s = (w as f32 / src.w.max(1.0)).min(h as f32 / src.h.max(1.0));
            let (sw, sh) = (((src.w * s).round() as usize).clamp(1, w), ((src.h * s).round() as usize).clamp(1, h));
            scales.push(s);
            let base = n * 3 * plane;
            img.resample(*src, sw, sh, |x, y, rgb| {
                for c in 0..3 {
                    input[base + c * plane + y * w + x] = (rgb[c] / 255.0 - MEAN[c]) / STD[c];
                }
            });
        }
        let x = Tensor::<4>::from_data(TensorData::new(input, [jobs.len(), 3, h, w]), &self.device);
        let prob = self.model.forward(x);
        let prob: Vec<f32> = prob
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("detector output is not f32: {e:?}")))?;
        Ok(jobs
            .iter()
            .enumerate()
            .map(|(n, (img, src))| {
                let s = scales[n];
                let map = &prob[n * plane..(n + 1) * plane];
                text_lines(map, w, h, &self.options.lines)
                    .into_iter()
                    .map(|mut l| {
                        let r = l.rect;
                        l.rect = Rect { x: src.x + r.x / s, y: src.y + r.y / s, w: r.w / s, h: r.h / s }.expand_clip(0.0, 0.0, img.width(), img.height());
                        l
                    })
                    .collect()
            })
            .collect())
    }
}

use std::path::Path;

use burn::prelude::*;

use super::ctc::{PPOCR_V4_PLATE_CLASSES, greedy_decode};
use crate::error::{Error, ErrorKind, Result};
use crate::generated::ppocr_v4_rec::Model;
use crate::grammar::CharCandidate;
use crate::image::{Rect, RgbImage};
use crate::weights;

/// PP-OCRv4's recogniser input height (PaddleOCR `rec_image_shape` 3,48,320).
const HEIGHT: usize = 48;
/// Widest line fed to the recogniser; a plate line is at most ~12 characters.
const MAX_WIDTH: usize = 480;
/// The recogniser downsamples width by 8: one CTC step per 8 input columns.
const STRIDE: usize = 8;

/// Reads text lines (plate crops) into characters with confidences.
pub struct PlateReader {
    model: Model,
    device: Device,
}

impl PlateReader {
    /// Loads the weights from `path`.
    pub fn load(path: &Path, device: &Device) -> Result<Self> {
        let mut model = Model::new(device);
        weights::load_into(&mut model, path, weights::Origin::Converted)?;
        Ok(Self { model, device: device.clone() })
    }

    /// Reads lines from several images in one batch. Each line is scaled to 48 px high keeping
    /// its aspect, and the batch is padded to its widest line.
    pub fn read_batch(&self, jobs: &[(&RgbImage, Rect)]) -> Result<Vec<Vec<CharCandidate>>> {
        if jobs.is_empty() {
            return Ok(Vec::new());
        }
        let widths: Vec<usize> = jobs
            .iter()
            .map(|(_, r)| ((HEIGHT as f32 * r.w / r.h.max(1.0)).round() as usize).clamp(STRIDE * 2, MAX_WIDTH))
            .collect();
        let w = widths.iter().copied().max().unwrap_or(STRIDE).div_ceil(STRIDE) * STRIDE;
        let plane = HEIGHT * w;
        // PP-OCR normalises to [-1, 1] and pads with 0 (PaddleOCR `resize_norm_img`).
        let mut input = vec![0.0f32; jobs.len() * 3 * plane];
        for (n, ((img, rect), &lw)) in jobs.iter().zip(&widths).enumerate() {
            if rect.w < 1.0 || rect.h < 1.0 {
                return Err(Error::new(ErrorKind::InvalidArgument, format!("empty line rectangle {rect:?}")));
            }
            let base = n * 3 * plane;
            img.resample(*rect, lw, HEIGHT, |x, y, rgb| {
                for c in 0..3 {
                    input[base + c * plane + y * w + x] = rgb[c] / 127.5 - 1.0;
                }
            });
        }
        let x = Tensor::<4>::from_data(TensorData::new(input, [jobs.len(), 3, HEIGHT, w]), &self.device);
        let out = self.model.forward(x);
        let [n, steps, classes] = out.dims();
        let probs: Vec<f32> = out
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("recogniser output is not f32: {e:?}")))?;
        Ok((0..n)
            .map(|i| {
                // Only the steps covering this line's own width: the padding reads as blanks anyway,
                // but could pick up stray strokes at the edge.
                let own = (widths[i].div_ceil(STRIDE)).min(steps);
                greedy_decode(&probs[i * steps * classes..(i * steps + own) * classes], own, classes, &PPOCR_V4_PLATE_CLASSES)
            })
            .collect())
    }
}

//! Running [`PlateNet`]: a luma frame in, plate boxes out, on the whole frame or only in given
//! regions (local search around tracked plates).

use std::path::Path;

use burn::prelude::*;

use super::plate_net::{INPUTS, OUTPUTS, PlateNet, PlateNetShape, STRIDE, offset, space_to_depth8};
use crate::error::{Error, ErrorKind, Result};
use crate::image::Rect;
use crate::luma::LumaImage;
use crate::weights;

/// Detector settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlateDetectorOptions {
    /// Frames are shrunk by a whole factor to about this width before detection (720p: by 2).
    pub work_width: u32,
    /// Plate-centre probability needed to report a plate.
    pub threshold: f32,
    /// Boxes overlapping a stronger one by more than this IoU are the same plate.
    pub nms_iou: f32,
    /// At most this many plates per frame (the strongest).
    pub max_plates: usize,
}

impl Default for PlateDetectorOptions {
    fn default() -> Self {
        Self { work_width: 640, threshold: 0.3, nms_iou: 0.3, max_plates: 16 }
    }
}

/// A plate found by the detector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The plate's box, border included, in frame pixels.
    pub rect: Rect,
    /// Plate-centre probability.
    pub score: f32,
}

/// A frame shrunk for the detector, with the factor to map boxes back.
#[derive(Debug, Clone)]
pub struct WorkImage {
    /// The shrunk luma.
    pub image: LumaImage,
    /// Frame pixels per work pixel.
    pub factor: u32,
}

/// The project's plate detector.
pub struct PlateDetector {
    net: PlateNet,
    device: Device,
    options: PlateDetectorOptions,
}

impl PlateDetector {
    /// Loads the weights from `path`.
    pub fn load(path: &Path, device: &Device, options: PlateDetectorOptions) -> Result<Self> {
        let mut net = PlateNet::new(device, PlateNetShape::DEFAULT);
        weights::load_into(&mut net, path, weights::Origin::Trained)?;
        Ok(Self::from_net(net, device, options))
    }

    /// Wraps a network already in memory (training, validation).
    pub fn from_net(net: PlateNet, device: &Device, options: PlateDetectorOptions) -> Self {
        Self { net, device: device.clone(), options }
    }

    /// The options in use.
    pub fn options(&self) -> &PlateDetectorOptions {
        &self.options
    }

    /// Shrinks a frame for [`PlateDetector::detect`].
    pub fn prepare(&self, frame: &LumaImage) -> WorkImage {
        let factor = (frame.width() as f32 / self.options.work_width as f32).round().max(1.0) as u32;
        WorkImage { image: frame.downscale(factor), factor }
    }

    /// Plates on the whole frame.
    pub fn detect_frame(&self, frame: &LumaImage) -> Result<Vec<Detection>> {
        let work = self.prepare(frame);
        let all = Rect { x: 0.0, y: 0.0, w: frame.width() as f32, h: frame.height() as f32 };
        self.detect(&work, &[all])
    }

    /// Plates inside `regions` (frame pixels) of a prepared frame. Each region runs the network
    /// on its own crop, so a few small regions cost a fraction of the whole frame.
    pub fn detect(&self, work: &WorkImage, regions: &[Rect]) -> Result<Vec<Detection>> {
        let f = work.factor as f32;
        let mut found = Vec::new();
        for r in regions {
            let scaled = Rect { x: r.x / f, y: r.y / f, w: r.w / f, h: r.h / f };
            let Some((crop, x0, y0)) = work.image.crop(scaled) else { continue };
            for mut d in self.run(&crop)? {
                d.rect = Rect { x: (d.rect.x + x0 as f32) * f, y: (d.rect.y + y0 as f32) * f, w: d.rect.w * f, h: d.rect.h * f };
                found.push(d);
            }
        }
        Ok(nms(found, self.options.nms_iou, self.options.max_plates))
    }

    /// The network on one image; boxes in that image's pixels.
    fn run(&self, img: &LumaImage) -> Result<Vec<Detection>> {
        let (w, h) = (img.width() as usize, img.height() as usize);
        if w < STRIDE || h < STRIDE {
            return Ok(Vec::new());
        }
        // Pad to whole cells with mid-grey (zero after normalisation, like the convolutions' padding).
        let (pw, ph) = (w.div_ceil(STRIDE) * STRIDE, h.div_ceil(STRIDE) * STRIDE);
        let mut padded = vec![128u8; pw * ph];
        for y in 0..h {
            padded[y * pw..y * pw + w].copy_from_slice(&img.data()[y * w..(y + 1) * w]);
        }
        let mut input = Vec::with_capacity(pw * ph);
        space_to_depth8(&padded, pw, ph, &mut input);
        let x = Tensor::<4>::from_data(TensorData::new(input, [1, INPUTS, ph / STRIDE, pw / STRIDE]), &self.device);
        let out: Vec<f32> =
            self.net.forward(x).into_data().try_to_vec::<f32>().map_err(|e| Error::new(ErrorKind::Internal, format!("detector output is not f32: {e:?}")))?;
        Ok(decode(&out, pw / STRIDE, ph / STRIDE, self.options.threshold, (w as f32, h as f32)))
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Boxes from the network output `[5, gh, gw]`: every cell whose centre probability passes the
/// threshold and is the largest in its 3x3 neighbourhood.
pub fn decode(out: &[f32], gw: usize, gh: usize, threshold: f32, clip: (f32, f32)) -> Vec<Detection> {
    let plane = gw * gh;
    debug_assert_eq!(out.len(), OUTPUTS * plane);
    let heat = &out[..plane];
    let logit_threshold = (threshold / (1.0 - threshold)).ln();
    let mut found = Vec::new();
    for gy in 0..gh {
        for gx in 0..gw {
            let i = gy * gw + gx;
            let v = heat[i];
            if v < logit_threshold {
                continue;
            }
            let is_peak = (gy.saturating_sub(1)..(gy + 2).min(gh))
                .all(|ny| (gx.saturating_sub(1)..(gx + 2).min(gw)).all(|nx| heat[ny * gw + nx] <= v || (nx, ny) == (gx, gy)));
            if !is_peak {
                continue;
            }
            let cx = (gx as f32 + offset(out[plane + i])) * STRIDE as f32;
            let cy = (gy as f32 + offset(out[2 * plane + i])) * STRIDE as f32;
            let bw = out[3 * plane + i].clamp(-4.0, 6.0).exp() * STRIDE as f32;
            let bh = out[4 * plane + i].clamp(-4.0, 6.0).exp() * STRIDE as f32;
            let rect = Rect::from_corners((cx - bw / 2.0).max(0.0), (cy - bh / 2.0).max(0.0), (cx + bw / 2.0).min(clip.0), (cy + bh / 2.0).min(clip.1));
            if rect.w >= 2.0 && rect.h >= 1.0 {
                found.push(Detection { rect, score: sigmoid(v) });
            }
        }
    }
    found
}

/// Greedy non-maximum suppression, strongest first, at most `max` boxes.
pub fn nms(mut found: Vec<Detection>, iou: f32, max: usize) -> Vec<Detection> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Detection> = Vec::new();
    for d in found {
        if kept.len() >= max {
            break;
        }
        if kept.iter().all(|k| k.rect.iou(&d.rect) <= iou) {
            kept.push(d);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_finds_the_peak_and_its_box() {
        let (gw, gh) = (4usize, 3usize);
        let plane = gw * gh;
        let mut out = vec![-10.0f32; OUTPUTS * plane];
        let i = gw + 2; // cell (2, 1)
        out[i] = 3.0;
        out[i + 1] = 1.0; // a weaker neighbour: not a peak
        out[plane + i] = 0.0; // centre offset 2 * 0.5 - 0.5 = 0.5 cells
        out[2 * plane + i] = 0.0;
        out[3 * plane + i] = (40.0f32 / 8.0).ln();
        out[4 * plane + i] = (10.0f32 / 8.0).ln();
        let d = decode(&out, gw, gh, 0.5, (100.0, 100.0));
        assert_eq!(d.len(), 1);
        let r = d[0].rect;
        assert!((r.x - 0.0).abs() < 1e-3 && (r.x1() - 40.0).abs() < 1e-3, "{r:?}"); // centre x = 2.5 cells = 20 px
        assert!((r.y - 7.0).abs() < 1e-3 && (r.h - 10.0).abs() < 1e-3, "{r:?}");
    }

    #[test]
    fn nms_keeps_the_strongest_of_overlapping_boxes() {
        let b = |x: f32, s: f32| Detection { rect: Rect { x, y: 0.0, w: 10.0, h: 10.0 }, score: s };
        let kept = nms(vec![b(0.0, 0.5), b(1.0, 0.9), b(50.0, 0.4)], 0.3, 10);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].score, 0.9);
    }
}

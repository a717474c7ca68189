//! A grayscale (luma) image: what the plate detector looks at. Cameras send Y'CbCr, so the luma
//! plane comes free with every decoded frame and no colour conversion is needed to detect.

use crate::error::{Error, ErrorKind, Result};
use crate::image::Rect;

/// An 8-bit single-channel image (`width * height` bytes, row-major).
#[derive(Clone, PartialEq)]
pub struct LumaImage {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl std::fmt::Debug for LumaImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LumaImage({}x{})", self.width, self.height)
    }
}

impl LumaImage {
    /// Wraps packed luma; errors if the size does not match.
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Self> {
        if width == 0 || height == 0 || data.len() != width as usize * height as usize {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("luma image {width}x{height} needs {} bytes, got {}", width as usize * height as usize, data.len()),
            ));
        }
        Ok(Self { width, height, data })
    }

    /// Copies the first `width * height` bytes of a plane with rows `stride` bytes apart.
    pub fn from_plane(width: u32, height: u32, plane: &[u8], stride: usize) -> Result<Self> {
        let (w, h) = (width as usize, height as usize);
        if w == 0 || h == 0 || stride < w || plane.len() < stride * (h - 1) + w {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("luma plane too small for {width}x{height} (stride {stride})")));
        }
        let mut data = Vec::with_capacity(w * h);
        for row in 0..h {
            data.extend_from_slice(&plane[row * stride..row * stride + w]);
        }
        Ok(Self { width, height, data })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The pixel at (`x`, `y`); the caller keeps it in bounds.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.width as usize + x]
    }

    /// Shrinks by an integer `factor` (area average). Cheap enough per frame: a 720p frame
    /// halves in well under a millisecond.
    pub fn downscale(&self, factor: u32) -> LumaImage {
        let f = factor.max(1) as usize;
        if f == 1 || (self.width as usize) < f || (self.height as usize) < f {
            return self.clone();
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let (ow, oh) = ((w / f).max(1), (h / f).max(1));
        if f == 2 && w >= 2 && h >= 2 {
            return self.halve();
        }
        let mut out = vec![0u8; ow * oh];
        let n = (f * f) as u32;
        for oy in 0..oh {
            let rows = &self.data[oy * f * w..];
            for (ox, px) in out[oy * ow..(oy + 1) * ow].iter_mut().enumerate() {
                let mut acc = 0u32;
                for r in 0..f {
                    let row = &rows[r * w + ox * f..r * w + ox * f + f];
                    acc += row.iter().map(|&v| v as u32).sum::<u32>();
                }
                *px = ((acc + n / 2) / n) as u8;
            }
        }
        LumaImage { width: ow as u32, height: oh as u32, data: out }
    }

    /// [`LumaImage::downscale`] by 2, the detector's common case, written for speed.
    fn halve(&self) -> LumaImage {
        let w = self.width as usize;
        let (ow, oh) = (w / 2, self.height as usize / 2);
        let mut out = Vec::with_capacity(ow * oh);
        for rows in self.data.chunks_exact(2 * w).take(oh) {
            let (a, b) = rows.split_at(w);
            out.extend(a.chunks_exact(2).zip(b.chunks_exact(2)).take(ow).map(|(p, q)| ((p[0] as u16 + p[1] as u16 + q[0] as u16 + q[1] as u16 + 2) >> 2) as u8));
        }
        LumaImage { width: ow as u32, height: oh as u32, data: out }
    }

    /// The region `r` (clipped to the image), copied out; `None` when nothing is left.
    pub fn crop(&self, r: Rect) -> Option<(LumaImage, u32, u32)> {
        let x0 = (r.x.floor().max(0.0) as u32).min(self.width);
        let y0 = (r.y.floor().max(0.0) as u32).min(self.height);
        let x1 = (r.x1().ceil().max(0.0) as u32).min(self.width);
        let y1 = (r.y1().ceil().max(0.0) as u32).min(self.height);
        if x1 <= x0 || y1 <= y0 {
            return None;
        }
        let (cw, ch) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let mut data = Vec::with_capacity(cw * ch);
        for row in y0 as usize..y1 as usize {
            let start = row * self.width as usize + x0 as usize;
            data.extend_from_slice(&self.data[start..start + cw]);
        }
        Some((LumaImage { width: cw as u32, height: ch as u32, data }, x0, y0))
    }

    /// Mean squared response of a 3x3 Laplacian over `r`, a cheap sharpness score: blur and
    /// motion smear lower it, and the reader does worst on exactly those crops.
    pub fn sharpness(&self, r: Rect) -> f32 {
        let x0 = (r.x.max(1.0) as usize).min(self.width as usize - 1);
        let y0 = (r.y.max(1.0) as usize).min(self.height as usize - 1);
        let x1 = (r.x1().max(0.0) as usize).min(self.width as usize - 1);
        let y1 = (r.y1().max(0.0) as usize).min(self.height as usize - 1);
        let (mut sum, mut n) = (0f64, 0u32);
        for y in y0..y1 {
            for x in x0..x1 {
                let c = 4 * self.get(x, y) as i32;
                let l = c - self.get(x - 1, y) as i32 - self.get(x + 1, y) as i32 - self.get(x, y - 1) as i32 - self.get(x, y + 1) as i32;
                sum += (l * l) as f64;
                n += 1;
            }
        }
        if n == 0 { 0.0 } else { (sum / n as f64) as f32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_averages_blocks() {
        let img = LumaImage::new(4, 2, vec![0, 10, 100, 200, 20, 30, 100, 200]).unwrap();
        let half = img.downscale(2);
        assert_eq!((half.width(), half.height()), (2, 1));
        assert_eq!(half.data(), &[15, 150]);
    }

    #[test]
    fn crop_clips_to_the_image() {
        let img = LumaImage::new(4, 4, (0..16).collect()).unwrap();
        let (c, x0, y0) = img.crop(Rect { x: 2.5, y: -3.0, w: 10.0, h: 5.0 }).unwrap();
        assert_eq!((x0, y0, c.width(), c.height()), (2, 0, 2, 2));
        assert_eq!(c.data(), &[2, 3, 6, 7]);
        assert!(img.crop(Rect { x: 10.0, y: 0.0, w: 5.0, h: 5.0 }).is_none());
    }

    #[test]
    fn sharp_edges_score_higher_than_flat() {
        let flat = LumaImage::new(8, 8, vec![128; 64]).unwrap();
        let stripes = LumaImage::new(8, 8, (0..64).map(|i| if i % 2 == 0 { 0 } else { 255 }).collect()).unwrap();
        let r = Rect { x: 0.0, y: 0.0, w: 8.0, h: 8.0 };
        assert_eq!(flat.sharpness(r), 0.0);
        assert!(stripes.sharpness(r) > 1000.0);
    }
}

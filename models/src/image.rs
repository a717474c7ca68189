//! A minimal RGB image and rectangle: what the models take in and hand back.

use crate::error::{Error, ErrorKind, Result};

/// An axis-aligned rectangle in pixel coordinates (floating point, top-left origin).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// A rectangle from its corners.
    pub fn from_corners(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self { x: x0, y: y0, w: (x1 - x0).max(0.0), h: (y1 - y0).max(0.0) }
    }

    /// Right edge.
    pub fn x1(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn y1(&self) -> f32 {
        self.y + self.h
    }

    /// Area.
    pub fn area(&self) -> f32 {
        self.w * self.h
    }

    /// The smallest rectangle containing both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect::from_corners(self.x.min(o.x), self.y.min(o.y), self.x1().max(o.x1()), self.y1().max(o.y1()))
    }

    /// Intersection over union, in [0, 1].
    ///
    /// ```
    /// use models::Rect;
    /// let a = Rect { x: 0.0, y: 0.0, w: 10.0, h: 10.0 };
    /// let b = Rect { x: 5.0, y: 0.0, w: 10.0, h: 10.0 };
    /// assert!((a.iou(&b) - 1.0 / 3.0).abs() < 1e-6);
    /// ```
    pub fn iou(&self, o: &Rect) -> f32 {
        let iw = (self.x1().min(o.x1()) - self.x.max(o.x)).max(0.0);
        let ih = (self.y1().min(o.y1()) - self.y.max(o.y)).max(0.0);
        let inter = iw * ih;
        let uni = self.area() + o.area() - inter;
        if uni <= 0.0 { 0.0 } else { inter / uni }
    }

    /// Grown by `dx` left and right and `dy` top and bottom, then clipped to `w` x `h`.
    pub fn expand_clip(&self, dx: f32, dy: f32, w: u32, h: u32) -> Rect {
        Rect::from_corners(
            (self.x - dx).max(0.0),
            (self.y - dy).max(0.0),
            (self.x1() + dx).min(w as f32),
            (self.y1() + dy).min(h as f32),
        )
    }
}

/// A packed RGB8 image (`width * height * 3` bytes, row-major).
#[derive(Clone)]
pub struct RgbImage {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl std::fmt::Debug for RgbImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RgbImage({}x{})", self.width, self.height)
    }
}

impl RgbImage {
    /// Wraps packed RGB8 pixels; errors if the size does not match.
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Self> {
        if width == 0 || height == 0 || data.len() != width as usize * height as usize * 3 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("RGB image {width}x{height} needs {} bytes, got {}", width as usize * height as usize * 3, data.len()),
            ));
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

    /// The luma (BT.601, limited range, as a camera's Y plane holds it).
    pub fn to_luma(&self) -> crate::luma::LumaImage {
        let data = self
            .data
            .chunks_exact(3)
            .map(|p| ((66 * p[0] as u32 + 129 * p[1] as u32 + 25 * p[2] as u32 + 128) >> 8) as u8 + 16)
            .collect();
        crate::luma::LumaImage::new(self.width, self.height, data).expect("same dimensions")
    }

    /// Bilinear sample of channel `c` at (`x`, `y`) in pixel-centre coordinates, clamped.
    fn sample(&self, x: f32, y: f32, c: usize) -> f32 {
        let (w, h) = (self.width as usize, self.height as usize);
        let x = x.clamp(0.0, (w - 1) as f32);
        let y = y.clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |xx: usize, yy: usize| self.data[(yy * w + xx) * 3 + c] as f32;
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }

    /// Resamples the region `src` of this image to `out_w` x `out_h`, calling `put(x, y, [r,g,b])`
    /// for every output pixel (values 0..=255). Area-averages when shrinking by more than 2x, so
    /// that small text does not alias away.
    pub fn resample(&self, src: Rect, out_w: usize, out_h: usize, mut put: impl FnMut(usize, usize, [f32; 3])) {
        let sx = src.w / out_w as f32;
        let sy = src.h / out_h as f32;
        let taps_x = (sx.ceil() as usize).clamp(1, 4);
        let taps_y = (sy.ceil() as usize).clamp(1, 4);
        for oy in 0..out_h {
            for ox in 0..out_w {
                let mut acc = [0.0f32; 3];
                for ty in 0..taps_y {
                    for tx in 0..taps_x {
                        let x = src.x + (ox as f32 + (tx as f32 + 0.5) / taps_x as f32) * sx - 0.5;
                        let y = src.y + (oy as f32 + (ty as f32 + 0.5) / taps_y as f32) * sy - 0.5;
                        for (c, a) in acc.iter_mut().enumerate() {
                            *a += self.sample(x, y, c);
                        }
                    }
                }
                let n = (taps_x * taps_y) as f32;
                put(ox, oy, [acc[0] / n, acc[1] / n, acc[2] / n]);
            }
        }
    }
}

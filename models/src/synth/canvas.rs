//! A floating-point luma canvas with the few drawing and degradation operations the scene
//! renderer needs: rectangles, text, perspective paste, blur, motion blur, noise, lighting and
//! block-transform compression artefacts.

use ab_glyph::{Font, FontVec, PxScale, ScaleFont, point};

use super::rng::Rng;
use crate::image::Rect;
use crate::luma::LumaImage;

/// Luma values in [0, 255], row-major.
#[derive(Debug, Clone)]
pub struct Canvas {
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
    /// Pixels.
    pub px: Vec<f32>,
}

impl Canvas {
    /// A canvas filled with `value`.
    pub fn new(w: usize, h: usize, value: f32) -> Self {
        Self { w, h, px: vec![value; w * h] }
    }

    /// Blends `value` into pixel (x, y) with weight `alpha`; outside pixels are ignored.
    #[inline]
    pub fn blend(&mut self, x: i64, y: i64, value: f32, alpha: f32) {
        if x >= 0 && y >= 0 && (x as usize) < self.w && (y as usize) < self.h {
            let p = &mut self.px[y as usize * self.w + x as usize];
            *p += (value - *p) * alpha.clamp(0.0, 1.0);
        }
    }

    /// Fills a rectangle (corners in pixels, clipped), blending with `alpha`.
    pub fn fill_rect(&mut self, r: Rect, value: f32, alpha: f32) {
        let x0 = r.x.round().max(0.0) as usize;
        let y0 = r.y.round().max(0.0) as usize;
        let x1 = (r.x1().round().max(0.0) as usize).min(self.w);
        let y1 = (r.y1().round().max(0.0) as usize).min(self.h);
        for y in y0..y1 {
            for p in &mut self.px[y * self.w + x0.min(x1)..y * self.w + x1] {
                *p += (value - *p) * alpha;
            }
        }
    }

    /// The outline of a rectangle, `t` pixels thick.
    pub fn stroke_rect(&mut self, r: Rect, t: f32, value: f32) {
        self.fill_rect(Rect { h: t, ..r }, value, 1.0);
        self.fill_rect(Rect { y: r.y1() - t, h: t, ..r }, value, 1.0);
        self.fill_rect(Rect { w: t, ..r }, value, 1.0);
        self.fill_rect(Rect { x: r.x1() - t, w: t, ..r }, value, 1.0);
    }

    /// A vertical gradient over rows `y0..y1`.
    pub fn gradient(&mut self, y0: usize, y1: usize, top: f32, bottom: f32) {
        let y1 = y1.min(self.h);
        for y in y0..y1 {
            let t = (y - y0) as f32 / (y1 - y0).max(1) as f32;
            let v = top + (bottom - top) * t;
            self.px[y * self.w..(y + 1) * self.w].fill(v);
        }
    }

    /// Draws `text` with its baseline at `y`, starting at `x`, characters `cap` pixels tall
    /// (cap height), horizontally scaled by `x_scale`. Returns the advance width drawn.
    pub fn text(&mut self, font: &FontVec, text: &str, x: f32, y: f32, cap: f32, x_scale: f32, value: f32) -> f32 {
        let scale = px_scale(font, cap, x_scale);
        let scaled = font.as_scaled(scale);
        let mut caret = x;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                caret += scaled.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(scale, point(caret, y));
            caret += scaled.h_advance(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, cov| self.blend(b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64, value, cov));
            }
        }
        caret - x
    }

    /// Gaussian blur (separable, kernel radius 3 sigma).
    pub fn gaussian_blur(&mut self, sigma: f32) {
        if sigma < 0.3 {
            return;
        }
        let r = (3.0 * sigma).ceil() as i64;
        let k: Vec<f32> = (-r..=r).map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp()).collect();
        let sum: f32 = k.iter().sum();
        let k: Vec<f32> = k.iter().map(|v| v / sum).collect();
        self.convolve(&k, true);
        self.convolve(&k, false);
    }

    /// A straight smear of `len` pixels, horizontal (`vertical = false`) or vertical.
    pub fn motion_blur(&mut self, len: usize, vertical: bool) {
        if len < 2 {
            return;
        }
        let k = vec![1.0 / len as f32; len];
        self.convolve(&k, !vertical);
    }

    fn convolve(&mut self, k: &[f32], horizontal: bool) {
        let r = (k.len() / 2) as i64;
        let (w, h) = (self.w as i64, self.h as i64);
        let src = self.px.clone();
        for y in 0..h {
            for x in 0..w {
                let mut acc = 0.0;
                for (i, kv) in k.iter().enumerate() {
                    let d = i as i64 - r;
                    let (sx, sy) = if horizontal { ((x + d).clamp(0, w - 1), y) } else { (x, (y + d).clamp(0, h - 1)) };
                    acc += kv * src[(sy * w + sx) as usize];
                }
                self.px[(y * w + x) as usize] = acc;
            }
        }
    }

    /// Adds Gaussian noise of standard deviation `sigma`.
    pub fn noise(&mut self, rng: &mut Rng, sigma: f32) {
        if sigma <= 0.0 {
            return;
        }
        for p in &mut self.px {
            *p += sigma * rng.normal();
        }
    }

    /// `v -> gain * v + offset` everywhere (lighting).
    pub fn light(&mut self, gain: f32, offset: f32) {
        for p in &mut self.px {
            *p = *p * gain + offset;
        }
    }

    /// Quantises 8x8 block DCT coefficients, coarser for higher frequencies: the blocking and
    /// ringing of a low-bitrate encoder. `q` around 4 is mild, 30 is heavy.
    pub fn compress(&mut self, q: f32) {
        let basis = dct_basis();
        let mut block = [0f32; 64];
        let mut tmp = [0f32; 64];
        for by in (0..self.h / 8 * 8).step_by(8) {
            for bx in (0..self.w / 8 * 8).step_by(8) {
                for y in 0..8 {
                    for x in 0..8 {
                        block[y * 8 + x] = self.px[(by + y) * self.w + bx + x] - 128.0;
                    }
                }
                dct(&basis, &block, &mut tmp, false);
                for (i, c) in tmp.iter_mut().enumerate() {
                    let step = q * (1.0 + ((i / 8) + (i % 8)) as f32 * 0.5);
                    *c = (*c / step).round() * step;
                }
                dct(&basis, &tmp, &mut block, true);
                for y in 0..8 {
                    for x in 0..8 {
                        self.px[(by + y) * self.w + bx + x] = block[y * 8 + x] + 128.0;
                    }
                }
            }
        }
    }

    /// Pastes `src` through a homography `dest_to_src` (3x3, row-major) into the pixels of
    /// `bounds`, with 2x2 supersampling for smooth edges. Pixels that map outside `src` are left.
    pub fn paste_warped(&mut self, src: &Canvas, dest_to_src: &[f32; 9], bounds: Rect) {
        let x0 = bounds.x.floor().max(0.0) as usize;
        let y0 = bounds.y.floor().max(0.0) as usize;
        let x1 = (bounds.x1().ceil().max(0.0) as usize).min(self.w);
        let y1 = (bounds.y1().ceil().max(0.0) as usize).min(self.h);
        let m = dest_to_src;
        for y in y0..y1 {
            for x in x0..x1 {
                let (mut acc, mut n) = (0.0, 0u32);
                for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    let (dx, dy) = (x as f32 + sx, y as f32 + sy);
                    let wz = m[6] * dx + m[7] * dy + m[8];
                    let u = (m[0] * dx + m[1] * dy + m[2]) / wz;
                    let v = (m[3] * dx + m[4] * dy + m[5]) / wz;
                    if u >= 0.0 && v >= 0.0 && u < src.w as f32 && v < src.h as f32 {
                        acc += src.bilinear(u - 0.5, v - 0.5);
                        n += 1;
                    }
                }
                if n > 0 {
                    let p = &mut self.px[y * self.w + x];
                    *p += (acc / n as f32 - *p) * (n as f32 / 4.0);
                }
            }
        }
    }

    fn bilinear(&self, x: f32, y: f32) -> f32 {
        let x = x.clamp(0.0, (self.w - 1) as f32);
        let y = y.clamp(0.0, (self.h - 1) as f32);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |xx: usize, yy: usize| self.px[yy * self.w + xx];
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }

    /// Rounded and clamped to 8 bits.
    pub fn to_luma(&self) -> LumaImage {
        let data = self.px.iter().map(|v| v.round().clamp(0.0, 255.0) as u8).collect();
        LumaImage::new(self.w as u32, self.h as u32, data).expect("canvas size matches its pixels")
    }
}

/// The pixel scale at which `font`'s capital letters are `cap` pixels tall.
pub fn px_scale(font: &FontVec, cap: f32, x_scale: f32) -> PxScale {
    // Cap height as a fraction of the font's ascent-to-descent height, measured on 'H'.
    let unit = PxScale::from(100.0);
    let probe = font.glyph_id('H').with_scale_and_position(unit, point(0.0, 0.0));
    let ratio = font.outline_glyph(probe).map(|o| o.px_bounds().height() / 100.0).unwrap_or(0.7).max(0.3);
    let y = cap / ratio;
    PxScale { x: y * x_scale, y }
}

/// The advance width of `text` as [`Canvas::text`] would draw it.
pub fn text_width(font: &FontVec, text: &str, cap: f32, x_scale: f32) -> f32 {
    let scaled = font.as_scaled(px_scale(font, cap, x_scale));
    let mut prev = None;
    let mut w = 0.0;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            w += scaled.kern(p, id);
        }
        prev = Some(id);
        w += scaled.h_advance(id);
    }
    w
}

/// 2-D DCT-II (or its inverse) of an 8x8 block with the orthonormal `basis[u * 8 + x]`.
/// The 8-point DCT-II basis, row `u` holding frequency `u` at the 8 sample positions.
fn dct_basis() -> Vec<f32> {
    (0..64)
        .map(|i| {
            let (u, x) = (i / 8, i % 8);
            let c = if u == 0 { (1.0f32 / 8.0).sqrt() } else { (2.0f32 / 8.0).sqrt() };
            c * ((2 * x + 1) as f32 * u as f32 * std::f32::consts::PI / 16.0).cos()
        })
        .collect()
}

fn dct(basis: &[f32], input: &[f32; 64], out: &mut [f32; 64], inverse: bool) {
    let mut rows = [0f32; 64];
    for y in 0..8 {
        for u in 0..8 {
            rows[y * 8 + u] = (0..8)
                .map(|x| if inverse { basis[x * 8 + u] * input[y * 8 + x] } else { basis[u * 8 + x] * input[y * 8 + x] })
                .sum();
        }
    }
    for u in 0..8 {
        for v in 0..8 {
            out[v * 8 + u] = (0..8)
                .map(|y| if inverse { basis[y * 8 + v] * rows[y * 8 + u] } else { basis[v * 8 + y] * rows[y * 8 + u] })
                .sum();
        }
    }
}

/// The homography mapping the four points `from` onto `to` (both clockwise from top-left).
pub fn homography(from: [(f32, f32); 4], to: [(f32, f32); 4]) -> Option<[f32; 9]> {
    let mut a = [[0f64; 9]; 8];
    for (i, (&(x, y), &(u, v))) in from.iter().zip(to.iter()).enumerate() {
        let (x, y, u, v) = (x as f64, y as f64, u as f64, v as f64);
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    // Gaussian elimination with partial pivoting on the 8x9 augmented matrix.
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        for row in 0..8 {
            if row != col {
                let f = a[row][col] / a[col][col];
                for k in col..9 {
                    a[row][k] -= f * a[col][k];
                }
            }
        }
    }
    let h: Vec<f32> = (0..8).map(|i| (a[i][8] / a[i][i]) as f32).collect();
    Some([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homography_maps_the_corners() {
        let from = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0)];
        let to = [(2.0, 1.0), (13.0, 2.0), (12.0, 8.0), (1.0, 7.0)];
        let m = homography(from, to).unwrap();
        for (&(x, y), &(u, v)) in from.iter().zip(&to) {
            let w = m[6] * x + m[7] * y + m[8];
            assert!(((m[0] * x + m[1] * y + m[2]) / w - u).abs() < 1e-3);
            assert!(((m[3] * x + m[4] * y + m[5]) / w - v).abs() < 1e-3);
        }
    }

    #[test]
    fn dct_round_trip_without_quantisation_is_identity() {
        let basis = dct_basis();
        let input: [f32; 64] = std::array::from_fn(|i| (i * 37 % 101) as f32);
        let (mut f, mut back) = ([0f32; 64], [0f32; 64]);
        dct(&basis, &input, &mut f, false);
        dct(&basis, &f, &mut back, true);
        assert!(input.iter().zip(&back).all(|(a, b)| (a - b).abs() < 1e-3));
    }

    #[test]
    fn blur_preserves_the_mean() {
        let mut c = Canvas::new(16, 16, 0.0);
        c.fill_rect(Rect { x: 4.0, y: 4.0, w: 8.0, h: 8.0 }, 255.0, 1.0);
        let before: f32 = c.px.iter().sum();
        c.gaussian_blur(1.5);
        c.motion_blur(5, false);
        let after: f32 = c.px.iter().sum();
        assert!((before - after).abs() / before < 0.02);
    }
}

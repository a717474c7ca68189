//! From a DBNet probability map to text lines, and from text lines to plate candidates.
//!
//! DBNet (PP-OCR's detector) predicts a shrunk text kernel per pixel; regions above a threshold
//! are connected components, which are grown back ("unclipped") by `area * ratio / perimeter`,
//! the rule from the DBNet paper (Liao et al., 2020) that PaddleOCR's `DBPostProcess` uses.

use crate::image::Rect;

/// Settings for turning a probability map into text lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextLineOptions {
    /// Pixel probability above which a pixel is text (PaddleOCR default 0.3).
    pub pixel_threshold: f32,
    /// Mean probability a region needs to count (PaddleOCR default 0.6).
    pub box_threshold: f32,
    /// How far regions are grown back (PaddleOCR default 1.5).
    pub unclip_ratio: f32,
    /// Regions smaller than this many map pixels are noise.
    pub min_pixels: usize,
}

impl Default for TextLineOptions {
    fn default() -> Self {
        Self { pixel_threshold: 0.3, box_threshold: 0.6, unclip_ratio: 1.5, min_pixels: 12 }
    }
}

/// A detected text line in map coordinates, with its mean probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextLine {
    /// The grown box.
    pub rect: Rect,
    /// Mean probability inside the region.
    pub score: f32,
}

/// Connected components (8-neighbourhood) of `prob > threshold` in a `w` x `h` map.
pub fn text_lines(prob: &[f32], w: usize, h: usize, o: &TextLineOptions) -> Vec<TextLine> {
    let mut label = vec![0u32; w * h];
    let mut lines = Vec::new();
    let mut stack = Vec::new();
    let mut next = 1u32;
    for start in 0..w * h {
        if label[start] != 0 || prob[start] <= o.pixel_threshold {
            continue;
        }
        label[start] = next;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let (mut n, mut sum) = (0usize, 0.0f32);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            n += 1;
            sum += prob[i];
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i32 || ny >= h as i32 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if label[j] == 0 && prob[j] > o.pixel_threshold {
                        label[j] = next;
                        stack.push(j);
                    }
                }
            }
        }
        next += 1;
        let score = sum / n as f32;
        if n < o.min_pixels || score < o.box_threshold {
            continue;
        }
        let r = Rect::from_corners(x0 as f32, y0 as f32, (x1 + 1) as f32, (y1 + 1) as f32);
        let d = r.area() * o.unclip_ratio / (2.0 * (r.w + r.h));
        lines.push(TextLine { rect: r.expand_clip(d, d, w as u32, h as u32), score });
    }
    lines
}

/// Settings for assembling plates from text lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlateShape {
    /// Width / height range of a one-line plate's text.
    pub single_aspect: (f32, f32),
    /// Width / height range of a two-line plate (both lines together).
    pub double_aspect: (f32, f32),
    /// Smallest text height in frame pixels worth reading.
    pub min_height: f32,
    /// Margin from a one-line plate's text to its edge, (horizontal, vertical) in text heights.
    pub single_margin: (f32, f32),
    /// Margin from a two-line plate's text to its edge, in line heights.
    pub double_margin: (f32, f32),
}

impl Default for PlateShape {
    fn default() -> Self {
        // Indian one-line plates are 500x120 mm (aspect ~4.2 with border, the text alone is
        // wider); two-line plates 200x100 mm (motorcycles) to 340x200 mm (heavy vehicles).
        // Margins from the HSRP geometry: a 500x120 mm car plate carries 65 mm characters, so the
        // plate is ~1.85 text heights tall and the text leaves ~50 mm (0.75 heights) each side;
        // two-line plates (200x100 mm, 35-40 mm characters) have proportionally smaller margins.
        Self { single_aspect: (2.2, 14.0), double_aspect: (0.9, 3.8), min_height: 6.0, single_margin: (0.75, 0.42), double_margin: (0.5, 0.3) }
    }
}

/// A plate-shaped group of text lines, in frame coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct PlateCandidate {
    /// The plate's box: its text grown by the plate margins (see [`PlateShape`]).
    pub rect: Rect,
    /// The text lines, top to bottom (one or two).
    pub lines: Vec<Rect>,
    /// Detector confidence (the mean of the lines' scores).
    pub score: f32,
}

/// Pairs stacked lines into two-line plates, keeps plate-shaped single lines, drops the rest.
pub fn assemble_plates(mut lines: Vec<TextLine>, shape: &PlateShape) -> Vec<PlateCandidate> {
    lines.retain(|l| l.rect.h >= shape.min_height);
    lines.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
    let mut used = vec![false; lines.len()];
    let mut plates = Vec::new();
    for i in 0..lines.len() {
        if used[i] {
            continue;
        }
        let a = lines[i].rect;
        // The line just below, overlapping horizontally and of similar height: a two-line plate.
        let partner = (i + 1..lines.len()).filter(|&j| !used[j]).find(|&j| {
            let b = lines[j].rect;
            let overlap = (a.x1().min(b.x1()) - a.x.max(b.x)).max(0.0);
            let gap = b.y - a.y1();
            let heights = a.h.max(b.h) / a.h.min(b.h).max(1e-3);
            overlap >= 0.5 * a.w.min(b.w) && gap < 0.8 * a.h.min(b.h) && gap > -0.5 * a.h.min(b.h) && heights < 1.6
        });
        if let Some(j) = partner {
            let u = a.union(&lines[j].rect);
            let aspect = u.w / u.h.max(1e-3);
            if (shape.double_aspect.0..=shape.double_aspect.1).contains(&aspect) {
                used[i] = true;
                used[j] = true;
                let lh = a.h.min(lines[j].rect.h);
                let (mx, my) = shape.double_margin;
                let rect = grow(u, mx * lh, my * lh);
                plates.push(PlateCandidate { rect, lines: vec![a, lines[j].rect], score: (lines[i].score + lines[j].score) / 2.0 });
                continue;
            }
        }
        let aspect = a.w / a.h.max(1e-3);
        if (shape.single_aspect.0..=shape.single_aspect.1).contains(&aspect) {
            used[i] = true;
            let (mx, my) = shape.single_margin;
            plates.push(PlateCandidate { rect: grow(a, mx * a.h, my * a.h), lines: vec![a], score: lines[i].score });
        }
    }
    plates
}

fn grow(r: Rect, dx: f32, dy: f32) -> Rect {
    Rect::from_corners(r.x - dx, r.y - dy, r.x1() + dx, r.y1() + dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_with(w: usize, h: usize, boxes: &[(usize, usize, usize, usize)]) -> Vec<f32> {
        let mut m = vec![0.0; w * h];
        for &(x0, y0, x1, y1) in boxes {
            for y in y0..y1 {
                for x in x0..x1 {
                    m[y * w + x] = 0.9;
                }
            }
        }
        m
    }

    #[test]
    fn components_are_found_and_grown() {
        let m = map_with(100, 50, &[(10, 10, 50, 18), (70, 40, 72, 41)]);
        let lines = text_lines(&m, 100, 50, &TextLineOptions::default());
        assert_eq!(lines.len(), 1, "the 2-pixel speck is noise");
        let r = lines[0].rect;
        assert!(r.x < 10.0 && r.x1() > 50.0 && r.y < 10.0 && r.y1() > 18.0, "{r:?}");
    }

    #[test]
    fn stacked_lines_become_one_two_line_plate() {
        let l = |x0: f32, y0: f32, x1: f32, y1: f32| TextLine { rect: Rect::from_corners(x0, y0, x1, y1), score: 0.9 };
        let lines = vec![
            l(100.0, 100.0, 160.0, 120.0), // "KA05"
            l(90.0, 126.0, 170.0, 146.0),  // "MN6789"
            l(300.0, 50.0, 480.0, 80.0),   // a one-line plate
            l(10.0, 10.0, 20.0, 60.0),     // tall and thin: not a plate
        ];
        let plates = assemble_plates(lines, &PlateShape::default());
        assert_eq!(plates.len(), 2);
        let two = plates.iter().find(|p| p.lines.len() == 2).unwrap();
        // The union of the lines (90,100)-(170,146), grown by 0.5 and 0.3 line heights (20 px).
        assert_eq!(two.rect, Rect::from_corners(80.0, 94.0, 180.0, 152.0));
        let one = plates.iter().find(|p| p.lines.len() == 1).unwrap();
        assert_eq!(one.lines[0], Rect::from_corners(300.0, 50.0, 480.0, 80.0));
        assert!((one.rect.h - 30.0 * 1.84).abs() < 1e-3);
    }
}

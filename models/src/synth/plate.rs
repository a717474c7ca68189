//! Indian registration plates: random valid marks and their rendering in every common style.

use ab_glyph::FontVec;

use super::canvas::{Canvas, text_width};
use super::rng::Rng;
use crate::grammar::STATE_CODES;
use crate::image::Rect;

/// Series letters: I and O are not issued (they read as 1 and 0).
const SERIES: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Plate colours in luma (background, characters): white private, yellow commercial, green
/// electric (white characters), black self-drive rental (yellow characters), blue diplomatic,
/// and a faded white.
const STYLES: [(f32, f32); 6] = [(232.0, 22.0), (205.0, 24.0), (92.0, 232.0), (22.0, 200.0), (60.0, 228.0), (188.0, 45.0)];

/// A random valid mark, as its text lines (one, or two for a two-line plate).
pub fn random_mark(rng: &mut Rng, two_line: bool) -> Vec<String> {
    if rng.chance(0.18) {
        let series: String = (0..rng.below(1, 3)).map(|_| *rng.pick(SERIES) as char).collect();
        let text = format!("{:02}BH{:04}{series}", rng.below(21, 27), rng.below(0, 10_000));
        return if two_line { vec![text[..4].to_string(), text[4..].to_string()] } else { vec![text] };
    }
    let state = *rng.pick(&STATE_CODES);
    let district = if rng.chance(0.8) { format!("{:02}", rng.below(1, 100)) } else { rng.below(1, 10).to_string() };
    let series: String = (0..*rng.pick(&[0usize, 1, 2, 2, 2, 3])).map(|_| *rng.pick(SERIES) as char).collect();
    let number = format!("{:04}", rng.below(1, 10_000));
    if two_line { vec![format!("{state}{district}"), format!("{series}{number}")] } else { vec![format!("{state}{district}{series}{number}")] }
}

/// Splits a one-line mark into its groups for display ("MH 12 AB 1234"), as most plates print it.
fn spaced(text: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev
            && p.is_ascii_digit() != c.is_ascii_digit()
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// A rendered plate: its picture (upright), and where its text sits in it.
pub struct PlateImage {
    /// The plate, border included, filling the canvas.
    pub canvas: Canvas,
    /// The mark without spaces.
    pub text: String,
    /// Text lines on the plate.
    pub lines: usize,
}

/// Renders a plate `width` pixels wide (the canvas; the scene scales it into place).
pub fn render_plate(rng: &mut Rng, fonts: &[FontVec], lines: &[String], width: f32) -> PlateImage {
    let two = lines.len() == 2;
    let aspect = if two { rng.range(1.55, 2.15) } else { rng.range(3.7, 4.7) };
    let (w, h) = (width.round().max(16.0) as usize, (width / aspect).round().max(6.0) as usize);
    let (bg, fg) = *rng.pick(&STYLES);
    let (bg, fg) = (bg + rng.range(-18.0, 12.0), fg + rng.range(-10.0, 15.0));
    let mut c = Canvas::new(w, h, bg);
    // A little uneven lighting across the plate.
    let tilt = rng.range(-12.0, 12.0);
    for (i, p) in c.px.iter_mut().enumerate() {
        *p += tilt * ((i % w) as f32 / w as f32 - 0.5);
    }
    let hf = h as f32;
    if rng.chance(0.85) {
        let t = (hf * rng.range(0.025, 0.06)).max(1.0);
        let inset = hf * rng.range(0.0, 0.05);
        c.stroke_rect(Rect { x: inset, y: inset, w: w as f32 - 2.0 * inset, h: hf - 2.0 * inset }, t, fg);
    }
    // High-security plates carry a blue "IND" strip at the left.
    let mut left = hf * 0.12;
    if !two && rng.chance(0.4) {
        let sw = w as f32 * 0.075;
        c.fill_rect(Rect { x: hf * 0.08, y: hf * 0.12, w: sw, h: hf * 0.76 }, 80.0, 0.9);
        let font = rng.pick(fonts);
        c.text(font, "IND", hf * 0.08 + sw * 0.1, hf * 0.8, hf * 0.12, 0.6, 230.0);
        left += sw;
    }
    let font = rng.pick(fonts);
    let avail_w = w as f32 - left - hf * 0.12;
    let rows: Vec<(String, f32, f32)> = if two {
        let cap = hf * rng.range(0.28, 0.36);
        vec![(lines[0].clone(), cap, hf * 0.44), (lines[1].clone(), cap, hf * 0.86)]
    } else {
        let text = if rng.chance(0.6) { spaced(&lines[0]) } else { lines[0].clone() };
        let cap = hf * rng.range(0.48, 0.6);
        vec![(text, cap, hf * 0.5 + cap * 0.5)]
    };
    for (text, cap, baseline) in rows {
        let mut xs = rng.range(0.75, 1.05);
        let natural = text_width(font, &text, cap, xs);
        if natural > avail_w {
            xs *= avail_w / natural;
        }
        let tw = text_width(font, &text, cap, xs);
        let x = left + (avail_w - tw) / 2.0;
        c.text(font, &text, x, baseline, cap, xs, fg);
    }
    PlateImage { canvas: c, text: lines.concat(), lines: lines.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlateText;

    #[test]
    fn random_marks_are_valid() {
        let mut rng = Rng::new(3);
        for i in 0..2000 {
            let lines = random_mark(&mut rng, i % 3 == 0);
            let text = lines.concat();
            assert!(PlateText::parse(&text).is_ok(), "{text}");
        }
    }

    #[test]
    fn groups_are_spaced() {
        assert_eq!(spaced("MH12AB1234"), "MH 12 AB 1234");
        assert_eq!(spaced("22BH1234AA"), "22 BH 1234 AA");
    }
}

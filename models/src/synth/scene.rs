//! Synthetic dashcam scenes: a street, vehicles carrying plates, and the things that look like
//! plates to a careless detector (MDVR overlays, road signs, shop boards, grilles, fences), then
//! the camera's degradations (blur, motion blur, low light, noise, compression).

use ab_glyph::FontVec;

use super::canvas::{Canvas, homography, text_width};
use super::fonts::load_fonts;
use super::plate::{random_mark, render_plate};
use super::rng::Rng;
use crate::error::Result;
use crate::image::Rect;
use crate::luma::LumaImage;

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneOptions {
    /// Width in pixels (full resolution).
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Most plates in the scene (0 gives a plate-free scene).
    pub max_plates: usize,
    /// Plate widths are drawn log-uniformly from this range (pixels).
    pub plate_width: (f32, f32),
    /// Probability of each kind of distractor being present.
    pub distractors: f32,
    /// Strength of degradations, 0 (clean) to 1 (the full range).
    pub degrade: f32,
}

impl SceneOptions {
    /// Training patches: 512x512 at full resolution (256x256 after the detector's 2x
    /// downscale), 0-3 plates 40-300 px wide.
    pub const TRAIN: Self = Self { width: 512, height: 512, max_plates: 3, plate_width: (40.0, 300.0), distractors: 0.85, degrade: 1.0 };
    /// Whole 720p frames for validation.
    pub const FRAME_720P: Self = Self { width: 1280, height: 720, max_plates: 3, plate_width: (40.0, 300.0), distractors: 0.85, degrade: 1.0 };
}

/// Where a plate ended up.
#[derive(Debug, Clone, PartialEq)]
pub struct PlateTruth {
    /// The plate's axis-aligned bounding box (border included) in scene pixels.
    pub rect: Rect,
    /// The mark.
    pub text: String,
    /// Lines on the plate.
    pub lines: usize,
}

/// A rendered scene with its ground truth.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The picture (luma).
    pub luma: LumaImage,
    /// The plates in it.
    pub plates: Vec<PlateTruth>,
}

/// Renders scenes; holds the fonts.
pub struct SceneRenderer {
    fonts: Vec<FontVec>,
    font_names: Vec<String>,
}

const WORDS: [&str; 60] = [
    "PUNE", "Mumbai", "NASHIK", "KM", "HOTEL", "Stores", "MEDICAL", "Chemist", "BANK", "ATM", "SCHOOL", "Hospital", "PETROL", "PUMP",
    "SPEED", "LIMIT", "NO", "PARKING", "STOP", "SLOW", "ONE", "WAY", "SHARMA", "General", "KIRANA", "Tea", "STALL", "SALE", "OPEN",
    "24x7", "EXIT", "BUS", "ZONE", "Sai", "PALACE", "Road", "BENGALURU", "Chennai", "DELHI", "LONAVALA", "Tailors", "MOBILES", "Xerox",
    "CLINIC", "Bakery", "ELECTRICALS", "TRAVELS", "Opticians", "SWEETS", "Garage", "TYRES", "Pharmacy", "AUTO", "PARTS", "TAXI", "POLICE",
    "PRESS", "ON", "DUTY", "Market",
];

impl SceneRenderer {
    /// Loads the fonts (see [`super::fonts::FONT_FILES`]).
    pub fn new() -> Result<Self> {
        let (fonts, font_names) = load_fonts()?;
        Ok(Self { fonts, font_names })
    }

    /// The font files in use.
    pub fn font_names(&self) -> &[String] {
        &self.font_names
    }

    /// One scene.
    pub fn render(&self, rng: &mut Rng, o: &SceneOptions) -> Scene {
        let mut c = Canvas::new(o.width, o.height, 0.0);
        self.background(rng, &mut c);
        if rng.chance(o.distractors) {
            for _ in 0..rng.below(2, 8) {
                self.distractor(rng, &mut c);
            }
        }
        let mut plates: Vec<PlateTruth> = Vec::new();
        let n = if o.max_plates == 0 { 0 } else { rng.below(0, o.max_plates + 1).max(usize::from(rng.chance(0.6))) };
        for _ in 0..n {
            for _attempt in 0..6 {
                if let Some(p) = self.vehicle_with_plate(rng, &mut c, o, &plates) {
                    plates.push(p);
                    break;
                }
            }
        }
        if rng.chance(o.distractors * 0.7) {
            self.overlay(rng, &mut c);
        }
        degrade(rng, &mut c, o.degrade);
        Scene { luma: c.to_luma(), plates }
    }

    fn background(&self, rng: &mut Rng, c: &mut Canvas) {
        let (w, h) = (c.w as f32, c.h as f32);
        let horizon = (h * rng.range(-0.2, 0.6)).max(0.0) as usize;
        c.gradient(0, horizon, rng.range(120.0, 240.0), rng.range(90.0, 220.0));
        c.gradient(horizon, c.h, rng.range(50.0, 130.0), rng.range(60.0, 150.0));
        // Buildings, windows, poles, trees: blocks of every size and brightness.
        for _ in 0..rng.below(3, 14) {
            let bw = rng.log_range(8.0, w * 0.6);
            let bh = rng.log_range(8.0, h * 0.6);
            let r = Rect { x: rng.range(-bw / 2.0, w), y: rng.range(-bh / 2.0, h), w: bw, h: bh };
            let v = rng.range(10.0, 245.0);
            c.fill_rect(r, v, rng.range(0.5, 1.0));
            if rng.chance(0.3) {
                windows(rng, c, r);
            }
        }
        if rng.chance(0.6) {
            // Lane markings.
            let y = rng.range(h * 0.5, h);
            let dash = rng.range(20.0, 80.0);
            let mut x = rng.range(-dash, 0.0);
            while x < w {
                c.fill_rect(Rect { x, y, w: dash, h: rng.range(3.0, 10.0) }, rng.range(180.0, 240.0), 0.9);
                x += dash * 2.0;
            }
        }
        if rng.chance(0.4) {
            texture(rng, c);
        }
    }

    /// A vehicle (body, windows, lights, grille) carrying a plate, or a plate alone.
    fn vehicle_with_plate(&self, rng: &mut Rng, c: &mut Canvas, o: &SceneOptions, placed: &[PlateTruth]) -> Option<PlateTruth> {
        let two = rng.chance(0.25);
        let pw = if two { rng.log_range(o.plate_width.0, o.plate_width.1 * 0.7) } else { rng.log_range(o.plate_width.0, o.plate_width.1) };
        let lines = random_mark(rng, two);
        let plate = render_plate(rng, &self.fonts, &lines, (pw * 1.6).clamp(60.0, 520.0));
        let ph = pw * plate.canvas.h as f32 / plate.canvas.w as f32;
        let (w, h) = (c.w as f32, c.h as f32);
        // Mostly inside the picture; sometimes cut by the edge (still labelled: the reader
        // rejects a cut plate, the detector should still see it).
        let cut = if rng.chance(0.1) { 0.1 } else { -0.05 };
        let x = rng.range(-pw * cut, w - pw * (1.0 - cut));
        let y = rng.range(-ph * cut, h - ph * (1.0 - cut));
        let quad = perspective(rng, x, y, pw, ph);
        let bounds = quad_bounds(&quad);
        if placed.iter().any(|p| p.rect.iou(&bounds) > 0.0 || overlaps(&p.rect, &bounds)) {
            return None;
        }
        if rng.chance(0.8) {
            let body = vehicle_body(rng, bounds);
            // A later vehicle must not paint over an earlier plate.
            if !placed.iter().any(|p| overlaps(&p.rect, &body)) {
                vehicle(rng, c, body, bounds);
            }
        }
        if rng.chance(0.45) {
            // A plate holder: a dark frame a little larger than the plate.
            let m = rng.range(0.03, 0.1);
            let holder = Rect { x: bounds.x - bounds.w * m, y: bounds.y - bounds.h * m * 2.5, w: bounds.w * (1.0 + 2.0 * m), h: bounds.h * (1.0 + 5.0 * m) };
            c.fill_rect(holder, rng.range(5.0, 70.0), 1.0);
        }
        let src = [(0.0, 0.0), (plate.canvas.w as f32, 0.0), (plate.canvas.w as f32, plate.canvas.h as f32), (0.0, plate.canvas.h as f32)];
        let m = homography(quad, src)?;
        let mut local = plate.canvas;
        // Per-plate trouble: dirt and shadow.
        if rng.chance(0.2) {
            local.light(rng.range(0.4, 0.9), rng.range(-10.0, 10.0));
        }
        c.paste_warped(&local, &m, bounds);
        let clipped = Rect::from_corners(bounds.x.max(0.0), bounds.y.max(0.0), bounds.x1().min(w), bounds.y1().min(h));
        Some(PlateTruth { rect: clipped, text: plate.text, lines: plate.lines })
    }

    fn distractor(&self, rng: &mut Rng, c: &mut Canvas) {
        let (w, h) = (c.w as f32, c.h as f32);
        let font = rng.pick(&self.fonts);
        match rng.below(0, 8) {
            0..=3 => {
                // A road sign or a shop board: a panel with one to three rows of words and
                // numbers (destinations, distances, shop names, phone numbers, tax ids): text
                // like a plate's, in shapes unlike a plate's.
                let bw = rng.log_range(50.0, w * 0.9);
                let rows = rng.below(1, 4);
                let bh = bw / rng.range(1.0, 8.0);
                let r = Rect { x: rng.range(-bw * 0.2, w), y: rng.range(-bh * 0.2, h), w: bw, h: bh };
                let (bg, fg) = if rng.chance(0.5) { (rng.range(20.0, 120.0), rng.range(190.0, 250.0)) } else { (rng.range(160.0, 245.0), rng.range(5.0, 90.0)) };
                c.fill_rect(r, bg, 1.0);
                if rng.chance(0.5) {
                    c.stroke_rect(r, (bh * 0.04).max(1.0), fg);
                }
                let cap = bh / rows as f32 * rng.range(0.4, 0.75);
                for row in 0..rows {
                    let text = sign_text(rng);
                    let tw = text_width(font, &text, cap, 1.0).max(1.0);
                    let xs = ((bw * 0.92) / tw).min(1.0);
                    let baseline = r.y + bh * (row as f32 + 0.5) / rows as f32 + cap * 0.5;
                    c.text(font, &text, r.x + bw * 0.04, baseline, cap, xs, fg);
                }
            }
            4 => {
                // Loose text painted on a wall, a truck or a shutter.
                let cap = rng.log_range(8.0, 70.0);
                let text = sign_text(rng);
                let v = rng.range(0.0, 255.0);
                c.text(font, &text, rng.range(-20.0, w), rng.range(cap, h), cap, rng.range(0.6, 1.1), v);
            }
            5 => {
                // A grille or a fence: parallel bars.
                let r = Rect { x: rng.range(0.0, w), y: rng.range(0.0, h), w: rng.log_range(30.0, w * 0.5), h: rng.log_range(15.0, h * 0.4) };
                let vertical = rng.chance(0.5);
                let pitch = rng.range(3.0, 14.0);
                let (a, b) = (rng.range(10.0, 120.0), rng.range(130.0, 250.0));
                c.fill_rect(r, a, 1.0);
                let mut t = 0.0;
                while t < if vertical { r.w } else { r.h } {
                    let bar = if vertical { Rect { x: r.x + t, w: pitch * 0.5, ..r } } else { Rect { y: r.y + t, h: pitch * 0.5, ..r } };
                    c.fill_rect(bar, b, 1.0);
                    t += pitch;
                }
            }
            6 => self.overlay(rng, c),
            _ => texture(rng, c),
        }
    }

    /// An MDVR's burnt-in overlay: date, time, channel, speed, GPS; white with a dark outline.
    fn overlay(&self, rng: &mut Rng, c: &mut Canvas) {
        let font = rng.pick(&self.fonts);
        let cap = rng.range(9.0, 24.0) * c.w as f32 / 1280.0 + 4.0;
        let texts = [
            format!("2026-{:02}-{:02} {:02}:{:02}:{:02}", rng.below(1, 13), rng.below(1, 29), rng.below(0, 24), rng.below(0, 60), rng.below(0, 60)),
            format!("CH{}", rng.below(1, 9)),
            format!("{:03} km/h", rng.below(0, 90)),
            format!("N{:.5} E{:.5}", rng.range(8.0, 30.0), rng.range(68.0, 90.0)),
            format!("ID MDVR-{}", rng.below(1000, 9999)),
            format!("BUS-{}", rng.below(100, 999)),
        ];
        let mut x = rng.range(4.0, c.w as f32 * 0.5);
        let y = rng.range(cap * 1.4, c.h as f32 - cap * 0.4);
        if rng.chance(0.5) {
            // A translucent dark bar behind the text.
            c.fill_rect(Rect { x: 0.0, y: y - cap * 1.4, w: c.w as f32, h: cap * 1.9 }, 20.0, rng.range(0.3, 0.7));
        }
        for t in texts.iter().filter(|_| rng.chance(0.75)) {
            for (dx, dy) in [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0)] {
                c.text(font, t, x + dx, y + dy, cap, 1.0, 10.0);
            }
            x += c.text(font, t, x, y, cap, 1.0, 235.0) + cap;
        }
    }
}

/// A sign's or a board's row: words, numbers, distances, phone numbers, tax ids.
fn sign_text(rng: &mut Rng) -> String {
    match rng.below(0, 7) {
        0 => format!("{} {} KM", words(rng, 2).to_uppercase(), rng.below(2, 999)),
        1 => format!("NH{} {}", rng.below(1, 99), words(rng, 2).to_uppercase()),
        2 => format!("MOB {:05} {:05}", rng.below(70000, 99999), rng.below(0, 99999)),
        3 => format!("GSTIN {:02}{}{}", rng.below(1, 37), (0..5).map(|_| (b'A' + rng.below(0, 26) as u8) as char).collect::<String>(), rng.below(1000, 9999)),
        4 => format!("{} {}", words(rng, 2), rng.below(1, 9999)),
        5 => words(rng, 3).to_uppercase(),
        _ => words(rng, 3),
    }
}

fn words(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(1, max + 1);
    (0..n).map(|_| *rng.pick(&WORDS)).collect::<Vec<_>>().join(" ")
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x1() + 4.0 && b.x < a.x1() + 4.0 && a.y < b.y1() + 4.0 && b.y < a.y1() + 4.0
}

/// A plate-sized rectangle at (x, y) seen at a slight angle: clockwise corners from top-left.
fn perspective(rng: &mut Rng, x: f32, y: f32, w: f32, h: f32) -> [(f32, f32); 4] {
    let shear = w * rng.range(-0.06, 0.06) * f32::from(rng.chance(0.5));
    let keystone = rng.range(-0.12, 0.12) * f32::from(rng.chance(0.5));
    let rot = rng.range(-0.07, 0.07);
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let corners = [(-w / 2.0 + shear, -h / 2.0 * (1.0 - keystone)), (w / 2.0 + shear, -h / 2.0 * (1.0 + keystone)), (w / 2.0, h / 2.0 * (1.0 + keystone)), (-w / 2.0, h / 2.0 * (1.0 - keystone))];
    corners.map(|(dx, dy)| (cx + dx * rot.cos() - dy * rot.sin(), cy + dx * rot.sin() + dy * rot.cos()))
}

fn quad_bounds(q: &[(f32, f32); 4]) -> Rect {
    let (x0, x1) = q.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (y0, y1) = q.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    Rect::from_corners(x0, y0, x1, y1)
}

/// Where the body of a vehicle carrying `plate` is.
fn vehicle_body(rng: &mut Rng, plate: Rect) -> Rect {
    let vw = plate.w * rng.range(2.4, 4.5);
    let vh = vw * rng.range(0.5, 0.9);
    let x = plate.x + plate.w / 2.0 - vw / 2.0 + rng.range(-0.15, 0.15) * vw;
    let y = plate.y1() + plate.h * rng.range(0.3, 1.2) - vh;
    Rect { x, y, w: vw, h: vh }
}

/// A vehicle's rear or front around its plate.
fn vehicle(rng: &mut Rng, c: &mut Canvas, r: Rect, plate: Rect) {
    let Rect { x, y, w: vw, h: vh } = r;
    let body = rng.range(15.0, 235.0);
    c.fill_rect(Rect { x, y, w: vw, h: vh }, body, 1.0);
    c.fill_rect(Rect { x: x + vw * 0.1, y: y + vh * 0.05, w: vw * 0.8, h: vh * 0.35 }, rng.range(10.0, 80.0), 0.9);
    let light = rng.range(150.0, 250.0);
    c.fill_rect(Rect { x: x + vw * 0.03, y: y + vh * 0.5, w: vw * 0.14, h: vh * 0.1 }, light, 1.0);
    c.fill_rect(Rect { x: x + vw * 0.83, y: y + vh * 0.5, w: vw * 0.14, h: vh * 0.1 }, light, 1.0);
    if rng.chance(0.5) {
        // A grille above the plate: horizontal bars, the classic false positive.
        let g = Rect { x: x + vw * 0.25, y: y + vh * 0.45, w: vw * 0.5, h: (plate.y - y - vh * 0.47).max(2.0) };
        let pitch = rng.range(3.0, 10.0);
        let mut t = 0.0;
        while t < g.h {
            c.fill_rect(Rect { y: g.y + t, h: pitch * 0.5, ..g }, rng.range(0.0, 60.0), 1.0);
            t += pitch;
        }
    }
}

fn windows(rng: &mut Rng, c: &mut Canvas, r: Rect) {
    let (nx, ny) = (rng.below(2, 8), rng.below(2, 6));
    let v = rng.range(10.0, 250.0);
    for i in 0..nx {
        for j in 0..ny {
            let cw = r.w / nx as f32;
            let chh = r.h / ny as f32;
            c.fill_rect(Rect { x: r.x + i as f32 * cw + cw * 0.2, y: r.y + j as f32 * chh + chh * 0.2, w: cw * 0.6, h: chh * 0.6 }, v, 0.9);
        }
    }
}

/// Blotchy texture (foliage, road wear): random blobs blurred together.
fn texture(rng: &mut Rng, c: &mut Canvas) {
    let r = Rect { x: rng.range(-50.0, c.w as f32), y: rng.range(-50.0, c.h as f32), w: rng.log_range(40.0, c.w as f32), h: rng.log_range(40.0, c.h as f32) };
    let size = rng.range(2.0, 9.0);
    let mut y = r.y;
    while y < r.y1() {
        let mut x = r.x;
        while x < r.x1() {
            c.fill_rect(Rect { x, y, w: size, h: size }, rng.range(0.0, 255.0), rng.range(0.2, 0.8));
            x += size;
        }
        y += size;
    }
}

/// The camera: lighting, blur, motion blur, noise and compression, each at random strength.
fn degrade(rng: &mut Rng, c: &mut Canvas, strength: f32) {
    if strength <= 0.0 {
        return;
    }
    if rng.chance(0.3 * strength) {
        // Night: dark and low contrast.
        c.light(rng.range(0.25, 0.6), rng.range(-5.0, 15.0));
    } else if rng.chance(0.2 * strength) {
        c.light(rng.range(0.7, 1.25), rng.range(-25.0, 25.0));
    }
    if rng.chance(0.35 * strength) {
        c.gaussian_blur(rng.range(0.4, 1.8) * strength);
    }
    if rng.chance(0.25 * strength) {
        c.motion_blur(rng.below(2, (9.0 * strength) as usize + 3), rng.chance(0.15));
    }
    let sigma = rng.range(0.5, 14.0) * strength;
    c.noise(rng, sigma);
    if rng.chance(0.6 * strength) {
        c.compress(rng.range(2.0, 22.0) * strength);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_are_deterministic_and_plates_are_in_the_picture() {
        let Ok(r) = SceneRenderer::new() else { panic!("fonts missing: run deploy/setup.sh") };
        let o = SceneOptions::TRAIN;
        let a = r.render(&mut Rng::new(11), &o);
        let b = r.render(&mut Rng::new(11), &o);
        assert_eq!(a.luma, b.luma);
        assert_eq!(a.plates, b.plates);
        let mut total = 0;
        for i in 0..20 {
            let s = r.render(&mut Rng::for_item(5, i), &o);
            for p in &s.plates {
                assert!(p.rect.x >= 0.0 && p.rect.y >= 0.0 && p.rect.x1() <= 512.0 && p.rect.y1() <= 512.0, "{p:?}");
                assert!(crate::PlateText::parse(&p.text).is_ok());
            }
            total += s.plates.len();
        }
        assert!(total >= 15, "{total} plates in 20 scenes");
    }
}

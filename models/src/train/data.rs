//! Training batches: rendered scenes, shrunk as the detector shrinks frames, with CenterNet
//! targets (a Gaussian per plate centre, offsets and log sizes around it).

use crate::detect::plate_net::{STRIDE, space_to_depth8};
use crate::image::Rect;
use crate::synth::{Rng, SceneOptions, SceneRenderer};

/// One batch, flattened NCHW.
pub struct Batch {
    /// Samples.
    pub n: usize,
    /// Work-image size (after the 2x shrink).
    pub size: (usize, usize),
    /// `[n, 64, h/8, w/8]`.
    pub input: Vec<f32>,
    /// `[n, 1, h/8, w/8]`: 1 at plate centres, Gaussian around them.
    pub heat: Vec<f32>,
    /// `[n, 4, h/8, w/8]`: centre offset (cells, from the cell corner) and log size targets.
    pub reg: Vec<f32>,
    /// `[n, 1, h/8, w/8]`: where offsets are trained (near centres).
    pub offset_mask: Vec<f32>,
    /// `[n, 1, h/8, w/8]`: where sizes are trained (a wider neighbourhood).
    pub size_mask: Vec<f32>,
    /// Plates in the batch.
    pub plates: usize,
}

/// Renders batch `index` of a run seeded `seed`: the same batch on every machine.
pub fn make_batch(renderer: &SceneRenderer, seed: u64, index: u64, n: usize, scene: &SceneOptions) -> Batch {
    let (w, h) = (scene.width / 2, scene.height / 2);
    let (gw, gh) = (w / STRIDE, h / STRIDE);
    let plane = gw * gh;
    let mut b = Batch {
        n,
        size: (w, h),
        input: Vec::with_capacity(n * w * h),
        heat: vec![0.0; n * plane],
        reg: vec![0.0; n * 4 * plane],
        offset_mask: vec![0.0; n * plane],
        size_mask: vec![0.0; n * plane],
        plates: 0,
    };
    for s in 0..n {
        let mut rng = Rng::for_item(seed, index * n as u64 + s as u64);
        let scene_img = renderer.render(&mut rng, scene);
        let work = scene_img.luma.downscale(2);
        space_to_depth8(work.data(), w, h, &mut b.input);
        for p in &scene_img.plates {
            let r = Rect { x: p.rect.x / 2.0, y: p.rect.y / 2.0, w: p.rect.w / 2.0, h: p.rect.h / 2.0 };
            if r.w < 4.0 || r.h < 2.0 {
                continue;
            }
            b.plates += 1;
            add_target(&mut b, s, gw, gh, r);
        }
    }
    b
}

/// Splats one plate (work-image pixels) into sample `s`'s targets.
fn add_target(b: &mut Batch, s: usize, gw: usize, gh: usize, r: Rect) {
    let plane = gw * gh;
    let cs = STRIDE as f32;
    let (cx, cy) = ((r.x + r.w / 2.0) / cs, (r.y + r.h / 2.0) / cs);
    let (ix, iy) = ((cx.floor() as usize).min(gw - 1), (cy.floor() as usize).min(gh - 1));
    // Elongated Gaussian (TTFNet: sigma = 0.54 * size / 6), at least half a cell.
    let sx = (0.54 * r.w / cs / 6.0).max(0.5);
    let sy = (0.54 * r.h / cs / 6.0).max(0.5);
    let (lw, lh) = ((r.w / cs).ln(), (r.h / cs).ln());
    let reach_x = (3.0 * sx).ceil() as i64;
    let reach_y = (3.0 * sy).ceil() as i64;
    for dy in -reach_y..=reach_y {
        for dx in -reach_x..=reach_x {
            let (x, y) = (ix as i64 + dx, iy as i64 + dy);
            if x < 0 || y < 0 || x >= gw as i64 || y >= gh as i64 {
                continue;
            }
            let g = (-((dx * dx) as f32 / (2.0 * sx * sx) + (dy * dy) as f32 / (2.0 * sy * sy))).exp();
            let i = s * plane + y as usize * gw + x as usize;
            if g <= b.heat[i] {
                continue;
            }
            b.heat[i] = g;
            let base = s * 4 * plane + y as usize * gw + x as usize;
            b.reg[base] = (cx - x as f32).clamp(-0.45, 1.45);
            b.reg[base + plane] = (cy - y as f32).clamp(-0.45, 1.45);
            b.reg[base + 2 * plane] = lw;
            b.reg[base + 3 * plane] = lh;
            b.offset_mask[i] = f32::from(g >= 0.5);
            b.size_mask[i] = f32::from(g >= 0.3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plate_gives_a_peak_of_one_at_its_centre_cell() {
        let (gw, gh) = (8, 8);
        let mut b = Batch {
            n: 1,
            size: (64, 64),
            input: Vec::new(),
            heat: vec![0.0; 64],
            reg: vec![0.0; 256],
            offset_mask: vec![0.0; 64],
            size_mask: vec![0.0; 64],
            plates: 0,
        };
        add_target(&mut b, 0, gw, gh, Rect { x: 20.0, y: 30.0, w: 24.0, h: 6.0 });
        // Centre (32, 33) px = cell (4, 4) at offset (0, 0.125).
        assert_eq!(b.heat[4 * 8 + 4], 1.0);
        assert!(b.heat[4 * 8 + 5] < 1.0 && b.heat[4 * 8 + 5] > 0.0);
        assert!((b.reg[64 + 4 * 8 + 4] - 0.125).abs() < 1e-6);
        assert!((b.reg[128 + 4 * 8 + 4] - 3.0f32.ln()).abs() < 1e-6);
        assert_eq!(b.offset_mask[4 * 8 + 4], 1.0);
    }
}

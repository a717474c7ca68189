//! Writes a few synthetic training scenes (and validation frames) as PGM images with their
//! plate boxes drawn, to look at what the detector learns from:
//! `cargo run -p models --example render_scenes -- OUT_DIR [N]`.

use std::io::Write;

use models::synth::{Rng, SceneOptions, SceneRenderer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "scenes".into()));
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(6);
    std::fs::create_dir_all(&out)?;
    let r = SceneRenderer::new()?;
    for (name, o) in [("train", SceneOptions::TRAIN), ("frame", SceneOptions::FRAME_720P)] {
        for i in 0..n {
            let s = r.render(&mut Rng::for_item(7, i), &o);
            let (w, h) = (s.luma.width() as usize, s.luma.height() as usize);
            let mut px = s.luma.data().to_vec();
            for p in &s.plates {
                let (x0, y0) = (p.rect.x as usize, p.rect.y as usize);
                let (x1, y1) = ((p.rect.x1() as usize).min(w - 1), (p.rect.y1() as usize).min(h - 1));
                for x in x0..=x1 {
                    px[y0 * w + x] = 255;
                    px[y1 * w + x] = 255;
                }
                for y in y0..=y1 {
                    px[y * w + x0] = 255;
                    px[y * w + x1] = 255;
                }
            }
            let mut f = std::fs::File::create(out.join(format!("{name}_{i}.pgm")))?;
            write!(f, "P5\n{w} {h}\n255\n")?;
            f.write_all(&px)?;
            println!("{name}_{i}: {:?}", s.plates.iter().map(|p| (&p.text, p.rect.w as u32)).collect::<Vec<_>>());
        }
    }
    Ok(())
}

//! Detects and reads the plates of one frame, printing every step (detections, the text lines
//! found on each plate crop, the reads): a debugging aid. The frame is raw RGB24, e.g.
//! `ffmpeg -i clip.264 -vf "select=eq(n\,50)" -frames:v 1 -f rawvideo -pix_fmt rgb24 f.rgb`, then
//! `cargo run -p models --example read_frame -- f.rgb 1280 720`.

use models::detect::{DetectorOptions, PlateShape, TextDetector};
use models::{Device, FrameDetector, PlateOcr, RecognizerOptions, RgbImage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (w, h): (u32, u32) = (args[2].parse()?, args[3].parse()?);
    let rgb = RgbImage::new(w, h, std::fs::read(&args[1])?)?;
    let luma = rgb.to_luma();
    let dir = models::weights::default_dir();
    let device = Device::flex();
    let detector = FrameDetector::load(&dir, &device, &RecognizerOptions::default())?;
    let ocr = PlateOcr::load(&dir, &device)?;
    let lines = TextDetector::load(&dir.join(models::weights::DETECTOR_FILE), &device, DetectorOptions { shape: PlateShape { min_height: 3.0, ..Default::default() }, ..Default::default() })?;
    for d in detector.detect(&luma, || Ok(rgb.clone()))? {
        println!("plate {:?} score {:.2}", d.rect, d.score);
        let region = d.rect.expand_clip(d.rect.w * 0.25, d.rect.h * 0.4, w, h);
        for l in lines.lines_in(&rgb, region, 320, 96)? {
            println!("  line {:?} score {:.2}", l.rect, l.score);
        }
        println!("  read: {:?}", ocr.read(&rgb, d.rect)?);
    }
    Ok(())
}

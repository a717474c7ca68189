//! Plate detection and reading on frames of the generated clips, against their ground truth.

use std::sync::OnceLock;

use fleetsight_e2e::clip;
use ingest::decode::FrameDecoder;
use ingest::source::file::load_clip;
use models::{PlateKind, PlateRecognizer, Rect, RgbImage};

fn recognizer() -> &'static PlateRecognizer {
    static R: OnceLock<PlateRecognizer> = OnceLock::new();
    R.get_or_init(|| PlateRecognizer::load_default().expect("committed weights load"))
}

/// Decodes `clip` and returns frame `n` as RGB.
fn frame(name: &str, n: usize) -> RgbImage {
    let units = load_clip(&clip(name, "264"), 25.0).unwrap();
    let mut dec = FrameDecoder::new().unwrap();
    let mut last = None;
    for u in units.iter().take(n + 1) {
        if let Some(p) = dec.decode(&u.data).unwrap() {
            last = Some(p);
        }
    }
    let p = last.unwrap();
    RgbImage::new(p.width(), p.height(), p.to_rgb8()).unwrap()
}

/// The ground-truth box of `text` in frame `n`.
fn truth(name: &str, text: &str, n: u32) -> Rect {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(clip(name, "json")).unwrap()).unwrap();
    let plate = json["plates"].as_array().unwrap().iter().find(|p| p["text"] == text).unwrap();
    let f = plate["frames"].as_array().unwrap().iter().find(|f| f[0] == n).unwrap_or_else(|| panic!("{text} not in frame {n}"));
    let v = |i: usize| f[i].as_f64().unwrap() as f32;
    Rect { x: v(1), y: v(2), w: v(3), h: v(4) }
}

fn read_exactly(clip_name: &str, n: u32, text: &str, kind: PlateKind, lines: usize) {
    let img = frame(clip_name, n as usize);
    let found = recognizer().recognize_detailed(&[&img]).unwrap().remove(0);
    let want = truth(clip_name, text, n);
    let hit = found
        .plates
        .iter()
        .find(|p| p.plate.as_str() == text)
        .unwrap_or_else(|| panic!("{text} not read in {clip_name}#{n}: {found:?}"));
    let iou = hit.rect.iou(&want);
    assert!(iou >= 0.5, "{text}: IoU {iou:.2} between {:?} and truth {want:?}", hit.rect);
    assert_eq!(hit.plate.kind(), kind);
    assert_eq!(hit.lines, lines);
}

#[test]
fn reads_a_standard_plate_exactly() {
    read_exactly("plate720_base", 60, "MH12AB1234", PlateKind::Standard, 1);
}

#[test]
fn reads_a_bh_plate_exactly() {
    read_exactly("plate720_base", 150, "22BH1234AA", PlateKind::Bharat, 1);
}

#[test]
fn reads_a_two_line_plate_exactly() {
    read_exactly("plate720_base", 150, "KA05MN6789", PlateKind::Standard, 2);
}

#[test]
fn finds_nothing_in_a_plate_free_frame() {
    // Frame 0: every vehicle is still off-screen; only the test pattern's timestamp is text.
    let img = frame("plate720_base", 0);
    let found = recognizer().recognize_detailed(&[&img]).unwrap().remove(0);
    assert!(found.plates.is_empty(), "{found:?}");
}

//! Drawing and encoding the evidence images: pure functions over RGB24 buffers, no I/O.

use chrono::{FixedOffset, TimeZone};
use font8x8::legacy::BASIC_LEGACY;
use jpeg_encoder::{ColorType, Encoder};
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};
use crate::evidence::package::PackageFile;

/// An RGB24 image, rows top to bottom, 3 bytes per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 3` bytes.
    pub rgb: Vec<u8>,
}

/// The plate's box in the frame, `[x, y, width, height]` in pixels (as in `PlateRead.evidence.bbox`).
pub type PlateBox = [f32; 4];

/// What is stamped on the image.
#[derive(Debug, Clone, PartialEq)]
pub struct StampInfo {
    /// Where, WGS84 degrees, when known.
    pub location: Option<(f64, f64)>,
    /// When the frame was captured, Unix ms (stamped in IST).
    pub captured_at_ms: i64,
    /// The device that captured it.
    pub device_id: String,
    /// The plate read.
    pub plate: String,
}

/// The rendered images of one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceImages {
    /// The full frame with the plate box and the stamp band (JPEG).
    pub frame_jpeg: Vec<u8>,
    /// The plate crop with a margin (JPEG).
    pub plate_jpeg: Vec<u8>,
    /// SHA-256 of the raw RGB frame they were made from, hex.
    pub source_frame_sha256: String,
}

/// The box colour: pure red, which plates (white, yellow, green, black) do not use.
pub const BOX_RGB: [u8; 3] = [255, 0, 0];
/// The stamp band's background.
pub const BAND_RGB: [u8; 3] = [16, 16, 16];
/// The stamp text colour.
pub const TEXT_RGB: [u8; 3] = [255, 255, 255];
/// Glyphs are 8x8 bitmaps drawn at this scale.
const SCALE: u32 = 2;
/// Pixels around and between stamp lines.
const PAD: u32 = 6;
/// JPEG quality: plate characters must stay legible.
const QUALITY: u8 = 90;
/// India Standard Time, UTC+05:30.
const IST_OFFSET_SECS: i32 = 5 * 3600 + 1800;

impl EvidenceImages {
    /// The two images as package files, `frame.jpg` and `plate.jpg`.
    pub fn files(&self) -> Vec<PackageFile> {
        vec![
            PackageFile { name: "frame.jpg".into(), content_type: "image/jpeg".into(), data: self.frame_jpeg.clone() },
            PackageFile { name: "plate.jpg".into(), content_type: "image/jpeg".into(), data: self.plate_jpeg.clone() },
        ]
    }
}

impl RgbFrame {
    /// A frame, checked: non-zero size within JPEG's 65,535 limit, and exactly `w*h*3` bytes.
    pub fn new(width: u32, height: u32, rgb: Vec<u8>) -> Result<Self> {
        if width == 0 || height == 0 || width > u32::from(u16::MAX) || height > u32::from(u16::MAX) {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("frame size {width}x{height} is outside 1..=65535")));
        }
        if rgb.len() as u64 != u64::from(width) * u64::from(height) * 3 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("frame {width}x{height} needs {} RGB bytes, got {}", u64::from(width) * u64::from(height) * 3, rgb.len()),
            ));
        }
        Ok(Self { width, height, rgb })
    }

    /// The pixel at (x, y).
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.width + x) * 3) as usize;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    fn set(&mut self, x: u32, y: u32, c: [u8; 3]) {
        if x < self.width && y < self.height {
            let i = ((y * self.width + x) * 3) as usize;
            self.rgb[i..i + 3].copy_from_slice(&c);
        }
    }

    fn fill(&mut self, x0: u32, y0: u32, x1: u32, y1: u32, c: [u8; 3]) {
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                self.set(x, y, c);
            }
        }
    }
}

/// The box clamped to the frame as pixel bounds `(x0, y0, x1, y1)`, exclusive ends; `None` when
/// it does not overlap the frame or is not finite.
fn clamp_box(frame: &RgbFrame, b: PlateBox, margin: f32) -> Option<(u32, u32, u32, u32)> {
    if b.iter().any(|v| !v.is_finite()) || b[2] <= 0.0 || b[3] <= 0.0 {
        return None;
    }
    let (w, h) = (frame.width as f32, frame.height as f32);
    let x0 = (b[0] - margin).floor().clamp(0.0, w);
    let y0 = (b[1] - margin).floor().clamp(0.0, h);
    let x1 = (b[0] + b[2] + margin).ceil().clamp(0.0, w);
    let y1 = (b[1] + b[3] + margin).ceil().clamp(0.0, h);
    (x1 > x0 && y1 > y0).then_some((x0 as u32, y0 as u32, x1 as u32, y1 as u32))
}

/// The stamp: location, date and time in IST, device, plate. ASCII only (the font's range).
pub fn stamp_lines(info: &StampInfo) -> Vec<String> {
    let ist = FixedOffset::east_opt(IST_OFFSET_SECS).expect("constant offset is valid");
    let when = match ist.timestamp_millis_opt(info.captured_at_ms).single() {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S IST").to_string(),
        None => format!("{} ms (Unix)", info.captured_at_ms),
    };
    let at = match info.location {
        Some((lat, lon)) => format!("LAT {lat:.6} LON {lon:.6}"),
        None => "LOCATION UNKNOWN".into(),
    };
    [at, when, format!("DEVICE {}", info.device_id), format!("PLATE {}", info.plate)]
        .into_iter()
        .map(|l| l.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '?' }).collect())
        .collect()
}

/// The frame with the plate box outlined and a dark band added below it holding `lines`. The
/// band is added, not drawn over the picture: no pixel of the scene is hidden.
pub fn annotate(frame: &RgbFrame, plate_box: PlateBox, lines: &[String]) -> Result<RgbFrame> {
    let line_h = 8 * SCALE + PAD;
    let band = PAD + line_h * lines.len() as u32;
    let mut out = RgbFrame::new(frame.width, frame.height + band, [frame.rgb.as_slice(), &vec![0; (frame.width * band * 3) as usize]].concat())?;
    if let Some((x0, y0, x1, y1)) = clamp_box(frame, plate_box, 0.0) {
        let t = (frame.width / 320).max(2);
        out.fill(x0, y0, x1, (y0 + t).min(y1), BOX_RGB);
        out.fill(x0, y1.saturating_sub(t).max(y0), x1, y1, BOX_RGB);
        out.fill(x0, y0, (x0 + t).min(x1), y1, BOX_RGB);
        out.fill(x1.saturating_sub(t).max(x0), y0, x1, y1, BOX_RGB);
    }
    out.fill(0, frame.height, frame.width, out.height, BAND_RGB);
    for (i, line) in lines.iter().enumerate() {
        draw_text(&mut out, PAD, frame.height + PAD + i as u32 * line_h, line);
    }
    Ok(out)
}

/// `text` at (x, y), font8x8 glyphs at [`SCALE`]; clipped at the frame's edge.
fn draw_text(img: &mut RgbFrame, x: u32, y: u32, text: &str) {
    for (i, c) in text.chars().enumerate() {
        let glyph = BASIC_LEGACY[(c as usize).min(127)];
        let gx = x + i as u32 * 8 * SCALE;
        if gx >= img.width {
            break;
        }
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..8 {
                // Bit 0 is the leftmost pixel.
                if bits >> col & 1 == 1 {
                    img.fill(gx + col * SCALE, y + row as u32 * SCALE, gx + (col + 1) * SCALE, y + (row as u32 + 1) * SCALE, TEXT_RGB);
                }
            }
        }
    }
}

/// The plate with a margin of a quarter of its height (at least 4 px) on every side, from the
/// unmarked frame. `InvalidArgument` when the box is empty or outside the frame.
pub fn crop_plate(frame: &RgbFrame, plate_box: PlateBox) -> Result<RgbFrame> {
    let margin = (plate_box[3] / 4.0).max(4.0);
    let (x0, y0, x1, y1) = clamp_box(frame, plate_box, margin)
        .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, format!("plate box {plate_box:?} is outside the {}x{} frame", frame.width, frame.height)))?;
    let mut rgb = Vec::with_capacity(((x1 - x0) * (y1 - y0) * 3) as usize);
    for y in y0..y1 {
        let row = ((y * frame.width + x0) * 3) as usize;
        rgb.extend_from_slice(&frame.rgb[row..row + ((x1 - x0) * 3) as usize]);
    }
    RgbFrame::new(x1 - x0, y1 - y0, rgb)
}

/// Baseline JPEG of the frame.
pub fn encode_jpeg(frame: &RgbFrame) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    Encoder::new(&mut out, QUALITY)
        .encode(&frame.rgb, frame.width as u16, frame.height as u16, ColorType::Rgb)
        .map_err(|e| Error::new(ErrorKind::Internal, format!("jpeg encoding: {e}")))?;
    Ok(out)
}

/// SHA-256 of `data`, lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    format!("{:x}", Sha256::digest(data))
}

/// Both evidence images of a read, and the hash of the frame they came from.
pub fn render(frame: &RgbFrame, plate_box: PlateBox, stamp: &StampInfo) -> Result<EvidenceImages> {
    Ok(EvidenceImages {
        frame_jpeg: encode_jpeg(&annotate(frame, plate_box, &stamp_lines(stamp))?)?,
        plate_jpeg: encode_jpeg(&crop_plate(frame, plate_box)?)?,
        source_frame_sha256: sha256_hex(&frame.rgb),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mid-grey 320x180 frame.
    fn grey() -> RgbFrame {
        RgbFrame::new(320, 180, vec![128; 320 * 180 * 3]).unwrap()
    }

    fn stamp() -> StampInfo {
        // 2026-11-22 01:30:00 UTC is 07:00:00 IST.
        StampInfo { location: Some((18.52043, 73.856744)), captured_at_ms: 1_795_311_000_000, device_id: "bus-101".into(), plate: "MH12AB1234".into() }
    }

    #[test]
    fn stamp_is_in_ist_with_location_device_and_plate() {
        let l = stamp_lines(&stamp());
        assert_eq!(l, ["LAT 18.520430 LON 73.856744", "2026-11-22 07:00:00 IST", "DEVICE bus-101", "PLATE MH12AB1234"]);
        let odd = StampInfo { location: None, device_id: "bus-ñ".into(), ..stamp() };
        assert_eq!(stamp_lines(&odd)[0], "LOCATION UNKNOWN");
        assert_eq!(stamp_lines(&odd)[2], "DEVICE bus-?");
    }

    #[test]
    fn box_is_drawn_and_the_scene_kept() {
        let f = grey();
        let out = annotate(&f, [100.0, 60.0, 80.0, 20.0], &[]).unwrap();
        for (x, y) in [(100, 60), (179, 79), (100, 79), (179, 60), (140, 60), (100, 70), (101, 61)] {
            assert_eq!(out.pixel(x, y), BOX_RGB, "({x}, {y}) is on the box");
        }
        for (x, y) in [(140, 70), (99, 60), (180, 70), (0, 0), (319, 179)] {
            assert_eq!(out.pixel(x, y), [128; 3], "({x}, {y}) is untouched");
        }
    }

    #[test]
    fn stamp_band_is_dark_with_light_glyphs() {
        let f = grey();
        let lines = stamp_lines(&stamp());
        let out = annotate(&f, [100.0, 60.0, 80.0, 20.0], &lines).unwrap();
        assert_eq!(out.height, 180 + PAD + 4 * (16 + PAD), "the band is added below the frame");
        let band: Vec<[u8; 3]> = (180..out.height).flat_map(|y| (0..out.width).map(move |x| (x, y))).map(|(x, y)| out.pixel(x, y)).collect();
        assert!(band.iter().all(|p| *p == BAND_RGB || *p == TEXT_RGB));
        let lit = band.iter().filter(|p| **p == TEXT_RGB).count();
        assert!(lit > 500 && lit < band.len() / 4, "{lit} of {} band pixels are glyphs", band.len());
        // 'L' starts the first line: font8x8 draws its stroke in column 1, rows 0 to 6 (2 px
        // wide and 14 tall at 2x), and leaves column 3 dark below the top serif.
        let (x, y) = (PAD + 2, 180 + PAD);
        assert!((0..14).all(|dy| out.pixel(x, y + dy) == TEXT_RGB && out.pixel(x + 1, y + dy) == TEXT_RGB), "the stroke of L");
        assert_eq!(out.pixel(x, y + 14), BAND_RGB, "below the stroke");
        assert_eq!(out.pixel(PAD + 6, y + 2), BAND_RGB, "beside the stroke");
    }

    #[test]
    fn crop_has_a_margin_and_is_clamped() {
        let mut f = grey();
        f.set(100, 60, [1, 2, 3]);
        let c = crop_plate(&f, [100.0, 60.0, 80.0, 20.0]).unwrap();
        assert_eq!((c.width, c.height), (80 + 10, 20 + 10));
        assert_eq!(c.pixel(5, 5), [1, 2, 3], "the box's corner, 5 px in");
        let edge = crop_plate(&f, [300.0, 170.0, 40.0, 20.0]).unwrap();
        assert_eq!((edge.width, edge.height), (25, 15));
        assert_eq!(crop_plate(&f, [400.0, 10.0, 10.0, 10.0]).unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert!(crop_plate(&f, [f32::NAN, 10.0, 10.0, 10.0]).is_err());
    }

    #[test]
    fn jpegs_are_whole_and_the_source_is_hashed() {
        let f = grey();
        let img = render(&f, [100.0, 60.0, 80.0, 20.0], &stamp()).unwrap();
        for j in [&img.frame_jpeg, &img.plate_jpeg] {
            assert_eq!(&j[..2], [0xFF, 0xD8], "SOI");
            assert_eq!(&j[j.len() - 2..], [0xFF, 0xD9], "EOI");
        }
        assert!(img.frame_jpeg.len() > img.plate_jpeg.len());
        assert_eq!(img.source_frame_sha256, sha256_hex(&f.rgb));
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn bad_frames_are_refused() {
        assert!(RgbFrame::new(2, 2, vec![0; 11]).is_err());
        assert!(RgbFrame::new(0, 2, vec![]).is_err());
        assert!(RgbFrame::new(70_000, 1, vec![0; 210_000]).is_err());
    }
}

//! `POST /v1/images`: the plates in one uploaded JPEG or PNG.
//!
//! The body is checked before any pixel is decoded: its `Content-Type` (415), its size against
//! `limits.max_image_bytes` (413), its magic bytes against the type it claims, and the
//! dimensions in its header against `limits.max_image_side` (400, naming the reason). The
//! pixels are then decoded and read on the blocking pool.

use std::io::Cursor;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use models::RgbImage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::Params;
use super::state::ApiState;

const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const ACCEPTED: &str = "`image/jpeg` or `image/png`";

/// The plates read in an uploaded image.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImageReads {
    /// The device that took the image, when the upload named one.
    pub device_id: Option<String>,
    /// The image's width, pixels.
    pub width: u32,
    /// The image's height, pixels.
    pub height: u32,
    /// Valid registration marks found, in detection order.
    pub plates: Vec<ImagePlate>,
}

/// A plate found and read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImagePlate {
    /// The normalized mark, e.g. `MH12AB1234`.
    pub text: String,
    /// The mark as printed, e.g. `MH 12 AB 1234`.
    pub formatted: String,
    /// The scheme: `standard` or `bharat`.
    pub kind: String,
    /// The lowest character confidence, 0..1 (a read is as weak as its weakest character).
    pub confidence: f32,
    /// The detector's confidence, 0..1.
    pub detector_score: f32,
    /// Where the plate is, in image pixels.
    pub r#box: PlateBox,
    /// Lines on the plate: 1, or 2 for two-line plates.
    pub lines: usize,
}

/// A rectangle in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PlateBox {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// An accepted image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `image/jpeg`
    Jpeg,
    /// `image/png`
    Png,
}

impl Format {
    /// The format a `Content-Type` names, or the 415.
    pub fn from_content_type(headers: &HeaderMap) -> Result<Self, ApiError> {
        let raw = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let essence = raw.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match essence.as_str() {
            "image/jpeg" | "image/jpg" => Ok(Format::Jpeg),
            "image/png" => Ok(Format::Png),
            _ => Err(ApiError::unsupported_type(if raw.is_empty() { "(none)" } else { raw }, ACCEPTED)),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
        }
    }

    fn magic(self) -> &'static [u8] {
        match self {
            Format::Jpeg => JPEG_MAGIC,
            Format::Png => PNG_MAGIC,
        }
    }
}

/// Why an upload is not an image this route reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// The bytes do not start as the claimed format does.
    #[error("the body is not a {0} (its first bytes are not the format's signature)")]
    BadMagic(&'static str),
    /// The header promises more pixels than the cap.
    #[error("{width}x{height} is over the {cap}x{cap} cap")]
    TooBig {
        /// Width in the header.
        width: usize,
        /// Height in the header.
        height: usize,
        /// `limits.max_image_side`.
        cap: u32,
    },
    /// The decoder refused the data.
    #[error("cannot decode the {format}: {reason}")]
    Corrupt {
        /// JPEG or PNG.
        format: &'static str,
        /// The decoder's words.
        reason: String,
    },
}

/// Decodes `bytes` (claimed to be `format`) to RGB8, refusing before decoding pixels when the
/// header's dimensions exceed `max_side` on either axis.
pub fn decode(format: Format, bytes: &[u8], max_side: u32) -> Result<RgbImage, ImageError> {
    if !bytes.starts_with(format.magic()) {
        return Err(ImageError::BadMagic(format.name()));
    }
    let corrupt = |reason: String| ImageError::Corrupt { format: format.name(), reason };
    let (width, height, rgb) = match format {
        Format::Jpeg => decode_jpeg(bytes, max_side)?,
        Format::Png => decode_png(bytes, max_side)?,
    };
    RgbImage::new(width as u32, height as u32, rgb).map_err(|e| corrupt(e.to_string()))
}

fn check_side(width: usize, height: usize, cap: u32) -> Result<(), ImageError> {
    if width > cap as usize || height > cap as usize { Err(ImageError::TooBig { width, height, cap }) } else { Ok(()) }
}

fn decode_jpeg(bytes: &[u8], max_side: u32) -> Result<(usize, usize, Vec<u8>), ImageError> {
    use zune_jpeg::zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let corrupt = |e: zune_jpeg::errors::DecodeErrors| ImageError::Corrupt { format: "JPEG", reason: e.to_string() };
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    dec.decode_headers().map_err(corrupt)?;
    let (width, height) = dec.dimensions().ok_or_else(|| ImageError::Corrupt { format: "JPEG", reason: "no frame header".into() })?;
    check_side(width, height, max_side)?;
    let rgb = dec.decode().map_err(corrupt)?;
    Ok((width, height, rgb))
}

fn decode_png(bytes: &[u8], max_side: u32) -> Result<(usize, usize, Vec<u8>), ImageError> {
    let corrupt = |e: png::DecodingError| ImageError::Corrupt { format: "PNG", reason: e.to_string() };
    let mut dec = png::Decoder::new(Cursor::new(bytes));
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(corrupt)?;
    let (width, height) = (reader.info().width as usize, reader.info().height as usize);
    check_side(width, height, max_side)?;
    let size = reader.output_buffer_size().ok_or_else(|| ImageError::Corrupt { format: "PNG", reason: "image too large for memory".into() })?;
    let mut buf = vec![0; size];
    let out = reader.next_frame(&mut buf).map_err(corrupt)?;
    buf.truncate(out.buffer_size());
    let rgb = match out.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => buf.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect(),
        png::ColorType::Indexed => return Err(ImageError::Corrupt { format: "PNG", reason: "palette not expanded".into() }),
    };
    Ok((width, height, rgb))
}

/// Reads the plates in one JPEG or PNG (the body). The models load on the first upload, so the
/// first call is slower.
#[utoipa::path(
    post,
    path = "/v1/images",
    tag = "uploads",
    params(("device_id" = Option<String>, Query, description = "The caller's device that took the image (echoed; another tenant's device is a 404).")),
    request_body(description = "The image, at most `limits.max_image_bytes` bytes and `limits.max_image_side` pixels a side.",
        content(([u8] = "image/jpeg"), ([u8] = "image/png"))),
    responses(
        (status = 200, description = "The plates read.", body = ImageReads),
        (status = 400, description = "Not a readable image of the type sent, or over the size cap in pixels; the message says which.", body = ErrorBody),
        (status = 404, description = "`device_id` is not the caller's.", body = ErrorBody),
        (status = 413, description = "Over `limits.max_image_bytes`.", body = ErrorBody),
        (status = 415, description = "A `Content-Type` other than `image/jpeg` or `image/png`.", body = ErrorBody),
    )
)]
pub async fn post_image(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImageReads>, ApiError> {
    let params = Params::parse(q.as_deref(), &["device_id"])?;
    let device_id = params.text("device_id").map(str::to_owned);
    if let Some(d) = &device_id {
        state.tenants.check(&caller, d)?;
    }
    let format = Format::from_content_type(&headers)?;
    let limit = state.limits.max_image_bytes;
    let bytes = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(ApiError::too_large(limit)),
        Err(e) => return Err(ApiError::malformed(format!("cannot read the body: {e}"))),
    };
    let max_side = state.limits.max_image_side;
    let reader = state.plate_reader.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let image = decode(format, &bytes, max_side).map_err(|e| ApiError::invalid("body", e.to_string()))?;
        let plates = reader.read(&image).map_err(ApiError::internal)?;
        Ok(ImageReads { device_id, width: image.width(), height: image.height(), plates })
    });
    answer.await.map_err(ApiError::internal)?.map(Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let pixels = vec![128u8; width as usize * height as usize * 3];
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90).encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb).unwrap();
        out
    }

    fn png(width: u32, height: u32, color: png::ColorType, px: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        let data: Vec<u8> = px.iter().copied().cycle().take(px.len() * (width * height) as usize).collect();
        enc.write_header().unwrap().write_image_data(&data).unwrap();
        out
    }

    #[test]
    fn jpeg_and_png_decode_to_rgb() {
        let img = decode(Format::Jpeg, &jpeg(32, 16), 64).unwrap();
        assert_eq!((img.width(), img.height()), (32, 16));
        assert!(img.data().iter().all(|&v| v.abs_diff(128) <= 2), "a flat grey JPEG decodes grey");
        let img = decode(Format::Png, &png(4, 2, png::ColorType::Rgba, &[10, 20, 30, 255]), 64).unwrap();
        assert_eq!(&img.data()[..6], &[10, 20, 30, 10, 20, 30]);
        let img = decode(Format::Png, &png(3, 3, png::ColorType::Grayscale, &[77]), 64).unwrap();
        assert_eq!((img.width(), img.data()[4]), (3, 77));
    }

    #[test]
    fn refusals_name_the_reason() {
        assert_eq!(decode(Format::Jpeg, b"GIF89a....", 64).unwrap_err(), ImageError::BadMagic("JPEG"));
        assert_eq!(decode(Format::Png, &jpeg(8, 8), 64).unwrap_err(), ImageError::BadMagic("PNG"));
        assert_eq!(decode(Format::Jpeg, &jpeg(80, 8), 64).unwrap_err(), ImageError::TooBig { width: 80, height: 8, cap: 64 });
        assert_eq!(decode(Format::Png, &png(8, 65, png::ColorType::Grayscale, &[0]), 64).unwrap_err(), ImageError::TooBig { width: 8, height: 65, cap: 64 });
        let mut cut = jpeg(16, 16);
        cut.truncate(40);
        assert!(matches!(decode(Format::Jpeg, &cut, 64), Err(ImageError::Corrupt { format: "JPEG", .. })));
        let mut cut = png(16, 16, png::ColorType::Rgb, &[1, 2, 3]);
        cut.truncate(20);
        assert!(matches!(decode(Format::Png, &cut, 64), Err(ImageError::Corrupt { format: "PNG", .. })));
    }

    #[test]
    fn content_types() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, v.parse().unwrap());
            Format::from_content_type(&h)
        };
        assert_eq!(with("image/JPEG; charset=binary").unwrap(), Format::Jpeg);
        assert_eq!(with("image/png").unwrap(), Format::Png);
        assert_eq!(with("image/gif").unwrap_err().status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(Format::from_content_type(&HeaderMap::new()).unwrap_err().status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}

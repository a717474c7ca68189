//! The openh264 decoder itself, wrapped so that bad input never panics.

use std::panic::AssertUnwindSafe;

use openh264::formats::YUVSource;

use crate::error::{Error, ErrorKind, Result};
use crate::frame::YuvPicture;

/// A single-threaded openh264 decoder that never panics on bad input.
///
/// ```no_run
/// # use ingest::decode::FrameDecoder;
/// let mut dec = FrameDecoder::new().unwrap();
/// let au: &[u8] = &[0, 0, 0, 1, 0x67]; // Annex-B access unit(s)
/// match dec.decode(au) {
///     Ok(Some(picture)) => println!("{}x{}", picture.width(), picture.height()),
///     Ok(None) => {} // parameter sets only, or the decoder needs more data
///     Err(e) => eprintln!("corrupt: {e}"),
/// }
/// ```
pub struct FrameDecoder {
    inner: openh264::decoder::Decoder,
}

impl FrameDecoder {
    /// A fresh decoder (no parameter sets yet).
    pub fn new() -> Result<Self> {
        let inner = openh264::decoder::Decoder::new()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("cannot create openh264 decoder: {e}")))?;
        Ok(Self { inner })
    }

    /// Decodes one Annex-B access unit and copies the picture out, tightly packed.
    pub fn decode(&mut self, au: &[u8]) -> Result<Option<YuvPicture>> {
        self.decode_with(au, copy_i420)
    }

    /// Decodes one access unit and reports only whether a picture came out (for benchmarks and
    /// for frames that sampling will not keep: no copy is made).
    pub fn decode_discard(&mut self, au: &[u8]) -> Result<bool> {
        self.decode_with(au, |_| ()).map(|p| p.is_some())
    }

    /// Decodes one access unit and hands the picture, if any, to `f` (no copy of its own).
    pub(crate) fn decode_with<T>(&mut self, au: &[u8], f: impl FnOnce(&openh264::decoder::DecodedYUV<'_>) -> T) -> Result<Option<T>> {
        // openh264 is C++ and its Rust wrapper asserts on a few inconsistent states; a camera must
        // not be able to take the process down through either, so unwinds become errors too.
        let res = std::panic::catch_unwind(AssertUnwindSafe(|| match self.inner.decode(au) {
            Ok(Some(yuv)) if !whole(&yuv) => {
                let (w, h) = yuv.dimensions();
                Err(Error::new(ErrorKind::DataLoss, format!("openh264 returned an inconsistent {w}x{h} picture")))
            }
            Ok(Some(yuv)) => Ok(Some(f(&yuv))),
            Ok(None) => Ok(None),
            Err(e) => Err(Error::new(ErrorKind::DataLoss, format!("openh264 rejected the access unit: {e}"))),
        }));
        match res {
            Ok(r) => r,
            Err(_) => {
                if let Ok(fresh) = openh264::decoder::Decoder::new() {
                    self.inner = fresh;
                }
                Err(Error::new(ErrorKind::DataLoss, "openh264 wrapper panicked on the access unit; decoder reset"))
            }
        }
    }
}

/// Whether the picture has pixels and its planes hold every row its dimensions and strides
/// promise (a crafted stream made openh264 return a 0-pixel-wide picture, found by fuzzing).
fn whole(yuv: &openh264::decoder::DecodedYUV<'_>) -> bool {
    let (w, h) = yuv.dimensions();
    let (sy, su, sv) = yuv.strides();
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let holds = |len: usize, rows: usize, stride: usize, width: usize| stride >= width && len >= (rows - 1) * stride + width;
    w > 0 && h > 0 && holds(yuv.y().len(), h, sy, w) && holds(yuv.u().len(), ch, su, cw) && holds(yuv.v().len(), ch, sv, cw)
}

fn copy_i420(yuv: &openh264::decoder::DecodedYUV<'_>) -> YuvPicture {
    let mut data = Vec::new();
    let (w, h) = write_i420(yuv, &mut data);
    YuvPicture::from_i420(w, h, data).expect("plane sizes computed from the same dimensions")
}

/// Replaces `out` with the picture's planes, tightly packed (I420); returns its dimensions.
pub(crate) fn write_i420(yuv: &openh264::decoder::DecodedYUV<'_>, out: &mut Vec<u8>) -> (u32, u32) {
    let (w, h) = yuv.dimensions();
    let (sy, su, sv) = yuv.strides();
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    out.clear();
    out.reserve(w * h + 2 * cw * ch);
    for row in 0..h {
        out.extend_from_slice(&yuv.y()[row * sy..row * sy + w]);
    }
    for row in 0..ch {
        out.extend_from_slice(&yuv.u()[row * su..row * su + cw]);
    }
    for row in 0..ch {
        out.extend_from_slice(&yuv.v()[row * sv..row * sv + cw]);
    }
    (w as u32, h as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Random bytes, with and without start codes, never panic the decoder.
        #[test]
        fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..2048), nal_type in 0u8..32) {
            let mut dec = FrameDecoder::new().unwrap();
            let mut au = vec![0, 0, 0, 1, 0x60 | nal_type];
            au.extend_from_slice(&body);
            let _ = dec.decode(&au);
            let _ = dec.decode(&body);
        }
    }

    /// A crafted stream (found by fuzzing) on which openh264 returns a 0-pixel-wide picture:
    /// an error naming it, not a panic inside the copy.
    #[test]
    fn an_inconsistent_picture_is_an_error() {
        let data = include_bytes!("../../../tests/fuzz/regressions/h264_access_units/zero_width_picture.264");
        let mut dec = FrameDecoder::new().unwrap();
        let mut inconsistent = 0;
        for au in crate::h264::split_access_units(data) {
            match dec.decode(&au) {
                Ok(Some(p)) => assert!(p.width() > 0 && p.height() > 0),
                Ok(None) => {}
                Err(e) => inconsistent += usize::from(e.to_string().contains("inconsistent")),
            }
        }
        assert!(inconsistent > 0);
    }

    /// CVE-2025-27091 (a heap overflow in the decoder) is fixed in openh264 2.6.0: the library
    /// linked in (built from `openh264-sys2`'s bundled source) must be at least that.
    #[test]
    fn bundled_openh264_is_at_least_2_6_0() {
        use openh264_sys2::API;
        let v = unsafe { openh264::OpenH264API::from_source().WelsGetCodecVersion() };
        let version = (v.uMajor, v.uMinor, v.uRevision);
        assert!(version >= (2, 6, 0), "openh264 {}.{}.{} is older than 2.6.0 (CVE-2025-27091)", v.uMajor, v.uMinor, v.uRevision);
    }
}

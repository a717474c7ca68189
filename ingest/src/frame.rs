//! What flows through ingest: encoded access units in, decoded frames out.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;

/// Who a frame belongs to. Cheap to clone (shared).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StreamIdentity {
    /// The configured stream id, unique in a deployment (for example `bus-101-front`).
    pub stream_id: Arc<str>,
    /// The MDVR (device) the stream comes from; several streams share one device.
    pub device_id: Arc<str>,
    /// The camera channel on that device.
    pub channel: u16,
}

/// Where a frame's wall-clock capture time came from, from most to least trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockSource {
    /// Mapped from the RTP timestamp through the camera's RTCP sender report (NTP time).
    RtcpSenderReport,
    /// The time the access unit was received (no sender report seen yet).
    ReceiveTime,
    /// A file: the time the clip was opened plus the frame's position in it.
    FileOffset,
}

impl ClockSource {
    /// A stable name for logs and events.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockSource::RtcpSenderReport => "rtcp_sr",
            ClockSource::ReceiveTime => "receive_time",
            ClockSource::FileOffset => "file_offset",
        }
    }
}

/// One encoded picture (an H.264 access unit) in Annex-B form, as a source delivers it.
#[derive(Debug, Clone)]
pub struct AccessUnit {
    /// Annex-B bytes (start codes), with SPS/PPS in front of every IDR.
    pub data: Bytes,
    /// Presentation time in 90 kHz ticks since the start of the source session.
    pub pts_90k: i64,
    /// True when decoding can start here (an IDR with its parameter sets).
    pub is_random_access_point: bool,
    /// Wall-clock capture time.
    pub capture_time: SystemTime,
    /// Where `capture_time` came from.
    pub clock: ClockSource,
}

/// A decoded picture in planar YUV 4:2:0 (I420), tightly packed (no stride padding).
#[derive(Clone)]
pub struct YuvPicture {
    width: u32,
    height: u32,
    /// Y plane (`width * height`) then U and V planes (`(width/2) * (height/2)` each).
    data: Vec<u8>,
}

impl std::fmt::Debug for YuvPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "YuvPicture({}x{})", self.width, self.height)
    }
}

impl YuvPicture {
    /// Builds a picture from packed I420 planes; `None` if the sizes do not add up.
    pub fn from_i420(width: u32, height: u32, data: Vec<u8>) -> Option<Self> {
        let (w, h) = (width as usize, height as usize);
        let need = w * h + 2 * w.div_ceil(2) * h.div_ceil(2);
        (data.len() == need && w > 0 && h > 0).then_some(Self { width, height, data })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The luma plane, `width * height` bytes, row-major.
    pub fn y(&self) -> &[u8] {
        &self.data[..self.width as usize * self.height as usize]
    }

    fn chroma_len(&self) -> usize {
        (self.width as usize).div_ceil(2) * (self.height as usize).div_ceil(2)
    }

    /// The U (Cb) plane at half resolution.
    pub fn u(&self) -> &[u8] {
        let y = self.width as usize * self.height as usize;
        &self.data[y..y + self.chroma_len()]
    }

    /// The V (Cr) plane at half resolution.
    pub fn v(&self) -> &[u8] {
        let start = self.width as usize * self.height as usize + self.chroma_len();
        &self.data[start..]
    }

    /// Converts to packed RGB8 (`width * height * 3` bytes), BT.601 limited range, which is
    /// what H.264 cameras send unless their VUI says otherwise.
    ///
    /// ```
    /// # use ingest::YuvPicture;
    /// // A 2x2 mid-grey picture: Y=126, U=V=128 gives R=G=B≈128.
    /// let pic = YuvPicture::from_i420(2, 2, vec![126, 126, 126, 126, 128, 128]).unwrap();
    /// let rgb = pic.to_rgb8();
    /// assert_eq!(rgb.len(), 12);
    /// assert!(rgb.iter().all(|&c| (127..=129).contains(&c)));
    /// ```
    pub fn to_rgb8(&self) -> Vec<u8> {
        self.crop_rgb8(0, 0, self.width, self.height)
    }

    /// Converts the region at (`x0`, `y0`) of `w` x `h` pixels (clipped to the picture) to
    /// packed RGB8, as [`YuvPicture::to_rgb8`] does for the whole picture: plate crops cost a
    /// fraction of a full conversion. Returns the pixels; the region's size is
    /// `min(w, width - x0)` x `min(h, height - y0)`.
    pub fn crop_rgb8(&self, x0: u32, y0: u32, w: u32, h: u32) -> Vec<u8> {
        let (pw, ph) = (self.width as usize, self.height as usize);
        let (x0, y0) = ((x0 as usize).min(pw), (y0 as usize).min(ph));
        let (x1, y1) = ((x0 + w as usize).min(pw), (y0 + h as usize).min(ph));
        let cw = pw.div_ceil(2);
        let (yp, up, vp) = (self.y(), self.u(), self.v());
        let mut out = Vec::with_capacity((x1 - x0) * (y1 - y0) * 3);
        for row in y0..y1 {
            let crow = (row / 2) * cw;
            for col in x0..x1 {
                // Fixed-point BT.601: coefficients scaled by 1024.
                let c = (yp[row * pw + col] as i32 - 16) * 1192;
                let d = up[crow + col / 2] as i32 - 128;
                let e = vp[crow + col / 2] as i32 - 128;
                out.push(((c + 1634 * e) >> 10).clamp(0, 255) as u8);
                out.push(((c - 401 * d - 832 * e) >> 10).clamp(0, 255) as u8);
                out.push(((c + 2066 * d) >> 10).clamp(0, 255) as u8);
            }
        }
        out
    }
}

/// A decoded frame, ready for analysis.
#[derive(Debug, Clone)]
pub struct DecodedFrame {
    /// Stream, device and channel.
    pub identity: StreamIdentity,
    /// Presentation time in 90 kHz ticks since the start of the source session.
    pub pts_90k: i64,
    /// Wall-clock capture time (see [`ClockSource`]).
    pub capture_time: SystemTime,
    /// Where `capture_time` came from.
    pub clock: ClockSource,
    /// True if this picture was an IDR (random access point).
    pub keyframe: bool,
    /// The picture, shared so fan-out to several stages costs no copy.
    pub picture: Arc<YuvPicture>,
}

use std::num::NonZeroU32;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::StreamExt;
use futures::future::BoxFuture;
use retina::client::{Credentials, PlayOptions, Session, SessionOptions, SetupOptions, TcpTransportOptions, Transport, UdpTransportOptions};
use retina::codec::{CodecItem, FrameFormat};
use url::Url;

use super::config::{RtspSourceConfig, RtspTransport};
use crate::error::{Error, ErrorKind, Result};
use crate::frame::{AccessUnit, ClockSource};
use crate::source::{AccessUnitStream, OpenedSource, Opener};

/// A sender report claiming a wall clock this far from ours is a camera that lies (no RTC
/// battery, unsynchronised NTP): fall back to receive time rather than stamp frames in 1970.
const MAX_SR_CLOCK_SKEW: Duration = Duration::from_secs(24 * 3600);

/// Opens RTSP sessions with retina: DESCRIBE, SETUP of the first H.264 video stream, PLAY.
pub struct RtspOpener {
    url: Url,
    creds: Option<Credentials>,
    transport: RtspTransport,
}

impl RtspOpener {
    /// Validates `config` and builds the opener.
    pub fn new(config: &RtspSourceConfig) -> Result<Self> {
        let url = config.validate().map_err(|e| Error::new(ErrorKind::InvalidArgument, e))?;
        let password = config.resolve_password().map_err(|e| Error::new(ErrorKind::InvalidArgument, e))?;
        let creds = config.username.as_ref().map(|u| Credentials { username: u.clone(), password: password.unwrap_or_default() });
        Ok(Self { url, creds, transport: config.transport })
    }

    async fn open_session(&self) -> Result<OpenedSource> {
        let unavailable = |stage: &'static str| move |e: retina::Error| Error::new(ErrorKind::Unavailable, format!("RTSP {stage} failed: {e}"));
        let options = SessionOptions::default()
            .creds(self.creds.clone())
            .user_agent(concat!("fleetsight/", env!("CARGO_PKG_VERSION")).to_string());
        let mut session = Session::describe(self.url.clone(), options).await.map_err(unavailable("DESCRIBE"))?;
        let Some(video) = session.streams().iter().position(|s| s.media() == "video" && s.encoding_name() == "h264") else {
            let found: Vec<String> = session.streams().iter().map(|s| format!("{}/{}", s.media(), s.encoding_name())).collect();
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("no H.264 video stream offered (found: {})", found.join(", ")),
            ));
        };
        let transport = match self.transport {
            RtspTransport::Tcp => Transport::Tcp(TcpTransportOptions::default()),
            RtspTransport::Udp => Transport::Udp(UdpTransportOptions::default()),
        };
        // SIMPLE = Annex-B with SPS/PPS in front of every IDR: exactly what openh264 wants.
        let setup = SetupOptions::default().transport(transport).frame_format(FrameFormat::SIMPLE);
        session.setup(video, setup).await.map_err(unavailable("SETUP"))?;
        let playing = session.play(PlayOptions::default()).await.map_err(unavailable("PLAY"))?;
        let demuxed = playing.demuxed().map_err(unavailable("demux"))?;
        let stream: AccessUnitStream = Box::pin(futures::stream::unfold(Some((demuxed, ClockMap::default())), next_unit));
        Ok(OpenedSource { stream, live: true, description: self.url.to_string() })
    }
}

impl Opener for RtspOpener {
    fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
        Box::pin(self.open_session())
    }
}

type UnfoldState = Option<(retina::client::Demuxed, ClockMap)>;

async fn next_unit(state: UnfoldState) -> Option<(Result<AccessUnit>, UnfoldState)> {
    let (mut demuxed, mut clock) = state?;
    loop {
        match demuxed.next().await {
            None => return Some((Err(Error::new(ErrorKind::Unavailable, "server closed the session")), None)),
            Some(Err(e)) => return Some((Err(Error::new(ErrorKind::Unavailable, format!("RTSP session failed: {e}"))), None)),
            Some(Ok(CodecItem::VideoFrame(frame))) => {
                let received: SystemTime = SystemTime::now();
                let ts = frame.timestamp();
                let (capture_time, source) = clock.capture_time(ts.timestamp(), ts.clock_rate(), received);
                let au = AccessUnit {
                    pts_90k: rescale_to_90k(ts.elapsed(), ts.clock_rate()),
                    is_random_access_point: frame.is_random_access_point(),
                    data: Bytes::from(frame.into_data()),
                    capture_time,
                    clock: source,
                };
                return Some((Ok(au), Some((demuxed, clock))));
            }
            Some(Ok(CodecItem::Rtcp(rtcp))) => clock.on_rtcp(&rtcp),
            Some(Ok(_)) => {}
        }
    }
}

/// RTP ticks at `clock_rate` as 90 kHz ticks (saturating).
pub fn rescale_to_90k(ticks: i64, clock_rate: NonZeroU32) -> i64 {
    let rate = clock_rate.get() as i64;
    if rate == 90_000 { ticks } else { ticks.saturating_mul(90_000) / rate }
}

/// The camera's clock as its RTCP sender reports give it: the latest (RTP timestamp, wall clock)
/// pair, which maps each frame's RTP timestamp to its capture time. Public for the fuzz targets
/// (`tests/fuzz`): the reports are the camera's input.
#[derive(Default)]
pub struct ClockMap {
    anchor: Option<(i64, SystemTime)>,
    warned: bool,
}

impl ClockMap {
    /// Takes the sender reports of a compound RTCP packet.
    pub fn on_rtcp(&mut self, rtcp: &retina::rtcp::ReceivedCompoundPacket) {
        let Some(rtp_ts) = rtcp.rtp_timestamp() else { return };
        for pkt in rtcp.pkts() {
            if let Ok(Some(sr)) = pkt.as_sender_report() {
                self.update(rtp_ts.timestamp(), sr.ntp_timestamp());
            }
        }
    }

    fn update(&mut self, rtp_ts: i64, ntp: retina::NtpTimestamp) {
        let since_epoch = ntp.0.wrapping_sub(retina::UNIX_EPOCH.0);
        let secs = since_epoch >> 32;
        let nanos = ((since_epoch & 0xFFFF_FFFF) * 1_000_000_000) >> 32;
        let wall = SystemTime::UNIX_EPOCH + Duration::new(secs, nanos as u32);
        let skew = wall.duration_since(SystemTime::now()).or_else(|e| Ok::<_, ()>(e.duration())).unwrap_or_default();
        if skew > MAX_SR_CLOCK_SKEW {
            if !self.warned {
                tracing::warn!(camera_clock = %ntp, "Camera's RTCP clock is off by more than a day; using receive time.");
                self.warned = true;
            }
            self.anchor = None;
            return;
        }
        self.anchor = Some((rtp_ts, wall));
    }

    /// The capture time of a frame with RTP timestamp `rtp_ts`, or `received` when no usable
    /// report has come.
    pub fn capture_time(&self, rtp_ts: i64, clock_rate: NonZeroU32, received: SystemTime) -> (SystemTime, ClockSource) {
        let Some((anchor_ts, anchor_wall)) = self.anchor else {
            return (received, ClockSource::ReceiveTime);
        };
        // Saturating: the timestamps are the camera's (an overflow found by fuzzing).
        let delta = rtp_ts.saturating_sub(anchor_ts) as f64 / clock_rate.get() as f64;
        let t = if delta >= 0.0 {
            anchor_wall.checked_add(Duration::from_secs_f64(delta))
        } else {
            anchor_wall.checked_sub(Duration::from_secs_f64(-delta))
        };
        match t {
            Some(t) => (t, ClockSource::RtcpSenderReport),
            None => (received, ClockSource::ReceiveTime),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_report_maps_rtp_time_to_wall_clock() {
        let mut clock = ClockMap::default();
        let rate = NonZeroU32::new(90_000).unwrap();
        let now = SystemTime::now();
        assert_eq!(clock.capture_time(0, rate, now).1, ClockSource::ReceiveTime);
        let since = now.duration_since(SystemTime::UNIX_EPOCH).unwrap();
        let ntp = retina::NtpTimestamp(retina::UNIX_EPOCH.0 + (since.as_secs() << 32));
        clock.update(90_000, ntp);
        let (t, src) = clock.capture_time(180_000, rate, now);
        assert_eq!(src, ClockSource::RtcpSenderReport);
        let expected = SystemTime::UNIX_EPOCH + Duration::from_secs(since.as_secs() + 1);
        assert_eq!(t, expected);
    }

    #[test]
    fn timestamps_far_from_the_report_fall_back_to_receive_time() {
        let mut clock = ClockMap::default();
        let since = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap();
        clock.update(i64::MIN, retina::NtpTimestamp(retina::UNIX_EPOCH.0 + (since.as_secs() << 32)));
        let now = SystemTime::now();
        // i64::MAX - i64::MIN overflowed before; now it is a time too far ahead to represent.
        assert_eq!(clock.capture_time(i64::MAX, NonZeroU32::new(1).unwrap(), now), (now, ClockSource::ReceiveTime));
    }

    #[test]
    fn a_lying_camera_clock_is_ignored() {
        let mut clock = ClockMap::default();
        clock.update(0, retina::NtpTimestamp(retina::UNIX_EPOCH.0 + (5u64 << 32))); // 1970
        let now = SystemTime::now();
        assert_eq!(clock.capture_time(0, NonZeroU32::new(90_000).unwrap(), now), (now, ClockSource::ReceiveTime));
    }
}

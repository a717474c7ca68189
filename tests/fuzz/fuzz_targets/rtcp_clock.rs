//! What fleetsight reads from an RTSP session besides the video: the RTCP sender reports that set
//! a frame's capture time, and each frame's RTP timestamp at the SDP's clock rate.
//!
//! Input: the report's RTP timestamp (i64, big-endian), the clock rate (u32), four frames' RTP
//! timestamps (i64 each), then the compound RTCP packet.
#![no_main]

use std::num::NonZeroU32;
use std::time::SystemTime;

use ingest::source::rtsp::{ClockMap, rescale_to_90k};
use libfuzzer_sys::fuzz_target;
use retina::Timestamp;
use retina::rtcp::{PacketRef, ReceivedCompoundPacket};

const HEADER: usize = 8 + 4 + 4 * 8;

/// What retina checks before it hands a compound packet on (`ReceivedCompoundPacket::validate`,
/// not public): every packet parses, and only the last may be padded.
fn retina_accepts(mut rest: &[u8]) -> bool {
    loop {
        let Ok((pkt, tail)) = PacketRef::parse(rest) else { return false };
        if tail.is_empty() {
            return true;
        }
        if pkt.has_padding() {
            return false;
        }
        rest = tail;
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((head, packet)) = data.split_at_checked(HEADER) else { return };
    let i64_at = |i: usize| i64::from_be_bytes(head[i..i + 8].try_into().unwrap());
    let Some(rate) = NonZeroU32::new(u32::from_be_bytes(head[8..12].try_into().unwrap())) else { return };
    let mut clock = ClockMap::default();
    if !retina_accepts(packet) {
        return;
    }
    clock.on_rtcp(&ReceivedCompoundPacket::dummy(Timestamp::new(i64_at(0), rate, 0), packet));
    let received = SystemTime::now();
    for f in 0..4 {
        let ts = i64_at(12 + 8 * f);
        let _ = clock.capture_time(ts, rate, received);
        let _ = rescale_to_90k(ts, rate);
    }
});

//! H.264 decoding with `openh264`, on a dedicated thread per stream (never on the async
//! reactor), fed through a bounded queue by the stream's supervisor.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::Instant;

use openh264::formats::YUVSource;
use tokio::sync::mpsc;

use crate::error::{Error, ErrorKind, Result};
use crate::frame::{AccessUnit, DecodedFrame, StreamIdentity, YuvPicture};
use crate::h264;
use crate::sampling::{Sampler, SamplingConfig};
use crate::supervisor::{DecodeMode, StreamHandle};
use crate::telemetry::{DropReason, StreamMetrics};

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
        self.decode_with(au, |yuv| copy_i420(yuv))
    }

    /// Decodes one access unit and reports only whether a picture came out (for benchmarks and
    /// for frames that sampling will not keep: no copy is made).
    pub fn decode_discard(&mut self, au: &[u8]) -> Result<bool> {
        self.decode_with(au, |_| ()).map(|p| p.is_some())
    }

    fn decode_with<T>(&mut self, au: &[u8], f: impl FnOnce(&openh264::decoder::DecodedYUV<'_>) -> T) -> Result<Option<T>> {
        // openh264 is C++ and its Rust wrapper asserts on a few inconsistent states; a camera must
        // not be able to take the process down through either, so unwinds become errors too.
        let res = std::panic::catch_unwind(AssertUnwindSafe(|| match self.inner.decode(au) {
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

fn copy_i420(yuv: &openh264::decoder::DecodedYUV<'_>) -> YuvPicture {
    let (w, h) = yuv.dimensions();
    let (sy, su, sv) = yuv.strides();
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let mut data = Vec::with_capacity(w * h + 2 * cw * ch);
    for row in 0..h {
        data.extend_from_slice(&yuv.y()[row * sy..row * sy + w]);
    }
    for row in 0..ch {
        data.extend_from_slice(&yuv.u()[row * su..row * su + cw]);
    }
    for row in 0..ch {
        data.extend_from_slice(&yuv.v()[row * sv..row * sv + cw]);
    }
    YuvPicture::from_i420(w as u32, h as u32, data).expect("plane sizes computed from the same dimensions")
}

/// An access unit tagged with the source session it came from. When the session number changes
/// the decode thread starts afresh (new decoder, new sampler), since a new session may bring new
/// parameter sets and has no reference pictures in common with the old one.
pub type DecoderInput = (u64, AccessUnit);

/// What happened when the supervisor offered a unit to the decoder.
#[derive(Debug)]
pub enum Offer {
    /// Queued for decoding.
    Queued,
    /// The queue is full; the unit comes back.
    Full(DecoderInput),
    /// The decode thread is gone (it only stops when its queue closes, so this is a bug).
    Closed,
}

/// The supervisor's end of a stream's decode thread.
pub struct DecoderHandle {
    tx: Option<SyncSender<DecoderInput>>,
    thread: Option<JoinHandle<()>>,
    /// Units queued or being decoded.
    in_flight: Arc<AtomicUsize>,
}

impl DecoderHandle {
    /// Offers a message without blocking the async task that calls it.
    pub fn offer(&self, input: DecoderInput) -> Offer {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let offer = match self.tx.as_ref().map(|tx| tx.try_send(input)) {
            Some(Ok(())) => return Offer::Queued,
            Some(Err(TrySendError::Full(back))) => Offer::Full(back),
            _ => Offer::Closed,
        };
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        offer
    }

    /// True when every queued unit has been decoded (or dropped) and counted.
    pub fn is_idle(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) == 0
    }

    /// Closes the queue and waits, on a blocking thread rather than the async runtime, for the
    /// decode thread to finish what is queued (bounded by the queue).
    pub async fn close(&mut self) {
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || t.join()).await;
        }
    }
}

impl Drop for DecoderHandle {
    fn drop(&mut self) {
        // Closing the queue ends the thread once it has decoded what is queued. Not joined here:
        // a drop may run on the async runtime, and the join could block it (`close` waits).
        self.tx.take();
    }
}

/// Everything a decode thread needs.
pub struct DecoderSpec {
    /// Stream identity stamped on every frame.
    pub identity: StreamIdentity,
    /// Sampling of decoded frames for analysis.
    pub sampling: SamplingConfig,
    /// Capacity of the queue of access units waiting to be decoded.
    pub queue_capacity: usize,
    /// Per-stream metrics.
    pub metrics: StreamMetrics,
    /// Shared status, to report an undecodable stream.
    pub status: Arc<StreamHandle>,
    /// Where sampled frames go; full means the frame is dropped (live video: newest dropped).
    pub output: mpsc::Sender<DecodedFrame>,
}

/// Starts the decode thread for one stream.
pub fn spawn(spec: DecoderSpec) -> Result<DecoderHandle> {
    let (tx, rx) = sync_channel(spec.queue_capacity.max(1));
    let name = format!("dec-{}", spec.identity.stream_id);
    let in_flight = Arc::new(AtomicUsize::new(0));
    let counter = in_flight.clone();
    let thread = std::thread::Builder::new()
        .name(name)
        .spawn(move || decode_loop(spec, rx, &counter))
        .map_err(|e| Error::new(ErrorKind::Internal, format!("cannot spawn decode thread: {e}")))?;
    Ok(DecoderHandle { tx: Some(tx), thread: Some(thread), in_flight })
}

fn decode_loop(spec: DecoderSpec, rx: Receiver<DecoderInput>, in_flight: &AtomicUsize) {
    let mut state = DecodeState::new(&spec);
    while let Ok(input) = rx.recv() {
        state.step(&spec, input);
        in_flight.fetch_sub(1, Ordering::SeqCst);
    }
    // Units held by an idle camera when the stream ended are never decoded.
    spec.metrics.dropped(DropReason::Idle, state.held.len() as u64);
}

/// What the decode thread keeps across access units.
struct DecodeState {
    decoder: Option<FrameDecoder>,
    sampler: Sampler,
    /// The stream turned out to have B-frames; discard until the next session.
    unsupported: bool,
    errors_logged: u32,
    current_session: Option<u64>,
    /// After a decode error the reference pictures are broken: every P-frame up to the next IDR
    /// would fail (or conceal to garbage), so skip them and count them as drops, not errors.
    skip_until_idr: bool,
    /// Keyframes-only mode: the units since the last keyframe (or since the switch, if later),
    /// held so that a switch back to every frame can catch up to the current frame at once.
    held: Vec<AccessUnit>,
    /// The GOP outgrew [`MAX_HELD`]: the units since the keyframe are gone, so after a switch
    /// back nothing decodes until the next keyframe.
    held_overflow: bool,
}

/// Most units held for a catch-up: 6 s of 25 fps, more than MDVRs' usual 1-4 s GOPs, and a
/// catch-up short enough (~0.3 s of decoding) not to back up the decode queue.
const MAX_HELD: usize = 150;

impl DecodeState {
    fn new(spec: &DecoderSpec) -> Self {
        Self {
            decoder: None,
            sampler: Sampler::new(spec.sampling),
            unsupported: false,
            errors_logged: 0,
            current_session: None,
            skip_until_idr: false,
            held: Vec::new(),
            held_overflow: false,
        }
    }

    /// Keyframes-only decoding for idle cameras: holds units between keyframes and, when every
    /// frame is wanted again, decodes what was held (pictures not kept) to reach the current
    /// frame. Returns the unit if it is to be decoded now.
    fn idle_gate(&mut self, spec: &DecoderSpec, au: AccessUnit) -> Option<AccessUnit> {
        let keyframes_only = spec.status.decode_mode() == DecodeMode::Keyframes;
        if au.is_random_access_point {
            spec.metrics.dropped(DropReason::Idle, self.held.len() as u64);
            self.held.clear();
            self.held_overflow = false;
            return Some(au);
        }
        if keyframes_only || self.held_overflow {
            if self.held_overflow || self.held.len() >= MAX_HELD {
                // Woken after the hold overflowed: nothing decodes until the next keyframe, a
                // real gap in the active camera's video, not the idle plan.
                let reason = if keyframes_only { DropReason::Idle } else { DropReason::AwaitingKeyframe };
                spec.metrics.dropped(reason, self.held.len() as u64 + 1);
                self.held.clear();
                self.held_overflow = true;
            } else {
                self.held.push(au);
            }
            return None;
        }
        for held in std::mem::take(&mut self.held) {
            if self.skip_until_idr {
                spec.metrics.dropped(DropReason::BrokenReference, 1);
                continue;
            }
            self.decode(spec, &held, false);
        }
        if self.skip_until_idr {
            spec.metrics.dropped(DropReason::BrokenReference, 1);
            return None;
        }
        Some(au)
    }

    fn step(&mut self, spec: &DecoderSpec, (session, au): DecoderInput) {
        let stream = &spec.identity.stream_id;
        if self.current_session != Some(session) {
            spec.metrics.dropped(DropReason::Idle, self.held.len() as u64);
            *self = Self { errors_logged: self.errors_logged, current_session: Some(session), ..Self::new(spec) };
        }
        if self.skip_until_idr {
            if !au.is_random_access_point {
                spec.metrics.dropped(DropReason::BrokenReference, 1);
                return;
            }
            self.skip_until_idr = false;
        }
        if self.unsupported {
            spec.metrics.dropped(DropReason::Unsupported, 1);
            return;
        }
        if h264::has_b_slice(&au.data) {
            self.unsupported = true;
            spec.metrics.dropped(DropReason::Unsupported, 1);
            spec.status.report_unsupported(format!(
                "stream {stream} contains B-frames, which the openh264 decoder cannot decode; \
                 configure the camera for a Baseline or no-B-frame Main profile stream"
            ));
            return;
        }
        let Some(au) = self.idle_gate(spec, au) else { return };
        // Decide before decoding, so frames that sampling drops are never copied out.
        let keep = self.sampler.accept(au.pts_90k);
        self.decode(spec, &au, keep);
    }

    /// Decodes one unit; a kept picture goes to analysis.
    fn decode(&mut self, spec: &DecoderSpec, au: &AccessUnit, keep: bool) {
        let stream = &spec.identity.stream_id;
        let dec = match &mut self.decoder {
            Some(d) => d,
            None => match FrameDecoder::new() {
                Ok(d) => self.decoder.insert(d),
                Err(e) => {
                    tracing::error!(stream = %stream, error = %e, "Cannot create decoder.");
                    spec.metrics.decode_errors.inc();
                    return;
                }
            },
        };
        let started = Instant::now();
        // Some(Some(p)): decoded and kept; Some(None): decoded, not kept; None: no picture yet.
        let outcome = if keep {
            dec.decode(&au.data).map(|p| p.map(Some))
        } else {
            dec.decode_discard(&au.data).map(|got| got.then_some(None))
        };
        spec.metrics.decode_seconds.observe(started.elapsed().as_secs_f64());
        match outcome {
            Ok(Some(None)) => spec.metrics.decoded.inc(),
            Ok(Some(Some(picture))) => {
                spec.metrics.decoded.inc();
                let frame = DecodedFrame {
                    identity: spec.identity.clone(),
                    pts_90k: au.pts_90k,
                    capture_time: au.capture_time,
                    clock: au.clock,
                    keyframe: au.is_random_access_point,
                    picture: Arc::new(picture),
                };
                match spec.output.try_send(frame) {
                    Ok(()) => spec.metrics.sampled.inc(),
                    Err(_) => spec.metrics.dropped(DropReason::AnalysisBehind, 1),
                }
            }
            // Parameter sets only, or the decoder buffered the picture: nothing to count yet.
            Ok(None) => {}
            Err(e) => {
                spec.metrics.decode_errors.inc();
                self.skip_until_idr = true;
                // Rate-limit: a corrupt stream would otherwise log 25 lines a second.
                if self.errors_logged < 5 || self.errors_logged.is_power_of_two() {
                    tracing::warn!(stream = %stream, error = %e, count = self.errors_logged + 1, "Decode error.");
                }
                self.errors_logged = self.errors_logged.saturating_add(1);
            }
        }
    }
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

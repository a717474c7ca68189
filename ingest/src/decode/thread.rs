//! A stream's decode thread: sampling, keyframe gating and error recovery around its decoder,
//! fed through a bounded queue by the stream's supervisor. A decoder child that crashes or hangs
//! is restarted here, and a stream whose decoder keeps crashing is quarantined.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::Instant;

use tokio::sync::mpsc;

use super::config::DecoderSetup;
use super::process::{Decoder, Failure, Output};
use crate::error::{Error, ErrorKind, Result};
use crate::frame::{AccessUnit, DecodedFrame, StreamIdentity};
use crate::h264;
use crate::sampling::{Sampler, SamplingConfig};
use crate::supervisor::{DecodeMode, StreamHandle};
use crate::telemetry::{DropReason, StreamMetrics};

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
    /// Where sampled frames go. Full: a live stream's frame is dropped (the newest), a file's
    /// waits (the decode thread blocks, and with it the file's reading).
    pub output: mpsc::Sender<DecodedFrame>,
    /// Where the decoder runs, and when its crashes quarantine the stream.
    pub setup: DecoderSetup,
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
    decoder: Option<Decoder>,
    /// When the decoder crashed recently (kept across sessions): the quarantine decision.
    crashes: VecDeque<Instant>,
    /// The decoder kept crashing: discard everything until the supervisor starts a new session.
    quarantined: bool,
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
            crashes: VecDeque::new(),
            quarantined: false,
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
            let crashes = std::mem::take(&mut self.crashes);
            *self = Self { errors_logged: self.errors_logged, crashes, current_session: Some(session), ..Self::new(spec) };
        }
        if self.skip_until_idr {
            if !au.is_random_access_point {
                spec.metrics.dropped(DropReason::BrokenReference, 1);
                return;
            }
            self.skip_until_idr = false;
        }
        if self.unsupported || self.quarantined {
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
        if self.quarantined {
            spec.metrics.dropped(DropReason::Unsupported, 1);
            return;
        }
        let dec = match &mut self.decoder {
            Some(d) => d,
            None => match Decoder::start(&spec.setup) {
                Ok(d) => self.decoder.insert(d),
                Err(f) => return self.decoder_failed(spec, f),
            },
        };
        let started = Instant::now();
        let outcome = dec.decode(&au.data, keep);
        spec.metrics.decode_seconds.observe(started.elapsed().as_secs_f64());
        match outcome {
            Ok(Output::Decoded) => spec.metrics.decoded.inc(),
            Ok(Output::Picture(picture)) => {
                spec.metrics.decoded.inc();
                let frame = DecodedFrame {
                    identity: spec.identity.clone(),
                    pts_90k: au.pts_90k,
                    capture_time: au.capture_time,
                    clock: au.clock,
                    keyframe: au.is_random_access_point,
                    picture: Arc::new(picture),
                };
                // A live stream's frame is dropped when analysis is behind (the next is newer);
                // a file's waits for room, so every sampled frame of a clip is analysed.
                let sent = if spec.status.is_live() { spec.output.try_send(frame).is_ok() } else { spec.output.blocking_send(frame).is_ok() };
                if sent {
                    spec.metrics.sampled.inc();
                } else {
                    spec.metrics.dropped(DropReason::AnalysisBehind, 1);
                }
            }
            // Parameter sets only, or the decoder buffered the picture: nothing to count yet.
            Ok(Output::Nothing) => {}
            Err(Failure::Rejected(e)) => {
                spec.metrics.decode_errors.inc();
                self.skip_until_idr = true;
                // Rate-limit: a corrupt stream would otherwise log 25 lines a second.
                if self.errors_logged < 5 || self.errors_logged.is_power_of_two() {
                    tracing::warn!(stream = %spec.identity.stream_id, error = %e, count = self.errors_logged + 1, "Decode error.");
                }
                self.errors_logged = self.errors_logged.saturating_add(1);
            }
            Err(f @ Failure::Crashed(_)) => self.decoder_failed(spec, f),
        }
    }

    /// The decoder process crashed, exited, hung or could not start: start a new one at once
    /// (decoding resumes at the next IDR, the references being lost), or quarantine the stream
    /// after `crash_limit` failures within `crash_window`.
    fn decoder_failed(&mut self, spec: &DecoderSpec, failure: Failure) {
        let stream = &spec.identity.stream_id;
        let why = match failure {
            Failure::Crashed(why) => why,
            Failure::Rejected(e) => e.to_string(),
        };
        self.decoder = None;
        self.skip_until_idr = true;
        spec.metrics.decode_errors.inc();
        let now = Instant::now();
        let window = spec.setup.crash_window;
        self.crashes.retain(|t| now.duration_since(*t) < window);
        self.crashes.push_back(now);
        let crashes = self.crashes.len();
        if crashes >= spec.setup.crash_limit as usize {
            self.crashes.clear();
            self.quarantined = true;
            let reason = format!("decoder failed {crashes} times within {window:?}, last: {why}");
            tracing::error!(stream = %stream, reason = %reason, "Decoder keeps failing; quarantining the stream.");
            spec.status.report_quarantined(reason);
            return;
        }
        spec.metrics.decoder_restarts.inc();
        tracing::warn!(stream = %stream, error = %why, crashes, "Decoder failed; restarting it.");
        // A start that fails here is retried, and counted, at the next unit that is decoded.
        self.decoder = Decoder::start(&spec.setup).ok();
    }

}

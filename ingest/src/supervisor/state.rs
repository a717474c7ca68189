use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use serde::Serialize;

use crate::frame::StreamIdentity;
use crate::telemetry::{StreamCounters, StreamMetrics};

/// A stream's supervisor state. Exactly one is current; `fleetsight_stream_state` exports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamState {
    /// Opening the session (DESCRIBE/SETUP/PLAY, or opening the file).
    Connecting,
    /// Access units are arriving and being decoded.
    Running,
    /// Connected, but the camera sent nothing within the stall timeout.
    Stalled,
    /// Downstream (the decoder) is full and units are being dropped up to the next IDR. Never a
    /// reason to reconnect: the camera is fine, we are slow.
    Blocked,
    /// Waiting before the next connection attempt.
    Backoff,
    /// The stream cannot be decoded (for example it has B-frames); see `last_error`.
    Unsupported,
    /// A finite source (a file without `loop`) reached its end.
    Finished,
    /// The stream's decoder crashed `crash_limit` times within `crash_window_secs`
    /// (`[supervisor.decode]`): the camera is disconnected and not retried until the window has
    /// passed (or fleetsight is restarted); see `last_error`.
    Quarantined,
}

impl StreamState {
    /// Every state, for exporting all gauge values.
    pub const ALL: [StreamState; 8] = [
        StreamState::Connecting,
        StreamState::Running,
        StreamState::Stalled,
        StreamState::Blocked,
        StreamState::Backoff,
        StreamState::Unsupported,
        StreamState::Finished,
        StreamState::Quarantined,
    ];

    /// The `state` label value.
    pub fn as_str(self) -> &'static str {
        match self {
            StreamState::Connecting => "connecting",
            StreamState::Running => "running",
            StreamState::Stalled => "stalled",
            StreamState::Blocked => "blocked",
            StreamState::Backoff => "backoff",
            StreamState::Unsupported => "unsupported",
            StreamState::Finished => "finished",
            StreamState::Quarantined => "quarantined",
        }
    }
}

/// A point-in-time copy of a stream's status, for `/readyz` and the status display.
#[derive(Debug, Clone, Serialize)]
pub struct StreamStatus {
    /// The stream id.
    pub stream: String,
    /// The current state.
    pub state: StreamState,
    /// When the current state was entered.
    #[serde(with = "unix_seconds")]
    pub since: SystemTime,
    /// True once the stream has been `running` at least once.
    pub ever_running: bool,
    /// The last error or reason for a non-running state, if any.
    pub last_error: Option<String>,
}

mod unix_seconds {
    use std::time::SystemTime;

    pub fn serialize<S: serde::Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        let secs = t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        s.serialize_f64(secs)
    }
}

/// The shared, observable side of a stream: its identity, state and last error. The worker
/// writes it; the HTTP API and the decode thread read or report into it.
pub struct StreamHandle {
    identity: StreamIdentity,
    metrics: StreamMetrics,
    inner: Mutex<Inner>,
    /// Whether the decode thread decodes every frame or keyframes only; analysis switches it
    /// (idle cameras), the decode thread reads it per access unit.
    keyframes_only: AtomicBool,
    /// Whether the current session is live (a camera: frames analysis is behind on are dropped)
    /// or not (a file read as fast as it is decoded: every sampled frame waits for analysis).
    live: AtomicBool,
}

/// What the decode thread decodes, set at run time (by analysis: an idle camera needs only its
/// keyframes until something moves).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeMode {
    /// Every frame.
    All,
    /// Keyframes only. Units in between are held (compressed, up to one GOP) so that switching
    /// back to [`DecodeMode::All`] resumes at the current frame, not at the next keyframe.
    Keyframes,
}

struct Inner {
    state: StreamState,
    since: SystemTime,
    ever_running: bool,
    last_error: Option<String>,
    verdict: Option<DecoderVerdict>,
}

/// What the decode thread found that ends the session; the supervisor takes it per access unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecoderVerdict {
    /// The stream cannot be decoded (for example B-frames): the reason.
    Unsupported(String),
    /// The decoder kept crashing: the reason.
    Quarantined(String),
}

impl StreamHandle {
    pub(crate) fn new(identity: StreamIdentity, metrics: StreamMetrics) -> Self {
        metrics.set_state(StreamState::Connecting);
        Self {
            identity,
            metrics,
            inner: Mutex::new(Inner {
                state: StreamState::Connecting,
                since: SystemTime::now(),
                ever_running: false,
                last_error: None,
                verdict: None,
            }),
            keyframes_only: AtomicBool::new(false),
            live: AtomicBool::new(true),
        }
    }

    /// Sets what the decode thread decodes from the next access unit on.
    pub fn set_decode_mode(&self, mode: DecodeMode) {
        self.keyframes_only.store(mode == DecodeMode::Keyframes, Ordering::Relaxed);
    }

    /// What the decode thread decodes.
    pub fn decode_mode(&self) -> DecodeMode {
        if self.keyframes_only.load(Ordering::Relaxed) { DecodeMode::Keyframes } else { DecodeMode::All }
    }

    /// Whether the current session is live: see [`crate::source::OpenedSource::live`].
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Relaxed)
    }

    pub(crate) fn set_live(&self, live: bool) {
        self.live.store(live, Ordering::Relaxed);
    }

    /// The stream's identity.
    pub fn identity(&self) -> &StreamIdentity {
        &self.identity
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding this lock cannot leave it inconsistent (plain field writes).
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Moves to `state`; logs and exports the transition.
    pub(crate) fn set_state(&self, state: StreamState) {
        let mut inner = self.lock();
        if inner.state == state {
            return;
        }
        let from = inner.state;
        inner.state = state;
        inner.since = SystemTime::now();
        if state == StreamState::Running {
            inner.ever_running = true;
            inner.last_error = None;
        }
        drop(inner);
        self.metrics.set_state(state);
        // Running <-> blocked can flap under overload; keep it out of the info log.
        if matches!((from, state), (StreamState::Running, StreamState::Blocked) | (StreamState::Blocked, StreamState::Running)) {
            tracing::debug!(from = from.as_str(), to = state.as_str(), "Stream state changed.");
        } else {
            tracing::info!(from = from.as_str(), to = state.as_str(), "Stream state changed.");
        }
    }

    pub(crate) fn set_error(&self, error: String) {
        self.lock().last_error = Some(error);
    }

    /// Called by the decode thread when the stream turns out to be undecodable.
    pub(crate) fn report_unsupported(&self, reason: String) {
        self.lock().verdict = Some(DecoderVerdict::Unsupported(reason));
    }

    /// Called by the decode thread when the stream's decoder keeps crashing.
    pub(crate) fn report_quarantined(&self, reason: String) {
        self.lock().verdict = Some(DecoderVerdict::Quarantined(reason));
    }

    pub(crate) fn take_verdict(&self) -> Option<DecoderVerdict> {
        self.lock().verdict.take()
    }

    /// Running totals of the stream's counters (the same values `/metrics` exports).
    pub fn counters(&self) -> StreamCounters {
        self.metrics.counters()
    }

    /// The current state.
    pub fn state(&self) -> StreamState {
        self.lock().state
    }

    /// A copy of the current status.
    pub fn status(&self) -> StreamStatus {
        let inner = self.lock();
        StreamStatus {
            stream: self.identity.stream_id.to_string(),
            state: inner.state,
            since: inner.since,
            ever_running: inner.ever_running,
            last_error: inner.last_error.clone(),
        }
    }
}

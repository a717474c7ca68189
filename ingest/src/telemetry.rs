//! Every ingest metric, declared in one place. Per-stream handles are resolved once
//! ([`IngestMetrics::stream`]) so hot loops never look up label values.

use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGaugeVec, Opts, Registry};

use crate::StreamIdentity;
use crate::supervisor::StreamState;

/// Why a frame was dropped; the `reason` label of `fleetsight_frames_dropped_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// The decode queue was full: the access unit and everything up to the next IDR is dropped.
    DecoderBehind,
    /// Before the first random access point of a session (a late join, mid-GOP), or after an
    /// idle camera woke in a GOP longer than it could hold.
    AwaitingKeyframe,
    /// A previous access unit failed to decode, so frames referring to it are skipped up to the
    /// next IDR.
    BrokenReference,
    /// The analysis queue was full: the decoded frame is dropped (newest dropped).
    AnalysisBehind,
    /// The stream cannot be decoded (for example B-frames), or its decoder was quarantined; its
    /// units are discarded.
    Unsupported,
    /// Planned: an idle camera decodes keyframes only, and the frames between them that were
    /// not needed (nothing woke the camera within their GOP) are discarded.
    Idle,
}

impl DropReason {
    /// All reasons, for pre-registering label values.
    pub const ALL: [DropReason; 6] = [
        DropReason::DecoderBehind,
        DropReason::AwaitingKeyframe,
        DropReason::BrokenReference,
        DropReason::AnalysisBehind,
        DropReason::Unsupported,
        DropReason::Idle,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::DecoderBehind => "decoder_behind",
            DropReason::AwaitingKeyframe => "awaiting_keyframe",
            DropReason::BrokenReference => "broken_reference",
            DropReason::AnalysisBehind => "analysis_behind",
            DropReason::Unsupported => "unsupported",
            DropReason::Idle => "idle",
        }
    }
}

/// Ingest's metric families, registered into the pipeline's registry.
#[derive(Clone)]
pub struct IngestMetrics {
    frames_received: IntCounterVec,
    frames_decoded: IntCounterVec,
    frames_sampled: IntCounterVec,
    frames_dropped: IntCounterVec,
    decode_errors: IntCounterVec,
    reconnects: IntCounterVec,
    stalls: IntCounterVec,
    decoder_restarts: IntCounterVec,
    stream_state: IntGaugeVec,
    stream_info: IntGaugeVec,
    decode_seconds: Histogram,
}

fn counter(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> prometheus::Result<IntCounterVec> {
    let c = IntCounterVec::new(Opts::new(name, help), labels)?;
    registry.register(Box::new(c.clone()))?;
    Ok(c)
}

impl IngestMetrics {
    /// Creates the families and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let stream_state = IntGaugeVec::new(
            Opts::new("fleetsight_stream_state", "1 for the stream's current supervisor state, 0 otherwise."),
            &["stream", "state"],
        )?;
        registry.register(Box::new(stream_state.clone()))?;
        // Maps streams to devices for dashboards (a `device` variable) without a device label on
        // every per-stream series.
        let stream_info = IntGaugeVec::new(Opts::new("fleetsight_stream_info", "1 per configured stream: its device and channel."), &["stream", "device", "channel"])?;
        registry.register(Box::new(stream_info.clone()))?;
        let decode_seconds = Histogram::with_opts(
            HistogramOpts::new("fleetsight_decode_seconds", "Time to decode one access unit with openh264.")
                .buckets(vec![0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256]),
        )?;
        registry.register(Box::new(decode_seconds.clone()))?;
        Ok(Self {
            frames_received: counter(registry, "fleetsight_frames_received_total", "Access units received from the source.", &["stream"])?,
            frames_decoded: counter(registry, "fleetsight_frames_decoded_total", "Pictures decoded.", &["stream"])?,
            frames_sampled: counter(
                registry,
                "fleetsight_frames_sampled_total",
                "Decoded frames passed on to analysis after sampling.",
                &["stream"],
            )?,
            frames_dropped: counter(registry, "fleetsight_frames_dropped_total", "Frames dropped, by reason.", &["stream", "reason"])?,
            decode_errors: counter(registry, "fleetsight_decode_errors_total", "Access units the decoder rejected.", &["stream"])?,
            reconnects: counter(registry, "fleetsight_stream_reconnects_total", "Reconnect attempts after a failed or lost session.", &["stream"])?,
            stalls: counter(registry, "fleetsight_stream_stalls_total", "Times a connected stream went silent for stall_timeout_secs.", &["stream"])?,
            decoder_restarts: counter(
                registry,
                "fleetsight_decoder_restarts_total",
                "Decoder processes restarted after a crash, an exit or a hang (supervisor.decode.isolation = \"process\").",
                &["stream"],
            )?,
            stream_state,
            stream_info,
            decode_seconds,
        })
    }

    /// Publishes a stream's identity as `fleetsight_stream_info`.
    pub fn describe(&self, identity: &StreamIdentity) {
        self.stream_info.with_label_values(&[&*identity.stream_id, &*identity.device_id, &identity.channel.to_string()]).set(1);
    }

    /// Resolves the per-stream handles once; call outside any per-frame loop.
    pub fn stream(&self, stream: &str) -> StreamMetrics {
        let dropped = DropReason::ALL.map(|r| self.frames_dropped.with_label_values(&[stream, r.as_str()]));
        let states = StreamState::ALL.map(|s| self.stream_state.with_label_values(&[stream, s.as_str()]));
        StreamMetrics {
            received: self.frames_received.with_label_values(&[stream]),
            decoded: self.frames_decoded.with_label_values(&[stream]),
            sampled: self.frames_sampled.with_label_values(&[stream]),
            decode_errors: self.decode_errors.with_label_values(&[stream]),
            reconnects: self.reconnects.with_label_values(&[stream]),
            stalls: self.stalls.with_label_values(&[stream]),
            decoder_restarts: self.decoder_restarts.with_label_values(&[stream]),
            dropped,
            states,
            decode_seconds: self.decode_seconds.clone(),
        }
    }
}

/// Pre-resolved metric handles for one stream.
#[derive(Clone)]
pub struct StreamMetrics {
    pub(crate) received: IntCounter,
    pub(crate) decoded: IntCounter,
    pub(crate) sampled: IntCounter,
    pub(crate) decode_errors: IntCounter,
    pub(crate) reconnects: IntCounter,
    pub(crate) stalls: IntCounter,
    pub(crate) decoder_restarts: IntCounter,
    dropped: [IntCounter; DropReason::ALL.len()],
    states: [prometheus::IntGauge; StreamState::ALL.len()],
    pub(crate) decode_seconds: Histogram,
}

impl StreamMetrics {
    /// Counts `n` dropped frames for `reason`.
    pub fn dropped(&self, reason: DropReason, n: u64) {
        let i = DropReason::ALL.iter().position(|r| *r == reason).expect("reason is in ALL");
        self.dropped[i].inc_by(n);
    }

    /// The current totals.
    pub fn counters(&self) -> StreamCounters {
        StreamCounters {
            received: self.received.get(),
            decoded: self.decoded.get(),
            sampled: self.sampled.get(),
            dropped: self.dropped.iter().map(IntCounter::get).sum(),
            decode_errors: self.decode_errors.get(),
            reconnects: self.reconnects.get(),
            decoder_restarts: self.decoder_restarts.get(),
        }
    }

    /// Sets the state gauge: 1 for `state`, 0 for every other state.
    pub(crate) fn set_state(&self, state: StreamState) {
        for (s, g) in StreamState::ALL.iter().zip(&self.states) {
            g.set((*s == state) as i64);
        }
    }
}

/// A snapshot of one stream's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StreamCounters {
    /// Access units received.
    pub received: u64,
    /// Pictures decoded.
    pub decoded: u64,
    /// Frames passed on to analysis.
    pub sampled: u64,
    /// Frames dropped, all reasons.
    pub dropped: u64,
    /// Access units the decoder rejected.
    pub decode_errors: u64,
    /// Reconnect attempts.
    pub reconnects: u64,
    /// Decoder processes restarted after a crash or hang.
    pub decoder_restarts: u64,
}

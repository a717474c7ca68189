//! Every pipeline metric (analysis, events, sinks), declared in one place. Per-stream handles are
//! resolved once ([`PipelineMetrics::stream`]) so per-frame code never looks up label values.

use prometheus::{Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry};

use crate::analysis::mode::{Mode, Wake};

/// Latency buckets, seconds: frame-to-detection and sighting-to-store both span tens of
/// milliseconds (idle box) to seconds (overload, track timeouts).
const LATENCY_BUCKETS: [f64; 16] = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0];

/// The pipeline's metric families.
#[derive(Clone)]
pub struct PipelineMetrics {
    /// Frames analysed by the plate models, per stream.
    pub frames_analysed: IntCounterVec,
    /// Plate boxes found by the detector, per stream.
    pub plate_detections: IntCounterVec,
    /// Reader runs whose text failed the plate grammar, per stream.
    pub plate_rejections: IntCounterVec,
    /// Plate reads (one per vehicle pass) emitted, per stream.
    pub plate_reads: IntCounterVec,
    /// Reader (OCR) runs, per stream.
    pub ocr_runs: IntCounterVec,
    /// Reader runs spent on each emitted pass.
    pub ocr_runs_per_pass: Histogram,
    /// Each emitted read's confidence (reads by confidence band).
    pub read_confidence: Histogram,
    /// Seconds per reader run (text lines on the crop, then the recogniser).
    pub ocr_seconds: Histogram,
    /// Seconds per detector call, by search (`full` frame or `local` around tracked plates).
    pub detection_seconds: HistogramVec,
    /// Frame capture to detection done, per stream.
    pub analysis_latency: HistogramVec,
    /// A pass's last sighting to its read being stored (or acknowledged by Kafka), per stream.
    pub read_latency: HistogramVec,
    /// Tracks that read as a pass emitted moments before (a split pass), per stream.
    pub passes_merged: IntCounterVec,
    /// Tracks not emitted, per stream and reason (`unread`: no valid text; `weak`: too few
    /// frames for how unsure the read was).
    pub tracks_dropped: IntCounterVec,
    /// 1 for each stream's current analysis mode (`active`, `idle`).
    pub analysis_mode: IntGaugeVec,
    /// Idle cameras woken, per stream and reason (`motion`, `plate`, `gps`).
    pub wakeups: IntCounterVec,
    /// Panics caught in the plate-model workers (the frame is skipped, the worker goes on).
    pub analysis_panics: IntCounter,
    /// Plate-model worker loops restarted after a panic escaped the per-frame guard.
    pub analysis_worker_restarts: IntCounter,
    /// Events written, per sink.
    pub events_written: IntCounterVec,
    /// Failed write attempts (retried), per sink.
    pub event_write_errors: IntCounterVec,
    /// Events a sink refused for good (invalid: retrying cannot help), per sink; each is logged
    /// at error level with its event id.
    pub events_refused: IntCounterVec,
    /// GPS fixes accepted, per source (`http`, `replay`, `kafka`).
    pub gps_fixes: IntCounterVec,
    /// GPS fixes rejected as invalid.
    pub gps_rejected: IntCounter,
    /// Valid GPS fixes refused, per source and reason (`device_limit`: a new device past
    /// `gps.max_devices`).
    pub gps_refused: IntCounterVec,
    /// API requests answered, per method, route template and status (401/403 included).
    pub api_requests: IntCounterVec,
    /// API requests refused with 429 by a rate limit, per class (`auth`: failed
    /// authentications per client address; `query`: expensive queries per tenant).
    pub api_rate_limited: IntCounterVec,
    /// Rate-limit checks charged to the one bucket shared by untracked clients (the table of
    /// client addresses, `api.rate_limits.max_clients`, was full of active ones).
    pub api_rate_limit_untracked: IntCounter,
    /// Read evidence packages (frame and crop images) by result (`written`, `failed`).
    pub evidence_packages: IntCounterVec,
    /// MDVR alarms by source (`kafka`) and result (`recorded`, `rejected`).
    pub alarms: IntCounterVec,
    /// Clip upload jobs ended, by outcome (`done`, `failed`).
    pub upload_jobs: IntCounterVec,
}

impl PipelineMetrics {
    /// Creates the families and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let counter = |name: &str, help: &str, labels: &[&str]| -> prometheus::Result<IntCounterVec> {
            let c = IntCounterVec::new(Opts::new(name, help), labels)?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let hist = |name: &str, help: &str, buckets: Vec<f64>| -> prometheus::Result<Histogram> {
            let h = Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets))?;
            registry.register(Box::new(h.clone()))?;
            Ok(h)
        };
        let hist_vec = |name: &str, help: &str, buckets: Vec<f64>, labels: &[&str]| -> prometheus::Result<HistogramVec> {
            let h = HistogramVec::new(HistogramOpts::new(name, help).buckets(buckets), labels)?;
            registry.register(Box::new(h.clone()))?;
            Ok(h)
        };
        let single = |name: &str, help: &str| -> prometheus::Result<IntCounter> {
            let c = IntCounter::new(name, help)?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let analysis_mode = IntGaugeVec::new(Opts::new("fleetsight_analysis_mode", "1 for the stream's current analysis mode (active, idle)."), &["stream", "mode"])?;
        registry.register(Box::new(analysis_mode.clone()))?;
        Ok(Self {
            frames_analysed: counter("fleetsight_frames_analysed_total", "Frames run through the plate detector.", &["stream"])?,
            plate_detections: counter("fleetsight_plate_detections_total", "Plate boxes found by the detector.", &["stream"])?,
            plate_rejections: counter("fleetsight_plate_rejections_total", "Reader runs whose text failed the plate grammar.", &["stream"])?,
            plate_reads: counter("fleetsight_plate_reads_total", "Plate reads emitted, one per vehicle pass.", &["stream"])?,
            ocr_runs: counter("fleetsight_ocr_runs_total", "Reader (OCR) runs on plate crops.", &["stream"])?,
            ocr_runs_per_pass: hist("fleetsight_ocr_runs_per_pass", "Reader runs spent on each emitted pass.", vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 12.0, 20.0])?,
            read_confidence: hist(
                "fleetsight_plate_read_confidence",
                "Confidence of each emitted plate read (its weakest character's voted share).",
                vec![0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0],
            )?,
            ocr_seconds: hist("fleetsight_ocr_seconds", "Time of one reader run.", vec![0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.4])?,
            detection_seconds: hist_vec(
                "fleetsight_detection_seconds",
                "Time of one detector call, by search (full frame, or local around tracked plates).",
                vec![0.001, 0.002, 0.004, 0.008, 0.012, 0.016, 0.024, 0.032, 0.064, 0.128, 0.5],
                &["search"],
            )?,
            analysis_latency: hist_vec(
                "fleetsight_analysis_latency_seconds",
                "Frame capture to plate detection done.",
                LATENCY_BUCKETS.to_vec(),
                &["stream"],
            )?,
            read_latency: hist_vec(
                "fleetsight_read_latency_seconds",
                "A pass's last sighting to its read stored (or acknowledged by Kafka).",
                LATENCY_BUCKETS.to_vec(),
                &["stream"],
            )?,
            passes_merged: counter("fleetsight_plate_passes_merged_total", "Tracks merged into a pass emitted moments before.", &["stream"])?,
            tracks_dropped: counter("fleetsight_plate_tracks_dropped_total", "Tracks not emitted, by reason (unread, weak).", &["stream", "reason"])?,
            analysis_mode,
            wakeups: counter("fleetsight_analysis_wakeups_total", "Idle cameras woken, by reason (motion, plate, gps).", &["stream", "reason"])?,
            analysis_panics: single("fleetsight_analysis_panics_total", "Panics caught in plate-model workers.")?,
            analysis_worker_restarts: single("fleetsight_analysis_worker_restarts_total", "Plate-model worker loops restarted after a panic outside the per-frame guard.")?,
            events_written: counter("fleetsight_events_written_total", "Events written to a sink.", &["sink"])?,
            event_write_errors: counter("fleetsight_event_write_errors_total", "Failed (and retried) event writes.", &["sink"])?,
            events_refused: counter("fleetsight_events_refused_total", "Events a sink refused for good (invalid), dropped and logged.", &["sink"])?,
            gps_fixes: counter("fleetsight_gps_fixes_total", "GPS fixes accepted.", &["source"])?,
            gps_rejected: single("fleetsight_gps_fixes_rejected_total", "GPS fixes rejected as invalid.")?,
            gps_refused: counter("fleetsight_gps_fixes_refused_total", "Valid GPS fixes refused, by source and reason (device_limit).", &["source", "reason"])?,
            api_requests: counter("fleetsight_api_requests_total", "API requests answered, by method, route and status.", &["method", "route", "status"])?,
            api_rate_limit_untracked: single(
                "fleetsight_api_rate_limit_untracked_total",
                "Rate-limit checks charged to the bucket shared by untracked clients (api.rate_limits.max_clients reached).",
            )?,
            api_rate_limited: counter("fleetsight_api_rate_limited_total", "API requests refused by a rate limit (429), by route class (auth, query).", &["route_class"])?,
            evidence_packages: counter("fleetsight_read_evidence_total", "Read evidence packages (frame and plate images), by result.", &["result"])?,
            alarms: counter("fleetsight_alarms_total", "MDVR alarms from the alarm topic, by result.", &["source", "result"])?,
            upload_jobs: counter("fleetsight_upload_jobs_total", "Uploaded clip jobs ended, by outcome (done, failed).", &["outcome"])?,
        })
    }

    /// Resolves one stream's handles; call outside any per-frame loop.
    pub fn stream(&self, stream: &str) -> StreamAnalysisMetrics {
        let m = StreamAnalysisMetrics {
            frames_analysed: self.frames_analysed.with_label_values(&[stream]),
            plate_detections: self.plate_detections.with_label_values(&[stream]),
            plate_rejections: self.plate_rejections.with_label_values(&[stream]),
            ocr_runs: self.ocr_runs.with_label_values(&[stream]),
            ocr_seconds: self.ocr_seconds.clone(),
            full_detection: self.detection_seconds.with_label_values(&["full"]),
            local_detection: self.detection_seconds.with_label_values(&["local"]),
            analysis_latency: self.analysis_latency.with_label_values(&[stream]),
            passes_merged: self.passes_merged.with_label_values(&[stream]),
            dropped_unread: self.tracks_dropped.with_label_values(&[stream, "unread"]),
            dropped_weak: self.tracks_dropped.with_label_values(&[stream, "weak"]),
            modes: Mode::ALL.map(|mo| self.analysis_mode.with_label_values(&[stream, mo.as_str()])),
            wakeups: Wake::ALL.map(|w| self.wakeups.with_label_values(&[stream, w.as_str()])),
        };
        m.set_mode(Mode::Active);
        m
    }
}

/// Pre-resolved metric handles for one stream's analysis.
#[derive(Clone)]
pub struct StreamAnalysisMetrics {
    /// Frames analysed.
    pub frames_analysed: IntCounter,
    /// Plate boxes found.
    pub plate_detections: IntCounter,
    /// Reader runs that failed the grammar.
    pub plate_rejections: IntCounter,
    /// Reader runs.
    pub ocr_runs: IntCounter,
    /// Reader run time.
    pub ocr_seconds: Histogram,
    /// Whole-frame detector time.
    pub full_detection: Histogram,
    /// Local-search detector time.
    pub local_detection: Histogram,
    /// Capture to detection.
    pub analysis_latency: Histogram,
    /// Split passes merged.
    pub passes_merged: IntCounter,
    /// Tracks without a valid read.
    pub dropped_unread: IntCounter,
    /// Tracks too thin for their read.
    pub dropped_weak: IntCounter,
    modes: [IntGauge; 2],
    wakeups: [IntCounter; 3],
}

impl StreamAnalysisMetrics {
    /// Sets the mode gauge: 1 for `mode`, 0 for the other.
    pub fn set_mode(&self, mode: Mode) {
        for (m, g) in Mode::ALL.iter().zip(&self.modes) {
            g.set((*m == mode) as i64);
        }
    }

    /// Counts a wake-up.
    pub fn woke(&self, reason: Wake) {
        let i = Wake::ALL.iter().position(|w| *w == reason).expect("reason is in ALL");
        self.wakeups[i].inc();
    }
}

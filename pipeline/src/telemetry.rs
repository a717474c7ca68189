//! Every pipeline metric (analysis, events, sinks), declared in one place.

use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, Opts, Registry};

/// The pipeline's metric families.
#[derive(Clone)]
pub struct PipelineMetrics {
    /// Frames analysed by the plate models, per stream.
    pub frames_analysed: IntCounterVec,
    /// Plates detected and read validly in single frames, per stream.
    pub plate_detections: IntCounterVec,
    /// Plate-shaped text that failed the grammar, per stream.
    pub plate_rejections: IntCounterVec,
    /// Plate reads (one per vehicle pass) emitted, per stream.
    pub plate_reads: IntCounterVec,
    /// Seconds per analysis batch (detection + OCR).
    pub batch_seconds: Histogram,
    /// Frames per analysis batch.
    pub batch_frames: Histogram,
    /// Events written, per sink.
    pub events_written: IntCounterVec,
    /// Failed write attempts (retried), per sink.
    pub event_write_errors: IntCounterVec,
    /// GPS fixes accepted, per source (`http`, `replay`, `kafka`).
    pub gps_fixes: IntCounterVec,
    /// GPS fixes rejected as invalid.
    pub gps_rejected: IntCounter,
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
        let gps_rejected = IntCounter::new("fleetsight_gps_fixes_rejected_total", "GPS fixes rejected as invalid.")?;
        registry.register(Box::new(gps_rejected.clone()))?;
        Ok(Self {
            frames_analysed: counter("fleetsight_frames_analysed_total", "Frames run through plate detection and OCR.", &["stream"])?,
            plate_detections: counter("fleetsight_plate_detections_total", "Valid plates found in single frames.", &["stream"])?,
            plate_rejections: counter("fleetsight_plate_rejections_total", "Plate-shaped text that failed the plate grammar.", &["stream"])?,
            plate_reads: counter("fleetsight_plate_reads_total", "Plate reads emitted, one per vehicle pass.", &["stream"])?,
            batch_seconds: hist(
                "fleetsight_analysis_batch_seconds",
                "Time to run detection and OCR on one batch of frames.",
                vec![0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4],
            )?,
            batch_frames: hist("fleetsight_analysis_batch_frames", "Frames per analysis batch.", vec![1.0, 2.0, 4.0, 8.0, 16.0])?,
            events_written: counter("fleetsight_events_written_total", "Events written to a sink.", &["sink"])?,
            event_write_errors: counter("fleetsight_event_write_errors_total", "Failed (and retried) event writes.", &["sink"])?,
            gps_fixes: counter("fleetsight_gps_fixes_total", "GPS fixes accepted.", &["source"])?,
            gps_rejected,
        })
    }
}

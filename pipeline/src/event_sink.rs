//! The hand-off of events to where they go: the embedded store on one machine, or Kafka on an
//! edge node of a scaled-out deployment. Each read's evidence images are written first, so the
//! read that is stored or published already points at them.

use std::sync::Arc;
use std::time::Duration;

use ingest::YuvPicture;
use sinks::PlateRead;
use sinks::challan::{SinkStore, ViolationStage};
use sinks::evidence::{DeviceIdentity, EvidenceStore, PackageInfo, RgbFrame, StampInfo, render};
use sinks::kafka::KafkaProducer;
use sinks::telemetry::DeliveryMetrics;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::telemetry::PipelineMetrics;

/// Events per write.
const BATCH: usize = 256;

/// A read on its way out, with the frame it was read in (shared, not copied).
pub struct ReadOut {
    /// The read.
    pub read: PlateRead,
    /// The evidence frame, when analysis kept it.
    pub frame: Option<Arc<YuvPicture>>,
}

/// Where events go.
#[derive(Clone)]
pub enum Destination {
    /// A store, in process, with the violation stage run on what is written.
    Store(Arc<dyn SinkStore>, Arc<ViolationStage>, DeliveryMetrics),
    /// Kafka (spooling to disk while the broker is away).
    Kafka(Arc<KafkaProducer>),
}

impl Destination {
    async fn write(&self, batch: Vec<PlateRead>) -> sinks::error::Result<usize> {
        match self {
            Destination::Store(s, stage, delivery) => {
                // Written, then judged: a retry after a failed judgement re-writes (a no-op)
                // and re-judges (deduplicated), so nothing is issued twice or skipped.
                let n = delivery.timed_write(s.as_ref(), batch.clone()).await?;
                let now = crate::analysis::unix_now_ms();
                delivery.landed("embedded", &batch, now);
                let out = stage.process(&batch, now).await?;
                if !out.challans.is_empty() || !out.incidents.is_empty() {
                    tracing::info!(challans = out.challans.len(), incidents = out.incidents.len(), "Violations found.");
                }
                Ok(n)
            }
            Destination::Kafka(k) => k.send(batch).await,
        }
    }
}

/// Renders a read's evidence (frame with the plate box and a stamp band, plate crop) and
/// stores it as the package `reads/<event_id>`. On failure the read goes on without it.
async fn write_evidence(store: &EvidenceStore, out: ReadOut, metrics: &PipelineMetrics) -> PlateRead {
    let ReadOut { mut read, frame } = out;
    let Some(pic) = frame else { return read };
    let stamp = StampInfo {
        location: read.location.as_ref().map(|l| (l.lat, l.lon)),
        captured_at_ms: read.evidence.captured_at_ms,
        device_id: read.device_id.clone(),
        plate: read.plate.clone(),
    };
    let bbox = read.evidence.bbox;
    let rendered = tokio::task::spawn_blocking(move || render(&RgbFrame::new(pic.width(), pic.height(), pic.to_rgb8())?, bbox, &stamp)).await;
    let images = match rendered {
        Ok(Ok(images)) => images,
        Ok(Err(e)) => return evidence_failed(read, &e.to_string(), metrics),
        Err(e) => return evidence_failed(read, &e.to_string(), metrics),
    };
    let info = PackageInfo {
        reference: read.event_id.clone(),
        provisions: vec![],
        models: read.models.clone(),
        device: DeviceIdentity { device_id: read.device_id.clone(), channel: Some(read.channel), serial: None, imei: None },
        location: read.location.as_ref().map(|l| (l.lat, l.lon)),
        captured_at_ms: read.evidence.captured_at_ms,
        source_frame_sha256: images.source_frame_sha256.clone(),
    };
    match store.put_package(&format!("reads/{}", read.event_id), images.files(), info).await {
        Ok(p) => {
            metrics.evidence_packages.with_label_values(&["written"]).inc();
            read.evidence.package = Some(p.prefix);
            read
        }
        Err(e) => evidence_failed(read, &e.to_string(), metrics),
    }
}

fn evidence_failed(read: PlateRead, error: &str, metrics: &PipelineMetrics) -> PlateRead {
    metrics.evidence_packages.with_label_values(&["failed"]).inc();
    tracing::warn!(event = %read.event_id, error, "Evidence images not written; the read goes on without them.");
    read
}

/// Writes events to `dest` in batches, retrying failed writes with backoff so that no event is
/// lost while it is briefly unavailable. Stops when `events` closes and is drained, or (giving
/// up on the batch in hand, and saying so) when `abort` fires during a retry.
pub async fn run(mut events: mpsc::Receiver<ReadOut>, dest: Destination, evidence: Option<EvidenceStore>, sink: &'static str, metrics: PipelineMetrics, abort: CancellationToken) {
    let written = metrics.events_written.with_label_values(&[sink]);
    let errors = metrics.event_write_errors.with_label_values(&[sink]);
    while let Some(first) = events.recv().await {
        let mut outs = vec![first];
        while outs.len() < BATCH {
            match events.try_recv() {
                Ok(e) => outs.push(e),
                Err(_) => break,
            }
        }
        let mut batch = Vec::with_capacity(outs.len());
        for out in outs {
            batch.push(match &evidence {
                Some(store) => write_evidence(store, out, &metrics).await,
                None => out.read,
            });
        }
        let mut delay = Duration::from_millis(100);
        loop {
            match dest.write(batch.clone()).await {
                Ok(_) => {
                    written.inc_by(batch.len() as u64);
                    let now = crate::analysis::unix_now_ms();
                    for e in &batch {
                        metrics.read_latency.with_label_values(&[&e.stream_id]).observe((now - e.last_seen_ms).max(0) as f64 / 1000.0);
                    }
                    break;
                }
                Err(e) => {
                    errors.inc();
                    tracing::warn!(error = %e, sink, events = batch.len(), retry_in = ?delay, "Event write failed; retrying.");
                    tokio::select! {
                        _ = abort.cancelled() => {
                            tracing::error!(sink, events = batch.len(), "Gave up writing events at shutdown.");
                            return;
                        }
                        _ = tokio::time::sleep(delay) => {}
                    }
                    delay = (delay * 2).min(Duration::from_secs(10));
                }
            }
        }
    }
}

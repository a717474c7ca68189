//! The hand-off of events to where they go: the embedded store on one machine, or Kafka on an
//! edge node of a scaled-out deployment.

use std::sync::Arc;
use std::time::Duration;

use sinks::PlateRead;
use sinks::challan::{SinkStore, ViolationStage};
use sinks::kafka::KafkaProducer;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::telemetry::PipelineMetrics;

/// Events per write.
const BATCH: usize = 256;

/// Where events go.
#[derive(Clone)]
pub enum Destination {
    /// A store, in process, with the violation stage run on what is written.
    Store(Arc<dyn SinkStore>, Arc<ViolationStage>),
    /// Kafka (spooling to disk while the broker is away).
    Kafka(Arc<KafkaProducer>),
}

impl Destination {
    async fn write(&self, batch: Vec<PlateRead>) -> sinks::error::Result<usize> {
        match self {
            Destination::Store(s, stage) => {
                // Written, then judged: a retry after a failed judgement re-writes (a no-op)
                // and re-judges (deduplicated), so nothing is issued twice or skipped.
                let n = s.write(batch.clone()).await?;
                let out = stage.process(&batch, crate::analysis::unix_now_ms()).await?;
                if !out.challans.is_empty() || !out.incidents.is_empty() {
                    tracing::info!(challans = out.challans.len(), incidents = out.incidents.len(), "Violations found.");
                }
                Ok(n)
            }
            Destination::Kafka(k) => k.send(batch).await,
        }
    }
}

/// Writes events to `dest` in batches, retrying failed writes with backoff so that no event is
/// lost while it is briefly unavailable. Stops when `events` closes and is drained, or (giving
/// up on the batch in hand, and saying so) when `abort` fires during a retry.
pub async fn run(mut events: mpsc::Receiver<PlateRead>, dest: Destination, sink: &'static str, metrics: PipelineMetrics, abort: CancellationToken) {
    let written = metrics.events_written.with_label_values(&[sink]);
    let errors = metrics.event_write_errors.with_label_values(&[sink]);
    while let Some(first) = events.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match events.try_recv() {
                Ok(e) => batch.push(e),
                Err(_) => break,
            }
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

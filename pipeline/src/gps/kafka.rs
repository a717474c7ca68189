//! GPS fixes from a Kafka topic (`fleetsight.gps.v1` by default): JSON `GpsFix` values, any key.

use std::sync::Arc;
use std::time::Duration;

use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::Message;
use sinks::GpsFix;
use sinks::kafka::KafkaConfig;
use tokio_util::sync::CancellationToken;

use super::buffer::GpsBuffer;
use crate::telemetry::PipelineMetrics;

/// Feeds fixes from `topic` into `buffer` until `stop` fires. Each node reads the whole topic (a
/// consumer group of its own), from the earliest retained fix, so a restarted node regains the
/// recent tracks; the buffer keeps only the newest fixes per device. Invalid fixes are counted and
/// skipped.
pub async fn consume(kafka: KafkaConfig, topic: String, buffer: Arc<GpsBuffer>, metrics: PipelineMetrics, stop: CancellationToken) {
    let consumer: StreamConsumer = match kafka
        .client()
        .set("group.id", format!("fleetsight-gps-{}", std::process::id()))
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .create()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "Cannot create the GPS consumer.");
            return;
        }
    };
    if let Err(e) = consumer.subscribe(&[&topic]) {
        tracing::error!(error = %e, topic, "Cannot subscribe to the GPS topic.");
        return;
    }
    let accepted = metrics.gps_fixes.with_label_values(&["kafka"]);
    loop {
        let m = tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            m = consumer.recv() => m,
        };
        match m {
            Ok(m) => match m.payload().map(serde_json::from_slice::<GpsFix>) {
                Some(Ok(fix)) if fix.validate().is_ok() => match buffer.insert(fix) {
                    Ok(()) => accepted.inc(),
                    Err(r) => metrics.gps_refused.with_label_values(&["kafka", r.reason()]).inc(),
                },
                _ => metrics.gps_rejected.inc(),
            },
            Err(e) => {
                tracing::warn!(error = %e, "GPS topic receive failed; retrying.");
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        }
    }
}

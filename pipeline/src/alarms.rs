//! MDVR alarms from a Kafka topic (`fleetsight.alarms.v1` by default; the same JSON as
//! `POST /v1/alarms`), each written as an incident located from the device's GPS track when it
//! carries no position. One consumer group for every sink instance: each alarm is handled
//! once, and offsets are committed only after the write (at least once; ids are deterministic).

use std::sync::Arc;
use std::time::Duration;

use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::Message;
use sinks::incident::IncidentStore;
use sinks::kafka::KafkaConfig;
use tokio_util::sync::CancellationToken;

use crate::api::alarms::{Alarm, to_incident};
use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;

/// The default alarm topic.
pub const TOPIC_ALARMS: &str = "fleetsight.alarms.v1";

/// How long an alarm without a position waits for its device's GPS fixes (which come on their
/// own topic and may lag the alarm).
const LOCATE_WAIT: Duration = Duration::from_secs(30);

async fn locate(alarm: Alarm, gps: &GpsBuffer, stop: &CancellationToken) -> Result<sinks::incident::Incident, String> {
    let deadline = tokio::time::Instant::now() + LOCATE_WAIT;
    loop {
        match to_incident(alarm.clone(), gps) {
            Ok((i, _)) => return Ok(i),
            Err(e) if e.status() == axum::http::StatusCode::UNPROCESSABLE_ENTITY && tokio::time::Instant::now() < deadline => {
                tokio::select! {
                    _ = stop.cancelled() => return Err("stopped".into()),
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
            }
            Err(e) => return Err(format!("{e:?}")),
        }
    }
}

/// Consumes alarms into `store` until `stop` fires. An alarm that does not parse or cannot be
/// located is counted (`fleetsight_alarms_total{result="rejected"}`) and skipped.
pub async fn consume(kafka: KafkaConfig, topic: String, gps: Arc<GpsBuffer>, store: Arc<dyn IncidentStore>, metrics: PipelineMetrics, stop: CancellationToken) {
    let consumer: StreamConsumer = match kafka
        .client()
        .set("group.id", format!("{}-alarms", kafka.group_id))
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .create()
    {
        Ok(c) => c,
        Err(e) => return tracing::error!(error = %e, "Cannot create the alarm consumer."),
    };
    if let Err(e) = consumer.subscribe(&[&topic]) {
        return tracing::error!(error = %e, topic, "Cannot subscribe to the alarm topic.");
    }
    loop {
        let m = tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            m = consumer.recv() => m,
        };
        let m = match m {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "Alarm topic receive failed; retrying.");
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
                continue;
            }
        };
        let parsed = m.payload().map(serde_json::from_slice::<Alarm>);
        let incident = match parsed {
            Some(Ok(alarm)) => locate(alarm, &gps, &stop).await,
            Some(Err(e)) => Err(e.to_string()),
            None => Err("empty payload".into()),
        };
        match incident {
            Ok(i) => {
                // Retried until written or stopped: an alarm is not dropped for a store outage.
                while let Err(e) = store.write_incidents(vec![i.clone()]).await {
                    tracing::warn!(error = %e, "Alarm incident write failed; retrying.");
                    tokio::select! {
                        _ = stop.cancelled() => return,
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
                metrics.alarms.with_label_values(&["kafka", "recorded"]).inc();
            }
            Err(why) => {
                metrics.alarms.with_label_values(&["kafka", "rejected"]).inc();
                tracing::warn!(error = why, partition = m.partition(), offset = m.offset(), "Alarm skipped.");
            }
        }
        if let Err(e) = consumer.commit_message(&m, CommitMode::Async) {
            tracing::warn!(error = %e, "Alarm offset commit failed; the alarm may be handled again.");
        }
    }
}

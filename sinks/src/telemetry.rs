//! Every sinks metric, declared in one place.

use prometheus::{IntCounter, IntCounterVec, IntGauge, Opts, Registry};

/// Kafka producer and consumer metrics.
#[derive(Clone)]
pub struct KafkaMetrics {
    /// Events the broker acknowledged (delivery reports).
    pub delivered: IntCounter,
    /// Events whose delivery failed (they went to the spool).
    pub delivery_failed: IntCounter,
    /// Events written to the spool.
    pub spooled: IntCounter,
    /// Segments waiting in the spool.
    pub spool_segments: IntGauge,
    /// Events consumed and written to the store.
    pub consumed: IntCounter,
    /// Messages that did not parse and went to the dead-letter topic.
    pub dead_lettered: IntCounter,
}

impl KafkaMetrics {
    /// Creates the metrics and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let c = |name: &str, help: &str| -> prometheus::Result<IntCounter> {
            let c = IntCounter::with_opts(Opts::new(name, help))?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let spool_segments = IntGauge::new("fleetsight_kafka_spool_segments", "Spool segments waiting for the broker.")?;
        registry.register(Box::new(spool_segments.clone()))?;
        Ok(Self {
            delivered: c("fleetsight_kafka_delivered_total", "Events acknowledged by the broker.")?,
            delivery_failed: c("fleetsight_kafka_delivery_failed_total", "Events whose delivery failed; they are spooled and retried.")?,
            spooled: c("fleetsight_kafka_spooled_total", "Events written to the on-disk spool.")?,
            spool_segments,
            consumed: c("fleetsight_kafka_consumed_total", "Events consumed and written to the store.")?,
            dead_lettered: c("fleetsight_kafka_dead_lettered_total", "Unparseable messages sent to the dead-letter topic.")?,
        })
    }
}

/// Notice metrics (SMS and WhatsApp), labelled by `channel`.
#[derive(Clone)]
pub struct NotifyMetrics {
    /// Notices the provider accepted.
    pub sent: IntCounterVec,
    /// Notices given up (refused, or out of attempts).
    pub failed: IntCounterVec,
    /// Attempts that failed and were scheduled again.
    pub retried: IntCounterVec,
    /// Notices waiting in the outbox (pending or being sent).
    pub outbox_depth: IntGauge,
}

impl NotifyMetrics {
    /// Creates the metrics and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let c = |name: &str, help: &str| -> prometheus::Result<IntCounterVec> {
            let c = IntCounterVec::new(Opts::new(name, help), &["channel"])?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let outbox_depth = IntGauge::new("fleetsight_notice_outbox_depth", "Notices waiting in the outbox.")?;
        registry.register(Box::new(outbox_depth.clone()))?;
        Ok(Self {
            sent: c("fleetsight_notices_sent_total", "Notices the provider accepted.")?,
            failed: c("fleetsight_notices_failed_total", "Notices given up: refused by the provider or out of attempts.")?,
            retried: c("fleetsight_notices_retried_total", "Notice attempts that failed and were scheduled again.")?,
            outbox_depth,
        })
    }
}

/// Violation-stage metrics: what the rules found and what became of it.
#[derive(Clone)]
pub struct ChallanMetrics {
    /// Challans made, by offence and initial state (`issued`, `pending_review`).
    pub created: IntCounterVec,
    /// Incidents written, by kind (`violation`, `hotlist`, `alarm`).
    pub incidents: IntCounterVec,
    /// Findings on reads without a location: no incident can be placed.
    pub unlocated: IntCounter,
    /// Evidence packages written for challans, by result (`written`, `failed`, `no_images`).
    pub evidence: IntCounterVec,
    /// Issued challans whose notice is past its deadline (refreshed periodically).
    pub overdue_notices: IntGauge,
}

impl ChallanMetrics {
    /// Creates the metrics and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let vec = |name: &str, help: &str, labels: &[&str]| -> prometheus::Result<IntCounterVec> {
            let c = IntCounterVec::new(Opts::new(name, help), labels)?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let unlocated = IntCounter::new("fleetsight_findings_unlocated_total", "Hotlist hits or violations on reads without a location.")?;
        registry.register(Box::new(unlocated.clone()))?;
        let overdue_notices = IntGauge::new("fleetsight_challan_notices_overdue", "Issued challans whose notice is past its deadline.")?;
        registry.register(Box::new(overdue_notices.clone()))?;
        Ok(Self {
            created: vec("fleetsight_challans_created_total", "Challans made, by offence and initial state.", &["offence", "state"])?,
            incidents: vec("fleetsight_incidents_total", "Incidents written, by kind.", &["kind"])?,
            unlocated,
            evidence: vec("fleetsight_challan_evidence_total", "Challan evidence packages, by result.", &["result"])?,
            overdue_notices,
        })
    }

    /// Unregistered metrics, for tools and tests that do not export them.
    pub fn detached() -> Self {
        Self::register(&Registry::new()).expect("fresh registry")
    }
}

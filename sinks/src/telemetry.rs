//! Every sinks metric, declared in one place.

use prometheus::{HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry};

use crate::event::PlateRead;

/// Seconds, from tens of milliseconds (a local store) to minutes (a spool drained after an outage).
const DELIVERY_BUCKETS: [f64; 14] = [0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0, 60.0, 300.0];
/// Seconds per store batch write.
const STORE_BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

/// How long events take to land, and how the event store's writes go. Registered once per process;
/// the Kafka producer and consumer carry it in [`KafkaMetrics::delivery`].
#[derive(Clone)]
pub struct DeliveryMetrics {
    /// Evidence frame capture to the event stored or acknowledged, by `sink` (`embedded`: the
    /// edge's own store; `kafka`: the broker's acknowledgement, spooled events included;
    /// `consumer`: `fleetsight sink`'s store).
    pub frame_to_event: HistogramVec,
    /// One batch write to the event store, by `store` (`embedded`, `scylla`).
    pub store_write: HistogramVec,
    /// Failed batch writes to the event store, by `store` (each is retried).
    pub store_write_errors: IntCounterVec,
}

impl DeliveryMetrics {
    /// Creates the metrics and registers them in `registry`.
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let frame_to_event = HistogramVec::new(
            HistogramOpts::new("fleetsight_frame_to_event_seconds", "Evidence frame capture to the event stored or acknowledged by Kafka.").buckets(DELIVERY_BUCKETS.to_vec()),
            &["sink"],
        )?;
        registry.register(Box::new(frame_to_event.clone()))?;
        let store_write = HistogramVec::new(HistogramOpts::new("fleetsight_store_write_seconds", "One batch write to the event store.").buckets(STORE_BUCKETS.to_vec()), &["store"])?;
        registry.register(Box::new(store_write.clone()))?;
        let store_write_errors = IntCounterVec::new(Opts::new("fleetsight_store_write_errors_total", "Failed batch writes to the event store (retried)."), &["store"])?;
        registry.register(Box::new(store_write_errors.clone()))?;
        Ok(Self { frame_to_event, store_write, store_write_errors })
    }

    /// Records each event's evidence-frame-to-now latency under `sink`.
    pub fn landed(&self, sink: &str, events: &[PlateRead], now_ms: i64) {
        let h = self.frame_to_event.with_label_values(&[sink]);
        for e in events {
            h.observe((now_ms - e.evidence.captured_at_ms).max(0) as f64 / 1000.0);
        }
    }

    /// Creates `store`'s series at zero, so an alert's rate() sees its first failure.
    pub fn prime(&self, store: &str) {
        self.store_write.with_label_values(&[store]);
        self.store_write_errors.with_label_values(&[store]);
    }

    /// Writes `reads` to `store`, timing the write and counting a failure.
    pub async fn timed_write(&self, store: &dyn crate::store::Store, reads: Vec<PlateRead>) -> crate::error::Result<usize> {
        let started = std::time::Instant::now();
        let r = store.write(reads).await;
        match &r {
            Ok(_) => self.store_write.with_label_values(&[store.kind()]).observe(started.elapsed().as_secs_f64()),
            Err(_) => self.store_write_errors.with_label_values(&[store.kind()]).inc(),
        }
        r
    }
}

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
    /// Bytes in the spool.
    pub spool_bytes: IntGauge,
    /// The spool's bound (`kafka.spool_max_bytes`).
    pub spool_max_bytes: IntGauge,
    /// Messages the sink's consumer group is behind the log end, by topic (librdkafka statistics).
    pub consumer_lag: IntGaugeVec,
    /// Delivery latency and event-store writes.
    pub delivery: DeliveryMetrics,
    /// Events consumed and written to the store.
    pub consumed: IntCounter,
    /// Messages that did not parse or validate, or whose read the store refused for good, sent
    /// to the dead-letter topic.
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
        let gauge = |name: &str, help: &str| -> prometheus::Result<IntGauge> {
            let g = IntGauge::new(name, help)?;
            registry.register(Box::new(g.clone()))?;
            Ok(g)
        };
        let consumer_lag = IntGaugeVec::new(Opts::new("fleetsight_kafka_consumer_lag", "Messages the sink consumer group is behind, by topic."), &["topic"])?;
        registry.register(Box::new(consumer_lag.clone()))?;
        Ok(Self {
            delivered: c("fleetsight_kafka_delivered_total", "Events acknowledged by the broker.")?,
            delivery_failed: c("fleetsight_kafka_delivery_failed_total", "Events whose delivery failed; they are spooled and retried.")?,
            spooled: c("fleetsight_kafka_spooled_total", "Events written to the on-disk spool.")?,
            spool_segments: gauge("fleetsight_kafka_spool_segments", "Spool segments waiting for the broker.")?,
            spool_bytes: gauge("fleetsight_kafka_spool_bytes", "Bytes in the spool.")?,
            spool_max_bytes: gauge("fleetsight_kafka_spool_max_bytes", "The spool's size bound.")?,
            consumer_lag,
            delivery: DeliveryMetrics::register(registry)?,
            consumed: c("fleetsight_kafka_consumed_total", "Events consumed and written to the store.")?,
            dead_lettered: c("fleetsight_kafka_dead_lettered_total", "Messages sent to the dead-letter topic: unparseable, invalid, or refused by the store for good.")?,
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
    /// Challans in the store by state (refreshed periodically).
    pub by_state: IntGaugeVec,
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
        let by_state = IntGaugeVec::new(Opts::new("fleetsight_challans", "Challans in the store, by state."), &["state"])?;
        registry.register(Box::new(by_state.clone()))?;
        Ok(Self {
            created: vec("fleetsight_challans_created_total", "Challans made, by offence and initial state.", &["offence", "state"])?,
            incidents: vec("fleetsight_incidents_total", "Incidents written, by kind.", &["kind"])?,
            unlocated,
            evidence: vec("fleetsight_challan_evidence_total", "Challan evidence packages, by result.", &["result"])?,
            overdue_notices,
            by_state,
        })
    }

    /// Unregistered metrics, for tools and tests that do not export them.
    pub fn detached() -> Self {
        Self::register(&Registry::new()).expect("fresh registry")
    }
}

use std::sync::Arc;
use std::time::Duration;

use futures::future::join_all;
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use tokio::sync::Mutex;

use super::config::KafkaConfig;
use super::spool::Spool;
use crate::error::{Error, ErrorKind, Result};
use crate::event::PlateRead;
use crate::telemetry::KafkaMetrics;

/// Publishes plate reads: idempotent, `acks=all`, compressed, keyed by device id. Events the
/// broker does not acknowledge within the delivery timeout go to a durable spool on disk and are
/// re-sent, oldest first, before new events whenever the broker is reachable again. Redelivery
/// can duplicate a message on the topic; consumers are idempotent on `event_id`.
pub struct KafkaProducer {
    /// Replaced when librdkafka reports a fatal error (an idempotent producer whose broker lost
    /// its producer state cannot continue; a fresh instance can).
    producer: std::sync::RwLock<FutureProducer>,
    config: KafkaConfig,
    /// When the producer was last recreated.
    recreated: std::sync::Mutex<std::time::Instant>,
    topic: String,
    /// The spool, touched only on blocking threads (its fsync and directory listing would stall
    /// the runtime); the async lock orders those threads (one drain or append at a time, each
    /// in the order the callers came) and is held across a drain's deliveries.
    spool: Mutex<Arc<std::sync::Mutex<Spool>>>,
    metrics: KafkaMetrics,
}

impl KafkaProducer {
    /// Builds the producer (no network I/O yet) and opens the spool.
    pub fn new(config: &KafkaConfig, metrics: KafkaMetrics) -> Result<Arc<Self>> {
        config.validate().map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("kafka.{e}")))?;
        let producer = Self::create(config)?;
        let spool = Spool::open(&config.spool_dir, config.spool_max_bytes)?;
        metrics.spool_max_bytes.set(config.spool_max_bytes as i64);
        Self::gauge_spool(&metrics, &spool);
        Ok(Arc::new(Self {
            producer: std::sync::RwLock::new(producer),
            config: config.clone(),
            recreated: std::sync::Mutex::new(std::time::Instant::now()),
            topic: config.topic.clone(),
            spool: Mutex::new(Arc::new(std::sync::Mutex::new(spool))),
            metrics,
        }))
    }

    fn create(config: &KafkaConfig) -> Result<FutureProducer> {
        config
            .client()
            .set("enable.idempotence", "true")
            .set("acks", "all")
            .set("compression.type", &config.compression)
            .set("linger.ms", "5")
            .set("message.timeout.ms", ((config.delivery_timeout_secs * 1000.0) as u64).to_string())
            .create()
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("kafka producer: {e}")))
    }

    fn gauge_spool(metrics: &KafkaMetrics, spool: &Spool) {
        metrics.spool_segments.set(spool.pending_segments() as i64);
        metrics.spool_bytes.set(spool.bytes() as i64);
    }

    /// Runs `f` on the spool on a blocking thread, then updates the spool gauges. The caller
    /// holds the async lock, so calls never overlap.
    async fn on_spool<T: Send + 'static>(&self, spool: &Arc<std::sync::Mutex<Spool>>, f: impl FnOnce(&mut Spool) -> Result<T> + Send + 'static) -> Result<T> {
        let (spool, metrics) = (spool.clone(), self.metrics.clone());
        tokio::task::spawn_blocking(move || {
            let mut spool = spool.lock().unwrap_or_else(|p| p.into_inner());
            let r = f(&mut spool);
            Self::gauge_spool(&metrics, &spool);
            r
        })
        .await
        .map_err(|e| Error::new(ErrorKind::Internal, format!("spool task: {e}")))?
    }

    fn current(&self) -> FutureProducer {
        self.producer.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces the producer if librdkafka declared it dead, or if a whole batch failed: an
    /// idempotent producer whose broker lost its producer-id state (a broker restarted on fresh
    /// storage; measured with Tansu) times out forever without a fatal error. At most every
    /// `RECREATE_EVERY`, so an outage does not churn producers.
    fn recover(&self, all_failed: bool) {
        const RECREATE_EVERY: Duration = Duration::from_secs(10);
        let fatal = self.current().client().fatal_error();
        let mut last = self.recreated.lock().unwrap_or_else(|p| p.into_inner());
        if fatal.is_none() && !(all_failed && last.elapsed() >= RECREATE_EVERY) {
            return;
        }
        tracing::warn!(fatal = ?fatal, "Kafka producer is not delivering; recreating it.");
        match Self::create(&self.config) {
            Ok(p) => {
                *self.producer.write().unwrap_or_else(|p| p.into_inner()) = p;
                *last = std::time::Instant::now();
            }
            Err(e) => tracing::error!(error = %e, "Cannot recreate the Kafka producer."),
        }
    }

    /// Sends `events`; returns the ones the broker did not acknowledge.
    async fn deliver(&self, events: Vec<PlateRead>) -> Vec<PlateRead> {
        let producer = self.current();
        let sends = events.iter().map(|e| {
            let producer = &producer;
            let payload = serde_json::to_vec(e).unwrap_or_default();
            let key = e.device_id.clone();
            let topic = self.topic.clone();
            async move {
                let record = FutureRecord::to(&topic).key(&key).payload(&payload);
                // The producer queue is bounded by librdkafka; `send` waits (up to the message
                // timeout) for room instead of failing: backpressure, not an unbounded buffer.
                producer.send(record, rdkafka::util::Timeout::Never).await.is_ok()
            }
        });
        let results = join_all(sends).await;
        if results.iter().any(|ok| !ok) {
            self.recover(results.iter().all(|ok| !ok));
        }
        let (acked, failed): (Vec<_>, Vec<_>) = events.into_iter().zip(results).partition(|(_, ok)| *ok);
        let acked: Vec<PlateRead> = acked.into_iter().map(|(e, _)| e).collect();
        self.metrics.delivered.inc_by(acked.len() as u64);
        self.metrics.delivery_failed.inc_by(failed.len() as u64);
        self.metrics.delivery.landed("kafka", &acked, crate::event::unix_now_ms());
        failed.into_iter().map(|(e, _)| e).collect()
    }

    /// Re-sends spooled segments, oldest first, until the spool is empty or a delivery fails.
    /// Returns whether the spool is now empty.
    pub async fn drain_spool(&self) -> Result<bool> {
        let spool = self.spool.lock().await;
        while let Some((seq, events, bad)) = self.on_spool(&spool, |s| s.oldest()).await? {
            if bad > 0 {
                tracing::error!(segment = seq, lines = bad, "Spool segment has unreadable lines; they are lost.");
            }
            let failed = self.deliver(events).await;
            if !failed.is_empty() {
                // Keep the segment: it is re-sent whole later (duplicates are harmless downstream).
                return Ok(false);
            }
            self.on_spool(&spool, move |s| s.remove(seq)).await?;
        }
        Ok(true)
    }

    /// Publishes a batch. Spooled events go first (per-device order is kept as far as the spool
    /// allows); what the broker does not take is spooled. Errors only when the spool is full or
    /// the disk fails: then nothing of `events` is lost, the caller keeps and retries them.
    pub async fn send(&self, events: Vec<PlateRead>) -> Result<usize> {
        let n = events.len();
        let failed = if self.drain_spool().await? { self.deliver(events).await } else { events };
        if !failed.is_empty() {
            let spool = self.spool.lock().await;
            let n_failed = failed.len();
            self.on_spool(&spool, move |s| s.append(&failed)).await?;
            self.metrics.spooled.inc_by(n_failed as u64);
            tracing::warn!(events = n_failed, "Broker did not acknowledge events; spooled to disk.");
        }
        Ok(n)
    }

    /// Keeps draining the spool every `every` until `stop` fires, so a spool empties when the
    /// broker returns even if no new events arrive.
    pub async fn drain_periodically(self: Arc<Self>, every: Duration, stop: tokio_util::sync::CancellationToken) {
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(every) => {}
            }
            if let Err(e) = self.drain_spool().await {
                tracing::warn!(error = %e, "Spool drain failed.");
            }
        }
    }
}

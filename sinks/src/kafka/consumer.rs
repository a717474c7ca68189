use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;

use prometheus::IntGaugeVec;
use rdkafka::ClientContext;
use rdkafka::consumer::{CommitMode, Consumer, ConsumerContext, StreamConsumer};
use rdkafka::statistics::Statistics;
use rdkafka::message::{Header, Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

use super::config::KafkaConfig;
use crate::challan::{SinkStore, StageOutcome, TOPIC_CHALLANS, ViolationStage};
use crate::error::{Error, ErrorKind, Result};
use crate::event::PlateRead;
use crate::incident::TOPIC_INCIDENTS;
use crate::retry::{self, Backoff};
use crate::telemetry::KafkaMetrics;

/// Messages per store write.
const BATCH: usize = 500;
/// How long a batch waits to fill.
const BATCH_WAIT: Duration = Duration::from_millis(200);

/// How often librdkafka reports statistics (the consumer lag gauge's refresh).
const STATS_INTERVAL_MS: &str = "5000";

/// Turns librdkafka's statistics into `fleetsight_kafka_consumer_lag`.
struct LagContext {
    lag: IntGaugeVec,
}

impl ClientContext for LagContext {
    fn stats(&self, stats: Statistics) {
        for (topic, t) in &stats.topics {
            // Partition -1 is librdkafka's internal "unassigned" one; -1 lag means not known yet.
            let lag: i64 = t.partitions.iter().filter(|(p, _)| **p >= 0).map(|(_, p)| p.consumer_lag.max(0)).sum();
            self.lag.with_label_values(&[topic]).set(lag);
        }
    }
}

impl ConsumerContext for LagContext {}

/// `fleetsight sink`: consumes plate reads in a consumer group and writes them to a store.
/// Offsets are committed only after the write (at-least-once); the store's idempotence on
/// `event_id` turns redelivery into no-ops. A message that does not parse or validate, or whose
/// read the store refuses for good (not `Unavailable` or `ResourceExhausted`, which are retried),
/// goes to the dead-letter topic with the reason in a header, and consumption carries on.
pub struct SinkConsumer {
    /// Shared with the blocking thread that commits offsets.
    consumer: Arc<StreamConsumer<LagContext>>,
    dlq: FutureProducer,
    dlq_topic: String,
    store: Arc<dyn SinkStore>,
    stage: Arc<ViolationStage>,
    metrics: KafkaMetrics,
}

impl SinkConsumer {
    /// Joins the consumer group and subscribes (the group join completes on the first poll).
    pub fn new(config: &KafkaConfig, store: Arc<dyn SinkStore>, stage: Arc<ViolationStage>, metrics: KafkaMetrics) -> Result<Self> {
        config.validate().map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("kafka.{e}")))?;
        let bad = |e: rdkafka::error::KafkaError| Error::new(ErrorKind::InvalidArgument, format!("kafka consumer: {e}"));
        let mut client = config.client();
        if let Some(id) = &config.instance_id {
            client.set("group.instance.id", id);
        }
        let consumer: StreamConsumer<LagContext> = client
            .set("group.id", &config.group_id)
            .set("enable.auto.commit", "false")
            .set("auto.offset.reset", "earliest")
            .set("statistics.interval.ms", STATS_INTERVAL_MS)
            .create_with_context(LagContext { lag: metrics.consumer_lag.clone() })
            .map_err(bad)?;
        consumer.subscribe(&[&config.topic]).map_err(bad)?;
        let dlq: FutureProducer = config.client().set("acks", "all").set("enable.idempotence", "true").create().map_err(bad)?;
        Ok(Self { consumer: Arc::new(consumer), dlq, dlq_topic: config.dead_letter_topic.clone(), store, stage, metrics })
    }

    /// Runs until `stop` fires. A batch is committed only once each of its messages is stored
    /// or dead-lettered; a stop before that leaves it uncommitted, so the next consumer of the
    /// partition gets it again. Every failure is retried or dead-lettered, so today it always
    /// returns `Ok`.
    pub async fn run(&self, stop: CancellationToken) -> Result<()> {
        loop {
            let Some(messages) = self.next_batch(&stop).await else { return Ok(()) };
            if self.handle(&messages, &stop).await.is_break() {
                tracing::info!(messages = messages.len(), "Stopped with a batch in hand; it is not committed and will be redelivered.");
                return Ok(());
            }
            self.commit(messages).await;
        }
    }

    /// Waits for a message, then gathers up to `BATCH` of them for `BATCH_WAIT`. `None` on stop.
    async fn next_batch(&self, stop: &CancellationToken) -> Option<Vec<OwnedMessage>> {
        let first = loop {
            let m = tokio::select! {
                biased;
                _ = stop.cancelled() => return None,
                m = self.consumer.recv() => m,
            };
            match m {
                Ok(m) => break m.detach(),
                Err(e) => {
                    // Brokers come and go (restarts, network); librdkafka reconnects by itself.
                    // Nothing was consumed, so nothing is lost by waiting.
                    tracing::warn!(error = %e, "Kafka receive failed; retrying.");
                    tokio::select! {
                        _ = stop.cancelled() => return None,
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
            }
        };
        let mut messages = vec![first];
        let until = tokio::time::Instant::now() + BATCH_WAIT;
        while messages.len() < BATCH {
            tokio::select! {
                m = self.consumer.recv() => match m {
                    Ok(m) => messages.push(m.detach()),
                    Err(e) => { tracing::warn!(error = %e, "Kafka receive error."); break }
                },
                _ = tokio::time::sleep_until(until) => break,
            }
        }
        Some(messages)
    }

    /// Stores the batch's reads and dead-letters what cannot be stored: messages that do not
    /// parse or validate, and reads the store or the violation stage refuses for good (found by
    /// writing the reads one by one). Breaks when `stop` fires first.
    async fn handle(&self, messages: &[OwnedMessage], stop: &CancellationToken) -> ControlFlow<()> {
        let mut reads = Vec::with_capacity(messages.len());
        let mut sources = Vec::with_capacity(messages.len());
        for m in messages {
            match parse(m) {
                Ok(r) => {
                    reads.push(r);
                    sources.push(m);
                }
                Err(why) => self.dead_letter(m, &why, stop).await?,
            }
        }
        let Some(refused) = retry::write_isolating("Store write", &reads, stop, |batch| async move { self.write_and_judge(&batch).await }).await else {
            return ControlFlow::Break(());
        };
        for (i, e) in &refused {
            self.dead_letter(sources[*i], &format!("refused ({:?}): {e}", e.kind()), stop).await?;
        }
        self.metrics.consumed.inc_by((reads.len() - refused.len()) as u64);
        ControlFlow::Continue(())
    }

    /// Writes the reads, runs the violation stage on them, and publishes what it produced.
    /// Every step is idempotent (deterministic ids, dedup keys), so a retry, or a redelivery
    /// after a crash before the commit, repeats nothing downstream consumers cannot dedupe.
    async fn write_and_judge(&self, reads: &[PlateRead]) -> Result<()> {
        let delivery = &self.metrics.delivery;
        delivery.timed_write(self.store.as_ref(), reads.to_vec()).await?;
        let now = crate::event::unix_now_ms();
        delivery.landed("consumer", reads, now);
        let out = self.stage.process(reads, now).await?;
        self.publish(&out).await
    }

    /// New challans and every incident go to their topics (at least once; keyed by id).
    async fn publish(&self, out: &StageOutcome) -> Result<()> {
        let json = |r: serde_json::Result<String>| r.map_err(|e| Error::new(ErrorKind::Internal, e.to_string()));
        let mut records: Vec<(&str, String, String)> = Vec::new();
        for i in &out.incidents {
            records.push((TOPIC_INCIDENTS, i.incident_id.clone(), json(serde_json::to_string(i))?));
        }
        for c in &out.challans {
            records.push((TOPIC_CHALLANS, c.challan_no.clone(), json(serde_json::to_string(c))?));
        }
        for (topic, key, payload) in &records {
            self.dlq
                .send(FutureRecord::to(topic).key(key).payload(payload), Duration::from_secs(30))
                .await
                .map_err(|(e, _)| Error::new(ErrorKind::Unavailable, format!("publishing to {topic}: {e}")))?;
        }
        Ok(())
    }

    /// Sends `m` to the dead-letter topic with `why` in the `fleetsight.error` header, retrying
    /// until the broker takes it. Breaks when `stop` fires first: the message was not
    /// dead-lettered, so its batch must not be committed.
    async fn dead_letter(&self, m: &OwnedMessage, why: &str, stop: &CancellationToken) -> ControlFlow<()> {
        let source = format!("{}/{}/{}", m.topic(), m.partition(), m.offset());
        let mut backoff = Backoff::new(Duration::from_millis(100), Duration::from_secs(10));
        loop {
            let headers = OwnedHeaders::new()
                .insert(Header { key: "fleetsight.error", value: Some(why) })
                .insert(Header { key: "fleetsight.source", value: Some(&source) });
            let mut record = FutureRecord::to(&self.dlq_topic).payload(m.payload().unwrap_or_default()).headers(headers);
            if let Some(k) = m.key() {
                record = record.key(k);
            }
            let sent = tokio::select! {
                _ = stop.cancelled() => return ControlFlow::Break(()),
                r = self.dlq.send(record, rdkafka::util::Timeout::Never) => r,
            };
            let Err((e, _)) = sent else { break };
            let delay = backoff.next_delay();
            tracing::warn!(error = %e, retry_in = ?delay, topic = %self.dlq_topic, "Dead-letter send failed; retrying.");
            tokio::select! {
                _ = stop.cancelled() => return ControlFlow::Break(()),
                _ = tokio::time::sleep(delay) => {}
            }
        }
        self.metrics.dead_lettered.inc();
        tracing::warn!(error = why, topic = m.topic(), partition = m.partition(), offset = m.offset(), "Message dead-lettered.");
        ControlFlow::Continue(())
    }

    /// Commits the offsets after `messages`, on a blocking thread: a synchronous commit waits
    /// for the broker, which must not stall the runtime. Still before the next batch is read, so
    /// a commit never runs ahead of the writes it covers.
    async fn commit(&self, messages: Vec<OwnedMessage>) {
        let consumer = self.consumer.clone();
        let done = tokio::task::spawn_blocking(move || {
            let tpl = next_offsets(&messages)?;
            consumer.commit(&tpl, CommitMode::Sync).map_err(|e| Error::new(ErrorKind::Unavailable, format!("commit: {e}")))
        })
        .await
        .map_err(|e| Error::new(ErrorKind::Internal, format!("commit task: {e}")));
        if let Err(e) = done.and_then(|r| r) {
            // Written but not committed: these messages will be redelivered and the store's
            // idempotence makes that harmless.
            tracing::warn!(error = %e, "Offset commit failed; messages may be redelivered.");
        }
    }
}

/// The payload as a valid read, or why not.
fn parse(m: &OwnedMessage) -> std::result::Result<PlateRead, String> {
    PlateRead::from_wire(m.payload().ok_or_else(|| "empty payload".to_string())?)
}

/// Per partition, the offset after the last of `messages`.
fn next_offsets(messages: &[OwnedMessage]) -> Result<TopicPartitionList> {
    let mut tpl = TopicPartitionList::new();
    let mut next: std::collections::BTreeMap<(&str, i32), i64> = std::collections::BTreeMap::new();
    for m in messages {
        let e = next.entry((m.topic(), m.partition())).or_insert(0);
        *e = (*e).max(m.offset() + 1);
    }
    for ((topic, partition), offset) in next {
        tpl.add_partition_offset(topic, partition, Offset::Offset(offset)).map_err(|e| Error::new(ErrorKind::Internal, format!("offset list: {e}")))?;
    }
    Ok(tpl)
}

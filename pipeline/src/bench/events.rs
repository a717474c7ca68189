//! `fleetsight bench events`: plate-read events per second into the embedded store, through the
//! Kafka producer to a broker, and through the sink from the broker into the store.

use std::time::Instant;

use anyhow::bail;

/// A synthetic plate read, distinct per `i`, spread over 200 devices.
fn synthetic_read(i: u64) -> sinks::PlateRead {
    let at = 1_732_190_400_000 + i as i64 * 40;
    let device = format!("bus-{}", i % 200);
    let id = sinks::event::event_id(&[&device, "bench", &i.to_string()]);
    sinks::PlateRead::example(&id, &format!("MH{:02}AB{:04}", 1 + i % 99, i % 10_000), &device, at)
}

/// Figures of `fleetsight bench events`: events per second.
#[derive(Debug, Clone)]
pub struct EventFigures {
    /// What was measured.
    pub what: String,
    /// Events.
    pub events: u64,
    /// Events per second (wall).
    pub per_sec: f64,
}

/// Measures the embedded store's write rate and, with `brokers`, the producer's rate to the
/// broker and the sink's rate from the broker into the embedded store.
pub async fn events(count: u64, brokers: Option<String>) -> anyhow::Result<Vec<EventFigures>> {
    use std::sync::Arc;
    let dir = std::env::temp_dir().join(format!("fleetsight-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut rows = Vec::new();
    let reads: Vec<_> = (0..count).map(synthetic_read).collect();

    let store = sinks::store::EmbeddedStore::open(&dir.join("store.db"))?;
    let t = Instant::now();
    for chunk in reads.chunks(256) {
        sinks::Store::write(&store, chunk.to_vec()).await?;
    }
    rows.push(EventFigures { what: "embedded store writes (batches of 256)".into(), events: count, per_sec: count as f64 / t.elapsed().as_secs_f64() });

    if let Some(brokers) = brokers {
        let text = format!("brokers = \"{brokers}\"\ntopic = \"fleetsight.bench.{}\"\nspool_dir = \"{}\"\n", std::process::id(), dir.join("spool").display());
        let cfg: sinks::kafka::KafkaConfig = toml::from_str(&text)?;
        let registry = prometheus::Registry::new();
        let km = sinks::telemetry::KafkaMetrics::register(&registry)?;
        let producer = sinks::kafka::KafkaProducer::new(&cfg, km.clone())?;
        let t = Instant::now();
        for chunk in reads.chunks(5000) {
            producer.send(chunk.to_vec()).await?;
        }
        let secs = t.elapsed().as_secs_f64();
        if km.delivered.get() != count {
            bail!("only {} of {count} events were acknowledged", km.delivered.get());
        }
        rows.push(EventFigures { what: "produced to the broker (acks=all, idempotent, lz4)".into(), events: count, per_sec: count as f64 / secs });

        let sink_store: Arc<dyn sinks::challan::SinkStore> = Arc::new(sinks::store::EmbeddedStore::open(&dir.join("sink.db"))?);
        // The default rules: the hotlist check on every read, as a sink with no zones runs.
        let rules = sinks::rules::RuleEngine::build(&Default::default(), &dir)?;
        let stage = Arc::new(sinks::challan::ViolationStage::new(rules, Default::default(), sink_store.clone()));
        let consumer = sinks::kafka::SinkConsumer::new(&cfg, sink_store.clone(), stage, km.clone())?;
        let stop = tokio_util::sync::CancellationToken::new();
        let s = stop.clone();
        let task = tokio::spawn(async move { consumer.run(s).await });
        // Time from the first consumed event, so the consumer-group join is not counted.
        while km.consumed.get() == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let (t, first) = (Instant::now(), km.consumed.get());
        while km.consumed.get() < count {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let n = count - first;
        rows.push(EventFigures { what: "sink: broker -> embedded store".into(), events: n, per_sec: n as f64 / t.elapsed().as_secs_f64() });
        stop.cancel();
        let _ = task.await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(rows)
}

/// The table `fleetsight bench events` prints.
pub fn render_events(rows: &[EventFigures]) -> String {
    let mut s = format!("{:<52} {:>10} {:>12}\n", "path", "events", "events/s");
    for r in rows {
        s += &format!("{:<52} {:>10} {:>12.0}\n", r.what, r.events, r.per_sec);
    }
    s
}

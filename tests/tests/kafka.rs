//! Kafka against a real Kafka-protocol broker (Tansu): producer to consumer group to store,
//! dead letters, a sink restart resuming from its committed offset, and a broker outage.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use fleetsight_e2e::{KafkaBroker, temp_db, wait_until};
use rdkafka::ClientConfig;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message};
use rdkafka::producer::{FutureProducer, FutureRecord};
use sinks::challan::{ChallanConfig, ChallanFilter, SinkStore, ViolationStage, TOPIC_CHALLANS};
use sinks::event::*;
use sinks::rules::{BusLaneConfig, RuleEngine, RulesConfig};
use sinks::kafka::{KafkaConfig, KafkaProducer, SinkConsumer};
use sinks::store::EmbeddedStore;
use sinks::telemetry::KafkaMetrics;
use sinks::PlateRead;
use tokio_util::sync::CancellationToken;

fn config(broker: &KafkaBroker, spool: &std::path::Path) -> KafkaConfig {
    toml_config(&format!(
        "brokers = \"{}\"\nspool_dir = \"{}\"\ndelivery_timeout_secs = 2.0\ncompression = \"lz4\"\n",
        broker.bootstrap(),
        spool.display()
    ))
}

fn toml_config(text: &str) -> KafkaConfig {
    let c: KafkaConfig = toml::from_str(text).unwrap();
    c.validate().unwrap();
    c
}

async fn create_topics(broker: &KafkaBroker) {
    pipeline::harness::net::create_topics(&broker.bootstrap()).await.unwrap();
}

fn read(i: u32) -> PlateRead {
    let at = 1_732_190_400_000 + i as i64 * 1000;
    let device = format!("bus-{}", i % 5);
    PlateRead::example(&event_id(&[&device, "front", &at.to_string(), &i.to_string()]), "MH12AB1234", &device, at)
}

fn sink(cfg: &KafkaConfig, store: Arc<dyn SinkStore>) -> (KafkaMetrics, CancellationToken, tokio::task::JoinHandle<()>) {
    sink_with_rules(cfg, store, &RulesConfig::default(), std::path::Path::new("."))
}

fn sink_with_rules(cfg: &KafkaConfig, store: Arc<dyn SinkStore>, rules: &RulesConfig, base: &std::path::Path) -> (KafkaMetrics, CancellationToken, tokio::task::JoinHandle<()>) {
    let metrics = KafkaMetrics::register(&prometheus::Registry::new()).unwrap();
    let stage = Arc::new(ViolationStage::new(RuleEngine::build(rules, base).unwrap(), ChallanConfig::default(), store.clone()));
    let consumer = SinkConsumer::new(cfg, store, stage, metrics.clone()).unwrap();
    let stop = CancellationToken::new();
    let s = stop.clone();
    let task = tokio::spawn(async move { consumer.run(s).await.unwrap() });
    (metrics, stop, task)
}

async fn count(store: &Arc<dyn SinkStore>) -> u64 {
    store.count().await.unwrap()
}

async fn wait_count(store: &Arc<dyn SinkStore>, n: u64, secs: u64) -> u64 {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let c = count(store).await;
        if c >= n || std::time::Instant::now() > deadline {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn produce_consume_dead_letter_and_resume() {
    let broker = KafkaBroker::start().unwrap();
    create_topics(&broker).await;
    let spool = tempfile::tempdir().unwrap();
    let cfg = config(&broker, spool.path());
    let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&temp_db()).unwrap());
    let pmetrics = KafkaMetrics::register(&prometheus::Registry::new()).unwrap();
    let producer = KafkaProducer::new(&cfg, pmetrics.clone()).unwrap();

    for chunk in (0..300).collect::<Vec<_>>().chunks(100) {
        producer.send(chunk.iter().map(|&i| read(i)).collect()).await.unwrap();
    }
    assert_eq!(pmetrics.delivered.get(), 300, "every event acknowledged");
    assert_eq!(pmetrics.delivery.frame_to_event.with_label_values(&["kafka"]).get_sample_count(), 300, "each acknowledgement timed");
    // Redelivering events already sent (what a producer retry does) must not duplicate rows.
    producer.send((0..20).map(read).collect()).await.unwrap();

    let (m1, stop1, task1) = sink(&cfg, store.clone());
    assert_eq!(wait_count(&store, 300, 60).await, 300);

    // A malformed message: dead-lettered, and the sink carries on.
    let raw: FutureProducer = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    raw.send(FutureRecord::to(TOPIC_PLATE_READS).key("bus-0").payload("{not json"), Duration::from_secs(5)).await.unwrap();
    producer.send((300..350).map(read).collect()).await.unwrap();
    assert_eq!(wait_count(&store, 350, 30).await, 350);
    assert!(wait_until(Duration::from_secs(10), || m1.dead_lettered.get() == 1).await);

    // Stop the sink, produce more, start a new sink in the same group: it resumes at the
    // committed offset (consumes only the new events) and no row is duplicated.
    assert!(wait_until(Duration::from_secs(5), || m1.consumed.get() >= 370).await, "consumed {}", m1.consumed.get());
    stop1.cancel();
    task1.await.unwrap();
    producer.send((350..450).map(read).collect()).await.unwrap();
    let (m2, stop2, task2) = sink(&cfg, store.clone());
    assert_eq!(wait_count(&store, 450, 60).await, 450);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(m2.consumed.get(), 100, "the restarted sink resumed from its committed offset");
    assert_eq!(m2.delivery.frame_to_event.with_label_values(&["consumer"]).get_sample_count(), 100, "each stored event timed");
    assert!(m2.delivery.store_write.with_label_values(&["embedded"]).get_sample_count() >= 1);
    // librdkafka's statistics (every 5 s) report the group caught up on the topic.
    let lag = || {
        use prometheus::core::Collector;
        m2.consumer_lag.collect().iter().flat_map(|f| f.get_metric().iter().map(|m| m.get_gauge().get_value())).collect::<Vec<f64>>()
    };
    assert!(wait_until(Duration::from_secs(20), || lag() == [0.0]).await, "consumer lag {:?}", lag());
    stop2.cancel();
    task2.await.unwrap();
    assert_eq!(count(&store).await, 450);

    // An independent client (Python confluent-kafka) sees the same topic: 300 + 20 redelivered +
    // 1 malformed + 50 + 100 messages, 450 distinct events, keyed by device.
    let python = std::env::var_os("FLEETSIGHT_KAFKA_VERIFY_PYTHON").map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::path::PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/fleetsight/kafka-verify-venv/bin/python")
    });
    assert!(python.exists(), "{} missing: run tests/kafka/verify_env.sh", python.display());
    let out = std::process::Command::new(&python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/kafka/read_topic.py"))
        .args([broker.bootstrap().as_str(), TOPIC_PLATE_READS])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["messages"], 471, "{seen}");
    assert_eq!(seen["distinct_event_ids"], 450, "{seen}");
    assert_eq!(seen["bad"], 1, "only the malformed message: {seen}");
    assert_eq!(seen["keys"], serde_json::json!(["bus-0", "bus-1", "bus-2", "bus-3", "bus-4"]));

    // The dead letter: the original bytes and the reason.
    let verify: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", broker.bootstrap())
        .set("group.id", "verify-dlq")
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    verify.subscribe(&["fleetsight.plate_reads.v1.dlq"]).unwrap();
    let m = tokio::time::timeout(Duration::from_secs(30), verify.recv()).await.unwrap().unwrap();
    assert_eq!(m.payload(), Some(&b"{not json"[..]));
    let headers = m.headers().unwrap();
    assert!((0..headers.count()).any(|i| headers.get(i).key == "fleetsight.error"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broker_outage_loses_no_event() {
    let mut broker = KafkaBroker::start().unwrap();
    create_topics(&broker).await;
    let spool = tempfile::tempdir().unwrap();
    let cfg = config(&broker, spool.path());
    let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&temp_db()).unwrap());
    let pmetrics = KafkaMetrics::register(&prometheus::Registry::new()).unwrap();
    let producer = KafkaProducer::new(&cfg, pmetrics.clone()).unwrap();
    let (_m, stop, task) = sink(&cfg, store.clone());
    producer.send((0..100).map(read).collect()).await.unwrap();
    assert_eq!(wait_count(&store, 100, 60).await, 100);
    // All of it is written: the sink stops here; it is started again once the broker is back.
    stop.cancel();
    task.await.unwrap();

    // The broker goes away for 10 s; events produced meanwhile are spooled to disk.
    broker.stop();
    let outage = std::time::Instant::now();
    producer.send((100..200).map(read).collect()).await.unwrap();
    assert_eq!(pmetrics.spooled.get(), 100, "undelivered events are on disk");
    assert!(pmetrics.spool_segments.get() >= 1);
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(outage.elapsed())).await;

    // It comes back empty (memory storage keeps nothing across a restart: the topic is recreated
    // at offset 0 and the group's committed offsets are gone). A consumer that kept running
    // would keep its old in-memory positions and skip the new offsets below them, a state no
    // real Kafka cluster produces for a live topic; so the sink starts fresh, as an operator
    // would after a broker lost its data.
    broker.restart().unwrap();
    create_topics(&broker).await;
    let (_m, stop, task) = sink(&cfg, store.clone());
    // What the periodic drainer does: retry the spool until the broker takes it.
    let mut drained = false;
    for _ in 0..30 {
        if producer.drain_spool().await.unwrap() {
            drained = true;
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    assert!(drained, "the spool drained once the broker was back");
    assert_eq!(pmetrics.spool_segments.get(), 0);
    producer.send((200..300).map(read).collect()).await.unwrap();
    assert_eq!(wait_count(&store, 300, 90).await, 300, "every event arrived");
    stop.cancel();
    task.await.unwrap();
    let ids: BTreeSet<String> = (0..300).map(|i| read(i).event_id).collect();
    let stored: BTreeSet<String> = store.reads_by_plate("MH12AB1234", 0, i64::MAX).await.unwrap().into_iter().map(|r| r.event_id).collect();
    assert_eq!(stored, ids, "no event lost, no duplicate row");
}

/// GPS fixes published on a Kafka topic reach the pipeline's GPS join; invalid ones are counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gps_fixes_from_a_kafka_topic() {
    let broker = KafkaBroker::start().unwrap();
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    for r in admin.create_topics(&[NewTopic::new("fleetsight.gps.v1", 1, TopicReplication::Fixed(1))], &AdminOptions::new()).await.unwrap() {
        r.unwrap();
    }
    let raw: FutureProducer = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    for (t, lat) in [(1000, "19.0"), (2000, "19.001")] {
        let fix = format!(r#"{{"device_id":"bus-7","time_ms":{t},"lat":{lat},"lon":72.8}}"#);
        raw.send(FutureRecord::to("fleetsight.gps.v1").key("bus-7").payload(&fix), Duration::from_secs(5)).await.unwrap();
    }
    raw.send(FutureRecord::<str, str>::to("fleetsight.gps.v1").payload(r#"{"device_id":"bus-7","time_ms":1,"lat":99,"lon":0}"#), Duration::from_secs(5))
        .await
        .unwrap();
    let spool = tempfile::tempdir().unwrap();
    let toml = format!(
        "{}[gps]\nkafka_topic = \"fleetsight.gps.v1\"\n[kafka]\nbrokers = \"{}\"\nspool_dir = \"{}\"\n\
         [[streams]]\nid = \"s\"\ndevice_id = \"bus-7\"\nfile = {{ path = \"{}\", loop = true }}\n",
        fleetsight_e2e::ingest_only_header(),
        broker.bootstrap(),
        spool.path().display(),
        fleetsight_e2e::clip("plate720_base", "264").display()
    );
    let running = pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, std::path::Path::new("gps.toml")).unwrap()).await.unwrap();
    let gps = running.gps();
    let located = wait_until(Duration::from_secs(60), || gps.locate("bus-7", 1500).1 == LocationStatus::Interpolated).await;
    assert!(located, "fixes from the topic reached the GPS join");
    assert!((gps.locate("bus-7", 1500).0.unwrap().lat - 19.0005).abs() < 1e-9);
    let (_, m) = fleetsight_e2e::http_get(running.http_addr(), "/metrics").await.unwrap();
    assert_eq!(fleetsight_e2e::metric(&m, "fleetsight_gps_fixes_total", &[("source", "kafka")]), 2.0);
    assert_eq!(fleetsight_e2e::metric(&m, "fleetsight_gps_fixes_rejected_total", &[]), 1.0);
    running.shutdown().await;
}

/// Dedup across sinks and redelivery: every read is published twice (a producer retry) and
/// consumed by two sinks in different consumer groups (each sees every message) over one
/// store. Each plate in the bus lane gets exactly one challan, published once on its topic.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_sinks_and_redelivery_issue_each_challan_once() {
    let broker = KafkaBroker::start().unwrap();
    create_topics(&broker).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.geojson"), r#"{"type":"Polygon","coordinates":[[[72.84,19.05],[72.86,19.05],[72.86,19.07],[72.84,19.07],[72.84,19.05]]]}"#).unwrap();
    let rules = RulesConfig {
        bus_lanes: vec![BusLaneConfig {
            id: "lane".into(),
            geojson: "lane.geojson".into(),
            offence: "bus_lane".into(),
            hours: vec![],
            bus_devices: (0..5).map(|i| format!("bus-{i}")).collect(),
            exempt_plates: vec![],
        }],
        ..Default::default()
    };
    let reads: Vec<PlateRead> = (0..40)
        .map(|i| {
            let mut r = read(i);
            r.plate = format!("MH12AB{:04}", 1000 + i % 10); // ten cars, four reads each
            r.location = Some(Location { lat: 19.06, lon: 72.85, heading_deg: None, speed_kmh: None, fix_age_ms: 0 });
            r
        })
        .collect();
    let producer = KafkaProducer::new(&config(&broker, &dir.path().join("spool")), KafkaMetrics::register(&prometheus::Registry::new()).unwrap()).unwrap();
    producer.send(reads.clone()).await.unwrap();
    producer.send(reads).await.unwrap();
    let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&dir.path().join("sink.db")).unwrap());
    let group = |g: &str| {
        let mut c = config(&broker, &dir.path().join("spool"));
        c.group_id = g.into();
        c
    };
    let (m1, stop1, task1) = sink_with_rules(&group("sink-a"), store.clone(), &rules, dir.path());
    let (m2, stop2, task2) = sink_with_rules(&group("sink-b"), store.clone(), &rules, dir.path());
    assert!(wait_until(Duration::from_secs(60), || m1.consumed.get() >= 80 && m2.consumed.get() >= 80).await, "both sinks consume all 80 messages");
    for (stop, task) in [(stop1, task1), (stop2, task2)] {
        stop.cancel();
        task.await.unwrap();
    }
    let challans = store.challans(ChallanFilter { limit: 100, ..Default::default() }).await.unwrap().items;
    let plates: BTreeSet<String> = challans.iter().map(|c| c.plate.clone()).collect();
    assert_eq!((challans.len(), plates.len()), (10, 10), "one challan per car: {:?}", challans.iter().map(|c| &c.challan_no).collect::<Vec<_>>());

    let consumer: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", broker.bootstrap())
        .set("group.id", "challan-reader")
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    consumer.subscribe(&[TOPIC_CHALLANS]).unwrap();
    let mut published = Vec::new();
    while let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(if published.is_empty() { 40 } else { 5 }), consumer.recv()).await {
        let c: sinks::challan::Challan = serde_json::from_slice(m.payload().unwrap()).unwrap();
        published.push(c.challan_no);
        if published.len() > 10 {
            break;
        }
    }
    published.sort();
    let mut stored: Vec<_> = challans.into_iter().map(|c| c.challan_no).collect();
    stored.sort();
    assert_eq!(published, stored, "each challan is published once on {TOPIC_CHALLANS}");
}

/// MDVR alarms from the alarm topic become located incidents in the sink's store: one with its
/// own position, one placed from the device's GPS fixes (from the GPS topic); one that does not
/// parse and one that cannot be placed are counted and skipped, and consumption goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alarms_from_kafka_become_located_incidents() {
    let broker = KafkaBroker::start().unwrap();
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    let topics = [NewTopic::new("fleetsight.alarms.v1", 1, TopicReplication::Fixed(1)), NewTopic::new("fleetsight.gps.v1", 1, TopicReplication::Fixed(1))];
    for r in admin.create_topics(&topics, &AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)))).await.unwrap() {
        r.unwrap();
    }
    let producer: FutureProducer = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    let t0 = 1_763_350_200_000i64;
    let gps = [(t0, 19.0), (t0 + 2000, 19.002)].map(|(t, lat)| format!(r#"{{"device_id":"bus-2","time_ms":{t},"lat":{lat},"lon":72.8}}"#));
    for fix in &gps {
        producer.send(FutureRecord::to("fleetsight.gps.v1").key("bus-2").payload(fix), Duration::from_secs(10)).await.unwrap();
    }
    let alarms = [
        format!(r#"{{"device_id":"bus-1","type":"collision","at_ms":{t0},"lat":18.52,"lon":73.85}}"#),
        "not json".to_string(),
        format!(r#"{{"device_id":"bus-2","type":"harsh_braking","at_ms":{}}}"#, t0 + 1000),
        format!(r#"{{"device_id":"bus-7","type":"panic","at_ms":{t0}}}"#), // no position, no GPS
    ];
    for a in &alarms {
        producer.send(FutureRecord::to("fleetsight.alarms.v1").key("k").payload(a), Duration::from_secs(10)).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sink.db");
    let toml = format!(
        "[api]\nlisten = \"127.0.0.1:0\"\n[store]\npath = \"{}\"\n[alarms]\nkafka_topic = \"fleetsight.alarms.v1\"\n[gps]\nkafka_topic = \"fleetsight.gps.v1\"\n\
         [evidence]\ntype = \"local\"\nroot = \"{}\"\n[kafka]\nbrokers = \"{}\"\nspool_dir = \"{}\"\n",
        db.display(),
        dir.path().join("evidence").display(),
        broker.bootstrap(),
        dir.path().join("spool").display()
    );
    let path = dir.path().join("sink.toml");
    std::fs::write(&path, toml).unwrap();
    let store = EmbeddedStore::open(&db).unwrap();
    let stop = CancellationToken::new();
    let sink = tokio::spawn(pipeline::runtime::run_sink(pipeline::Config::load_for_sink(&path).unwrap(), stop.clone()));
    let near = |lat: f64, lon: f64| sinks::incident::NearQuery { lat, lon, radius_m: 500.0, from_ms: t0 - 60_000, to_ms: t0 + 60_000, kinds: vec![], devices: None, limit: 10, cursor: None };
    use sinks::incident::IncidentStore;
    let mut found = false;
    for _ in 0..120 {
        found = store.incidents_near(near(18.52, 73.85)).await.unwrap().items.len() == 1 && store.incidents_near(near(19.001, 72.8)).await.unwrap().items.len() == 1;
        if found {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    stop.cancel();
    sink.await.unwrap().unwrap();
    assert!(found, "both locatable alarms are incidents");
    let braking = store.incidents_near(near(19.001, 72.8)).await.unwrap().items.remove(0);
    assert_eq!((braking.subtype.as_str(), braking.device_id.as_str()), ("harsh_braking", "bus-2"));
    assert!((braking.lat - 19.001).abs() < 1e-6, "interpolated between the two fixes: {braking:?}");
}

/// Reads every message on `topic` (from a fresh group) for up to `secs`: payload and the
/// `fleetsight.error` header.
async fn read_all(broker: &KafkaBroker, topic: &str, want: usize, secs: u64) -> Vec<(Vec<u8>, String)> {
    let c: StreamConsumer = ClientConfig::new()
        .set("bootstrap.servers", broker.bootstrap())
        .set("group.id", format!("verify-{topic}-{}", std::process::id()))
        .set("auto.offset.reset", "earliest")
        .create()
        .unwrap();
    c.subscribe(&[topic]).unwrap();
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while out.len() < want {
        let Ok(Ok(m)) = tokio::time::timeout_at(deadline, c.recv()).await else { break };
        let h = m.headers().unwrap();
        let error = (0..h.count()).find(|&i| h.get(i).key == "fleetsight.error").map(|i| String::from_utf8_lossy(h.get(i).value.unwrap()).into_owned());
        out.push((m.payload().unwrap_or_default().to_vec(), error.unwrap_or_default()));
    }
    out
}

/// A stop while a dead letter is being sent leaves its batch uncommitted: the next consumer
/// gets the batch again, dead-letters the bad message and stores the rest. Nothing is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_during_dead_lettering_commits_nothing() {
    let broker = KafkaBroker::start().unwrap();
    create_topics(&broker).await;
    let spool = tempfile::tempdir().unwrap();
    let cfg = config(&broker, spool.path());
    // One device, one partition: the bad message and the reads after it come in one batch.
    let raw: FutureProducer = ClientConfig::new().set("bootstrap.servers", broker.bootstrap()).create().unwrap();
    raw.send(FutureRecord::to(TOPIC_PLATE_READS).key("bus-0").payload("{not json"), Duration::from_secs(5)).await.unwrap();
    let producer = KafkaProducer::new(&cfg, KafkaMetrics::register(&prometheus::Registry::new()).unwrap()).unwrap();
    producer.send((0..20).map(|i| read(i * 5)).collect()).await.unwrap();

    // A dead-letter send that does not finish, as with a broker that stopped answering: linger
    // at its maximum (15 min) holds the message in the client (the consumer ignores producer
    // options).
    let mut hanging = cfg.clone();
    hanging.options.insert("linger.ms".into(), "900000".into());
    hanging.options.insert("message.timeout.ms".into(), "1000000".into());
    let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&temp_db()).unwrap());
    let (m1, stop1, task1) = sink(&hanging, store.clone());
    // Joining the group takes Tansu about 25 s here. Stopping before the join would leave the
    // next consumer waiting out the rebalance timeout: the test would fail, not pass.
    tokio::time::sleep(Duration::from_secs(45)).await;
    assert_eq!(m1.dead_lettered.get(), 0, "the dead letter is still on its way");
    stop1.cancel();
    tokio::time::timeout(Duration::from_secs(10), task1).await.expect("the stop ends the run").unwrap();
    assert_eq!(count(&store).await, 0, "the batch stopped at the dead letter: nothing written");

    let (m2, stop2, task2) = sink(&cfg, store.clone());
    assert_eq!(wait_count(&store, 20, 90).await, 20, "the batch was redelivered");
    assert!(wait_until(Duration::from_secs(10), || m2.dead_lettered.get() == 1).await, "the bad message was dead-lettered on redelivery");
    stop2.cancel();
    task2.await.unwrap();
    let dlq = read_all(&broker, "fleetsight.plate_reads.v1.dlq", 1, 45).await;
    assert_eq!(dlq.iter().map(|(p, _)| p.as_slice()).collect::<Vec<_>>(), [&b"{not json"[..]]);
}

/// Reads that parse but are invalid are dead-lettered, naming why, and the reads after them are
/// stored: one fails validation (latitude 95), one passes it but is refused by the store for
/// good (a hotlisted plate whose incident time the index refuses: InvalidArgument).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_reads_are_dead_lettered_and_the_rest_stored() {
    use sinks::rules::HotlistEntry;
    let broker = KafkaBroker::start().unwrap();
    create_topics(&broker).await;
    let spool = tempfile::tempdir().unwrap();
    let cfg = config(&broker, spool.path());
    let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&temp_db()).unwrap());
    let stolen = HotlistEntry { plate: "KA05MN6789".into(), reason: "stolen".into(), note: String::new(), added_by: "t".into(), added_ms: 0 };
    store.hotlist_put(vec![stolen]).await.unwrap();
    let hotlisted = |i: u32, lat: f64, at_ms: i64| {
        let mut r = read(i * 5);
        r.plate = "KA05MN6789".into();
        r.location = Some(Location { lat, lon: 72.8, heading_deg: None, speed_kmh: None, fix_age_ms: 0 });
        r.evidence.captured_at_ms = at_ms;
        r
    };
    let off_globe = hotlisted(100, 95.0, 1_732_190_400_000);
    let out_of_time = hotlisted(101, 19.0, 1 << 53);
    let mut reads = vec![off_globe, out_of_time];
    reads.extend((0..20).map(|i| read(i * 5)));
    let producer = KafkaProducer::new(&cfg, KafkaMetrics::register(&prometheus::Registry::new()).unwrap()).unwrap();
    producer.send(reads).await.unwrap();

    let (m, stop, task) = sink(&cfg, store.clone());
    assert!(wait_until(Duration::from_secs(90), || m.consumed.get() >= 20).await, "consumed {}", m.consumed.get());
    assert!(wait_until(Duration::from_secs(10), || m.dead_lettered.get() == 2).await, "dead-lettered {}", m.dead_lettered.get());
    stop.cancel();
    task.await.unwrap();
    assert_eq!(store.reads_by_plate("MH12AB1234", 0, i64::MAX).await.unwrap().len(), 20, "the reads after the bad ones are stored");
    let dlq = read_all(&broker, "fleetsight.plate_reads.v1.dlq", 2, 45).await;
    let errors: Vec<&str> = dlq.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("location.lat"), "{errors:?}");
    assert!(errors[1].contains("InvalidArgument") && errors[1].contains("at_ms"), "{errors:?}");
}

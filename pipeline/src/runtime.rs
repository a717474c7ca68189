//! Wiring: one supervised worker per stream, the analysis stage, the event sink, the HTTP
//! server, and an orderly shutdown (stop workers, drain analysis, flush events, stop serving).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use ingest::source::Opener;
use ingest::source::file::FileOpener;
use ingest::source::rtsp::RtspOpener;
use ingest::{DecodedFrame, IngestMetrics, StreamHandle, StreamIdentity, StreamWorker};
use prometheus::Registry;
use sinks::challan::{ChallanState, SinkStore, ViolationStage};
use sinks::evidence::EvidenceStore;
use sinks::rules::RuleEngine;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::analysis::{self, AnalysedStream, AnalysisHandles, AnalysisSpec, ModeBoard};
use crate::api::{ApiState, Authenticator, Tenants};
use crate::config::{Config, SourceConfig};
use crate::gps::{GpsBuffer, parse_csv, parse_nmea};
use crate::http::{self, OpsState};
use crate::telemetry::PipelineMetrics;

/// Plate reads waiting for the store. Full blocks the tracker (reads are never dropped); the
/// pressure ends at the frame queue, where dropping is the documented policy.
const EVENT_QUEUE: usize = 1024;

/// How long shutdown waits for workers before giving up on them.
const WORKER_SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// A running pipeline.
pub struct Running {
    http_addr: SocketAddr,
    streams: Arc<Vec<Arc<StreamHandle>>>,
    registry: Registry,
    metrics: PipelineMetrics,
    modes: ModeBoard,
    shutdown: CancellationToken,
    sink_abort: CancellationToken,
    workers: JoinSet<()>,
    analysis: AnalysisHandles,
    sink: tokio::task::JoinHandle<()>,
    server: tokio::task::JoinHandle<()>,
    store: Arc<dyn SinkStore>,
    gps: Arc<GpsBuffer>,
}

/// Builds every component from a validated config and starts them. Every component's build
/// error is collected, so one run reports every broken stream at once.
pub async fn start(config: Config) -> anyhow::Result<Running> {
    let registry = Registry::new();
    let metrics = IngestMetrics::register(&registry).context("registering ingest metrics")?;
    let pipeline_metrics = PipelineMetrics::register(&registry).context("registering pipeline metrics")?;
    let (auth, tenants) = api_access(&config)?;
    let store = open_store(&config).await?;
    let gps = Arc::new(GpsBuffer::new(config.gps.clone()).reserving(config.streams.iter().map(|s| s.device_id.clone())));
    for r in &config.gps.replay {
        let text = std::fs::read_to_string(&r.path).with_context(|| format!("gps.replay: cannot read {}", r.path.display()))?;
        let fixes = match &r.device_id {
            Some(d) if r.path.extension().is_some_and(|e| e != "csv") => parse_nmea(&text, d),
            _ => parse_csv(&text),
        }
        .map_err(|e| anyhow!("gps.replay {}: {e}", r.path.display()))?;
        let total = fixes.len();
        let refused: Vec<_> = fixes.into_iter().filter_map(|f| gps.insert(f).err()).collect();
        for r in &refused {
            pipeline_metrics.gps_refused.with_label_values(&["replay", r.reason()]).inc();
        }
        pipeline_metrics.gps_fixes.with_label_values(&["replay"]).inc_by((total - refused.len()) as u64);
        tracing::info!(file = %r.path.display(), fixes = total, refused = refused.len(), "GPS replay loaded.");
    }
    let (frames_tx, frames_rx) = mpsc::channel::<DecodedFrame>(config.analysis.queue);
    let shutdown = CancellationToken::new();

    let mut workers = Vec::new();
    let mut errors = Vec::new();
    for s in &config.streams {
        let opener: Result<Box<dyn Opener>, ingest::Error> = match s.source() {
            Some(SourceConfig::Rtsp(r)) => RtspOpener::new(r).map(|o| Box::new(o) as Box<dyn Opener>),
            Some(SourceConfig::File(f)) => FileOpener::new(f).map(|o| Box::new(o) as Box<dyn Opener>),
            None => Err(ingest::Error::new(ingest::ErrorKind::InvalidArgument, "no source")),
        };
        let identity = StreamIdentity { stream_id: s.id.as_str().into(), device_id: s.device_id.as_str().into(), channel: s.channel };
        let worker = opener.and_then(|o| StreamWorker::new(identity, o, s.sampling(), config.supervisor.clone(), &metrics, frames_tx.clone()));
        match worker {
            Ok(w) => workers.push(w),
            Err(e) => errors.push(format!("stream {}: {e}", s.id)),
        }
    }
    drop(frames_tx);
    if !errors.is_empty() {
        return Err(anyhow!("cannot build the pipeline:\n  {}", errors.join("\n  ")));
    }

    let streams: Arc<Vec<_>> = Arc::new(workers.iter().map(StreamWorker::handle).collect());
    let listener = tokio::net::TcpListener::bind(config.api.listen)
        .await
        .with_context(|| format!("api.listen: cannot bind {}", config.api.listen))?;
    let http_addr = listener.local_addr()?;
    let clips = crate::uploads::worker::open(&config.api.uploads).await?;
    let api = ApiState {
        auth,
        tenants,
        limits: config.api.limits.clone(),
        streams: streams.clone(),
        gps: gps.clone(),
        reads: store.clone(),
        incidents: store.clone(),
        store: store.clone(),
        challans: config.challans.clone(),
        notify: config.notify.clone(),
        evidence: Some(EvidenceStore::new(&config.evidence).context("evidence")?),
        metrics: pipeline_metrics.clone(),
        plate_reader: Arc::new(crate::api::LazyRecognizer::new(analysis::recognizer_options(&config.analysis))),
        clips: clips.clone(),
        rate_limits: Arc::new(crate::api::RateLimits::new(&config.api.rate_limits, &pipeline_metrics)),
    };
    let analysis_health = Arc::new(analysis::AnalysisHealth::default());
    let ops = OpsState { registry: registry.clone(), streams: streams.clone(), analysis: Some(analysis_health.clone()) };
    let app = http::router(ops, api);
    let server_shutdown = shutdown.clone();
    let server = tokio::spawn(async move {
        // Connect info: the rate limit on failed authentications counts per client address.
        let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move { server_shutdown.cancelled().await });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "HTTP server failed.");
        }
    });
    tracing::info!(addr = %http_addr, "Serving /metrics, /healthz, /readyz and the API.");

    if let (Some(topic), Some(k)) = (&config.gps.kafka_topic, &config.kafka) {
        tracing::info!(topic, "Reading GPS fixes from Kafka.");
        tokio::spawn(crate::gps::consume_kafka(k.clone(), topic.clone(), gps.clone(), pipeline_metrics.clone(), shutdown.clone()));
    }
    let (events_tx, events_rx) = mpsc::channel(EVENT_QUEUE);
    let locations: HashMap<String, _> = config.streams.iter().filter_map(|s| s.location.clone().map(|l| (s.id.clone(), l))).collect();
    let analysed = config
        .streams
        .iter()
        .zip(streams.iter())
        .filter(|(s, _)| s.plates)
        .map(|(s, h)| AnalysedStream { identity: h.identity().clone(), handle: h.clone(), mount: s.mount() })
        .collect();
    let spec = AnalysisSpec {
        config: config.analysis.clone(),
        tracking: config.tracking.clone(),
        streams: analysed,
        gps: gps.clone(),
        locations,
        metrics: pipeline_metrics.clone(),
        ingest_metrics: metrics.clone(),
        shutdown: shutdown.clone(),
        health: analysis_health,
    };
    // The models load before any camera connects, so no early frame waits for them.
    let analysis = analysis::spawn(spec, frames_rx, events_tx).await?;
    let modes = analysis.modes.clone();
    let mut set = JoinSet::new();
    for w in workers {
        set.spawn(w.run(shutdown.clone()));
    }
    let sink_abort = CancellationToken::new();
    let (dest, sink_name) = match &config.kafka {
        Some(k) => {
            let km = sinks::telemetry::KafkaMetrics::register(&registry).context("registering kafka metrics")?;
            let producer = sinks::kafka::KafkaProducer::new(k, km)?;
            tokio::spawn(producer.clone().drain_periodically(Duration::from_secs(2), sink_abort.clone()));
            tracing::info!(brokers = %k.brokers, topic = %k.topic, "Publishing plate reads to Kafka.");
            (crate::event_sink::Destination::Kafka(producer), "kafka")
        }
        None => {
            let delivery = sinks::telemetry::DeliveryMetrics::register(&registry).context("registering delivery metrics")?;
            delivery.prime(store.kind());
            (crate::event_sink::Destination::Store(store.clone(), violation_stage(&config, store.clone(), &registry, &sink_abort)?, delivery), "embedded")
        }
    };
    if let Some(c) = &clips {
        let worker = crate::uploads::ClipWorker {
            jobs: c.jobs.clone(),
            dest: dest.clone(),
            analysis: config.analysis.clone(),
            tracking: config.tracking.clone(),
            gps: gps.clone(),
            metrics: pipeline_metrics.clone(),
            ingest_metrics: metrics.clone(),
            wake: c.wake.clone(),
            job_timeout: Duration::from_secs(config.api.uploads.job_timeout_secs),
            decode: config.supervisor.decode.clone(),
        };
        tokio::spawn(worker.run(shutdown.clone()));
    }
    let evidence = crate::event_sink::EvidenceOut {
        store: EvidenceStore::new(&config.evidence).context("evidence")?,
        devices: Arc::new(sinks::evidence::DeviceDirectory::new(&config.devices)),
    };
    let sink = tokio::spawn(crate::event_sink::run(events_rx, dest, Some(evidence), sink_name, pipeline_metrics.clone(), sink_abort.clone()));
    Ok(Running { http_addr, streams, registry, metrics: pipeline_metrics, modes, shutdown, sink_abort, workers: set, analysis, sink, server, store, gps })
}

impl Running {
    /// The bound HTTP address (useful with port 0).
    pub fn http_addr(&self) -> SocketAddr {
        self.http_addr
    }

    /// Every stream's handle, in config order.
    pub fn streams(&self) -> &[Arc<StreamHandle>] {
        &self.streams
    }

    /// The metric registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The pipeline's metrics.
    pub fn metrics(&self) -> &PipelineMetrics {
        &self.metrics
    }

    /// Each analysed stream's mode (active or idle).
    pub fn modes(&self) -> ModeBoard {
        self.modes.clone()
    }

    /// The store reads are written to.
    pub fn store(&self) -> Arc<dyn SinkStore> {
        self.store.clone()
    }

    /// The GPS buffer (fixes from every source).
    pub fn gps(&self) -> Arc<GpsBuffer> {
        self.gps.clone()
    }

    /// A token that, when cancelled, shuts the pipeline down.
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Stops workers (which closes the decode queues and joins decode threads), then the
    /// analysis stage, then the HTTP server.
    pub async fn shutdown(mut self) {
        tracing::info!("Shutting down: stopping stream workers.");
        self.shutdown.cancel();
        let drain = async {
            while let Some(res) = self.workers.join_next().await {
                if let Err(e) = res {
                    tracing::error!(error = %e, "Stream worker panicked.");
                }
            }
        };
        if tokio::time::timeout(WORKER_SHUTDOWN_GRACE, drain).await.is_err() {
            tracing::warn!("Stream workers did not stop in time; abandoning them.");
            self.workers.abort_all();
        }
        tracing::info!("Shutting down: draining analysis and emitting open tracks.");
        if tokio::time::timeout(WORKER_SHUTDOWN_GRACE, self.analysis.join()).await.is_err() {
            tracing::warn!("Analysis did not drain in time.");
        }
        tracing::info!("Shutting down: flushing events to the store.");
        if tokio::time::timeout(WORKER_SHUTDOWN_GRACE, &mut self.sink).await.is_err() {
            self.sink_abort.cancel();
            let _ = (&mut self.sink).await;
        }
        self.sink_abort.cancel();
        tracing::info!("Shutting down: stopping HTTP server.");
        let _ = self.server.await;
        tracing::info!("Shutdown complete.");
    }
}

/// The sink side over `store`: the violation stage (rules with their zone files, challans,
/// evidence packages, notices), and while `stop` is not cancelled, the notifier (moving each
/// challan to `notified` when its notice goes out) and the overdue-notice gauge.
fn violation_stage(config: &Config, store: Arc<dyn SinkStore>, registry: &Registry, stop: &CancellationToken) -> anyhow::Result<Arc<ViolationStage>> {
    let rules = RuleEngine::build(&config.rules, &config.base_dir).context("rules")?;
    let metrics = sinks::telemetry::ChallanMetrics::register(registry).context("registering challan metrics")?;
    let evidence = EvidenceStore::new(&config.evidence).context("evidence")?;
    let mut stage = ViolationStage::new(rules, config.challans.clone(), store.clone()).with_evidence(evidence).with_metrics(metrics.clone());
    if let Some(notify) = &config.notify {
        stage = stage.with_notices(notify.clone());
        let (sent_tx, sent_rx) = mpsc::channel(64);
        let nm = sinks::telemetry::NotifyMetrics::register(registry).context("registering notice metrics")?;
        let notices: Arc<dyn sinks::notify::NoticeStore> = store.clone();
        let notifier = sinks::notify::Notifier::new(notify, notices, nm).context("notify")?.on_sent(sent_tx);
        tokio::spawn(notifier.run(stop.clone()));
        tokio::spawn(mark_notified(store.clone(), sent_rx, config.challans.notice_days));
    }
    tokio::spawn(watch_overdue(store, metrics, stop.clone()));
    Ok(Arc::new(stage))
}

/// Moves each challan whose notice was sent to `notified` (the first channel to go out does;
/// the second finds it already moved).
async fn mark_notified(store: Arc<dyn SinkStore>, mut sent: mpsc::Receiver<sinks::notify::NoticeSent>, notice_days: u32) {
    while let Some(n) = sent.recv().await {
        let reason = format!("{} notice {}", n.channel.as_str(), n.provider_sid.as_deref().unwrap_or(""));
        match store.transition(&n.challan_no, ChallanState::Notified, "notifier", &reason, n.sent_at_ms, notice_days).await {
            Ok(_) => tracing::info!(challan = %n.challan_no, channel = n.channel.as_str(), "Challan notified."),
            Err(e) if e.kind() == sinks::ErrorKind::Conflict => {}
            Err(e) => tracing::warn!(challan = %n.challan_no, error = %e, "Notice sent but the challan was not moved to notified."),
        }
    }
}

/// Refreshes the overdue-notice and challans-by-state gauges once a minute.
async fn watch_overdue(store: Arc<dyn SinkStore>, metrics: sinks::telemetry::ChallanMetrics, stop: CancellationToken) {
    loop {
        match store.overdue_notices(crate::analysis::unix_now_ms()).await {
            Ok(n) => metrics.overdue_notices.set(n as i64),
            Err(e) => tracing::warn!(error = %e, "Cannot count overdue notices."),
        }
        match store.count_by_state().await {
            Ok(counts) => counts.into_iter().for_each(|(s, n)| metrics.by_state.with_label_values(&[s.as_str()]).set(n as i64)),
            Err(e) => tracing::warn!(error = %e, "Cannot count challans by state."),
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
        }
    }
}

/// The configured store: ScyllaDB when `[scylla]` is set, else the embedded store.
pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn SinkStore>> {
    Ok(match &config.scylla {
        Some(s) => {
            tracing::info!(nodes = ?s.nodes, "Using ScyllaDB.");
            Arc::new(sinks::store::ScyllaStore::connect(&s.nodes, s.apply_schema_replication).await.context("scylla: cannot connect")?)
        }
        None => Arc::new(
            sinks::store::EmbeddedStore::open(&config.store.path).with_context(|| format!("store.path: {}", config.store.path.display()))?,
        ),
    })
}

/// The API's access control: the secrets `[api]` points at are read now, so a missing one stops
/// the start with the field named.
fn api_access(config: &Config) -> anyhow::Result<(Arc<Authenticator>, Arc<Tenants>)> {
    let auth = Authenticator::from_config(&config.api).map_err(|p| anyhow!("cannot start the API:\n  {}", p.join("\n  ")))?;
    if config.api.api_keys.is_empty() && config.api.jwt.is_none() {
        tracing::warn!("No [[api.api_keys]] and no [api.jwt]: every /v1 route will answer 401.");
    }
    Ok((Arc::new(auth), Arc::new(Tenants::new(&config.api.tenants))))
}

/// `fleetsight sink`: consumes plate reads from Kafka into the store, serving metrics and the API,
/// until `stop` fires.
pub async fn run_sink(config: Config, stop: CancellationToken) -> anyhow::Result<()> {
    let kafka = config.kafka.as_ref().context("kafka: `fleetsight sink` needs a [kafka] section")?;
    let registry = Registry::new();
    let metrics = sinks::telemetry::KafkaMetrics::register(&registry)?;
    let pipeline_metrics = PipelineMetrics::register(&registry).context("registering pipeline metrics")?;
    let (auth, tenants) = api_access(&config)?;
    let store = open_store(&config).await?;
    metrics.delivery.prime(store.kind());
    let stage = violation_stage(&config, store.clone(), &registry, &stop)?;
    // No cameras here: device tracks come over `POST /v1/gps` or the GPS topic.
    let gps = Arc::new(GpsBuffer::new(config.gps.clone()).reserving(config.streams.iter().map(|s| s.device_id.clone())));
    if let Some(topic) = &config.gps.kafka_topic {
        tokio::spawn(crate::gps::consume_kafka(kafka.clone(), topic.clone(), gps.clone(), pipeline_metrics.clone(), stop.clone()));
    }
    if let Some(topic) = &config.alarms.kafka_topic {
        tracing::info!(topic, "Recording MDVR alarms from Kafka.");
        tokio::spawn(crate::alarms::consume(kafka.clone(), topic.clone(), gps.clone(), store.clone(), pipeline_metrics.clone(), stop.clone()));
    }
    let listener = tokio::net::TcpListener::bind(config.api.listen).await.with_context(|| format!("api.listen: cannot bind {}", config.api.listen))?;
    let streams = Arc::new(Vec::new());
    let api = ApiState {
        auth,
        tenants,
        limits: config.api.limits.clone(),
        rate_limits: Arc::new(crate::api::RateLimits::new(&config.api.rate_limits, &pipeline_metrics)),
        streams: streams.clone(),
        gps,
        reads: store.clone(),
        incidents: store.clone(),
        store: store.clone(),
        challans: config.challans.clone(),
        notify: config.notify.clone(),
        evidence: Some(EvidenceStore::new(&config.evidence).context("evidence")?),
        metrics: pipeline_metrics,
        plate_reader: Arc::new(crate::api::LazyRecognizer::new(analysis::recognizer_options(&config.analysis))),
        // No cameras, no analysis: clips are analysed where cameras are.
        clips: None,
    };
    let app = http::router(OpsState { registry, streams, analysis: None }, api);
    let server_stop = stop.clone();
    let server = tokio::spawn(async move {
        let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let _ = axum::serve(listener, app).with_graceful_shutdown(async move { server_stop.cancelled().await }).await;
    });
    tracing::info!(brokers = %kafka.brokers, topic = %kafka.topic, group = %kafka.group_id, "Sinking plate reads into the embedded store.");
    let consumer = sinks::kafka::SinkConsumer::new(kafka, store, stage, metrics)?;
    let result = consumer.run(stop.clone()).await;
    stop.cancel();
    let _ = server.await;
    result.map_err(Into::into)
}

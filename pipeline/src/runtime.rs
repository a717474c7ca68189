//! Wiring: one supervised worker per stream, the analysis queue, the HTTP server, and an
//! orderly shutdown (stop workers, drain decoders, stop serving).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use ingest::source::Opener;
use ingest::source::file::FileOpener;
use ingest::source::rtsp::RtspOpener;
use ingest::{DecodedFrame, IngestMetrics, StreamHandle, StreamIdentity, StreamWorker};
use prometheus::Registry;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, SourceConfig};
use crate::http::{self, ApiState};

/// How long shutdown waits for workers before giving up on them.
const WORKER_SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// A running pipeline.
pub struct Running {
    http_addr: SocketAddr,
    streams: Arc<Vec<Arc<StreamHandle>>>,
    registry: Registry,
    shutdown: CancellationToken,
    workers: JoinSet<()>,
    analysis: tokio::task::JoinHandle<()>,
    server: tokio::task::JoinHandle<()>,
}

/// Builds every component from a validated config and starts them. Every component's build
/// error is collected, so one run reports every broken stream at once.
pub async fn start(config: Config) -> anyhow::Result<Running> {
    let registry = Registry::new();
    let metrics = IngestMetrics::register(&registry).context("registering ingest metrics")?;
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
    let app = http::router(ApiState { registry: registry.clone(), streams: streams.clone() });
    let server_shutdown = shutdown.clone();
    let server = tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move { server_shutdown.cancelled().await });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "HTTP server failed.");
        }
    });
    tracing::info!(addr = %http_addr, "Serving /metrics, /healthz, /readyz.");

    let mut set = JoinSet::new();
    for w in workers {
        set.spawn(w.run(shutdown.clone()));
    }
    let analysis = tokio::spawn(analysis_stage(frames_rx));
    Ok(Running { http_addr, streams, registry, shutdown, workers: set, analysis, server })
}

/// Where decoded frames go. Detection and OCR attach here (issue: plate models); until then the
/// stage only consumes frames so that queues drain and drops measure real decoder overload.
async fn analysis_stage(mut frames: mpsc::Receiver<DecodedFrame>) {
    while let Some(frame) = frames.recv().await {
        tracing::trace!(stream = %frame.identity.stream_id, pts = frame.pts_90k, "Frame received for analysis.");
    }
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
        tracing::info!("Shutting down: draining analysis.");
        let _ = tokio::time::timeout(WORKER_SHUTDOWN_GRACE, &mut self.analysis).await;
        tracing::info!("Shutting down: stopping HTTP server.");
        let _ = self.server.await;
        tracing::info!("Shutdown complete.");
    }
}

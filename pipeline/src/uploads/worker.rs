//! The clip job worker: takes queued jobs one at a time (the box's cores belong to the live
//! cameras) and plays each clip through the live pipeline's ingest and analysis, as a stream of
//! the uploader's device. Its reads go where live reads go.
//!
//! As fast as analysis goes, never dropping: a clip is not live, so each of its sampled frames
//! waits for the analysis mailbox instead of pushing an older one out. What a job reads depends
//! on the clip alone, not on how busy the box was.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use ingest::source::file::{FileOpener, FileSourceConfig, Pace};
use ingest::{IngestMetrics, SamplingConfig, StreamIdentity, StreamState, StreamWorker};
use sinks::PlateRead;
use sinks::jobs::{Job, JobOutcome, JobStore};
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

use crate::analysis::{self, AnalysedStream, AnalysisConfig, AnalysisSpec, Mount};
use crate::event_sink::{self, Destination};
use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;
use crate::track::TrackerConfig;

/// Reads of one job waiting for the destination; full blocks the tracker, as live.
const EVENT_QUEUE: usize = 256;
/// How often the worker looks at the queue when nothing woke it (a job queued by another
/// process on the same `jobs.db`).
const IDLE_POLL: Duration = Duration::from_secs(30);
/// The stream id of an uploaded clip (its reads carry it).
pub const UPLOAD_STREAM: &str = "upload";
/// Frames analysed per second of clip (the live default for a moving camera).
const CLIP_FPS: f64 = 5.0;

/// The job worker.
pub struct ClipWorker {
    /// The queue.
    pub jobs: Arc<dyn JobStore>,
    /// Where reads go (the live pipeline's destination).
    pub dest: Destination,
    /// Analysis settings (`plates` is forced on: a clip is uploaded to be read).
    pub analysis: AnalysisConfig,
    /// Tracking settings.
    pub tracking: TrackerConfig,
    /// Device GPS, to locate reads.
    pub gps: Arc<GpsBuffer>,
    /// Pipeline metrics.
    pub metrics: PipelineMetrics,
    /// Ingest metrics.
    pub ingest_metrics: IngestMetrics,
    /// Rung by `POST /v1/clips`.
    pub wake: Arc<Notify>,
    /// A job still playing after this long fails.
    pub job_timeout: Duration,
    /// How clips are decoded (`[supervisor.decode]`: uploaded video is as untrusted as a camera's).
    pub decode: ingest::decode::DecodeConfig,
}

impl ClipWorker {
    /// Runs jobs until `stop`. A job interrupted by `stop` stays `running` in the store and goes
    /// back to `queued` at the next start ([`JobStore::requeue_running`]).
    pub async fn run(self, stop: CancellationToken) {
        loop {
            match self.jobs.claim_next(analysis::unix_now_ms()).await {
                Ok(Some(job)) => {
                    let outcome = tokio::select! {
                        _ = stop.cancelled() => return,
                        r = self.analyse(&job) => r,
                    };
                    let outcome = outcome.unwrap_or_else(|e| {
                        tracing::warn!(job = %job.job_id, error = %format!("{e:#}"), "Clip job failed.");
                        JobOutcome::Failed(format!("{e:#}"))
                    });
                    let label = if matches!(outcome, JobOutcome::Done { .. }) { "done" } else { "failed" };
                    self.metrics.upload_jobs.with_label_values(&[label]).inc();
                    if let Err(e) = self.jobs.finish(&job.job_id, outcome, analysis::unix_now_ms()).await {
                        tracing::error!(job = %job.job_id, error = %e, "Cannot record a clip job's end.");
                    }
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "Cannot read the clip job queue."),
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(IDLE_POLL) => {}
            }
        }
    }

    /// Plays one clip through ingest and analysis; its reads (already sent to the destination).
    async fn analyse(&self, job: &Job) -> anyhow::Result<JobOutcome> {
        tracing::info!(job = %job.job_id, device = %job.device_id, "Clip job started.");
        let file = FileSourceConfig { path: PathBuf::from(&job.clip_path), pace: Pace::Fast, looping: false, fps: 25.0 };
        let opener = FileOpener::new(&file).context("opening the clip")?;
        // One stream id for every job (one runs at a time): per-stream metrics stay bounded.
        let identity = StreamIdentity { stream_id: UPLOAD_STREAM.into(), device_id: job.device_id.as_str().into(), channel: 0 };
        let (frames_tx, frames_rx) = mpsc::channel(self.analysis.queue);
        let sampling = SamplingConfig { max_fps: CLIP_FPS, keyframes_only: false };
        let supervisor = ingest::SupervisorConfig { decode: self.decode.clone(), ..Default::default() };
        let worker = StreamWorker::new(identity.clone(), Box::new(opener), sampling, supervisor, &self.ingest_metrics, frames_tx)?;
        let handle = worker.handle();
        let stop = CancellationToken::new();
        // Dropped mid-job (the process stops): the clip's ingest and analysis stop with it.
        let _stop_on_drop = stop.clone().drop_guard();
        let (events_tx, mut events_rx) = mpsc::channel(EVENT_QUEUE);
        let spec = AnalysisSpec {
            // Every sampled frame of a clip is analysed: no idle camera mode.
            config: AnalysisConfig { plates: true, idle_after_secs: 0.0, ..self.analysis.clone() },
            tracking: self.tracking.clone(),
            streams: vec![AnalysedStream { identity, handle: handle.clone(), mount: Mount::Fixed }],
            gps: self.gps.clone(),
            locations: HashMap::new(),
            metrics: self.metrics.clone(),
            ingest_metrics: self.ingest_metrics.clone(),
            shutdown: stop.clone(),
            // A clip job's stage is not the node's live analysis: its health is not reported.
            health: Default::default(),
        };
        let stage = analysis::spawn(spec, frames_rx, events_tx).await?;
        let (out_tx, out_rx) = mpsc::channel(EVENT_QUEUE);
        let sink = tokio::spawn(event_sink::run(out_rx, self.dest.clone(), None, "upload", self.metrics.clone(), CancellationToken::new()));
        let collect = tokio::spawn(async move {
            let mut reads: Vec<PlateRead> = Vec::new();
            while let Some(out) = events_rx.recv().await {
                reads.push(out.read.clone());
                if out_tx.send(out).await.is_err() {
                    break;
                }
            }
            reads
        });
        let ingest = tokio::spawn(worker.run(stop.clone()));
        let deadline = Instant::now() + self.job_timeout;
        let played = play_out(&handle, deadline, self.job_timeout).await;
        match played {
            // Decoded to the end: analyse every queued frame, within the job's time.
            Ok(()) => stage.finish(),
            Err(_) => stop.cancel(),
        }
        let timer = tokio::spawn({
            let stop = stop.clone();
            async move {
                tokio::time::sleep_until(deadline.into()).await;
                stop.cancel();
            }
        });
        stage.join().await;
        let timed_out = stop.is_cancelled();
        timer.abort();
        stop.cancel();
        let _ = ingest.await;
        let reads = collect.await.context("collecting the reads")?;
        let _ = sink.await;
        played?;
        if timed_out {
            return Err(anyhow!("analysis did not finish within {}s", self.job_timeout.as_secs()));
        }
        let incident_ids = self.incidents_of(&reads).await?;
        tracing::info!(job = %job.job_id, reads = reads.len(), incidents = incident_ids.len(), "Clip job done.");
        Ok(JobOutcome::Done { reads, incident_ids })
    }

    /// The incidents the violation stage made of `reads`. Judging is idempotent (incident ids
    /// are derived from the reads; challans and notices are deduplicated), so asking again only
    /// names them. With Kafka the sink process judges the reads, and none are listed here.
    async fn incidents_of(&self, reads: &[PlateRead]) -> anyhow::Result<Vec<String>> {
        match &self.dest {
            Destination::Store(_, stage, _) if !reads.is_empty() => {
                let out = stage.process(reads, analysis::unix_now_ms()).await.context("judging the reads")?;
                Ok(out.incidents.into_iter().map(|i| i.incident_id).collect())
            }
            _ => Ok(Vec::new()),
        }
    }
}

/// Waits until the clip has been read and decoded to its end (every sampled frame is then with
/// analysis), or why not.
async fn play_out(handle: &ingest::StreamHandle, deadline: Instant, timeout: Duration) -> anyhow::Result<()> {
    loop {
        let s = handle.status();
        match s.state {
            StreamState::Finished if handle.counters().decoded == 0 => {
                let c = handle.counters();
                return Err(anyhow!("no frame of the clip could be decoded ({} access units, {} decode errors)", c.received, c.decode_errors));
            }
            StreamState::Finished => return Ok(()),
            StreamState::Backoff | StreamState::Unsupported => {
                return Err(anyhow!("the clip cannot be played: {}", s.last_error.unwrap_or_else(|| s.state.as_str().to_string())));
            }
            _ if Instant::now() > deadline => return Err(anyhow!("the clip took longer than {}s to play", timeout.as_secs())),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// The clip routes' state for `config`, or `None` when uploads are off: creates `dir`, opens its
/// job queue and puts jobs a stopped process left `running` back in the queue.
pub async fn open(config: &super::UploadsConfig) -> anyhow::Result<Option<crate::api::uploads::ClipUploads>> {
    let Some(dir) = &config.dir else { return Ok(None) };
    std::fs::create_dir_all(dir).with_context(|| format!("api.uploads.dir: cannot create {}", dir.display()))?;
    let jobs: Arc<dyn JobStore> = Arc::new(sinks::store::EmbeddedStore::open(&dir.join("jobs.db")).context("api.uploads.dir: the job queue")?);
    let requeued = jobs.requeue_running(analysis::unix_now_ms()).await?;
    if requeued > 0 {
        tracing::info!(jobs = requeued, "Clip jobs interrupted by the last stop are queued again.");
    }
    Ok(Some(crate::api::uploads::ClipUploads { jobs, dir: dir.clone(), max_clip_bytes: config.max_clip_bytes, wake: Arc::new(Notify::new()) }))
}

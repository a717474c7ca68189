use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use ingest::{DecodedFrame, StreamIdentity};
use models::{PlateRecognizer, RgbImage};
use sinks::PlateRead;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::config::{AnalysisConfig, StaticLocation};
use super::emit::build_read;
use super::mailbox::Mailbox;
use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;
use crate::track::{Observation, Tracker, TrackerConfig};

/// A stream whose results stop arriving for this long (camera gone, analysis stalled) has its
/// tracks ended on wall-clock time instead of capture time.
const IDLE_STREAM_GRACE: Duration = Duration::from_secs(5);

/// The running analysis stage.
pub struct AnalysisHandles {
    tasks: Vec<JoinHandle<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl AnalysisHandles {
    /// Waits until every part has drained (the frame queue closes when the workers stop).
    pub async fn join(mut self) {
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
        if let Some(t) = self.thread.take() {
            let _ = tokio::task::spawn_blocking(move || t.join()).await;
        }
    }
}

struct Analysed {
    identity: StreamIdentity,
    /// The stream's session clock (PTS) in ms: continuous within a session, unlike capture
    /// times, which can jump when the camera's first RTCP sender report arrives.
    clock_ms: i64,
    observations: Vec<Observation>,
}

fn unix_ms(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Everything the stage needs.
pub struct AnalysisSpec {
    /// Batching settings.
    pub config: AnalysisConfig,
    /// Tracking and emission.
    pub tracking: TrackerConfig,
    /// The models; `None` runs decode-only (frames are consumed, nothing is analysed).
    pub recognizer: Option<Arc<PlateRecognizer>>,
    /// GPS fixes for the join.
    pub gps: Arc<GpsBuffer>,
    /// Fixed cameras' locations, by stream id.
    pub locations: HashMap<String, StaticLocation>,
    /// Streams configured with `plates = false`: decoded, not analysed.
    pub skip: std::collections::HashSet<String>,
    /// Metrics.
    pub metrics: PipelineMetrics,
    /// Ingest metrics, to count frames replaced in the mailbox as `analysis_behind` drops.
    pub ingest_metrics: ingest::IngestMetrics,
    /// On shutdown, frames still queued are not analysed (that could take minutes on a CPU);
    /// open tracks are still voted and emitted.
    pub shutdown: CancellationToken,
}

/// Starts the stage: frames in, `PlateRead`s out on `events` (which blocks when full: reads are
/// never dropped, the pressure goes back to the frame queue, where frames are).
pub fn spawn(spec: AnalysisSpec, mut frames: mpsc::Receiver<DecodedFrame>, events: mpsc::Sender<PlateRead>) -> anyhow::Result<AnalysisHandles> {
    let Some(recognizer) = spec.recognizer.clone() else {
        let drain = tokio::spawn(async move { while frames.recv().await.is_some() {} });
        return Ok(AnalysisHandles { tasks: vec![drain], thread: None });
    };
    let (batch_tx, mut batch_rx) = mpsc::channel::<Vec<DecodedFrame>>(1);
    let (result_tx, result_rx) = mpsc::channel::<Analysed>(64);
    let batch_size = spec.config.batch_size;
    let deadline = Duration::from_millis(spec.config.batch_deadline_ms);
    let mailbox = Arc::new(Mailbox::default());
    let ingest_metrics = spec.ingest_metrics.clone();
    let inbox = mailbox.clone();
    let skip = spec.skip.clone();
    let fill = tokio::spawn(async move {
        let mut per_stream: HashMap<Arc<str>, ingest::telemetry::StreamMetrics> = HashMap::new();
        while let Some(f) = frames.recv().await {
            let id = f.identity.stream_id.clone();
            if skip.contains(&*id) {
                continue;
            }
            if inbox.put(f) {
                per_stream
                    .entry(id.clone())
                    .or_insert_with(|| ingest_metrics.stream(&id))
                    .dropped(ingest::telemetry::DropReason::AnalysisBehind, 1);
            }
        }
        inbox.close();
    });
    let stop = spec.shutdown.clone();
    let batcher = tokio::spawn(async move {
        loop {
            let first = tokio::select! {
                biased;
                _ = stop.cancelled() => break,
                b = mailbox.take(batch_size) => b,
            };
            if first.is_empty() {
                break;
            }
            let mut batch = first;
            if batch.len() < batch_size {
                // Give other streams' frames a moment to join the batch.
                tokio::time::sleep(deadline).await;
                let more = batch_size - batch.len();
                let waiting = tokio::time::timeout(std::time::Duration::ZERO, mailbox.take(more)).await.unwrap_or_default();
                batch.extend(waiting);
            }
            if batch_tx.send(batch).await.is_err() {
                break;
            }
        }
    });
    let metrics = spec.metrics.clone();
    let stop = spec.shutdown.clone();
    // Burn's CPU backend is compute-bound and blocking: it gets its own thread, never the reactor.
    let thread = std::thread::Builder::new()
        .name("plate-models".into())
        .spawn(move || {
            let mut errors = 0u32;
            while let Some(batch) = batch_rx.blocking_recv() {
                if stop.is_cancelled() {
                    break;
                }
                let images: Vec<Option<RgbImage>> =
                    batch.iter().map(|f| RgbImage::new(f.picture.width(), f.picture.height(), f.picture.to_rgb8()).ok()).collect();
                let refs: Vec<&RgbImage> = images.iter().flatten().collect();
                let started = Instant::now();
                let results = recognizer.recognize_detailed(&refs);
                metrics.batch_seconds.observe(started.elapsed().as_secs_f64());
                metrics.batch_frames.observe(refs.len() as f64);
                let mut results = match results {
                    Ok(r) => r.into_iter(),
                    Err(e) => {
                        errors += 1;
                        if errors < 5 || errors.is_power_of_two() {
                            tracing::error!(error = %e, count = errors, "Plate analysis failed for a batch.");
                        }
                        Vec::new().into_iter()
                    }
                };
                for (frame, image) in batch.iter().zip(&images) {
                    let stream = &frame.identity.stream_id;
                    let result = image.as_ref().and_then(|_| results.next()).unwrap_or_default();
                    metrics.frames_analysed.with_label_values(&[stream]).inc();
                    metrics.plate_detections.with_label_values(&[stream]).inc_by(result.plates.len() as u64);
                    metrics.plate_rejections.with_label_values(&[stream]).inc_by(result.rejected.len() as u64);
                    let capture_ms = unix_ms(frame.capture_time);
                    let clock_ms = frame.pts_90k / 90;
                    let observations = result
                        .plates
                        .into_iter()
                        .map(|p| Observation {
                            rect: p.rect,
                            text: p.plate.as_str().to_string(),
                            chars: p.chars,
                            detector_score: p.detector_score,
                            capture_ms,
                            clock_ms,
                            pts_90k: frame.pts_90k,
                            frame_size: (frame.picture.width(), frame.picture.height()),
                        })
                        .collect();
                    if result_tx.blocking_send(Analysed { identity: frame.identity.clone(), clock_ms, observations }).is_err() {
                        return;
                    }
                }
            }
        })
        .context("spawning the plate-models thread")?;
    let tracking = tokio::spawn(track_and_emit(spec, result_rx, events));
    Ok(AnalysisHandles { tasks: vec![fill, batcher, tracking], thread: Some(thread) })
}

struct StreamTracks {
    identity: StreamIdentity,
    tracker: Tracker,
    last_clock_ms: i64,
    last_result: Instant,
}

async fn track_and_emit(spec: AnalysisSpec, mut results: mpsc::Receiver<Analysed>, events: mpsc::Sender<PlateRead>) {
    let mut streams: HashMap<Arc<str>, StreamTracks> = HashMap::new();
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    // Track ids start at the process start time so that ids (and event ids) stay unique across restarts.
    let first_id = unix_ms(SystemTime::now()) as u64 * 1000;
    loop {
        let finished = tokio::select! {
            msg = results.recv() => {
                let Some(msg) = msg else { break };
                let s = streams.entry(msg.identity.stream_id.clone()).or_insert_with(|| StreamTracks {
                    identity: msg.identity.clone(),
                    tracker: Tracker::new(spec.tracking.clone(), first_id),
                    last_clock_ms: msg.clock_ms,
                    last_result: Instant::now(),
                });
                let mut done = Vec::new();
                if msg.clock_ms + 1000 < s.last_clock_ms {
                    // The clock went back: a new session (reconnect, file loop). Its tracks are over.
                    done.extend(s.tracker.flush());
                }
                s.last_clock_ms = msg.clock_ms;
                s.last_result = Instant::now();
                done.extend(s.tracker.update(msg.clock_ms, msg.observations));
                vec![(s.identity.clone(), done)]
            }
            _ = tick.tick() => streams
                .values_mut()
                .filter(|s| s.last_result.elapsed() > IDLE_STREAM_GRACE)
                .map(|s| {
                    let now = s.last_clock_ms + s.last_result.elapsed().as_millis() as i64;
                    (s.identity.clone(), s.tracker.expire(now))
                })
                .collect(),
        };
        for (identity, tracks) in finished {
            for t in tracks {
                if !emit(&spec, &identity, &t, &events).await {
                    return;
                }
            }
        }
    }
    for s in streams.values_mut() {
        let identity = s.identity.clone();
        for t in s.tracker.flush() {
            if !emit(&spec, &identity, &t, &events).await {
                return;
            }
        }
    }
}

async fn emit(spec: &AnalysisSpec, identity: &StreamIdentity, track: &crate::track::FinishedTrack, events: &mpsc::Sender<PlateRead>) -> bool {
    let Some(read) = build_read(identity, track, &spec.gps, spec.locations.get(&*identity.stream_id)) else { return true };
    spec.metrics.plate_reads.with_label_values(&[&identity.stream_id]).inc();
    tracing::info!(
        stream = %identity.stream_id,
        plate = %read.plate,
        confidence = read.confidence,
        frames = read.frames,
        location = ?read.location_status,
        "Plate read."
    );
    events.send(read).await.is_ok()
}

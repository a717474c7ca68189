use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context;
use ingest::{DecodeMode, DecodedFrame, StreamHandle, StreamIdentity};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::config::{AnalysisConfig, StaticLocation};
use super::emit::build_read;
use super::health::{AnalysisHealth, supervise};
use super::mailbox::{Mailbox, Work};
use super::mode::{ModeConfig, ModeMachine, Mount};
use crate::event_sink::ReadOut;
use super::worker::{Emission, Models, Shared, StreamAnalysis, recognizer_options, unix_ms};
use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;
use crate::track::TrackerConfig;

/// A stream whose frames stop arriving for this long (camera gone, analysis stalled) has its
/// tracks ended on wall-clock time instead of stream time.
const IDLE_STREAM_GRACE: Duration = Duration::from_secs(5);

/// Frames each stream may have waiting in the mailbox: one being read past while the stream's
/// worker reads a finished pass (~40 ms a crop), one more arriving meanwhile at 5 fps.
const MAILBOX_DEPTH: usize = 2;

/// Passes waiting for the emitter (vote, GPS join, event). Full blocks the workers; the
/// pressure ends at the mailbox, where frames are replaced (counted).
const EMISSION_QUEUE: usize = 64;

/// A stream that is analysed.
pub struct AnalysedStream {
    /// Who it is.
    pub identity: StreamIdentity,
    /// Its ingest handle (the analysis switches its decode mode).
    pub handle: Arc<StreamHandle>,
    /// How it is mounted (what wakes it when idle).
    pub mount: Mount,
}

/// Everything the stage needs.
pub struct AnalysisSpec {
    /// Analysis settings.
    pub config: AnalysisConfig,
    /// Tracking and emission.
    pub tracking: TrackerConfig,
    /// The streams to analyse (streams with `plates = false` are decoded only).
    pub streams: Vec<AnalysedStream>,
    /// GPS fixes for the join.
    pub gps: Arc<GpsBuffer>,
    /// Fixed cameras' locations, by stream id.
    pub locations: HashMap<String, StaticLocation>,
    /// Metrics.
    pub metrics: PipelineMetrics,
    /// Ingest metrics, to count frames replaced in the mailbox as `analysis_behind` drops.
    pub ingest_metrics: ingest::IngestMetrics,
    /// On shutdown, frames still queued are not analysed; open tracks are still read and emitted.
    pub shutdown: CancellationToken,
    /// Where the workers report liveness and panics (`/readyz` reads it).
    pub health: Arc<AnalysisHealth>,
}

/// Each analysed stream's mode and last analysed frame's session clock, readable at any time
/// (status table, benchmarks).
#[derive(Clone, Default)]
pub struct ModeBoard(Arc<Vec<(String, Arc<AtomicU8>, Arc<AtomicI64>)>>);

impl ModeBoard {
    /// `(stream id, mode)` for every analysed stream.
    pub fn modes(&self) -> Vec<(String, super::mode::Mode)> {
        self.0.iter().map(|(s, m, _)| (s.clone(), super::mode::Mode::from_cell(m.load(Ordering::Relaxed)))).collect()
    }

    /// Each analysed stream's last analysed session clock, ms.
    pub fn clocks(&self) -> HashMap<String, i64> {
        self.0.iter().map(|(s, _, c)| (s.clone(), c.load(Ordering::Relaxed))).collect()
    }
}

/// The running analysis stage.
pub struct AnalysisHandles {
    tasks: Vec<JoinHandle<()>>,
    /// Tasks that only serve the workers (closing on shutdown, expiring quiet streams): stopped
    /// once the workers are done.
    helpers: Vec<JoinHandle<()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
    /// Modes of the analysed streams.
    pub modes: ModeBoard,
    /// Cancelled by [`AnalysisHandles::finish`].
    finish: CancellationToken,
}

impl AnalysisHandles {
    /// No more frames will come (a clip's ingest has finished and its decoder is idle): the
    /// frames already queued are analysed, open tracks read, and the stage ends ([`Self::join`]
    /// returns) without a shutdown, which would drop the queued frames.
    pub fn finish(&self) {
        self.finish.cancel();
    }

    /// Waits until every part has drained (the frame queue closes when the workers stop).
    pub async fn join(mut self) {
        let threads = std::mem::take(&mut self.threads);
        let _ = tokio::task::spawn_blocking(move || threads.into_iter().for_each(|t| drop(t.join()))).await;
        for h in self.helpers.drain(..) {
            h.abort();
        }
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
    }
}

fn lock(m: &Mutex<StreamAnalysis>) -> MutexGuard<'_, StreamAnalysis> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Starts the stage: frames in, `PlateRead`s out on `events` (which blocks when full: reads are
/// never dropped, the pressure goes back to the mailbox, where frames are).
pub async fn spawn(spec: AnalysisSpec, mut frames: mpsc::Receiver<DecodedFrame>, events: mpsc::Sender<ReadOut>) -> anyhow::Result<AnalysisHandles> {
    if !spec.config.plates || spec.streams.is_empty() {
        let finish = CancellationToken::new();
        let finished = finish.clone();
        let drain = tokio::spawn(async move {
            loop {
                tokio::select! {
                    f = frames.recv() => if f.is_none() { return },
                    _ = finished.cancelled() => return,
                }
            }
        });
        return Ok(AnalysisHandles { tasks: vec![drain], helpers: Vec::new(), threads: Vec::new(), modes: ModeBoard::default(), finish });
    }
    let n_workers = spec.config.worker_count();
    let options = recognizer_options(&spec.config);
    let models = tokio::task::spawn_blocking(move || (0..n_workers).map(|_| Models::load(&options)).collect::<anyhow::Result<Vec<_>>>())
        .await?
        .context("loading the plate models")?;
    let shared = Shared {
        tracking: spec.tracking.clone(),
        reading: spec.config.read_policy(),
        full_every: spec.config.full_detection_every,
        gps: spec.gps.clone(),
        metrics: spec.metrics.clone(),
        health: spec.health.clone(),
    };
    let mode_config = ModeConfig {
        idle_after_ms: (spec.config.idle_after_secs * 1000.0) as i64,
        motion_threshold: spec.config.motion_threshold,
        wake_speed_kmh: spec.config.wake_speed_kmh,
    };
    // Track ids start at the process start time so that ids (and event ids) stay unique across restarts.
    let first_id = unix_ms(std::time::SystemTime::now()) as u64 * 1000;
    let mut index = HashMap::new();
    let mut states = Vec::new();
    let mut board = Vec::new();
    let mut wake_flags: HashMap<String, Vec<(Arc<AtomicBool>, Arc<StreamHandle>)>> = HashMap::new();
    for (i, s) in spec.streams.iter().enumerate() {
        let machine = ModeMachine::new(mode_config, s.mount);
        let clock = Arc::new(AtomicI64::new(0));
        board.push((s.identity.stream_id.to_string(), machine.shown(), clock.clone()));
        if s.mount == Mount::Moving {
            wake_flags.entry(s.identity.device_id.to_string()).or_default().push((machine.gps_wake_flag(), s.handle.clone()));
        }
        index.insert(s.identity.stream_id.clone(), i);
        states.push(Mutex::new(StreamAnalysis::new(s.identity.clone(), s.handle.clone(), &shared, machine, clock, first_id + i as u64 * 1_000_000)));
    }
    // A moving camera's vehicle starting to move wakes it at once: the decoder resumes every
    // frame (catching up from the last keyframe) before the next keyframe comes.
    let wake_speed = spec.config.wake_speed_kmh;
    spec.gps.set_listener(Box::new(move |fix| {
        if fix.speed_kmh.is_some_and(|s| s > wake_speed) {
            for (flag, handle) in wake_flags.get(&fix.device_id).into_iter().flatten() {
                if handle.decode_mode() == DecodeMode::Keyframes {
                    flag.store(true, Ordering::Relaxed);
                    handle.set_decode_mode(DecodeMode::All);
                }
            }
        }
    }));
    let states = Arc::new(states);
    let mailbox = Arc::new(Mailbox::new(states.len(), MAILBOX_DEPTH));
    let (emit_tx, emit_rx) = mpsc::channel::<Emission>(EMISSION_QUEUE);

    // Frames lost in the mailbox (replaced by a newer one, or waiting at shutdown) are counted.
    let behind: Arc<Vec<ingest::telemetry::StreamMetrics>> = Arc::new(spec.streams.iter().map(|s| spec.ingest_metrics.stream(&s.identity.stream_id)).collect());
    let (inbox, lost) = (mailbox.clone(), behind.clone());
    let handles: Vec<_> = spec.streams.iter().map(|s| s.handle.clone()).collect();
    let finish = CancellationToken::new();
    let finishing = finish.clone();
    let fill = tokio::spawn(async move {
        loop {
            let next = tokio::select! {
                biased;
                f = frames.recv() => f,
                // Finishing: what is already queued is still analysed, then the stage ends.
                _ = finishing.cancelled() => frames.try_recv().ok(),
            };
            let Some(f) = next else { break };
            let Some(&i) = index.get(&f.identity.stream_id) else { continue };
            if !handles[i].is_live() {
                inbox.room(i).await;
            }
            if inbox.put(i, Work::Frame(f)) {
                lost[i].dropped(ingest::telemetry::DropReason::AnalysisBehind, 1);
            }
        }
        if finishing.is_cancelled() {
            inbox.drained().await;
        }
        for i in inbox.close() {
            lost[i].dropped(ingest::telemetry::DropReason::AnalysisBehind, 1);
        }
    });
    let (closer_box, stop) = (mailbox.clone(), spec.shutdown.clone());
    let closer = tokio::spawn(async move {
        stop.cancelled().await;
        for i in closer_box.close() {
            behind[i].dropped(ingest::telemetry::DropReason::AnalysisBehind, 1);
        }
    });
    let ticker = tokio::spawn(expire_quiet_streams(states.clone(), mailbox.clone(), spec.shutdown.clone()));
    let mut threads = Vec::new();
    for (w, m) in models.into_iter().enumerate() {
        let (states, mailbox, shared, tx) = (states.clone(), mailbox.clone(), shared.clone(), emit_tx.clone());
        // Each worker's Burn work runs on a one-thread rayon pool of its own: flex's parallel
        // loops use the caller's pool, and workers, not threads inside one model, use the cores.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(8 << 20).thread_name(move |_| format!("plate-models-{w}")).build()?;
        let t = std::thread::Builder::new()
            .name(format!("plate-worker-{w}"))
            .spawn(move || {
                pool.install(move || {
                    let restarts = shared.metrics.analysis_worker_restarts.clone();
                    supervise(w, &shared.health, &restarts, || work(w, n_workers, &m, &shared, &states, &mailbox, &tx))
                })
            })
            .context("spawning a plate-model worker")?;
        threads.push(t);
    }
    drop(emit_tx);
    let emitter = tokio::spawn(emit(spec, emit_rx, events));
    Ok(AnalysisHandles { tasks: vec![fill, emitter], helpers: vec![closer, ticker], threads, modes: ModeBoard(Arc::new(board)), finish })
}

/// A stream taken from the mailbox, handed back when dropped: also when a panic unwinds the
/// worker, so the stream is not left held (and unanalysed) for good.
struct Taken<'a> {
    mailbox: &'a Mailbox,
    stream: usize,
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        self.mailbox.done(self.stream);
    }
}

/// Runs `f`, or counts its panic and returns nothing: a model or tracker panic must not take
/// the worker (and every camera) down.
fn guarded(shared: &Shared, stream: &str, what: &str, f: impl FnOnce() -> Vec<Emission>) -> Vec<Emission> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        shared.metrics.analysis_panics.inc();
        shared.health.panicked();
        tracing::error!(stream, what, "Plate analysis panicked; skipped.");
        Vec::new()
    })
}

/// A worker: takes the longest-waiting stream's work until the mailbox closes, then, once no
/// worker holds a stream any more, reads and emits the open tracks of its share of the streams.
fn work(w: usize, n: usize, models: &Models, shared: &Shared, states: &[Mutex<StreamAnalysis>], mailbox: &Mailbox, tx: &mpsc::Sender<Emission>) {
    while let Some((i, item)) = mailbox.take() {
        let taken = Taken { mailbox, stream: i };
        let emissions = {
            let mut st = lock(&states[i]);
            let id = st.identity.stream_id.clone();
            match item {
                Work::Frame(f) => guarded(shared, &id, "frame", || st.frame(models, shared, f)),
                Work::Expire => guarded(shared, &id, "expiry", || st.expire_quiet(models, shared)),
            }
        };
        drop(taken);
        for e in emissions {
            if tx.blocking_send(e).is_err() {
                return;
            }
        }
    }
    mailbox.wait_quiet();
    for st in states.iter().skip(w).step_by(n) {
        let mut st = lock(st);
        let id = st.identity.stream_id.clone();
        let emissions = guarded(shared, &id, "flush", || st.flush(models, shared));
        drop(st);
        for e in emissions {
            if tx.blocking_send(e).is_err() {
                return;
            }
        }
    }
}

/// Asks a worker to end the tracks of streams whose frames stopped coming.
async fn expire_quiet_streams(states: Arc<Vec<Mutex<StreamAnalysis>>>, mailbox: Arc<Mailbox>, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            _ = tick.tick() => {}
        }
        for (i, st) in states.iter().enumerate() {
            // A worker holding the lock is analysing it: not quiet.
            let quiet = st.try_lock().map(|s| s.tracks() > 0 && s.last_frame.elapsed() > IDLE_STREAM_GRACE).unwrap_or(false);
            if quiet && mailbox.is_idle(i) {
                mailbox.put(i, Work::Expire);
            }
        }
    }
}

/// Votes are in; joins GPS and emits one `PlateRead` per pass.
async fn emit(spec: AnalysisSpec, mut rx: mpsc::Receiver<Emission>, events: mpsc::Sender<ReadOut>) {
    let detector = spec.config.detector;
    while let Some(e) = rx.recv().await {
        let Some(read) = build_read(&e.identity, &e.track, e.vote, &spec.gps, spec.locations.get(&*e.identity.stream_id), detector) else { continue };
        spec.metrics.plate_reads.with_label_values(&[&e.identity.stream_id]).inc();
        spec.metrics.read_confidence.observe(f64::from(read.confidence));
        tracing::info!(
            stream = %e.identity.stream_id,
            plate = %read.plate,
            confidence = read.confidence,
            frames = read.frames,
            reads = read.reads,
            location = ?read.location_status,
            "Plate read."
        );
        if events.send(ReadOut { read, frame: e.track.best.frame.clone() }).await.is_err() {
            return;
        }
    }
}

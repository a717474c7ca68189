//! One plate-model worker: a thread with its own copy of the models and a one-thread rayon pool
//! (Burn's flex backend gains at most 1.13x from a second thread inside one model, so workers
//! take frames of their own instead). Per frame: detection (whole frame, or around tracked
//! plates), tracking, reading the tracks that end, and the camera's idle/active mode.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Instant, SystemTime};

use ingest::{DecodeMode, DecodedFrame, StreamHandle, StreamIdentity, YuvPicture};
use models::detect::{Detection, PlateDetectorOptions, WorkImage};
use models::grammar::CharCandidate;
use models::{FrameDetector, LumaImage, OcrOutcome, PlateOcr, Rect, RecognizerOptions, RgbImage};

use super::health::AnalysisHealth;
use super::mode::{Evidence, Mode, ModeMachine};
use crate::gps::GpsBuffer;
use crate::telemetry::{PipelineMetrics, StreamAnalysisMetrics};
use crate::track::{FinishedTrack, PassFilter, ReadPolicy, Sighting, TrackEvent, Tracker, TrackerConfig, Verdict, Vote};

/// A pass to emit: the stream, its read track and its vote.
pub struct Emission {
    /// The stream.
    pub identity: StreamIdentity,
    /// The track.
    pub track: FinishedTrack,
    /// Its vote.
    pub vote: Vote,
}

/// One worker's models. Boxed: the generated PP-OCR modules are ~90 KB structs, and moving them
/// around unoptimised code overflows a thread's stack.
pub struct Models {
    detector: Box<FrameDetector>,
    ocr: Box<PlateOcr>,
}

impl Models {
    /// Loads the detector and the reader onto the CPU.
    pub fn load(options: &RecognizerOptions) -> anyhow::Result<Box<Self>> {
        let dir = models::weights::default_dir();
        let device = models::Device::flex();
        let detector = Box::new(FrameDetector::load(&dir, &device, options)?);
        let ocr = Box::new(PlateOcr::load(&dir, &device)?);
        Ok(Box::new(Self { detector, ocr }))
    }
}

/// What per-stream analysis needs that is the same for every stream.
#[derive(Clone)]
pub struct Shared {
    /// Tracking settings.
    pub tracking: TrackerConfig,
    /// Reading settings.
    pub reading: ReadPolicy,
    /// Whole-frame search every this many frames while tracking.
    pub full_every: u32,
    /// GPS fixes, for moving cameras' speed.
    pub gps: Arc<GpsBuffer>,
    /// Metrics.
    pub metrics: PipelineMetrics,
    /// Worker liveness and recent panics, for `/readyz`.
    pub health: Arc<AnalysisHealth>,
}

/// One stream's analysis state: its tracker, its passes, its mode.
pub struct StreamAnalysis {
    /// The stream.
    pub identity: StreamIdentity,
    handle: Arc<StreamHandle>,
    tracker: Tracker,
    passes: PassFilter,
    /// Idle or active, and what wakes it.
    pub mode: ModeMachine,
    last_clock: Option<i64>,
    /// `last_clock` for readers outside the worker (benchmarks).
    clock_cell: Arc<AtomicI64>,
    /// When this stream's last frame was analysed (wall clock).
    pub last_frame: Instant,
    frames_since_full: u32,
    metrics: StreamAnalysisMetrics,
}

impl StreamAnalysis {
    /// State for a stream, starting active.
    pub fn new(identity: StreamIdentity, handle: Arc<StreamHandle>, shared: &Shared, mode: ModeMachine, clock_cell: Arc<AtomicI64>, first_id: u64) -> Self {
        let metrics = shared.metrics.stream(&identity.stream_id);
        Self {
            tracker: Tracker::new(shared.tracking.clone(), shared.reading, first_id).with_full_every(shared.full_every),
            identity,
            handle,
            passes: PassFilter::default(),
            mode,
            last_clock: None,
            clock_cell,
            last_frame: Instant::now(),
            frames_since_full: 0,
            metrics,
        }
    }

    /// Live tracks.
    pub fn tracks(&self) -> usize {
        self.tracker.active()
    }

    /// Analyses one frame; returns the passes to emit.
    pub fn frame(&mut self, models: &Models, shared: &Shared, frame: DecodedFrame) -> Vec<Emission> {
        let clock = frame.pts_90k / 90;
        let mut out = Vec::new();
        if self.last_clock.is_some_and(|prev| clock + 1000 < prev) {
            // The clock went back: a new session (reconnect, file loop). Its tracks are over.
            let events = self.tracker.flush(&mut reader(models, &self.metrics));
            self.judge(shared, events, &mut out);
            self.passes.reset();
        }
        self.last_clock = Some(clock);
        self.clock_cell.store(clock, Ordering::Relaxed);
        self.last_frame = Instant::now();
        let pic = &frame.picture;
        let Ok(luma) = LumaImage::new(pic.width(), pic.height(), pic.y().to_vec()) else { return out };
        // The plate detector's shrunk frame also feeds the motion measure.
        let work = match models.detector.as_ref() {
            FrameDetector::Plate(d) => Some(d.prepare(&luma)),
            FrameDetector::Text(_) => None,
        };
        let motion = match (&work, self.mode.wants_motion(clock)) {
            (_, false) => 0.0,
            (Some(w), true) => self.mode.motion(&w.image, w.factor),
            (None, true) => self.mode.motion(&luma, 1),
        };
        let detections = self.detect(models, shared, &frame, &luma, work.as_ref(), clock);
        self.metrics.analysis_latency.observe(since(frame.capture_time));
        self.metrics.frames_analysed.inc();
        self.metrics.plate_detections.inc_by(detections.len() as u64);
        let capture_ms = unix_ms(frame.capture_time);
        let sightings: Vec<Sighting> = detections
            .iter()
            .map(|d| Sighting {
                rect: d.rect,
                score: d.score,
                quality: quality(d, &luma),
                capture_ms,
                clock_ms: clock,
                pts_90k: frame.pts_90k,
                frame_size: (pic.width(), pic.height()),
                frame: Some(frame.picture.clone()),
            })
            .collect();
        let mut cut = |r: Rect| cut_crop(pic, r);
        let events = self.tracker.update(clock, sightings, &mut cut, &mut reader(models, &self.metrics));
        self.judge(shared, events, &mut out);
        let speed = (self.mode.mount() == super::mode::Mount::Moving).then(|| shared.gps.locate(&self.identity.device_id, capture_ms).0.and_then(|l| l.speed_kmh)).flatten();
        let evidence = Evidence { plates: self.tracker.awake_sightings(clock) > 0, tracking: self.tracker.awake_tracks() > 0, speed_kmh: speed };
        self.change_mode(clock, evidence, motion);
        out
    }

    fn detect(&mut self, models: &Models, shared: &Shared, frame: &DecodedFrame, luma: &LumaImage, work: Option<&WorkImage>, clock: i64) -> Vec<Detection> {
        let started = Instant::now();
        let pic = &frame.picture;
        let size = (pic.width(), pic.height());
        let result = match (models.detector.as_ref(), work) {
            (FrameDetector::Plate(d), Some(work)) => {
                let local = self.mode.mode() == Mode::Active && self.tracker.open_tracks() > 0 && self.frames_since_full + 1 < shared.full_every;
                let regions = if local { self.tracker.search_regions(clock, size) } else { Vec::new() };
                let area: f32 = regions.iter().map(Rect::area).sum();
                if local && area < 0.5 * (size.0 * size.1) as f32 {
                    self.frames_since_full += 1;
                    let r = d.detect(work, &regions);
                    self.metrics.local_detection.observe(started.elapsed().as_secs_f64());
                    r
                } else {
                    self.frames_since_full = 0;
                    let r = d.detect(work, &[Rect { x: 0.0, y: 0.0, w: size.0 as f32, h: size.1 as f32 }]);
                    self.metrics.full_detection.observe(started.elapsed().as_secs_f64());
                    r
                }
            }
            _ => {
                let r = models.detector.detect(luma, || RgbImage::new(size.0, size.1, pic.to_rgb8()));
                self.metrics.full_detection.observe(started.elapsed().as_secs_f64());
                r
            }
        };
        result.unwrap_or_else(|e| {
            tracing::error!(stream = %self.identity.stream_id, error = %e, "Plate detection failed.");
            Vec::new()
        })
    }

    fn change_mode(&mut self, clock: i64, evidence: Evidence, motion: f32) {
        let Some((mode, wake)) = self.mode.step(clock, evidence, motion) else { return };
        self.metrics.set_mode(mode);
        match wake {
            Some(reason) => {
                self.metrics.woke(reason);
                tracing::info!(stream = %self.identity.stream_id, reason = reason.as_str(), "Camera woke up.");
            }
            None => tracing::info!(stream = %self.identity.stream_id, "Camera idle: decoding keyframes only."),
        }
        self.handle.set_decode_mode(if mode == Mode::Idle { DecodeMode::Keyframes } else { DecodeMode::All });
    }

    /// Ends tracks by wall-clock time when the stream has gone quiet.
    pub fn expire_quiet(&mut self, models: &Models, shared: &Shared) -> Vec<Emission> {
        let Some(last) = self.last_clock else { return Vec::new() };
        let now = last + self.last_frame.elapsed().as_millis() as i64;
        let events = self.tracker.expire(now, &mut reader(models, &self.metrics));
        let mut out = Vec::new();
        self.judge(shared, events, &mut out);
        out
    }

    /// Ends and reads every track (shutdown).
    pub fn flush(&mut self, models: &Models, shared: &Shared) -> Vec<Emission> {
        let events = self.tracker.flush(&mut reader(models, &self.metrics));
        let mut out = Vec::new();
        self.judge(shared, events, &mut out);
        out
    }

    fn judge(&mut self, shared: &Shared, events: Vec<TrackEvent>, out: &mut Vec<Emission>) {
        let interval = self.tracker.interval_ms().unwrap_or(0.0);
        for e in events {
            match e {
                TrackEvent::Finished(t) => match self.passes.judge(&t, &shared.tracking, interval) {
                    Verdict::Emit(vote) => {
                        shared.metrics.ocr_runs_per_pass.observe(t.reader_runs as f64);
                        out.push(Emission { identity: self.identity.clone(), track: t, vote });
                    }
                    Verdict::Merged => self.metrics.passes_merged.inc(),
                    Verdict::Weak => self.metrics.dropped_weak.inc(),
                    Verdict::Unread => self.metrics.dropped_unread.inc(),
                },
                TrackEvent::Unread { .. } => self.metrics.dropped_unread.inc(),
                TrackEvent::Ended { track_id, last_clock } => self.passes.ended(track_id, last_clock),
            }
        }
    }
}

/// The reader for a stream: counts runs, time and grammar rejections.
fn reader<'a>(models: &'a Models, metrics: &'a StreamAnalysisMetrics) -> impl FnMut(&RgbImage, Rect) -> Option<(String, Vec<CharCandidate>)> + 'a {
    move |img, plate| {
        let started = Instant::now();
        let outcome = models.ocr.read(img, plate);
        metrics.ocr_seconds.observe(started.elapsed().as_secs_f64());
        metrics.ocr_runs.inc();
        match outcome {
            Ok(OcrOutcome::Plate { plate, chars, .. }) => Some((plate.as_str().to_string(), chars)),
            Ok(OcrOutcome::Rejected { .. }) => {
                metrics.plate_rejections.inc();
                None
            }
            Ok(OcrOutcome::NoText) => None,
            Err(e) => {
                tracing::warn!(error = %e, "Plate reading failed.");
                None
            }
        }
    }
}

/// The plate at `r` with margins, as RGB, and the plate's box in the crop.
fn cut_crop(pic: &YuvPicture, r: Rect) -> Option<(RgbImage, Rect)> {
    // A little wider than the reader looks (`PlateOcr::MARGIN`): the crop's edge is not text.
    let (mx, my) = models::PlateOcr::MARGIN;
    let outer = r.expand_clip(r.w * (mx + 0.05), r.h * (my + 0.1), pic.width(), pic.height());
    let (x0, y0) = (outer.x.floor() as u32, outer.y.floor() as u32);
    let (w, h) = ((outer.x1().ceil() as u32).saturating_sub(x0), (outer.y1().ceil() as u32).saturating_sub(y0));
    let w = w.min(pic.width() - x0.min(pic.width()));
    let h = h.min(pic.height() - y0.min(pic.height()));
    if w < 4 || h < 4 {
        return None;
    }
    let img = RgbImage::new(w, h, pic.crop_rgb8(x0, y0, w, h)).ok()?;
    Some((img, Rect { x: r.x - x0 as f32, y: r.y - y0 as f32, w: r.w, h: r.h }))
}

/// How good a crop a detection makes for reading: bigger (to ~160 px wide), sharper (Laplacian
/// energy relative to contrast) and surer is better; a plate cut by the frame edge is worst.
pub fn quality(d: &Detection, luma: &LumaImage) -> f32 {
    let r = d.rect;
    let size = (r.w / 160.0).min(1.0);
    let sharp = (luma.sharpness(r) / 400.0).min(1.0).max(0.05);
    // Within 15% of its size of the frame's side: the box may be too small, the plate cut.
    let (mx, my) = (0.15 * r.w + 1.0, 0.15 * r.h + 1.0);
    let edge = r.x <= mx || r.y <= my || r.x1() >= luma.width() as f32 - mx || r.y1() >= luma.height() as f32 - my;
    // A plate cut by the frame's edge reads as a wrong, shorter mark: never read it.
    if edge { 0.0 } else { d.score * size * sharp.sqrt() }
}

fn since(t: SystemTime) -> f64 {
    SystemTime::now().duration_since(t).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

/// Now, in milliseconds since the Unix epoch.
pub fn unix_now_ms() -> i64 {
    unix_ms(SystemTime::now())
}

/// Milliseconds since the Unix epoch.
pub fn unix_ms(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// The default detector settings for a config.
pub fn recognizer_options(config: &super::AnalysisConfig) -> RecognizerOptions {
    let [input_width, input_height] = config.detector_input;
    RecognizerOptions {
        detector: config.detector,
        plate: PlateDetectorOptions::default(),
        text: models::detect::DetectorOptions { input_width, input_height, ..Default::default() },
    }
}

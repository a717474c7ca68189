use models::DetectorKind;
use serde::Deserialize;

use crate::track::{OcrMode, ReadPolicy};

/// The analysis stage (`[analysis]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisConfig {
    /// Decoded frames in flight from the decoders to the analysis mailbox, across all streams.
    /// When full, a decoder drops the frame it just decoded and counts it
    /// (`fleetsight_frames_dropped_total{reason="analysis_behind"}`). Past this queue each stream
    /// has a mailbox slot of its two newest frames, where a newer frame pushes out the oldest
    /// waiting one (counted the same way): live video is worth more fresh than complete.
    #[serde(default = "default_queue")]
    pub queue: usize,
    /// Run plate detection and OCR. `false` only decodes (for ingest-only nodes and tests).
    #[serde(default = "default_true")]
    pub plates: bool,
    /// Which detector finds plates: `plate` (the project's plate detector on luma, ~10 ms per
    /// 720p frame on one core) or `text` (PP-OCRv4's text detector on the whole frame, ~30x
    /// slower; for comparison).
    #[serde(default, deserialize_with = "detector_kind")]
    pub detector: DetectorKind,
    /// Plate-model worker threads; 0 means one per CPU core. Burn's CPU backend gains little from
    /// a second thread inside one model, so workers each take a frame of their own.
    #[serde(default)]
    pub workers: usize,
    /// The text detector's input `[width, height]` (multiples of 32), for `detector = "text"`.
    #[serde(default = "default_detector_input")]
    pub detector_input: [usize; 2],
    /// While plates are tracked, the whole frame is searched every this many frames; the frames
    /// in between are searched only around the tracked plates' predicted positions. 1 searches
    /// every frame whole.
    #[serde(default = "default_full_every")]
    pub full_detection_every: u32,
    /// When the reader runs: `per_track` (the best few crops of each pass) or `every_frame`.
    #[serde(default)]
    pub ocr: OcrMode,
    /// Reader runs per pass while the reads are unsure; a pass whose reads agree stops earlier.
    #[serde(default = "default_reads")]
    pub reads_per_pass: u32,
    /// At most this many reader runs per pass, however unsure.
    #[serde(default = "default_max_reads")]
    pub max_reads_per_pass: u32,
    /// A camera that has shown no plate for this long goes idle: keyframes only are decoded and
    /// analysed until something wakes it (motion on a fixed camera, GPS speed on a moving one,
    /// a plate in a keyframe). 0 keeps every camera active.
    #[serde(default = "default_idle_after")]
    pub idle_after_secs: f64,
    /// Share of a fixed camera's picture that must change between keyframes to wake it.
    #[serde(default = "default_motion")]
    pub motion_threshold: f32,
    /// GPS speed above which a moving camera is woken (and kept awake), km/h.
    #[serde(default = "default_wake_speed")]
    pub wake_speed_kmh: f64,
}

/// `detector = "plate" | "text"`, by the models' own names.
fn detector_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DetectorKind, D::Error> {
    String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
}

const fn default_detector_input() -> [usize; 2] {
    [1280, 736]
}
const fn default_queue() -> usize {
    64
}
const fn default_true() -> bool {
    true
}
const fn default_full_every() -> u32 {
    3
}
const fn default_reads() -> u32 {
    3
}
const fn default_max_reads() -> u32 {
    5
}
const fn default_idle_after() -> f64 {
    10.0
}
const fn default_motion() -> f32 {
    0.002
}
const fn default_wake_speed() -> f64 {
    3.0
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            queue: default_queue(),
            plates: true,
            detector: DetectorKind::Plate,
            workers: 0,
            detector_input: default_detector_input(),
            full_detection_every: default_full_every(),
            ocr: OcrMode::default(),
            reads_per_pass: default_reads(),
            max_reads_per_pass: default_max_reads(),
            idle_after_secs: default_idle_after(),
            motion_threshold: default_motion(),
            wake_speed_kmh: default_wake_speed(),
        }
    }
}

impl AnalysisConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.queue == 0 || self.queue > 100_000 {
            return Err(format!("queue: must be between 1 and 100000, got {}", self.queue));
        }
        if self.workers > 256 {
            return Err(format!("workers: at most 256, got {}", self.workers));
        }
        let [w, h] = self.detector_input;
        if w == 0 || h == 0 || w % 32 != 0 || h % 32 != 0 || w > 4096 || h > 4096 {
            return Err(format!("detector_input: [{w}, {h}] must be positive multiples of 32, at most 4096"));
        }
        if self.full_detection_every == 0 || self.full_detection_every > 100 {
            return Err(format!("full_detection_every: must be between 1 and 100, got {}", self.full_detection_every));
        }
        if self.reads_per_pass == 0 || self.max_reads_per_pass < self.reads_per_pass || self.max_reads_per_pass > 50 {
            return Err(format!(
                "reads_per_pass, max_reads_per_pass: need 1 <= reads_per_pass <= max_reads_per_pass <= 50, got {} and {}",
                self.reads_per_pass, self.max_reads_per_pass
            ));
        }
        if !(0.0..=86_400.0).contains(&self.idle_after_secs) {
            return Err(format!("idle_after_secs: must be between 0 (never idle) and 86400, got {}", self.idle_after_secs));
        }
        if !(self.motion_threshold > 0.0 && self.motion_threshold <= 1.0) {
            return Err(format!("motion_threshold: must be in (0, 1], got {}", self.motion_threshold));
        }
        if !(0.0..=300.0).contains(&self.wake_speed_kmh) {
            return Err(format!("wake_speed_kmh: must be in [0, 300], got {}", self.wake_speed_kmh));
        }
        Ok(())
    }

    /// Worker threads to run: the configured number, or one per core.
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 { self.workers } else { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) }
    }

    /// How much reading each pass gets.
    pub fn read_policy(&self) -> ReadPolicy {
        ReadPolicy { mode: self.ocr, reads_per_pass: self.reads_per_pass, max_reads_per_pass: self.max_reads_per_pass }
    }
}

/// A fixed camera's location.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaticLocation {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Direction the camera faces, degrees from north.
    #[serde(default)]
    pub heading_deg: Option<f64>,
}

impl StaticLocation {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if !(-90.0..=90.0).contains(&self.lat) {
            return Err(format!("lat: {} is not a latitude", self.lat));
        }
        if !(-180.0..=180.0).contains(&self.lon) {
            return Err(format!("lon: {} is not a longitude", self.lon));
        }
        Ok(())
    }
}

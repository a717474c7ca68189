use serde::Deserialize;

/// The analysis stage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisConfig {
    /// Decoded frames that may wait for analysis, across all streams. When full, the newest
    /// frame is dropped and counted (`fleetsight_frames_dropped_total{reason="analysis_behind"}`):
    /// live video is worth more fresh than complete.
    #[serde(default = "default_queue")]
    pub queue: usize,
    /// Run plate detection and OCR. `false` only decodes (for ingest-only nodes and tests).
    #[serde(default = "default_true")]
    pub plates: bool,
    /// Most frames per detector batch (frames of several streams go into one batch).
    #[serde(default = "default_batch_size")]
    pub batch_size: usize,
    /// How long a batch waits to fill before it runs anyway, milliseconds.
    #[serde(default = "default_batch_deadline_ms")]
    pub batch_deadline_ms: u64,
    /// Detector input `[width, height]` (multiples of 32). Frames are scaled to fit keeping
    /// aspect. The default, 720p at native size, reads plates down to ~80 px wide; 960x544 is
    /// ~1.8x faster but misses small plates (measured: 74% vs 96% exact on 80-110 px plates).
    #[serde(default = "default_detector_input")]
    pub detector_input: [usize; 2],
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
const fn default_batch_size() -> usize {
    4
}
const fn default_batch_deadline_ms() -> u64 {
    50
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            queue: default_queue(),
            plates: true,
            batch_size: default_batch_size(),
            batch_deadline_ms: default_batch_deadline_ms(),
            detector_input: default_detector_input(),
        }
    }
}

impl AnalysisConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.queue == 0 || self.queue > 100_000 {
            return Err(format!("queue: must be between 1 and 100000, got {}", self.queue));
        }
        if self.batch_size == 0 || self.batch_size > 64 {
            return Err(format!("batch_size: must be between 1 and 64, got {}", self.batch_size));
        }
        let [w, h] = self.detector_input;
        if w == 0 || h == 0 || w % 32 != 0 || h % 32 != 0 || w > 4096 || h > 4096 {
            return Err(format!("detector_input: [{w}, {h}] must be positive multiples of 32, at most 4096"));
        }
        if self.batch_deadline_ms > 10_000 {
            return Err(format!("batch_deadline_ms: at most 10000, got {}", self.batch_deadline_ms));
        }
        Ok(())
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

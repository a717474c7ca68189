use std::path::PathBuf;

use serde::Deserialize;

/// A video file used as a stream.
///
/// ```toml
/// file = { path = "clips/plate720_base.264", pace = "realtime", loop = true }
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSourceConfig {
    /// A `.264`/`.h264` Annex-B elementary stream or an `.mp4` file.
    pub path: PathBuf,
    /// How fast the file is read.
    #[serde(default)]
    pub pace: Pace,
    /// Start again at the end (timestamps keep increasing).
    #[serde(default, rename = "loop")]
    pub looping: bool,
    /// Frame rate of a `.264` file, which carries no timestamps. Ignored for `.mp4`.
    #[serde(default = "default_fps")]
    pub fps: f64,
}

const fn default_fps() -> f64 {
    25.0
}

/// Reading speed of a file source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    /// As a camera would send it: one frame per frame interval.
    #[default]
    Realtime,
    /// As fast as the decoder takes it (never dropping): offline analysis of a clip.
    Fast,
}

impl FileSourceConfig {
    /// Checks the values without touching the file system. The message names the field.
    pub fn validate(&self) -> Result<(), String> {
        let ext = self.path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if !matches!(ext.as_str(), "264" | "h264" | "mp4") {
            return Err(format!("path: `{}` must end in .264, .h264 or .mp4", self.path.display()));
        }
        if !self.fps.is_finite() || self.fps <= 0.0 || self.fps > 240.0 {
            return Err(format!("fps: must be in (0, 240], got {}", self.fps));
        }
        Ok(())
    }
}

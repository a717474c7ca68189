use ingest::sampling::SamplingConfig;
use ingest::source::file::FileSourceConfig;
use ingest::source::rtsp::RtspSourceConfig;
use serde::Deserialize;

use crate::analysis::{Mount, StaticLocation};

/// One camera stream (or a file played as one).
///
/// ```toml
/// [[streams]]
/// id = "bus-101-front"      # unique; the `stream` label in metrics
/// device_id = "bus-101"     # the MDVR
/// channel = 1               # camera channel on the MDVR
/// max_fps = 5.0             # analysis rate; 0 = every frame
/// rtsp = { url = "rtsp://10.0.0.5:554/ch1", username = "admin", password = "secret" }
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamConfig {
    /// Unique stream id: letters, digits, `.`, `_`, `-`; at most 64 characters.
    pub id: String,
    /// The device (MDVR) this stream belongs to.
    pub device_id: String,
    /// The camera channel on the device.
    #[serde(default)]
    pub channel: u16,
    /// Maximum analysis rate in frames per second; 0 analyses every decoded frame.
    #[serde(default)]
    pub max_fps: f64,
    /// Decode only keyframes.
    #[serde(default)]
    pub keyframes_only: bool,
    /// Run plate analysis on this stream (when `[analysis] plates` is on). The models are shared
    /// by all streams: on small machines, choose the cameras that matter.
    #[serde(default = "default_true")]
    pub plates: bool,
    /// A live RTSP source. Exactly one of `rtsp` and `file`.
    #[serde(default)]
    pub rtsp: Option<RtspSourceConfig>,
    /// A file source. Exactly one of `rtsp` and `file`.
    #[serde(default)]
    pub file: Option<FileSourceConfig>,
    /// For a fixed camera: where it is. Moving cameras get their location from GPS fixes.
    #[serde(default)]
    pub location: Option<StaticLocation>,
    /// `fixed` or `moving`: what wakes the camera from idle (motion in the picture, or the
    /// vehicle's GPS speed). Default: `fixed` when `location` is set, else `moving`.
    #[serde(default)]
    pub mount: Option<Mount>,
}

const fn default_true() -> bool {
    true
}

/// The source of a stream, once validated.
#[derive(Debug, Clone)]
pub enum SourceConfig<'a> {
    /// Live RTSP.
    Rtsp(&'a RtspSourceConfig),
    /// A file.
    File(&'a FileSourceConfig),
}

impl StreamConfig {
    /// How the camera is mounted.
    pub fn mount(&self) -> Mount {
        self.mount.unwrap_or(if self.location.is_some() { Mount::Fixed } else { Mount::Moving })
    }

    /// The sampling settings.
    pub fn sampling(&self) -> SamplingConfig {
        SamplingConfig { max_fps: self.max_fps, keyframes_only: self.keyframes_only }
    }

    /// The source; `None` only for an invalid config (see [`StreamConfig::validate`]).
    pub fn source(&self) -> Option<SourceConfig<'_>> {
        match (&self.rtsp, &self.file) {
            (Some(r), None) => Some(SourceConfig::Rtsp(r)),
            (None, Some(f)) => Some(SourceConfig::File(f)),
            _ => None,
        }
    }

    /// Problems, each as `field: message` relative to this stream.
    pub fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self.id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !id_ok {
            p.push(format!("id: `{}` must be 1-64 characters of letters, digits, `.`, `_`, `-`", self.id));
        }
        if self.device_id.trim().is_empty() {
            p.push("device_id: must not be empty".into());
        }
        if let Err(e) = self.sampling().validate() {
            p.push(e);
        }
        if let Some(Err(e)) = self.location.as_ref().map(StaticLocation::validate) {
            p.push(format!("location.{e}"));
        }
        match (&self.rtsp, &self.file) {
            (Some(r), None) => {
                if let Err(e) = r.validate() {
                    p.push(format!("rtsp.{e}"));
                }
            }
            (None, Some(f)) => {
                if let Err(e) = f.validate() {
                    p.push(format!("file.{e}"));
                }
            }
            (Some(_), Some(_)) => p.push("rtsp: set either `rtsp` or `file`, not both".into()),
            (None, None) => p.push("rtsp: a source is required: set `rtsp` or `file`".into()),
        }
        p
    }
}

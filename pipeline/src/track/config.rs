use serde::Deserialize;

/// Tracking and emission settings (`[tracking]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerConfig {
    /// A detection continues a track when their boxes overlap at least this much (IoU).
    #[serde(default = "default_iou")]
    pub iou_match: f32,
    /// ... or when its centre is within this many plate widths of where the track was predicted
    /// to be (its last position, moved by its velocity), growing by two widths per second since
    /// the track was last seen: a passing plate moves more than its width between frames.
    #[serde(default = "default_jump")]
    pub max_jump_widths: f32,
    /// A track not seen for this long (stream time) has ended: the vehicle has passed. Stretched
    /// to 2.5 analysed-frame intervals when the stream's frames are analysed further apart; cut
    /// short once the plate's motion has carried it out of the picture.
    #[serde(default = "default_timeout")]
    pub track_timeout_secs: f64,
    /// A read is emitted at the latest this long after the track started, even if the vehicle
    /// is still in view (a bus stopped behind a car); the pass still yields one read only.
    #[serde(default = "default_max_delay")]
    pub max_delay_secs: f64,
    /// A pass seen in fewer analysed frames is emitted only if its read is at least
    /// `single_frame_confidence` sure: one frame is little evidence against a misread sign.
    #[serde(default = "default_min_frames")]
    pub min_frames: u32,
    /// The weakest character confidence a pass seen in too few frames needs to be emitted.
    #[serde(default = "default_single_confidence")]
    pub single_frame_confidence: f32,
    /// A track that reads as the plate of a pass emitted from this stream at most this long
    /// ago (between the last sighting of one and the first of the other; at least two analysed
    /// frames) is the same pass, split by missed detections: it is not emitted again.
    #[serde(default = "default_rejoin")]
    pub rejoin_secs: f64,
}

const fn default_iou() -> f32 {
    0.1
}
const fn default_jump() -> f32 {
    2.5
}
const fn default_timeout() -> f64 {
    3.0
}
const fn default_max_delay() -> f64 {
    10.0
}
const fn default_min_frames() -> u32 {
    2
}
const fn default_single_confidence() -> f32 {
    0.9
}
const fn default_rejoin() -> f64 {
    3.0
}

impl Default for TrackerConfig {
    fn default() -> Self {
        Self {
            iou_match: default_iou(),
            max_jump_widths: default_jump(),
            track_timeout_secs: default_timeout(),
            max_delay_secs: default_max_delay(),
            min_frames: default_min_frames(),
            single_frame_confidence: default_single_confidence(),
            rejoin_secs: default_rejoin(),
        }
    }
}

impl TrackerConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.iou_match > 0.0 && self.iou_match <= 1.0) {
            return Err(format!("iou_match: must be in (0, 1], got {}", self.iou_match));
        }
        if !(0.0..=20.0).contains(&self.max_jump_widths) {
            return Err(format!("max_jump_widths: must be in [0, 20], got {}", self.max_jump_widths));
        }
        if !(self.track_timeout_secs > 0.0 && self.track_timeout_secs <= 600.0) {
            return Err(format!("track_timeout_secs: must be in (0, 600], got {}", self.track_timeout_secs));
        }
        if !(self.max_delay_secs >= self.track_timeout_secs && self.max_delay_secs <= 3600.0) {
            return Err(format!("max_delay_secs: must be between track_timeout_secs and 3600, got {}", self.max_delay_secs));
        }
        if !(0.0..=1.0).contains(&self.single_frame_confidence) {
            return Err(format!("single_frame_confidence: must be in [0, 1], got {}", self.single_frame_confidence));
        }
        if !(0.0..=600.0).contains(&self.rejoin_secs) {
            return Err(format!("rejoin_secs: must be in [0, 600], got {}", self.rejoin_secs));
        }
        Ok(())
    }
}

//! Per-stream sampling: how many decoded frames per second go on to analysis, and whether only
//! keyframes are decoded at all.

use serde::Deserialize;

/// How a stream is sampled for analysis.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplingConfig {
    /// Maximum analysis rate in frames per second; `0` means every decoded frame.
    #[serde(default)]
    pub max_fps: f64,
    /// Decode only IDR frames (one per GOP). Cuts decode CPU by roughly the GOP length, at the
    /// price of a much lower analysis rate: the usual lever for many streams on few cores.
    #[serde(default)]
    pub keyframes_only: bool,
}

impl Default for SamplingConfig {
    fn default() -> Self {
        Self { max_fps: 0.0, keyframes_only: false }
    }
}

impl SamplingConfig {
    /// Checks the values; the message names the offending field.
    pub fn validate(&self) -> Result<(), String> {
        if !self.max_fps.is_finite() || self.max_fps < 0.0 || self.max_fps > 240.0 {
            return Err(format!("max_fps: must be between 0 (no limit) and 240, got {}", self.max_fps));
        }
        Ok(())
    }
}

/// Decides, frame by frame, which decoded frames go on to analysis.
///
/// Works on presentation timestamps, not arrival times, so bursts after a network hiccup do not
/// distort the rate. A PTS that jumps backwards (a new session, a camera that lies) resets it.
///
/// ```
/// # use ingest::sampling::{Sampler, SamplingConfig};
/// let mut s = Sampler::new(SamplingConfig { max_fps: 5.0, keyframes_only: false });
/// // 25 fps input, 90 kHz ticks: 3600 ticks per frame; 5 of every 25 frames pass.
/// let passed = (0..25).filter(|i| s.accept(i * 3600)).count();
/// assert_eq!(passed, 5);
/// ```
#[derive(Debug)]
pub struct Sampler {
    interval_90k: i64,
    next_due: Option<i64>,
}

impl Sampler {
    /// A sampler for `config`.
    pub fn new(config: SamplingConfig) -> Self {
        let interval_90k = if config.max_fps > 0.0 { (90_000.0 / config.max_fps).round() as i64 } else { 0 };
        Self { interval_90k, next_due: None }
    }

    /// True if the frame at `pts_90k` should be analysed.
    pub fn accept(&mut self, pts_90k: i64) -> bool {
        if self.interval_90k == 0 {
            return true;
        }
        match self.next_due {
            Some(due) if pts_90k < due && pts_90k >= due - 2 * self.interval_90k => false,
            _ => {
                // Schedule from the due time rather than the frame, so the long-run rate is exact;
                // resync if we fell far behind or time went backwards.
                let base = match self.next_due {
                    Some(due) if pts_90k >= due && pts_90k < due + self.interval_90k => due,
                    _ => pts_90k,
                };
                self.next_due = Some(base + self.interval_90k);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_passes_everything() {
        let mut s = Sampler::new(SamplingConfig::default());
        assert!((0..100).all(|i| s.accept(i * 3600)));
    }

    #[test]
    fn rate_holds_over_time_and_survives_backward_jump() {
        let mut s = Sampler::new(SamplingConfig { max_fps: 2.0, keyframes_only: false });
        let n = (0..250).filter(|i| s.accept(i * 3600)).count();
        assert_eq!(n, 20); // 10 s of 25 fps at 2 fps
        assert!(s.accept(0), "a new session restarting PTS at 0 is sampled at once");
    }

    #[test]
    fn validation_names_the_field() {
        let err = SamplingConfig { max_fps: -1.0, keyframes_only: false }.validate().unwrap_err();
        assert!(err.starts_with("max_fps"));
    }
}

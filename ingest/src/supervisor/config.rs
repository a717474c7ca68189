use std::time::Duration;

use serde::Deserialize;

use crate::decode::DecodeConfig;

/// How a stream is supervised. All durations are in seconds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisorConfig {
    /// Give up on connecting (DESCRIBE/SETUP/PLAY) after this long.
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_secs: f64,
    /// With no data for this long the stream is `stalled` (still connected, still waiting).
    #[serde(default = "default_stall_timeout")]
    pub stall_timeout_secs: f64,
    /// With no data for this long the session is declared dead and reconnected. This is what
    /// catches a half-open TCP connection after a silent cellular drop.
    #[serde(default = "default_read_timeout")]
    pub read_timeout_secs: f64,
    /// First reconnect delay.
    #[serde(default = "default_backoff_initial")]
    pub backoff_initial_secs: f64,
    /// Cap on the reconnect delay.
    #[serde(default = "default_backoff_max")]
    pub backoff_max_secs: f64,
    /// How long an `unsupported` stream (for example B-frames) waits before checking again
    /// whether the camera's configuration changed.
    #[serde(default = "default_unsupported_retry")]
    pub unsupported_retry_secs: f64,
    /// Access units that may wait for the decoder. When full, live streams drop until the next
    /// IDR (never single P-frames, which would corrupt every frame up to the next IDR).
    #[serde(default = "default_decode_queue")]
    pub decode_queue: usize,
    /// Where streams decode (a child process per stream by default) and when a stream whose
    /// decoder keeps crashing is quarantined.
    #[serde(default)]
    pub decode: DecodeConfig,
}

const fn default_connect_timeout() -> f64 {
    10.0
}
const fn default_stall_timeout() -> f64 {
    3.0
}
const fn default_read_timeout() -> f64 {
    10.0
}
const fn default_backoff_initial() -> f64 {
    0.5
}
const fn default_backoff_max() -> f64 {
    // A camera back from a long outage is read again within this (plus a connect and a GOP):
    // the chaos run's outages hold the first frame to 15 s after the camera returns.
    10.0
}
const fn default_unsupported_retry() -> f64 {
    300.0
}
const fn default_decode_queue() -> usize {
    // Two seconds of 25 fps video: rides out a scheduling hiccup, bounds memory to ~2 GOPs.
    50
}

impl Default for SupervisorConfig {
    fn default() -> Self {
        Self {
            connect_timeout_secs: default_connect_timeout(),
            stall_timeout_secs: default_stall_timeout(),
            read_timeout_secs: default_read_timeout(),
            backoff_initial_secs: default_backoff_initial(),
            backoff_max_secs: default_backoff_max(),
            unsupported_retry_secs: default_unsupported_retry(),
            decode_queue: default_decode_queue(),
            decode: DecodeConfig::default(),
        }
    }
}

impl SupervisorConfig {
    /// Checks the values without I/O; the message names the offending field.
    pub fn validate(&self) -> Result<(), String> {
        let positive = [
            ("connect_timeout_secs", self.connect_timeout_secs),
            ("stall_timeout_secs", self.stall_timeout_secs),
            ("read_timeout_secs", self.read_timeout_secs),
            ("backoff_initial_secs", self.backoff_initial_secs),
            ("backoff_max_secs", self.backoff_max_secs),
            ("unsupported_retry_secs", self.unsupported_retry_secs),
        ];
        for (name, v) in positive {
            if !v.is_finite() || v <= 0.0 || v > 86_400.0 {
                return Err(format!("{name}: must be a number of seconds in (0, 86400], got {v}"));
            }
        }
        if self.read_timeout_secs < self.stall_timeout_secs {
            return Err(format!(
                "read_timeout_secs: must be at least stall_timeout_secs ({}), got {}",
                self.stall_timeout_secs, self.read_timeout_secs
            ));
        }
        if self.backoff_max_secs < self.backoff_initial_secs {
            return Err(format!(
                "backoff_max_secs: must be at least backoff_initial_secs ({}), got {}",
                self.backoff_initial_secs, self.backoff_max_secs
            ));
        }
        if self.decode_queue == 0 || self.decode_queue > 10_000 {
            return Err(format!("decode_queue: must be between 1 and 10000, got {}", self.decode_queue));
        }
        self.decode.validate().map_err(|e| format!("decode.{e}"))
    }

    pub(crate) fn dur(secs: f64) -> Duration {
        Duration::from_secs_f64(secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        SupervisorConfig::default().validate().unwrap();
    }

    #[test]
    fn read_timeout_below_stall_timeout_is_rejected() {
        let c = SupervisorConfig { read_timeout_secs: 1.0, ..Default::default() };
        assert!(c.validate().unwrap_err().starts_with("read_timeout_secs"));
    }
}

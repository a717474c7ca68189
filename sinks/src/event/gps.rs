use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One GPS fix from a device (over `POST /v1/gps`, a Kafka topic, or a replay file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GpsFix {
    /// The device (MDVR) the fix belongs to.
    pub device_id: String,
    /// When the fix was taken, Unix milliseconds (UTC).
    pub time_ms: i64,
    /// Latitude, degrees (WGS84).
    pub lat: f64,
    /// Longitude, degrees (WGS84).
    pub lon: f64,
    /// Course over ground, degrees clockwise from true north, if known.
    #[serde(default)]
    pub heading_deg: Option<f64>,
    /// Speed over ground, km/h, if known.
    #[serde(default)]
    pub speed_kmh: Option<f64>,
}

/// The last millisecond of year 9999, Unix ms: the latest `time_ms` a fix may carry.
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

impl GpsFix {
    /// Checks ranges; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.device_id.trim().is_empty() {
            return Err("device_id: must not be empty".into());
        }
        // Bounded so that time arithmetic on fixes (interpolation, ages) cannot overflow.
        if !(0..=MAX_TIME_MS).contains(&self.time_ms) {
            return Err(format!("time_ms: {} is not a time between 1970 and 9999", self.time_ms));
        }
        if !(-90.0..=90.0).contains(&self.lat) || !self.lat.is_finite() {
            return Err(format!("lat: {} is not a latitude", self.lat));
        }
        if !(-180.0..=180.0).contains(&self.lon) || !self.lon.is_finite() {
            return Err(format!("lon: {} is not a longitude", self.lon));
        }
        if let Some(s) = self.speed_kmh {
            if !(0.0..=400.0).contains(&s) {
                return Err(format!("speed_kmh: {s} is out of range"));
            }
        }
        Ok(())
    }
}

/// Where a plate was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Latitude, degrees (WGS84).
    pub lat: f64,
    /// Longitude, degrees (WGS84).
    pub lon: f64,
    /// Heading of the camera's vehicle, degrees from north, if known.
    pub heading_deg: Option<f64>,
    /// Speed of the camera's vehicle, km/h, if known.
    pub speed_kmh: Option<f64>,
    /// Distance in time from the capture to the nearest fix used, milliseconds (0 for a fixed
    /// camera's configured location).
    pub fix_age_ms: i64,
}

/// How the location of an event was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocationStatus {
    /// Interpolated between two fixes around the capture time.
    Interpolated,
    /// The nearest fix, within the allowed age (no fix on the other side).
    Nearest,
    /// A fixed camera's location from config.
    Static,
    /// No fix near enough in time: `location` is absent.
    NoFix,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_outside_1970_to_9999_are_refused() {
        let fix = |time_ms| GpsFix { device_id: "d".into(), time_ms, lat: 0.0, lon: 0.0, heading_deg: None, speed_kmh: None };
        assert_eq!(fix(0).validate(), Ok(()));
        assert_eq!(fix(MAX_TIME_MS).validate(), Ok(()));
        // The fuzzer's fix at 4.1e18 ms made the GPS buffer's time differences overflow.
        for t in [-1, MAX_TIME_MS + 1, 4_123_389_851_770_370_361, i64::MIN] {
            assert!(fix(t).validate().unwrap_err().starts_with("time_ms"), "{t}");
        }
    }
}

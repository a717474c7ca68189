use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;
use sinks::event::{GpsFix, Location, LocationStatus};

/// How fixes are kept and joined.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpsConfig {
    /// Fixes kept per device (oldest dropped first). At 1 Hz, 600 is ten minutes.
    #[serde(default = "default_keep")]
    pub keep_per_device: usize,
    /// Devices fixes are kept for, besides the configured streams' devices (never refused): a
    /// fix of a new device past this many is refused (counted; `POST /v1/gps` answers 429), so
    /// fixes of unknown device ids cannot grow the buffer without bound.
    #[serde(default = "default_max_devices")]
    pub max_devices: usize,
    /// Interpolate between two fixes only if they are at most this far apart in time.
    #[serde(default = "default_gap")]
    pub max_interpolation_gap_secs: f64,
    /// Otherwise use the nearest fix if it is at most this far from the capture time; else the
    /// event says `no_fix`.
    #[serde(default = "default_age")]
    pub max_fix_age_secs: f64,
    /// Replay files to load at start: `.csv` (`device_id,time_ms,lat,lon[,heading_deg,speed_kmh]`)
    /// or `.nmea` (RMC sentences; the device is the file's `device_id`).
    #[serde(default)]
    pub replay: Vec<ReplayFile>,
    /// Read fixes from this Kafka topic too (needs `[kafka]` for the brokers), e.g.
    /// `"fleetsight.gps.v1"`; JSON `GpsFix` values.
    #[serde(default)]
    pub kafka_topic: Option<String>,
}

/// A GPS replay file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayFile {
    /// The file.
    pub path: std::path::PathBuf,
    /// For NMEA files, which carry no device id.
    #[serde(default)]
    pub device_id: Option<String>,
}

const fn default_keep() -> usize {
    600
}
const fn default_max_devices() -> usize {
    10_000
}
const fn default_gap() -> f64 {
    10.0
}
const fn default_age() -> f64 {
    5.0
}

impl Default for GpsConfig {
    fn default() -> Self {
        Self {
            keep_per_device: default_keep(),
            max_devices: default_max_devices(),
            max_interpolation_gap_secs: default_gap(),
            max_fix_age_secs: default_age(),
            replay: Vec::new(),
            kafka_topic: None,
        }
    }
}

impl GpsConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.keep_per_device == 0 || self.keep_per_device > 1_000_000 {
            return Err(format!("keep_per_device: must be in 1..=1000000, got {}", self.keep_per_device));
        }
        if self.max_devices == 0 || self.max_devices > 1_000_000 {
            return Err(format!("max_devices: must be in 1..=1000000, got {}", self.max_devices));
        }
        for (n, v) in [("max_interpolation_gap_secs", self.max_interpolation_gap_secs), ("max_fix_age_secs", self.max_fix_age_secs)] {
            if !(v.is_finite() && v > 0.0 && v <= 3600.0) {
                return Err(format!("{n}: must be in (0, 3600], got {v}"));
            }
        }
        for (i, r) in self.replay.iter().enumerate() {
            let ext = r.path.extension().and_then(|e| e.to_str()).unwrap_or("");
            match ext {
                "csv" => {}
                "nmea" | "txt" if r.device_id.is_some() => {}
                "nmea" | "txt" => return Err(format!("replay[{i}].device_id: required for NMEA files")),
                _ => return Err(format!("replay[{i}].path: must end in .csv or .nmea")),
            }
        }
        Ok(())
    }
}

/// Called with every fix inserted (analysis wakes idle moving cameras with it).
pub type FixListener = Box<dyn Fn(&GpsFix) + Send + Sync>;

/// A fix the buffer would not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Its device is new and `max_devices` other devices already have fixes.
    #[error("device `{device}` is refused: fixes of {max} devices are kept (gps.max_devices)")]
    DeviceLimit {
        /// The fix's index in the batch.
        index: usize,
        /// Its device.
        device: String,
        /// `gps.max_devices`.
        max: usize,
    },
}

impl Refused {
    /// The metric's `reason` label.
    pub fn reason(&self) -> &'static str {
        match self {
            Refused::DeviceLimit { .. } => "device_limit",
        }
    }
}

/// Recent fixes per device; answers "where was device D at time t".
pub struct GpsBuffer {
    config: GpsConfig,
    devices: Mutex<HashMap<String, VecDeque<GpsFix>>>,
    /// The configured streams' devices: never refused, not counted against `max_devices`.
    reserved: HashSet<String>,
    listener: OnceLock<FixListener>,
}

fn lerp_angle(a: f64, b: f64, f: f64) -> f64 {
    let d = ((b - a + 540.0) % 360.0) - 180.0;
    (a + d * f).rem_euclid(360.0)
}

impl GpsBuffer {
    /// An empty buffer.
    pub fn new(config: GpsConfig) -> Self {
        Self { config, devices: Mutex::new(HashMap::new()), reserved: HashSet::new(), listener: OnceLock::new() }
    }

    /// Reserves room for `devices` (the configured streams'): their fixes are always taken.
    pub fn reserving(mut self, devices: impl IntoIterator<Item = String>) -> Self {
        self.reserved.extend(devices);
        self
    }

    /// Sets the listener told of every new fix (once; later calls are ignored).
    pub fn set_listener(&self, listener: FixListener) {
        let _ = self.listener.set(listener);
    }

    /// Adds a fix (any order; kept sorted by time, bounded per device), unless its device is
    /// new and the buffer is full of other devices.
    pub fn insert(&self, fix: GpsFix) -> Result<(), Refused> {
        self.insert_all(vec![fix])
    }

    /// Adds every fix, or none if one is refused (the first refused is named).
    pub fn insert_all(&self, fixes: Vec<GpsFix>) -> Result<(), Refused> {
        {
            let mut devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
            self.check_room(&devices, &fixes)?;
            for fix in &fixes {
                let q = devices.entry(fix.device_id.clone()).or_default();
                let pos = q.partition_point(|f| f.time_ms <= fix.time_ms);
                if pos > 0 && q[pos - 1].time_ms == fix.time_ms {
                    q[pos - 1] = fix.clone();
                } else {
                    q.insert(pos, fix.clone());
                }
                while q.len() > self.config.keep_per_device {
                    q.pop_front();
                }
            }
        }
        if let Some(l) = self.listener.get() {
            fixes.iter().for_each(l);
        }
        Ok(())
    }

    /// Refuses the first fix of a new, unreserved device once the buffer holds `max_devices`
    /// devices besides the reserved ones (counted in O(1): reserved devices that have sent no
    /// fix yet leave their room to others, so the whole buffer never holds more than
    /// `max_devices` plus the reserved devices).
    fn check_room(&self, devices: &HashMap<String, VecDeque<GpsFix>>, fixes: &[GpsFix]) -> Result<(), Refused> {
        let mut held = devices.len();
        let mut added = HashSet::new();
        for (index, f) in fixes.iter().enumerate() {
            let d = &f.device_id;
            if devices.contains_key(d) || self.reserved.contains(d) || added.contains(d) {
                continue;
            }
            if held >= self.config.max_devices + self.reserved.len() {
                return Err(Refused::DeviceLimit { index, device: d.clone(), max: self.config.max_devices });
            }
            held += 1;
            added.insert(d);
        }
        Ok(())
    }

    /// The newest fix of `device_id`.
    pub fn latest(&self, device_id: &str) -> Option<GpsFix> {
        let devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
        devices.get(device_id).and_then(|q| q.back().cloned())
    }

    /// The kept fixes of `device_id` taken in `[from_ms, to_ms)`, oldest first, at most `limit`
    /// (the oldest ones). Only the newest `keep_per_device` fixes are kept.
    pub fn history(&self, device_id: &str, from_ms: i64, to_ms: i64, limit: usize) -> Vec<GpsFix> {
        let devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
        let Some(q) = devices.get(device_id) else { return Vec::new() };
        let start = q.partition_point(|f| f.time_ms < from_ms);
        q.range(start..).take_while(|f| f.time_ms < to_ms).take(limit).cloned().collect()
    }

    /// The position of `device_id` at `t_ms`: interpolated between the fixes around it when
    /// they are close enough in time, else the nearest fix if recent enough, else no fix.
    pub fn locate(&self, device_id: &str, t_ms: i64) -> (Option<Location>, LocationStatus) {
        let devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
        let Some(q) = devices.get(device_id) else { return (None, LocationStatus::NoFix) };
        let i = q.partition_point(|f| f.time_ms <= t_ms);
        let before = i.checked_sub(1).and_then(|j| q.get(j));
        let after = q.get(i);
        let gap = (self.config.max_interpolation_gap_secs * 1000.0) as i64;
        if let (Some(a), Some(b)) = (before, after) {
            if b.time_ms - a.time_ms <= gap && b.time_ms > a.time_ms {
                let f = (t_ms - a.time_ms) as f64 / (b.time_ms - a.time_ms) as f64;
                let heading = match (a.heading_deg, b.heading_deg) {
                    (Some(x), Some(y)) => Some(lerp_angle(x, y, f)),
                    (x, y) => x.or(y),
                };
                let speed = match (a.speed_kmh, b.speed_kmh) {
                    (Some(x), Some(y)) => Some(x + (y - x) * f),
                    (x, y) => x.or(y),
                };
                let loc = Location {
                    lat: a.lat + (b.lat - a.lat) * f,
                    lon: a.lon + (b.lon - a.lon) * f,
                    heading_deg: heading,
                    speed_kmh: speed,
                    fix_age_ms: (t_ms - a.time_ms).min(b.time_ms - t_ms),
                };
                return (Some(loc), LocationStatus::Interpolated);
            }
        }
        // abs_diff: a difference of two i64 times can overflow one (found by fuzzing).
        let nearest = [before, after].into_iter().flatten().min_by_key(|f| f.time_ms.abs_diff(t_ms));
        match nearest {
            Some(f) if f.time_ms.abs_diff(t_ms) as f64 <= self.config.max_fix_age_secs * 1000.0 => (
                Some(Location { lat: f.lat, lon: f.lon, heading_deg: f.heading_deg, speed_kmh: f.speed_kmh, fix_age_ms: f.time_ms.abs_diff(t_ms) as i64 }),
                LocationStatus::Nearest,
            ),
            _ => (None, LocationStatus::NoFix),
        }
    }
}

/// Great-circle distance in metres (haversine, mean Earth radius).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(t: i64, lat: f64, lon: f64, heading: f64) -> GpsFix {
        GpsFix { device_id: "bus-1".into(), time_ms: t, lat, lon, heading_deg: Some(heading), speed_kmh: Some(36.0) }
    }

    #[test]
    fn interpolates_between_fixes() {
        let b = GpsBuffer::new(GpsConfig::default());
        b.insert(fix(2000, 19.0010, 72.8000, 350.0)).unwrap();
        b.insert(fix(1000, 19.0000, 72.8000, 10.0)).unwrap(); // out of order is fine
        let (loc, status) = b.locate("bus-1", 1250);
        let loc = loc.unwrap();
        assert_eq!(status, LocationStatus::Interpolated);
        assert!((loc.lat - 19.00025).abs() < 1e-9);
        assert!((loc.heading_deg.unwrap() - 5.0).abs() < 1e-9, "wraps through north");
        assert_eq!(loc.fix_age_ms, 250);
    }

    #[test]
    fn nearest_then_no_fix() {
        let b = GpsBuffer::new(GpsConfig { max_fix_age_secs: 2.0, ..Default::default() });
        b.insert(fix(10_000, 19.0, 72.8, 0.0)).unwrap();
        assert_eq!(b.locate("bus-1", 11_500).1, LocationStatus::Nearest);
        assert_eq!(b.locate("bus-1", 13_000), (None, LocationStatus::NoFix));
        assert_eq!(b.locate("bus-2", 10_000), (None, LocationStatus::NoFix));
    }

    #[test]
    fn bounded_per_device() {
        let b = GpsBuffer::new(GpsConfig { keep_per_device: 3, ..Default::default() });
        for t in 0..10 {
            b.insert(fix(t * 1000, 19.0, 72.8, 0.0)).unwrap();
        }
        assert_eq!(b.locate("bus-1", 0).1, LocationStatus::NoFix, "oldest fixes were dropped");
        assert_eq!(b.locate("bus-1", 8500).1, LocationStatus::Interpolated);
    }

    #[test]
    fn latest_and_history() {
        let b = GpsBuffer::new(GpsConfig::default());
        assert!(b.latest("bus-1").is_none() && b.history("bus-1", 0, 10_000, 10).is_empty());
        for t in [3000, 1000, 2000, 4000] {
            b.insert(fix(t, 19.0, 72.8, 0.0)).unwrap();
        }
        assert_eq!(b.latest("bus-1").unwrap().time_ms, 4000);
        let times = |v: Vec<GpsFix>| v.iter().map(|f| f.time_ms).collect::<Vec<_>>();
        assert_eq!(times(b.history("bus-1", 2000, 4000, 10)), [2000, 3000], "from inclusive, to exclusive");
        assert_eq!(times(b.history("bus-1", 0, 10_000, 2)), [1000, 2000]);
    }

    #[test]
    fn new_devices_past_the_cap_are_refused_but_stream_devices_never() {
        let b = GpsBuffer::new(GpsConfig { max_devices: 2, ..Default::default() }).reserving(["cam-bus".to_string()]);
        let at = |d: &str, t: i64| GpsFix { device_id: d.into(), ..fix(t, 19.0, 72.8, 0.0) };
        b.insert(at("cam-bus", 0)).unwrap();
        b.insert(at("a", 0)).unwrap();
        b.insert(at("b", 0)).unwrap();
        let refused = b.insert(at("c", 0)).unwrap_err();
        assert_eq!(refused, Refused::DeviceLimit { index: 0, device: "c".into(), max: 2 });
        assert_eq!(refused.reason(), "device_limit");
        assert!(b.latest("c").is_none());
        b.insert(at("a", 1000)).expect("known devices still take fixes");
        // All or nothing: the batch naming a new device is refused whole.
        let e = b.insert_all(vec![at("a", 2000), at("d", 0)]).unwrap_err();
        assert!(matches!(e, Refused::DeviceLimit { index: 1, .. }));
        assert_eq!(b.latest("a").unwrap().time_ms, 1000);
        for i in 0..10_000 {
            let _ = b.insert(at(&format!("x{i}"), 0));
        }
        assert_eq!(b.devices.lock().unwrap().len(), 3, "the map stays bounded");
        // Unknown devices first: the stream's device still gets in.
        let b = GpsBuffer::new(GpsConfig { max_devices: 1, ..Default::default() }).reserving(["cam-bus".to_string()]);
        let taken = (0..100).filter(|i| b.insert(at(&format!("x{i}"), 0)).is_ok()).count();
        assert_eq!(taken, 2, "at most max_devices plus the reserved devices in all");
        b.insert(at("cam-bus", 0)).expect("a configured stream's device is never refused");
    }

    #[test]
    fn max_devices_is_validated() {
        assert!(GpsConfig { max_devices: 0, ..Default::default() }.validate().unwrap_err().starts_with("max_devices"));
        assert!(toml::from_str::<GpsConfig>("max_devices = 5").unwrap().validate().is_ok());
    }

    #[test]
    fn haversine_is_right_at_small_scale() {
        // 0.001 degrees of latitude is ~111.2 m.
        assert!((distance_m(19.0, 72.8, 19.001, 72.8) - 111.2).abs() < 0.5);
    }
}

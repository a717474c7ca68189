use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The violation rules (`[rules]` in the config). Every rule is off unless configured.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Offset of local time from UTC in minutes, for zone hours (India: 330).
    #[serde(default = "default_utc_offset_minutes")]
    pub utc_offset_minutes: i32,
    /// No-parking and no-stopping zones.
    #[serde(default)]
    pub zones: Vec<ZoneRuleConfig>,
    /// Bus lanes, enforced by bus-mounted cameras.
    #[serde(default)]
    pub bus_lanes: Vec<BusLaneConfig>,
    /// The cloned-plate check; off when absent.
    #[serde(default)]
    pub cloned_plate: Option<ClonedPlateConfig>,
    /// Raise a hotlist incident when a listed plate is seen.
    #[serde(default = "default_true")]
    pub hotlist: bool,
}

/// A zone where a vehicle must not stay: seen inside it across sightings spanning at least
/// `min_minutes` is an offence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ZoneRuleConfig {
    /// A name for the zone, unique among zones and bus lanes.
    pub id: String,
    /// The GeoJSON file with the zone's polygon(s) (relative paths: to the config file).
    pub geojson: PathBuf,
    /// The offence code in the offence table (`no_parking`, `no_stopping`, ...).
    #[serde(default = "default_no_parking")]
    pub offence: String,
    /// Minutes between the first and the latest sighting inside the zone.
    pub min_minutes: f64,
    /// A gap longer than this between two sightings inside the zone starts a new stay
    /// (the vehicle may have left and come back).
    #[serde(default = "default_max_gap_minutes")]
    pub max_gap_minutes: f64,
    /// Hours when the rule applies; always when empty.
    #[serde(default)]
    pub hours: Vec<HoursSpec>,
}

/// A bus lane: a vehicle read by a bus-mounted camera while the bus is inside the lane during
/// its hours is an offence (the bus's own GPS decides, as in NYC's ABLE programme).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BusLaneConfig {
    /// A name for the lane, unique among zones and bus lanes.
    pub id: String,
    /// The GeoJSON file with the lane's polygon(s).
    pub geojson: PathBuf,
    /// The offence code in the offence table.
    #[serde(default = "default_bus_lane")]
    pub offence: String,
    /// Hours when the lane is reserved; always when empty.
    #[serde(default)]
    pub hours: Vec<HoursSpec>,
    /// The devices that are buses (their cameras enforce the lane).
    pub bus_devices: Vec<String>,
    /// Plates allowed in the lane (the fleet's own buses, emergency vehicles).
    #[serde(default)]
    pub exempt_plates: Vec<String>,
}

/// The same plate seen at two places needing an implausible speed between them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClonedPlateConfig {
    /// Speeds above this, km/h, between two sightings are implausible.
    #[serde(default = "default_max_speed_kmh")]
    pub max_speed_kmh: f64,
    /// Sightings closer than this, metres, never count (GPS error, adjacent cameras).
    #[serde(default = "default_min_distance_m")]
    pub min_distance_m: f64,
    /// How far back to look for the other sighting, minutes.
    #[serde(default = "default_lookback_minutes")]
    pub lookback_minutes: f64,
    /// The offence code in the offence table.
    #[serde(default = "default_cloned_plate")]
    pub offence: String,
}

/// Local hours when a rule applies: `days` (0 = Monday .. 6 = Sunday; all when empty) and a
/// `from`-`to` time of day, `"HH:MM"`, `to` exclusive; `from > to` spans midnight.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HoursSpec {
    /// Days of the week, 0 = Monday; all when empty.
    #[serde(default)]
    pub days: Vec<u8>,
    /// Start, `"HH:MM"`, local.
    pub from: String,
    /// End, `"HH:MM"`, local, exclusive.
    pub to: String,
}

impl Default for RulesConfig {
    fn default() -> Self {
        Self { utc_offset_minutes: default_utc_offset_minutes(), zones: vec![], bus_lanes: vec![], cloned_plate: None, hotlist: true }
    }
}

const fn default_utc_offset_minutes() -> i32 {
    330
}
const fn default_true() -> bool {
    true
}
fn default_no_parking() -> String {
    "no_parking".into()
}
fn default_bus_lane() -> String {
    "bus_lane".into()
}
fn default_cloned_plate() -> String {
    "cloned_plate".into()
}
const fn default_max_gap_minutes() -> f64 {
    15.0
}
const fn default_max_speed_kmh() -> f64 {
    150.0
}
const fn default_min_distance_m() -> f64 {
    2_000.0
}
const fn default_lookback_minutes() -> f64 {
    120.0
}

impl HoursSpec {
    /// Minutes since local midnight of `from` and `to`.
    pub fn minutes(&self) -> Result<(u32, u32), String> {
        let parse = |s: &str, field: &str| -> Result<u32, String> {
            let (h, m) = s.split_once(':').ok_or_else(|| format!("{field}: `{s}` is not HH:MM"))?;
            let (h, m): (u32, u32) = (h.parse().map_err(|_| format!("{field}: `{s}` is not HH:MM"))?, m.parse().map_err(|_| format!("{field}: `{s}` is not HH:MM"))?);
            if h > 24 || m > 59 || (h == 24 && m > 0) {
                return Err(format!("{field}: `{s}` is not a time of day"));
            }
            Ok(h * 60 + m)
        };
        let (from, to) = (parse(&self.from, "from")?, parse(&self.to, "to")?);
        if from == to {
            return Err(format!("from and to are both {}: an empty window", self.from));
        }
        if let Some(d) = self.days.iter().find(|d| **d > 6) {
            return Err(format!("days: {d} is not 0 (Monday) to 6 (Sunday)"));
        }
        Ok((from, to))
    }

    /// Whether local `weekday` (0 = Monday) and `minute` of the day fall inside.
    pub fn contains(&self, weekday: u8, minute: u32) -> bool {
        let Ok((from, to)) = self.minutes() else { return false };
        let day_ok = |d: u8| self.days.is_empty() || self.days.contains(&d);
        if from < to {
            day_ok(weekday) && (from..to).contains(&minute)
        } else if minute >= from {
            day_ok(weekday)
        } else {
            // The small hours of a window that started the previous evening.
            minute < to && day_ok((weekday + 6) % 7)
        }
    }
}

impl RulesConfig {
    /// Checks the rules without reading the zone files (that happens at build).
    pub fn validate(&self) -> Result<(), String> {
        if !(-720..=840).contains(&self.utc_offset_minutes) {
            return Err(format!("utc_offset_minutes: {} is not a UTC offset", self.utc_offset_minutes));
        }
        let mut ids = std::collections::HashSet::new();
        for (i, z) in self.zones.iter().enumerate() {
            let at = format!("zones[{i}]");
            if !ids.insert(z.id.as_str()) || z.id.is_empty() {
                return Err(format!("{at}.id: `{}` is empty or not unique", z.id));
            }
            if !(z.min_minutes > 0.0 && z.min_minutes.is_finite()) {
                return Err(format!("{at}.min_minutes: must be > 0"));
            }
            if !(z.max_gap_minutes > 0.0 && z.max_gap_minutes.is_finite()) {
                return Err(format!("{at}.max_gap_minutes: must be > 0"));
            }
            check_hours(&z.hours, &at)?;
        }
        for (i, b) in self.bus_lanes.iter().enumerate() {
            let at = format!("bus_lanes[{i}]");
            if !ids.insert(b.id.as_str()) || b.id.is_empty() {
                return Err(format!("{at}.id: `{}` is empty or not unique", b.id));
            }
            if b.bus_devices.is_empty() {
                return Err(format!("{at}.bus_devices: list at least one bus"));
            }
            check_hours(&b.hours, &at)?;
        }
        if let Some(c) = &self.cloned_plate {
            if !(c.max_speed_kmh > 0.0 && c.min_distance_m >= 0.0 && c.lookback_minutes > 0.0) {
                return Err("cloned_plate: max_speed_kmh and lookback_minutes must be > 0, min_distance_m >= 0".into());
            }
        }
        Ok(())
    }

    /// The offence codes the rules can raise (each must be in the offence table).
    pub fn offences(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.zones.iter().map(|z| z.offence.as_str()).chain(self.bus_lanes.iter().map(|b| b.offence.as_str())).collect();
        v.extend(self.cloned_plate.iter().map(|c| c.offence.as_str()));
        v
    }
}

fn check_hours(hours: &[HoursSpec], at: &str) -> Result<(), String> {
    for (j, h) in hours.iter().enumerate() {
        h.minutes().map_err(|e| format!("{at}.hours[{j}].{e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(from: &str, to: &str, days: &[u8]) -> HoursSpec {
        HoursSpec { days: days.to_vec(), from: from.into(), to: to.into() }
    }

    #[test]
    fn hours_cover_their_window_and_span_midnight() {
        let peak = hours("07:00", "10:00", &[0, 1, 2, 3, 4]);
        assert!(peak.contains(0, 7 * 60));
        assert!(!peak.contains(0, 10 * 60), "to is exclusive");
        assert!(!peak.contains(5, 8 * 60), "Saturday is not listed");
        let night = hours("22:00", "06:00", &[4]);
        assert!(night.contains(4, 23 * 60));
        assert!(night.contains(5, 60), "Saturday 01:00 belongs to Friday night");
        assert!(!night.contains(4, 60), "Friday 01:00 belongs to Thursday night");
    }

    #[test]
    fn bad_hours_name_the_field() {
        let c = RulesConfig {
            bus_lanes: vec![BusLaneConfig {
                id: "a".into(),
                geojson: "a.geojson".into(),
                offence: "bus_lane".into(),
                hours: vec![hours("7am", "10:00", &[])],
                bus_devices: vec!["bus-1".into()],
                exempt_plates: vec![],
            }],
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err(), "bus_lanes[0].hours[0].from: `7am` is not HH:MM");
        assert!(hours("10:00", "10:00", &[]).minutes().is_err());
        assert!(hours("10:00", "11:00", &[7]).minutes().unwrap_err().starts_with("days"));
    }
}

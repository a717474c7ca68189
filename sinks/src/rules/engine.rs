use std::path::Path;

use chrono::{Datelike, Timelike};
use geo::{Distance, Haversine, Point};

use super::config::{BusLaneConfig, HoursSpec, RulesConfig, ZoneRuleConfig};
use super::hotlist::{HotlistEntry, HotlistStore};
use super::zone::Zone;
use crate::error::Result;
use crate::event::PlateRead;
use crate::store::Store;

/// How far back a zone stay is traced.
const MAX_STAY_MS: i64 = 24 * 3_600_000;

/// What a read triggered.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A listed plate was seen.
    Hotlist(HotlistEntry),
    /// An offence.
    Violation(Violation),
}

/// One offence, with what proves it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The offence code (a key of the offence table).
    pub offence: String,
    /// The zone, lane or check that raised it.
    pub rule: String,
    /// The plate.
    pub plate: String,
    /// The device whose read completed the offence.
    pub device_id: String,
    /// The reads that prove it, oldest first (the last one completed it).
    pub event_ids: Vec<String>,
    /// When the offence began (a stay's first sighting; the earlier of a cloned pair): the
    /// anchor of challan dedup, the same for every later read of the same offence.
    pub anchor_ms: i64,
    /// When the completing read was captured, Unix ms.
    pub at_ms: i64,
    /// Where, WGS84.
    pub lat: f64,
    /// Where, WGS84.
    pub lon: f64,
    /// One line for people.
    pub detail: String,
}

/// The rules, with their zones loaded.
pub struct RuleEngine {
    config: RulesConfig,
    zones: Vec<(ZoneRuleConfig, Zone)>,
    lanes: Vec<(BusLaneConfig, Zone)>,
}

impl RuleEngine {
    /// Loads the zone files (relative paths resolve against `base`).
    pub fn build(config: &RulesConfig, base: &Path) -> Result<Self> {
        let zones = config.zones.iter().map(|z| Ok((z.clone(), Zone::load(&z.id, &base.join(&z.geojson))?))).collect::<Result<_>>()?;
        let lanes = config.bus_lanes.iter().map(|b| Ok((b.clone(), Zone::load(&b.id, &base.join(&b.geojson))?))).collect::<Result<_>>()?;
        Ok(Self { config: config.clone(), zones, lanes })
    }

    /// Evaluates one stored read against every rule. The read must already be in `store`:
    /// writing before evaluating means that of two sinks handling two reads of one plate at
    /// once, the later to evaluate sees both.
    pub async fn evaluate(&self, read: &PlateRead, store: &dyn Store, hotlist: &dyn HotlistStore) -> Result<Vec<Finding>> {
        let mut out = Vec::new();
        if self.config.hotlist {
            if let Some(e) = hotlist.hotlist_get(&read.plate).await? {
                out.push(Finding::Hotlist(e));
            }
        }
        let Some(loc) = &read.location else { return Ok(out) };
        let at = read.evidence.captured_at_ms;
        let (weekday, minute) = self.local(at);
        let in_hours = |hours: &[HoursSpec]| hours.is_empty() || hours.iter().any(|h| h.contains(weekday, minute));
        for (lane, zone) in &self.lanes {
            let is_bus = lane.bus_devices.iter().any(|d| d == &read.device_id);
            if is_bus && zone.contains(loc.lat, loc.lon) && in_hours(&lane.hours) && !lane.exempt_plates.contains(&read.plate) {
                let detail = format!("{} read in bus lane {} by bus {}", read.plate, lane.id, read.device_id);
                out.push(Finding::Violation(violation(read, &lane.offence, &lane.id, vec![read.event_id.clone()], at, detail)));
            }
        }
        let needs_history = self.zones.iter().any(|(_, z)| z.contains(loc.lat, loc.lon)) || self.config.cloned_plate.is_some();
        if !needs_history {
            return Ok(out);
        }
        let back = self.config.cloned_plate.as_ref().map_or(0, |c| (c.lookback_minutes * 60_000.0) as i64).max(MAX_STAY_MS);
        let mut history = store.reads_by_plate(&read.plate, at - back, at + back).await?;
        if !history.iter().any(|r| r.event_id == read.event_id) {
            history.push(read.clone());
        }
        history.sort_by(|a, b| (a.evidence.captured_at_ms, &a.event_id).cmp(&(b.evidence.captured_at_ms, &b.event_id)));
        for (rule, zone) in &self.zones {
            if zone.contains(loc.lat, loc.lon) && in_hours(&rule.hours) {
                out.extend(stay(read, rule, zone, &history).map(Finding::Violation));
            }
        }
        if let Some(c) = &self.config.cloned_plate {
            out.extend(self.cloned(read, c, &history).map(Finding::Violation));
        }
        Ok(out)
    }

    /// Local weekday (0 = Monday) and minute of the day.
    fn local(&self, ms: i64) -> (u8, u32) {
        let t = chrono::DateTime::from_timestamp_millis(ms + self.config.utc_offset_minutes as i64 * 60_000).unwrap_or_default();
        (t.weekday().num_days_from_monday() as u8, t.hour() * 60 + t.minute())
    }

    /// The pair (this read, another) needing the highest speed, if implausible.
    fn cloned(&self, read: &PlateRead, c: &super::config::ClonedPlateConfig, history: &[PlateRead]) -> Option<Violation> {
        let loc = read.location.as_ref()?;
        let at = read.evidence.captured_at_ms;
        let here = Point::new(loc.lon, loc.lat);
        let lookback = (c.lookback_minutes * 60_000.0) as i64;
        let (other, metres, kmh) = history
            .iter()
            .filter(|o| o.event_id != read.event_id && (o.evidence.captured_at_ms - at).abs() <= lookback)
            .filter_map(|o| {
                let ol = o.location.as_ref()?;
                let metres = Haversine.distance(here, Point::new(ol.lon, ol.lat));
                let hours = ((o.evidence.captured_at_ms - at).abs().max(1_000)) as f64 / 3_600_000.0;
                Some((o, metres, metres / 1000.0 / hours))
            })
            .filter(|(_, m, kmh)| *m >= c.min_distance_m && *kmh > c.max_speed_kmh)
            .max_by(|a, b| a.2.total_cmp(&b.2))?;
        let (first, last) = if other.evidence.captured_at_ms <= at { (other, read) } else { (read, other) };
        let detail = format!(
            "{} seen by {} and {} {:.1} km apart within {} s ({:.0} km/h)",
            read.plate,
            first.device_id,
            last.device_id,
            metres / 1000.0,
            (last.evidence.captured_at_ms - first.evidence.captured_at_ms) / 1000,
            kmh
        );
        let mut v = violation(read, &c.offence, "cloned_plate", vec![first.event_id.clone(), last.event_id.clone()], first.evidence.captured_at_ms, detail);
        v.at_ms = last.evidence.captured_at_ms.max(at);
        Some(v)
    }
}

/// A stay: this read and the sightings before it inside the zone with no gap over the limit
/// and no sighting outside in between. An offence when it spans `min_minutes`.
fn stay(read: &PlateRead, rule: &ZoneRuleConfig, zone: &Zone, history: &[PlateRead]) -> Option<Violation> {
    let at = read.evidence.captured_at_ms;
    let max_gap = (rule.max_gap_minutes * 60_000.0) as i64;
    let mut start = read;
    for r in history.iter().rev().filter(|r| r.evidence.captured_at_ms < at) {
        let Some(l) = &r.location else { continue };
        if !zone.contains(l.lat, l.lon) || start.evidence.captured_at_ms - r.evidence.captured_at_ms > max_gap {
            break;
        }
        start = r;
    }
    let span_ms = at - start.evidence.captured_at_ms;
    if (span_ms as f64) < rule.min_minutes * 60_000.0 {
        return None;
    }
    let detail = format!("{} stayed in {} for {} min (limit {})", read.plate, rule.id, span_ms / 60_000, rule.min_minutes);
    Some(violation(read, &rule.offence, &rule.id, vec![start.event_id.clone(), read.event_id.clone()], start.evidence.captured_at_ms, detail))
}

fn violation(read: &PlateRead, offence: &str, rule: &str, mut event_ids: Vec<String>, anchor_ms: i64, detail: String) -> Violation {
    event_ids.dedup();
    let loc = read.location.as_ref().map_or((0.0, 0.0), |l| (l.lat, l.lon));
    Violation {
        offence: offence.into(),
        rule: rule.into(),
        plate: read.plate.clone(),
        device_id: read.device_id.clone(),
        event_ids,
        anchor_ms,
        at_ms: read.evidence.captured_at_ms,
        lat: loc.0,
        lon: loc.1,
        detail,
    }
}

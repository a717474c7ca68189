use futures::future::BoxFuture;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The Kafka topic of [`Incident`]s. Key: the device id.
pub const TOPIC_INCIDENTS: &str = "fleetsight.incidents.v1";

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// A traffic violation (its `subtype` is the offence code, e.g. `no_parking`).
    Violation,
    /// A plate on the hotlist was seen (`subtype`: the list's reason, e.g. `stolen`).
    Hotlist,
    /// An MDVR alarm (`subtype`: `collision`, `harsh_braking`, `panic`, `camera_tamper`).
    Alarm,
}

impl IncidentKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Violation => "violation",
            IncidentKind::Hotlist => "hotlist",
            IncidentKind::Alarm => "alarm",
        }
    }
}

impl std::str::FromStr for IncidentKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "violation" => Ok(IncidentKind::Violation),
            "hotlist" => Ok(IncidentKind::Hotlist),
            "alarm" => Ok(IncidentKind::Alarm),
            _ => Err(format!("unknown incident type `{s}`: expected violation, hotlist or alarm")),
        }
    }
}

/// One incident, located and timed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Incident {
    /// Schema version of this event (see `deploy/schemas/`).
    pub schema_version: u32,
    /// Deterministic id (see [`crate::event::event_id`]): re-deriving the same incident from the
    /// same sightings or alarm gives the same id, so redelivery never makes a second row.
    pub incident_id: String,
    /// What happened.
    pub kind: IncidentKind,
    /// The offence code, hotlist reason or alarm type.
    pub subtype: String,
    /// The device that saw or raised it (tenancy follows the device).
    pub device_id: String,
    /// The plate concerned, when there is one.
    pub plate: Option<String>,
    /// When, Unix ms.
    pub at_ms: i64,
    /// Where, WGS84 degrees.
    pub lat: f64,
    /// Where, WGS84 degrees.
    pub lon: f64,
    /// The challan raised for it, when there is one.
    pub challan_no: Option<String>,
    /// The plate-read events behind it (evidence references).
    pub event_ids: Vec<String>,
    /// A human-readable line.
    pub detail: String,
}

/// "What happened within `radius_m` of (`lat`, `lon`) in `[from_ms, to_ms)`".
#[derive(Debug, Clone, PartialEq)]
pub struct NearQuery {
    /// Centre, WGS84 degrees.
    pub lat: f64,
    /// Centre, WGS84 degrees.
    pub lon: f64,
    /// Radius in metres (great-circle).
    pub radius_m: f64,
    /// Window start, Unix ms, inclusive.
    pub from_ms: i64,
    /// Window end, Unix ms, exclusive.
    pub to_ms: i64,
    /// Only these kinds; empty: all.
    pub kinds: Vec<IncidentKind>,
    /// Only incidents of these devices (a tenant's fleet); `None`: all devices.
    pub devices: Option<Vec<String>>,
    /// Page size.
    pub limit: usize,
    /// Opaque cursor from the previous page's [`Page::next`].
    pub cursor: Option<String>,
}

/// One page of results, ordered by (`at_ms`, id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last.
    pub next: Option<String>,
}

/// Incidents in a store: written idempotently on `incident_id`, queried by place and time.
pub trait IncidentStore: Send + Sync {
    /// Writes incidents; returns how many were new (ScyllaDB: how many were written).
    fn write_incidents(&self, incidents: Vec<Incident>) -> BoxFuture<'_, Result<usize>>;
    /// The incidents matching `q`, one page.
    fn incidents_near(&self, q: NearQuery) -> BoxFuture<'_, Result<Page<Incident>>>;
}

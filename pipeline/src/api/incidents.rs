//! `GET /v1/incidents`: what happened within a radius of a point in a time window, paged, only
//! on the caller's devices.

use axum::Json;
use axum::extract::{RawQuery, State};
use serde::{Deserialize, Serialize};
use sinks::incident::{Incident, IncidentKind, NearQuery};
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::{Params, check_position};
use super::state::ApiState;

/// An incident: a violation, a hotlist hit or an MDVR alarm, located and timed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentView {
    /// Deterministic id.
    pub incident_id: String,
    /// `violation`, `hotlist` or `alarm`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The offence code, hotlist reason or alarm type.
    pub subtype: String,
    /// The device that saw or raised it.
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
    /// The plate-read events behind it.
    pub event_ids: Vec<String>,
    /// A human-readable line.
    pub detail: String,
}

impl From<Incident> for IncidentView {
    fn from(i: Incident) -> Self {
        Self {
            incident_id: i.incident_id,
            kind: i.kind.as_str().to_string(),
            subtype: i.subtype,
            device_id: i.device_id,
            plate: i.plate,
            at_ms: i.at_ms,
            lat: i.lat,
            lon: i.lon,
            challan_no: i.challan_no,
            event_ids: i.event_ids,
            detail: i.detail,
        }
    }
}

/// One page of incidents.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IncidentPage {
    /// Ordered by time, then id.
    pub items: Vec<IncidentView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next: Option<String>,
}

const PARAMS: &[&str] = &["lat", "lon", "radius_m", "from", "to", "type", "limit", "cursor"];

/// Incidents of the caller's devices within `radius_m` of (`lat`, `lon`) in `[from, to)`
/// (default: the last 24 h).
#[utoipa::path(
    get,
    path = "/v1/incidents",
    tag = "incidents",
    params(
        ("lat" = f64, Query, description = "Centre latitude, degrees."),
        ("lon" = f64, Query, description = "Centre longitude, degrees."),
        ("radius_m" = f64, Query, description = "Radius, metres, at most `api.limits.max_radius_m`."),
        ("from" = Option<i64>, Query, description = "Window start, Unix ms (inclusive)."),
        ("to" = Option<i64>, Query, description = "Window end, Unix ms (exclusive); default now."),
        ("type" = Option<String>, Query, description = "Comma-separated kinds: `violation`, `hotlist`, `alarm`; default all."),
        ("limit" = Option<usize>, Query, description = "Page size, at most `api.limits.max_page_size`; default 100."),
        ("cursor" = Option<String>, Query, description = "The previous page's `next`."),
    ),
    responses(
        (status = 200, description = "One page.", body = IncidentPage),
        (status = 400, description = "A bad parameter; `field` names it.", body = ErrorBody),
    )
)]
pub async fn list_incidents(State(state): State<ApiState>, caller: Caller, RawQuery(q): RawQuery) -> Result<Json<IncidentPage>, ApiError> {
    let p = Params::parse(q.as_deref(), PARAMS)?;
    let lat = p.require::<f64>("lat", "a latitude in degrees")?;
    let lon = p.require::<f64>("lon", "a longitude in degrees")?;
    check_position(lat, lon)?;
    let radius_m = p.require::<f64>("radius_m", "a radius in metres")?;
    let cap = state.limits.max_radius_m;
    if !(radius_m.is_finite() && radius_m > 0.0 && radius_m <= cap) {
        return Err(ApiError::invalid("radius_m", format!("must be in (0, {cap}] metres (api.limits.max_radius_m), got {radius_m}")));
    }
    let (from_ms, to_ms) = p.window(&state.limits)?;
    let kinds = p
        .text("type")
        .map(|t| t.split(',').map(|k| k.trim().parse::<IncidentKind>().map_err(|e| ApiError::invalid("type", e))).collect::<Result<Vec<_>, _>>())
        .transpose()?
        .unwrap_or_default();
    let limit = p.limit(&state.limits)?;
    let cursor = p.text("cursor").map(str::to_owned);
    let q = NearQuery { lat, lon, radius_m, from_ms, to_ms, kinds, devices: Some(state.tenants.devices_of(&caller)), limit, cursor };
    let page = state.incidents.incidents_near(q).await.map_err(ApiError::from_store)?;
    // The store filters by device already; filtering again here keeps one store bug from
    // showing another tenant's incidents.
    let items = page.items.into_iter().filter(|i| state.tenants.owns(&caller, &i.device_id)).map(IncidentView::from).collect();
    Ok(Json(IncidentPage { items, next: page.next }))
}

//! `GET /v1/devices` (the caller's devices, their latest fix and streams) and
//! `GET /v1/devices/{id}/gps` (a device's recent track).

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::gps::Fix;
use super::params::Params;
use super::state::ApiState;

/// The caller's devices.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeviceList {
    /// Sorted by id.
    pub devices: Vec<Device>,
}

/// A device (MDVR) of the caller's fleet.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Device {
    /// The device id.
    pub id: String,
    /// Its newest GPS fix, if any is kept.
    pub latest_fix: Option<Fix>,
    /// Its camera streams on this node (none when it has none here).
    pub streams: Vec<Stream>,
}

/// A camera stream of a device.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Stream {
    /// The stream id.
    pub id: String,
    /// The camera channel on the device.
    pub channel: u16,
    /// `connecting`, `running`, `stalled`, `blocked`, `backoff`, `unsupported` or `finished`.
    pub state: String,
    /// Whether it has ever delivered frames.
    pub ever_running: bool,
}

/// A device's GPS track.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GpsHistory {
    /// The device.
    pub device_id: String,
    /// Fixes in the window, oldest first.
    pub fixes: Vec<Fix>,
    /// True when more fixes fell in the window than one page holds (narrow the window).
    pub truncated: bool,
}

/// The caller's devices with their newest GPS fix and their streams' states.
#[utoipa::path(
    get,
    path = "/v1/devices",
    tag = "devices",
    responses((status = 200, description = "The caller's devices.", body = DeviceList))
)]
pub async fn list_devices(State(state): State<ApiState>, caller: Caller, RawQuery(q): RawQuery) -> Result<Json<DeviceList>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let devices = state
        .tenants
        .devices_of(&caller)
        .into_iter()
        .map(|id| {
            let streams = state
                .streams
                .iter()
                .filter(|h| *h.identity().device_id == *id)
                .map(|h| {
                    let s = h.status();
                    Stream { id: s.stream, channel: h.identity().channel, state: s.state.as_str().to_string(), ever_running: s.ever_running }
                })
                .collect();
            Device { latest_fix: state.gps.latest(&id).map(Fix::from), streams, id }
        })
        .collect();
    Ok(Json(DeviceList { devices }))
}

/// A device's GPS fixes in `[from, to)` (default: the last 24 h), from the fixes this node
/// keeps (`gps.keep_per_device` per device).
#[utoipa::path(
    get,
    path = "/v1/devices/{id}/gps",
    tag = "devices",
    params(
        ("id" = String, Path, description = "The device id."),
        ("from" = Option<i64>, Query, description = "Window start, Unix ms (inclusive)."),
        ("to" = Option<i64>, Query, description = "Window end, Unix ms (exclusive); default now."),
    ),
    responses(
        (status = 200, description = "The track.", body = GpsHistory),
        (status = 400, description = "A bad window; `field` names it.", body = ErrorBody),
        (status = 404, description = "No such device for this caller.", body = ErrorBody),
    )
)]
pub async fn device_gps(State(state): State<ApiState>, caller: Caller, Path(id): Path<String>, RawQuery(q): RawQuery) -> Result<Json<GpsHistory>, ApiError> {
    state.tenants.check(&caller, &id)?;
    let params = Params::parse(q.as_deref(), &["from", "to"])?;
    let (from, to) = params.window(&state.limits)?;
    let page = state.limits.max_page_size;
    let mut fixes = state.gps.history(&id, from, to, page + 1);
    let truncated = fixes.len() > page;
    fixes.truncate(page);
    Ok(Json(GpsHistory { device_id: id, fixes: fixes.into_iter().map(Fix::from).collect(), truncated }))
}

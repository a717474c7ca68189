//! `GET /v1/plates/{plate}/sightings`: where and when the caller's cameras read a plate.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use models::PlateText;
use serde::{Deserialize, Serialize};
use sinks::PlateRead;
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::Params;
use super::state::ApiState;

/// The sightings of one plate.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Sightings {
    /// The plate, normalized (`MH12AB1234`).
    pub plate: String,
    /// Oldest first.
    pub sightings: Vec<Sighting>,
    /// True when there were more than one page holds (narrow the window).
    pub truncated: bool,
}

/// One vehicle pass in front of a camera.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Sighting {
    /// The plate-read event (evidence reference).
    pub event_id: String,
    /// The device.
    pub device_id: String,
    /// The camera stream.
    pub stream_id: String,
    /// First frame of the pass, Unix ms.
    pub first_seen_ms: i64,
    /// Last frame of the pass, Unix ms.
    pub last_seen_ms: i64,
    /// Confidence of the read, 0..1.
    pub confidence: f32,
    /// Where, when known (WGS84 degrees).
    pub lat: Option<f64>,
    /// Where, when known (WGS84 degrees).
    pub lon: Option<f64>,
}

impl From<PlateRead> for Sighting {
    fn from(r: PlateRead) -> Self {
        Self {
            lat: r.location.as_ref().map(|l| l.lat),
            lon: r.location.as_ref().map(|l| l.lon),
            event_id: r.event_id,
            device_id: r.device_id,
            stream_id: r.stream_id,
            first_seen_ms: r.first_seen_ms,
            last_seen_ms: r.last_seen_ms,
            confidence: r.confidence,
        }
    }
}

/// Reads of `plate` by the caller's devices in `[from, to)` (default: the last 24 h).
#[utoipa::path(
    get,
    path = "/v1/plates/{plate}/sightings",
    tag = "plates",
    params(
        ("plate" = String, Path, description = "An Indian registration mark; spaces and dashes are ignored (`MH 12 AB 1234`)."),
        ("from" = Option<i64>, Query, description = "Window start, Unix ms (inclusive)."),
        ("to" = Option<i64>, Query, description = "Window end, Unix ms (exclusive); default now."),
    ),
    responses(
        (status = 200, description = "The sightings (empty when the caller's cameras never read it).", body = Sightings),
        (status = 400, description = "A malformed plate or window; `field` names it.", body = ErrorBody),
    )
)]
pub async fn sightings(State(state): State<ApiState>, caller: Caller, Path(plate): Path<String>, RawQuery(q): RawQuery) -> Result<Json<Sightings>, ApiError> {
    let plate = PlateText::parse(&plate).map_err(|e| ApiError::invalid("plate", e.to_string()))?;
    let params = Params::parse(q.as_deref(), &["from", "to"])?;
    let (from, to) = params.window(&state.limits)?;
    let reads = state.reads.reads_by_plate(plate.as_str(), from, to).await.map_err(ApiError::from_store)?;
    let page = state.limits.max_page_size;
    let mut sightings: Vec<Sighting> = reads.into_iter().filter(|r| state.tenants.owns(&caller, &r.device_id)).take(page + 1).map(Sighting::from).collect();
    let truncated = sightings.len() > page;
    sightings.truncate(page);
    Ok(Json(Sightings { plate: plate.as_str().to_string(), sightings, truncated }))
}

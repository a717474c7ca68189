//! `POST /v1/gps`: GPS fixes from devices or their platform, one fix or an array, all or
//! nothing.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sinks::GpsFix;
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::{Params, json_body};
use super::state::ApiState;
use crate::gps::Refused;

/// One GPS fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// The device (MDVR).
    pub device_id: String,
    /// When the fix was taken, Unix milliseconds.
    pub time_ms: i64,
    /// Latitude, degrees (WGS84).
    pub lat: f64,
    /// Longitude, degrees (WGS84).
    pub lon: f64,
    /// Course over ground, degrees clockwise from north.
    #[serde(default)]
    pub heading_deg: Option<f64>,
    /// Speed over ground, km/h.
    #[serde(default)]
    pub speed_kmh: Option<f64>,
}

impl From<GpsFix> for Fix {
    fn from(f: GpsFix) -> Self {
        Self { device_id: f.device_id, time_ms: f.time_ms, lat: f.lat, lon: f.lon, heading_deg: f.heading_deg, speed_kmh: f.speed_kmh }
    }
}

impl From<Fix> for GpsFix {
    fn from(f: Fix) -> Self {
        Self { device_id: f.device_id, time_ms: f.time_ms, lat: f.lat, lon: f.lon, heading_deg: f.heading_deg, speed_kmh: f.speed_kmh }
    }
}

/// One fix, or an array of fixes.
// Parsed by its first byte rather than as untagged, so that an error names the field at fault.
#[derive(Debug, ToSchema)]
#[serde(untagged)]
pub enum FixBody {
    /// A single fix.
    One(Fix),
    /// Several fixes.
    Many(Vec<Fix>),
}

/// How many fixes were taken.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Accepted {
    /// Fixes accepted.
    pub accepted: usize,
}

/// Accepts GPS fixes for the caller's devices. All or nothing: one bad fix rejects the request,
/// naming it (`[3].lat`); a fix of a device that is not the caller's is a 404.
#[utoipa::path(
    post,
    path = "/v1/gps",
    tag = "devices",
    request_body(content = FixBody, description = "A fix or an array of fixes."),
    responses(
        (status = 202, description = "Stored in the GPS buffer.", body = Accepted),
        (status = 400, description = "A fix is malformed; `field` names it.", body = ErrorBody),
        (status = 404, description = "A fix's device is not one of the caller's.", body = ErrorBody),
        (status = 429, description = "A fix's device is new and the GPS buffer already holds `gps.max_devices` devices; `field` names the fix's `device_id`.", body = ErrorBody),
    )
)]
pub async fn post_gps(State(state): State<ApiState>, caller: Caller, RawQuery(q): RawQuery, body: Bytes) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let fixes = parse(&body).inspect_err(|_| state.metrics.gps_rejected.inc())?;
    for f in &fixes {
        state.tenants.check(&caller, &f.device_id)?;
    }
    let n = fixes.len();
    state.gps.insert_all(fixes).map_err(|r| {
        state.metrics.gps_refused.with_label_values(&["http", r.reason()]).inc_by(n as u64);
        refused(r, body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'['))
    })?;
    state.metrics.gps_fixes.with_label_values(&["http"]).inc_by(n as u64);
    Ok((StatusCode::ACCEPTED, Json(Accepted { accepted: n })))
}

/// 429 naming the refused fix's device field (`[3].device_id` in an array).
fn refused(r: Refused, array: bool) -> ApiError {
    let Refused::DeviceLimit { index, .. } = &r;
    let field = if array { format!("[{index}].device_id") } else { "device_id".into() };
    ApiError::resource_exhausted(field, r.to_string())
}

fn parse(body: &[u8]) -> Result<Vec<GpsFix>, ApiError> {
    let parsed = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => FixBody::Many(json_body(body)?),
        _ => FixBody::One(json_body(body)?),
    };
    let (fixes, prefix): (Vec<Fix>, fn(usize) -> String) = match parsed {
        FixBody::Many(v) => (v, |i| format!("[{i}].")),
        FixBody::One(f) => (vec![f], |_| String::new()),
    };
    fixes
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let f = GpsFix::from(f);
            f.validate().map(|()| f).map_err(|e| {
                let (field, why) = e.split_once(": ").unwrap_or(("", &e));
                ApiError::invalid(format!("{}{field}", prefix(i)), why)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_many_with_named_fields() {
        assert_eq!(parse(br#"{"device_id":"b","time_ms":1,"lat":1,"lon":2}"#).unwrap().len(), 1);
        assert_eq!(parse(br#" [{"device_id":"b","time_ms":1,"lat":1,"lon":2}]"#).unwrap().len(), 1);
        assert_eq!(parse(br#"{"device_id":"b","time_ms":1,"lat":91,"lon":2}"#).unwrap_err().field(), Some("lat"));
        let many = br#"[{"device_id":"b","time_ms":1,"lat":1,"lon":2},{"device_id":"b","time_ms":2,"lat":1,"lon":200}]"#;
        assert_eq!(parse(many).unwrap_err().field(), Some("[1].lon"));
        assert_eq!(parse(br#"{"device_id":"b","time_ms":1,"lat":1,"lon":2,"alt":5}"#).unwrap_err().field(), Some("alt"));
        assert_eq!(parse(b"not json").unwrap_err().status(), StatusCode::BAD_REQUEST);
    }
}

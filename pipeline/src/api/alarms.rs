//! `POST /v1/alarms`: an MDVR alarm (collision, harsh braking, AIS-140 panic button, camera
//! tamper) becomes an incident, located from the device's GPS track when it carries no position.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sinks::event::{LocationStatus, SCHEMA_VERSION, event_id};
use sinks::incident::{Incident, IncidentKind};
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::incidents::IncidentView;
use super::params::{Params, check_position, json_body};
use super::state::ApiState;
use crate::gps::GpsBuffer;

/// Longest `detail`, characters.
const MAX_DETAIL: usize = 500;

/// How far ahead of this node's clock an alarm may be stamped (MDVR clocks drift).
const MAX_FUTURE_MS: i64 = 24 * 3_600_000;

/// What the device raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlarmType {
    /// A collision (G-sensor).
    Collision,
    /// Harsh braking (G-sensor).
    HarshBraking,
    /// The AIS-140 panic button.
    Panic,
    /// A camera covered, moved or disconnected.
    CameraTamper,
}

impl AlarmType {
    fn as_str(self) -> &'static str {
        match self {
            AlarmType::Collision => "collision",
            AlarmType::HarshBraking => "harsh_braking",
            AlarmType::Panic => "panic",
            AlarmType::CameraTamper => "camera_tamper",
        }
    }
}

/// An alarm from an MDVR or its platform.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Alarm {
    /// The device that raised it.
    pub device_id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: AlarmType,
    /// When, Unix ms.
    pub at_ms: i64,
    /// Where, if the device knew (give both or neither).
    #[serde(default)]
    pub lat: Option<f64>,
    /// Where, if the device knew (give both or neither).
    #[serde(default)]
    pub lon: Option<f64>,
    /// Free text from the device or platform.
    #[serde(default)]
    pub detail: Option<String>,
}

/// The incident the alarm became.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AlarmRecorded {
    /// The incident (its id is derived from device, type and time: a resent alarm is the same).
    pub incident: IncidentView,
    /// False when the same alarm was already recorded.
    pub created: bool,
    /// Where the position came from: `reported` (in the alarm), `interpolated` or `nearest`
    /// (from the device's GPS fixes).
    pub position: String,
}

/// Records an alarm of one of the caller's devices as an incident (idempotent).
#[utoipa::path(
    post,
    path = "/v1/alarms",
    tag = "incidents",
    request_body = Alarm,
    responses(
        (status = 201, description = "Recorded.", body = AlarmRecorded),
        (status = 200, description = "Already recorded (a resend).", body = AlarmRecorded),
        (status = 400, description = "A malformed alarm; `field` names it.", body = ErrorBody),
        (status = 404, description = "The device is not one of the caller's.", body = ErrorBody),
        (status = 422, description = "No position given and none in the device's GPS track near `at_ms` (`no_position`).", body = ErrorBody),
    )
)]
pub async fn post_alarm(
    State(state): State<ApiState>,
    caller: Caller,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Result<(StatusCode, Json<AlarmRecorded>), ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let alarm: Alarm = json_body(&body)?;
    state.tenants.check(&caller, &alarm.device_id)?;
    let (incident, position) = to_incident(alarm, &state.gps)?;
    let new = state.incidents.write_incidents(vec![incident.clone()]).await.map_err(ApiError::from_store)?;
    let status = if new > 0 { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(AlarmRecorded { incident: incident.into(), created: new > 0, position: position.to_string() })))
}

/// The incident an alarm becomes (its id derives from device, type and time, so a resent
/// alarm is the same incident), located from the device's GPS track when it has no position;
/// and where the position came from.
pub fn to_incident(alarm: Alarm, gps: &GpsBuffer) -> Result<(Incident, &'static str), ApiError> {
    check(&alarm)?;
    let (lat, lon, position) = match (alarm.lat, alarm.lon) {
        (Some(lat), Some(lon)) => (lat, lon, "reported"),
        _ => match gps.locate(&alarm.device_id, alarm.at_ms) {
            (Some(l), LocationStatus::Interpolated) => (l.lat, l.lon, "interpolated"),
            (Some(l), _) => (l.lat, l.lon, "nearest"),
            (None, _) => {
                return Err(ApiError::unprocessable("no_position", Some("lat"), "no position given and no GPS fix of the device near at_ms; send lat and lon"));
            }
        },
    };
    let kind = alarm.kind.as_str();
    let at = alarm.at_ms.to_string();
    let incident = Incident {
        schema_version: SCHEMA_VERSION,
        incident_id: event_id(&["alarm", &alarm.device_id, kind, &at]),
        kind: IncidentKind::Alarm,
        subtype: kind.to_string(),
        plate: None,
        at_ms: alarm.at_ms,
        lat,
        lon,
        challan_no: None,
        event_ids: Vec::new(),
        detail: alarm.detail.clone().unwrap_or_else(|| format!("{kind} alarm from {}", alarm.device_id)),
        device_id: alarm.device_id,
    };
    Ok((incident, position))
}

fn check(a: &Alarm) -> Result<(), ApiError> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    if a.at_ms <= 0 || a.at_ms > now.saturating_add(MAX_FUTURE_MS) {
        return Err(ApiError::invalid("at_ms", format!("{} is not a plausible time in Unix ms", a.at_ms)));
    }
    match (a.lat, a.lon) {
        (Some(lat), Some(lon)) => check_position(lat, lon)?,
        (Some(_), None) => return Err(ApiError::invalid("lon", "give lat and lon together")),
        (None, Some(_)) => return Err(ApiError::invalid("lat", "give lat and lon together")),
        (None, None) => {}
    }
    match &a.detail {
        Some(d) if d.chars().count() > MAX_DETAIL => Err(ApiError::invalid("detail", format!("at most {MAX_DETAIL} characters"))),
        _ => Ok(()),
    }
}

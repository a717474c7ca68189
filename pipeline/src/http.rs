//! The HTTP endpoints: `GET /metrics` (Prometheus text format), `GET /healthz` (the process is
//! up), `GET /readyz` (every stream has been `running` at least once; the body lists each
//! stream's state), and `POST /v1/gps` (one fix or an array of fixes, JSON).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ingest::StreamHandle;
use prometheus::{Encoder, Registry, TextEncoder};
use serde::{Deserialize, Serialize};
use sinks::GpsFix;

use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;

/// What the handlers read.
#[derive(Clone)]
pub struct ApiState {
    /// Every metric of the process.
    pub registry: Registry,
    /// Every configured stream.
    pub streams: Arc<Vec<Arc<StreamHandle>>>,
    /// Where GPS fixes go.
    pub gps: Arc<GpsBuffer>,
    /// Pipeline metrics.
    pub metrics: PipelineMetrics,
}

/// The router.
pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/v1/gps", post(gps))
        .with_state(state)
}

async fn metrics(State(state): State<ApiState>) -> Response {
    let mut buf = Vec::new();
    match TextEncoder::new().encode(&state.registry.gather(), &mut buf) {
        Ok(()) => ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], buf).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot encode metrics: {e}\n")).into_response(),
    }
}

#[derive(Serialize)]
struct Readiness {
    ready: bool,
    streams: Vec<ingest::StreamStatus>,
}

async fn readyz(State(state): State<ApiState>) -> Response {
    let streams: Vec<_> = state.streams.iter().map(|h| h.status()).collect();
    let ready = streams.iter().all(|s| s.ever_running);
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, axum::Json(Readiness { ready, streams })).into_response()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum GpsBody {
    One(GpsFix),
    Many(Vec<GpsFix>),
}

/// Accepts fixes; all or nothing: one invalid fix rejects the request with its index and field.
async fn gps(State(state): State<ApiState>, body: axum::body::Bytes) -> Response {
    let fixes = match serde_json::from_slice::<GpsBody>(&body) {
        Ok(GpsBody::One(f)) => vec![f],
        Ok(GpsBody::Many(v)) => v,
        Err(e) => {
            state.metrics.gps_rejected.inc();
            return (StatusCode::BAD_REQUEST, format!("body is not a GPS fix or an array of fixes: {e}\n")).into_response();
        }
    };
    for (i, f) in fixes.iter().enumerate() {
        if let Err(e) = f.validate() {
            state.metrics.gps_rejected.inc();
            return (StatusCode::BAD_REQUEST, format!("fix {i}: {e}\n")).into_response();
        }
    }
    let n = fixes.len();
    for f in fixes {
        state.gps.insert(f);
    }
    state.metrics.gps_fixes.with_label_values(&["http"]).inc_by(n as u64);
    (StatusCode::ACCEPTED, axum::Json(serde_json::json!({ "accepted": n }))).into_response()
}

//! The HTTP endpoints: `GET /metrics` (Prometheus text format), `GET /healthz` (the process is
//! up), `GET /readyz` (every stream has been `running` at least once; the body lists each
//! stream's state), all unauthenticated, merged with the API ([`crate::api`]: `/v1/...`,
//! `/openapi.json`).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ingest::StreamHandle;
use prometheus::{Encoder, Registry, TextEncoder};
use serde::Serialize;

use crate::api::{self, ApiState};

/// What the operational endpoints read.
#[derive(Clone)]
pub struct OpsState {
    /// Every metric of the process.
    pub registry: Registry,
    /// Every configured stream.
    pub streams: Arc<Vec<Arc<StreamHandle>>>,
}

/// The router: the operational endpoints and the API.
pub fn router(ops: OpsState, api: ApiState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .with_state(ops)
        .merge(api::router(api))
}

async fn metrics(State(state): State<OpsState>) -> Response {
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

async fn readyz(State(state): State<OpsState>) -> Response {
    let streams: Vec<_> = state.streams.iter().map(|h| h.status()).collect();
    let ready = streams.iter().all(|s| s.ever_running);
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, axum::Json(Readiness { ready, streams })).into_response()
}

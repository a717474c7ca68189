//! The HTTP endpoints: `GET /metrics` (Prometheus text format), `GET /healthz` (the process is
//! up), `GET /readyz` (every stream has been `running` at least once and no plate-model worker
//! has died; the body lists each stream's state and the workers' health), all unauthenticated,
//! merged with the API ([`crate::api`]: `/v1/...`, `/openapi.json`).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ingest::StreamHandle;
use prometheus::{Encoder, Registry, TextEncoder};
use serde::Serialize;

use crate::analysis::{AnalysisHealth, AnalysisStatus};
use crate::api::{self, ApiState};

/// What the operational endpoints read.
#[derive(Clone)]
pub struct OpsState {
    /// Every metric of the process.
    pub registry: Registry,
    /// Every configured stream.
    pub streams: Arc<Vec<Arc<StreamHandle>>>,
    /// The plate-model workers' health (`None` where nothing is analysed: `fleetsight sink`).
    pub analysis: Option<Arc<AnalysisHealth>>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<AnalysisStatus>,
}

async fn readyz(State(state): State<OpsState>) -> Response {
    let streams: Vec<_> = state.streams.iter().map(|h| h.status()).collect();
    let analysis = state.analysis.as_ref().map(|h| h.status());
    let ready = streams.iter().all(|s| s.ever_running) && analysis.as_ref().is_none_or(|a| a.problem.is_none());
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, axum::Json(Readiness { ready, streams, analysis })).into_response()
}

#[cfg(test)]
mod tests {
    use prometheus::IntCounter;

    use super::*;
    use crate::analysis::supervise;

    async fn ready(state: &OpsState) -> (StatusCode, serde_json::Value) {
        let (parts, body) = readyz(State(state.clone())).await.into_parts();
        (parts.status, serde_json::from_slice(&axum::body::to_bytes(body, 1 << 16).await.unwrap()).unwrap())
    }

    #[tokio::test]
    async fn a_dead_plate_worker_makes_the_node_unready() {
        let health = Arc::new(AnalysisHealth::default());
        let state = OpsState { registry: Registry::new(), streams: Arc::new(Vec::new()), analysis: Some(health.clone()) };
        let restarts = IntCounter::new("r", "r").unwrap();
        let mut first = true;
        supervise(0, &health, &restarts, || {
            if std::mem::take(&mut first) {
                panic!("injected");
            }
        });
        let (code, body) = ready(&state).await;
        assert_eq!(code, StatusCode::OK, "a restarted worker is healthy: {body}");
        assert_eq!((&body["analysis"]["restarts"], &body["analysis"]["recent_panics"]), (&serde_json::json!(1), &serde_json::json!(true)));
        supervise(0, &health, &restarts, || panic!("injected, every time"));
        let (code, body) = ready(&state).await;
        assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["ready"], false);
        assert!(body["analysis"]["problem"].as_str().unwrap().contains("died after repeated panics"), "{body}");
    }
}

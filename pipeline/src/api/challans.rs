//! Challans: list (with filters), get (with its history and evidence files), review (approve
//! or reject, with a reason), and status changes. Tenancy follows the device that read the plate.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use serde::{Deserialize, Serialize};
use sinks::challan::{Challan, ChallanFilter, ChallanState, enqueue_notices};
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::{Params, json_body};
use super::state::ApiState;

/// Longest reason, characters.
const MAX_REASON: usize = 500;

/// A challan as the API shows it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChallanView {
    /// The number (state prefix and sequence).
    pub challan_no: String,
    /// `pending_review`, `issued`, `notified`, `paid`, `contested`, `disposed` or `rejected`.
    pub state: String,
    /// The offence code.
    pub offence: String,
    /// The provisions violated.
    pub section: String,
    /// The fine, rupees.
    pub fine_inr: u32,
    /// The plate.
    pub plate: String,
    /// The device whose camera read it.
    pub device_id: String,
    /// When, Unix ms.
    pub at_ms: i64,
    /// Where, WGS84.
    pub lat: f64,
    /// Where, WGS84.
    pub lon: f64,
    /// The plate reads behind it.
    pub event_ids: Vec<String>,
    /// The incident it belongs to.
    pub incident_id: String,
    /// Why it needs review.
    pub review_reasons: Vec<String>,
    /// The registered owner's name, when known.
    pub owner_name: Option<String>,
    /// The notice deadline, Unix ms (set on issue).
    pub notice_due_ms: Option<i64>,
    /// The evidence package's prefix in the evidence store.
    pub evidence: Option<String>,
    /// Created, Unix ms.
    pub created_ms: i64,
}

impl From<Challan> for ChallanView {
    fn from(c: Challan) -> Self {
        Self {
            state: c.state.as_str().into(),
            owner_name: c.owner.map(|o| o.owner_name),
            challan_no: c.challan_no,
            offence: c.offence,
            section: c.section,
            fine_inr: c.fine_inr,
            plate: c.plate,
            device_id: c.device_id,
            at_ms: c.at_ms,
            lat: c.lat,
            lon: c.lon,
            event_ids: c.event_ids,
            incident_id: c.incident_id,
            review_reasons: c.review_reasons,
            notice_due_ms: c.notice_due_ms,
            evidence: c.evidence,
            created_ms: c.created_ms,
        }
    }
}

/// One page of challans, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChallanPage {
    /// The challans.
    pub items: Vec<ChallanView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next: Option<String>,
}

/// A recorded change of state.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TransitionView {
    /// Before (absent at creation).
    pub from: Option<String>,
    /// After.
    pub to: String,
    /// Who.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// When, Unix ms.
    pub at_ms: i64,
}

/// One file of the evidence package: fetch it from the evidence store by `key`, check `sha256`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EvidenceLink {
    /// The file name (`read1-frame.jpg`).
    pub name: String,
    /// The object key in the evidence store.
    pub key: String,
    /// SHA-256, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// A challan with its history and evidence.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChallanDetail {
    /// The challan.
    pub challan: ChallanView,
    /// Every change of state, oldest first.
    pub history: Vec<TransitionView>,
    /// The evidence files (empty while the package is missing).
    pub evidence: Vec<EvidenceLink>,
}

/// A reviewer's decision.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Issue it.
    Approve,
    /// Reject it (a misread, an exempt vehicle).
    Reject,
}

/// `POST /v1/challans/{no}/review`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Approve or reject.
    pub decision: Decision,
    /// Why (recorded with the reviewer's identity).
    pub reason: String,
}

/// `POST /v1/challans/{no}/status`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// `notified`, `paid`, `contested` or `disposed` (review decides `issued` and `rejected`).
    pub state: String,
    /// Why (a payment reference, a court order).
    pub reason: String,
}

/// The caller's challans, newest first.
#[utoipa::path(
    get,
    path = "/v1/challans",
    tag = "challans",
    params(
        ("state" = Option<String>, Query, description = "Only in this state."),
        ("plate" = Option<String>, Query, description = "Only this plate."),
        ("from" = Option<i64>, Query, description = "Created at or after, Unix ms."),
        ("to" = Option<i64>, Query, description = "Created before, Unix ms."),
        ("limit" = Option<usize>, Query, description = "Page size."),
        ("cursor" = Option<String>, Query, description = "From the previous page's `next`."),
    ),
    responses(
        (status = 200, description = "A page.", body = ChallanPage),
        (status = 400, description = "A bad filter; `field` names it.", body = ErrorBody),
    )
)]
pub async fn list_challans(State(state): State<ApiState>, caller: Caller, RawQuery(q): RawQuery) -> Result<Json<ChallanPage>, ApiError> {
    let p = Params::parse(q.as_deref(), &["state", "plate", "from", "to", "limit", "cursor"])?;
    let filter = ChallanFilter {
        state: p.text("state").map(|s| s.parse::<ChallanState>().map_err(|e| ApiError::invalid("state", e))).transpose()?,
        plate: p.text("plate").map(|s| models::PlateText::parse(s).map(|t| t.as_str().to_string()).map_err(|e| ApiError::invalid("plate", e.to_string()))).transpose()?,
        devices: Some(state.tenants.devices_of(&caller)),
        from_ms: p.get("from", "Unix ms")?,
        to_ms: p.get("to", "Unix ms")?,
        limit: p.limit(&state.limits)?,
        cursor: p.text("cursor").map(str::to_string),
    };
    let page = state.store.challans(filter).await.map_err(ApiError::from_store)?;
    Ok(Json(ChallanPage { items: page.items.into_iter().map(ChallanView::from).collect(), next: page.next }))
}

/// The caller's challan `no`, or 404.
async fn owned(state: &ApiState, caller: &Caller, no: &str) -> Result<Challan, ApiError> {
    match state.store.challan(no).await.map_err(ApiError::from_store)? {
        Some(c) if state.tenants.owns(caller, &c.device_id) => Ok(c),
        _ => Err(ApiError::not_found(format!("challan `{no}`"))),
    }
}

/// A challan, its history and its evidence files.
#[utoipa::path(
    get,
    path = "/v1/challans/{no}",
    tag = "challans",
    params(("no" = String, Path, description = "The challan number.")),
    responses(
        (status = 200, description = "The challan.", body = ChallanDetail),
        (status = 404, description = "No such challan of the caller's.", body = ErrorBody),
    )
)]
pub async fn get_challan(State(state): State<ApiState>, caller: Caller, Path(no): Path<String>, RawQuery(q): RawQuery) -> Result<Json<ChallanDetail>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let challan = owned(&state, &caller, &no).await?;
    let history = state.store.history(&no).await.map_err(ApiError::from_store)?;
    let evidence = match (&challan.evidence, &state.evidence) {
        (Some(prefix), Some(ev)) => match ev.manifest(prefix).await {
            Ok(m) => m.files.into_iter().map(|f| EvidenceLink { name: f.name, key: f.key, sha256: f.sha256, bytes: f.bytes }).collect(),
            Err(e) => {
                tracing::warn!(challan = %no, error = %e, "Evidence manifest unreadable.");
                Vec::new()
            }
        },
        _ => Vec::new(),
    };
    let history = history
        .into_iter()
        .map(|t| TransitionView { from: t.from.map(|f| f.as_str().to_string()), to: t.to.as_str().into(), actor: t.actor, reason: t.reason, at_ms: t.at_ms })
        .collect();
    Ok(Json(ChallanDetail { challan: challan.into(), history, evidence }))
}

fn check_reason(reason: &str) -> Result<(), ApiError> {
    if reason.trim().is_empty() || reason.chars().count() > MAX_REASON {
        return Err(ApiError::invalid("reason", format!("give a reason of 1 to {MAX_REASON} characters")));
    }
    Ok(())
}

/// Moves the caller's challan, recording the caller as the actor; an issued challan's notices
/// are queued.
async fn change(state: &ApiState, caller: &Caller, no: &str, to: ChallanState, reason: &str) -> Result<ChallanView, ApiError> {
    owned(state, caller, no).await?;
    let now = crate::analysis::unix_now_ms();
    let c = state.store.transition(no, to, &caller.subject, reason, now, state.challans.notice_days).await.map_err(ApiError::from_store)?;
    if let Some(notify) = &state.notify {
        enqueue_notices(&c, notify, state.store.as_ref(), now).await.map_err(ApiError::from_store)?;
    }
    Ok(c.into())
}

/// Approves (issues) or rejects a challan waiting for review.
#[utoipa::path(
    post,
    path = "/v1/challans/{no}/review",
    tag = "challans",
    params(("no" = String, Path, description = "The challan number.")),
    request_body = Review,
    responses(
        (status = 200, description = "Moved.", body = ChallanView),
        (status = 400, description = "A bad body; `field` names it.", body = ErrorBody),
        (status = 404, description = "No such challan of the caller's.", body = ErrorBody),
        (status = 409, description = "Not waiting for review.", body = ErrorBody),
    )
)]
pub async fn review(State(state): State<ApiState>, caller: Caller, Path(no): Path<String>, RawQuery(q): RawQuery, body: Bytes) -> Result<Json<ChallanView>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let r: Review = json_body(&body)?;
    check_reason(&r.reason)?;
    let to = match r.decision {
        Decision::Approve => ChallanState::Issued,
        Decision::Reject => ChallanState::Rejected,
    };
    Ok(Json(change(&state, &caller, &no, to, &r.reason).await?))
}

/// Records a later stage of a challan's life: notified (by other means), paid, contested, disposed.
#[utoipa::path(
    post,
    path = "/v1/challans/{no}/status",
    tag = "challans",
    params(("no" = String, Path, description = "The challan number.")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "Moved.", body = ChallanView),
        (status = 400, description = "A bad body; `field` names it.", body = ErrorBody),
        (status = 404, description = "No such challan of the caller's.", body = ErrorBody),
        (status = 409, description = "The lifecycle does not allow it from the current state.", body = ErrorBody),
    )
)]
pub async fn change_status(State(state): State<ApiState>, caller: Caller, Path(no): Path<String>, RawQuery(q): RawQuery, body: Bytes) -> Result<Json<ChallanView>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let s: StatusChange = json_body(&body)?;
    check_reason(&s.reason)?;
    let to = match s.state.parse::<ChallanState>() {
        Ok(st @ (ChallanState::Notified | ChallanState::Paid | ChallanState::Contested | ChallanState::Disposed)) => st,
        _ => return Err(ApiError::invalid("state", "one of notified, paid, contested, disposed (review decides issued and rejected)")),
    };
    Ok(Json(change(&state, &caller, &no, to, &s.reason).await?))
}

//! The hotlist (CRUD and CSV import) and the vehicle registry (CSV import). Both are the
//! enforcement authority's lists, shared by every tenant's cameras: admins manage them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use serde::{Deserialize, Serialize};
use sinks::challan::Vehicle;
use sinks::rules::HotlistEntry;
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::{Params, json_body};
use super::state::ApiState;

/// A listed plate.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HotlistView {
    /// The normalized mark.
    pub plate: String,
    /// `stolen`, `wanted`, `unpaid`, ...
    pub reason: String,
    /// For the officer who acts on a hit.
    pub note: String,
    /// Who listed it.
    pub added_by: String,
    /// When, Unix ms.
    pub added_ms: i64,
}

impl From<HotlistEntry> for HotlistView {
    fn from(e: HotlistEntry) -> Self {
        Self { plate: e.plate, reason: e.reason, note: e.note, added_by: e.added_by, added_ms: e.added_ms }
    }
}

/// One page of the hotlist, by plate.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HotlistPage {
    /// The entries.
    pub items: Vec<HotlistView>,
    /// Pass as `after` for the next page; absent on the last.
    pub next: Option<String>,
}

/// `PUT /v1/hotlist/{plate}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HotlistPut {
    /// `stolen`, `wanted`, `unpaid`, or another short lowercase word.
    pub reason: String,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// A CSV file to import, as a JSON string (`{"csv": "plate,reason,note\n..."}`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvImport {
    /// The CSV text, with a header row.
    pub csv: String,
}

/// How many rows an import wrote.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Imported {
    /// Rows written (all or none: a bad row fails the import and names its line).
    pub rows: usize,
}

/// Whether a delete removed something.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Deleted {
    /// False when the plate was not listed (deleting is idempotent).
    pub removed: bool,
}

fn plate(raw: &str) -> Result<String, ApiError> {
    models::PlateText::parse(raw).map(|p| p.as_str().to_string()).map_err(|e| ApiError::invalid("plate", e.to_string()))
}

/// The hotlist, by plate.
#[utoipa::path(
    get,
    path = "/v1/hotlist",
    tag = "hotlist",
    params(
        ("after" = Option<String>, Query, description = "Entries after this plate."),
        ("limit" = Option<usize>, Query, description = "Page size."),
    ),
    responses((status = 200, description = "A page.", body = HotlistPage))
)]
pub async fn list_hotlist(State(state): State<ApiState>, _caller: Caller, RawQuery(q): RawQuery) -> Result<Json<HotlistPage>, ApiError> {
    let p = Params::parse(q.as_deref(), &["after", "limit"])?;
    let limit = p.limit(&state.limits)?;
    let items = state.store.hotlist_list(p.text("after").map(str::to_string), limit).await.map_err(ApiError::from_store)?;
    let next = (items.len() == limit).then(|| items.last().map(|e| e.plate.clone())).flatten();
    Ok(Json(HotlistPage { items: items.into_iter().map(HotlistView::from).collect(), next }))
}

/// Lists a plate (or changes its entry).
#[utoipa::path(
    put,
    path = "/v1/hotlist/{plate}",
    tag = "hotlist",
    params(("plate" = String, Path, description = "The mark; spaces and dashes are ignored.")),
    request_body = HotlistPut,
    responses(
        (status = 200, description = "Listed.", body = HotlistView),
        (status = 400, description = "A bad plate or body; `field` names it.", body = ErrorBody),
    )
)]
pub async fn put_hotlist(State(state): State<ApiState>, caller: Caller, Path(raw): Path<String>, RawQuery(q): RawQuery, body: Bytes) -> Result<Json<HotlistView>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let put: HotlistPut = json_body(&body)?;
    let entry = HotlistEntry { plate: plate(&raw)?, reason: put.reason, note: put.note, added_by: caller.subject.clone(), added_ms: crate::analysis::unix_now_ms() };
    entry.validate().map_err(|m| match m.split_once(": ") {
        Some((field, why)) => ApiError::invalid(field, why),
        None => ApiError::malformed(m),
    })?;
    state.store.hotlist_put(vec![entry.clone()]).await.map_err(ApiError::from_store)?;
    Ok(Json(entry.into()))
}

/// Removes a plate from the hotlist.
#[utoipa::path(
    delete,
    path = "/v1/hotlist/{plate}",
    tag = "hotlist",
    params(("plate" = String, Path, description = "The mark.")),
    responses(
        (status = 200, description = "Done (idempotent).", body = Deleted),
        (status = 400, description = "A bad plate.", body = ErrorBody),
    )
)]
pub async fn delete_hotlist(State(state): State<ApiState>, _caller: Caller, Path(raw): Path<String>, RawQuery(q): RawQuery) -> Result<Json<Deleted>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let removed = state.store.hotlist_delete(&plate(&raw)?).await.map_err(ApiError::from_store)?;
    Ok(Json(Deleted { removed }))
}

fn csv_error(e: sinks::Error) -> ApiError {
    match e.kind() {
        sinks::ErrorKind::InvalidArgument => ApiError::invalid("csv", e.to_string()),
        _ => ApiError::from_store(e),
    }
}

/// Imports hotlist rows (`plate,reason,note`), all or none.
#[utoipa::path(
    post,
    path = "/v1/hotlist/import",
    tag = "hotlist",
    request_body = CsvImport,
    responses(
        (status = 200, description = "Imported.", body = Imported),
        (status = 400, description = "A bad row; the message names its line.", body = ErrorBody),
    )
)]
pub async fn import_hotlist(State(state): State<ApiState>, caller: Caller, RawQuery(q): RawQuery, body: Bytes) -> Result<Json<Imported>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let import: CsvImport = json_body(&body)?;
    let rows = HotlistEntry::parse_csv(&import.csv, &caller.subject, crate::analysis::unix_now_ms()).map_err(csv_error)?;
    let n = rows.len();
    state.store.hotlist_put(rows).await.map_err(ApiError::from_store)?;
    Ok(Json(Imported { rows: n }))
}

/// Imports vehicle registry rows (`plate,owner_name,phone,email`), all or none.
#[utoipa::path(
    post,
    path = "/v1/registry/import",
    tag = "registry",
    request_body = CsvImport,
    responses(
        (status = 200, description = "Imported.", body = Imported),
        (status = 400, description = "A bad row; the message names its line.", body = ErrorBody),
    )
)]
pub async fn import_registry(State(state): State<ApiState>, _caller: Caller, RawQuery(q): RawQuery, body: Bytes) -> Result<Json<Imported>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let import: CsvImport = json_body(&body)?;
    let rows = Vehicle::parse_csv(&import.csv).map_err(csv_error)?;
    let n = state.store.put_vehicles(rows).await.map_err(ApiError::from_store)?;
    Ok(Json(Imported { rows: n }))
}

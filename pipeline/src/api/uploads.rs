//! `POST /v1/clips` (queue an uploaded clip for analysis as one of the caller's devices) and
//! `GET /v1/clips/{job}` (the job's state, and when done the reads and incidents it produced).
//!
//! A clip is checked before it is kept: its `Content-Type` (415), its size against
//! `uploads.max_clip_bytes` (413) and its first bytes (an MP4 `ftyp` box, or an H.264 Annex B
//! start code; 400). It is saved under `uploads.dir` and its job queued durably; the job
//! worker ([`crate::uploads::ClipWorker`]) picks it up.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sinks::jobs::{Job, JobState, JobStore};
use tokio::sync::Notify;
use utoipa::ToSchema;

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::params::Params;
use super::state::ApiState;

const ACCEPTED: &str = "`video/mp4` or `video/h264`";

/// What the clip routes need; absent where uploads are off (`fleetsight sink`, no `uploads.dir`).
#[derive(Clone)]
pub struct ClipUploads {
    /// The durable job queue.
    pub jobs: Arc<dyn JobStore>,
    /// Where clips are saved.
    pub dir: PathBuf,
    /// `uploads.max_clip_bytes`.
    pub max_clip_bytes: usize,
    /// Wakes the job worker when a job is queued.
    pub wake: Arc<Notify>,
}

/// A queued clip.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClipAccepted {
    /// The job: poll `GET /v1/clips/{job_id}`.
    pub job_id: String,
    /// `queued`.
    pub state: String,
}

/// A clip job.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClipJob {
    /// The job.
    pub job_id: String,
    /// The device the clip was analysed as.
    pub device_id: String,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// Why it failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Queued at, Unix ms.
    pub created_ms: i64,
    /// Last state change, Unix ms.
    pub updated_ms: i64,
    /// The plate reads it produced (stored like live reads), when done.
    #[schema(value_type = Vec<Object>)]
    pub reads: Vec<sinks::PlateRead>,
    /// Ids of the incidents the violation stage made of them, when done.
    pub incident_ids: Vec<String>,
}

impl From<Job> for ClipJob {
    fn from(j: Job) -> Self {
        ClipJob {
            job_id: j.job_id,
            device_id: j.device_id,
            state: j.state.as_str().into(),
            reason: j.reason,
            created_ms: j.created_ms,
            updated_ms: j.updated_ms,
            reads: j.reads,
            incident_ids: j.incident_ids,
        }
    }
}

/// A clip container, from `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipFormat {
    /// `video/mp4`
    Mp4,
    /// `video/h264`: an Annex B elementary stream.
    AnnexB,
}

impl ClipFormat {
    /// The format a `Content-Type` names, or the 415.
    pub fn from_content_type(headers: &HeaderMap) -> Result<Self, ApiError> {
        let raw = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        match raw.split(';').next().unwrap_or("").trim().to_ascii_lowercase().as_str() {
            "video/mp4" => Ok(ClipFormat::Mp4),
            "video/h264" => Ok(ClipFormat::AnnexB),
            _ => Err(ApiError::unsupported_type(if raw.is_empty() { "(none)" } else { raw }, ACCEPTED)),
        }
    }

    /// The saved file's extension (the file source reads the container from it).
    pub fn extension(self) -> &'static str {
        match self {
            ClipFormat::Mp4 => "mp4",
            ClipFormat::AnnexB => "264",
        }
    }

    /// `Ok` if `bytes` start as this format does, else why not.
    pub fn check_magic(self, bytes: &[u8]) -> Result<(), String> {
        let ok = match self {
            ClipFormat::Mp4 => bytes.get(4..8) == Some(b"ftyp"),
            ClipFormat::AnnexB => bytes.starts_with(&[0, 0, 0, 1]) || bytes.starts_with(&[0, 0, 1]),
        };
        match (ok, self) {
            (true, _) => Ok(()),
            (false, ClipFormat::Mp4) => Err("the body is not an MP4 (no `ftyp` box at its start)".into()),
            (false, ClipFormat::AnnexB) => Err("the body is not an H.264 Annex B stream (it does not start with a start code)".into()),
        }
    }
}

/// A job id no other job has: 16 hex digits of a hash of the time, a counter and the tenant.
fn new_job_id(tenant: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let digest = Sha256::digest(format!("{nanos}/{n}/{tenant}/{}", std::process::id()).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn uploads(state: &ApiState) -> Result<&ClipUploads, ApiError> {
    state.clips.as_ref().ok_or_else(|| ApiError::unavailable("clip uploads are off on this node (no `api.uploads.dir`)"))
}

/// Queues a clip for analysis as `device_id`, one of the caller's devices. Its reads are stored
/// like live reads of that device.
#[utoipa::path(
    post,
    path = "/v1/clips",
    tag = "uploads",
    params(("device_id" = String, Query, description = "The caller's device the clip is analysed as.")),
    request_body(description = "The clip, at most `uploads.max_clip_bytes` bytes.", content(([u8] = "video/mp4"), ([u8] = "video/h264"))),
    responses(
        (status = 202, description = "Queued.", body = ClipAccepted),
        (status = 400, description = "No `device_id`, or the body is not the type sent.", body = ErrorBody),
        (status = 404, description = "`device_id` is not the caller's.", body = ErrorBody),
        (status = 413, description = "Over `uploads.max_clip_bytes`.", body = ErrorBody),
        (status = 415, description = "A `Content-Type` other than `video/mp4` or `video/h264`.", body = ErrorBody),
        (status = 503, description = "Uploads are off on this node.", body = ErrorBody),
    )
)]
pub async fn post_clip(
    State(state): State<ApiState>,
    caller: Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ClipAccepted>), ApiError> {
    let params = Params::parse(q.as_deref(), &["device_id"])?;
    let device_id: String = params.require("device_id", "a device id")?;
    state.tenants.check(&caller, &device_id)?;
    let up = uploads(&state)?;
    let format = ClipFormat::from_content_type(&headers)?;
    let bytes = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(ApiError::too_large(up.max_clip_bytes)),
        Err(e) => return Err(ApiError::malformed(format!("cannot read the body: {e}"))),
    };
    format.check_magic(&bytes).map_err(|why| ApiError::invalid("body", why))?;
    let job_id = new_job_id(&caller.tenant);
    let path = up.dir.join(format!("{job_id}.{}", format.extension()));
    tokio::fs::write(&path, &bytes).await.map_err(|e| ApiError::internal(format!("saving {}: {e}", path.display())))?;
    let now = crate::analysis::unix_now_ms();
    let job = Job {
        job_id: job_id.clone(),
        tenant: caller.tenant.clone(),
        device_id,
        clip_path: path.to_string_lossy().into_owned(),
        state: JobState::Queued,
        reason: None,
        created_ms: now,
        updated_ms: now,
        reads: Vec::new(),
        incident_ids: Vec::new(),
    };
    if let Err(e) = up.jobs.enqueue(job).await {
        // No job will ever read it.
        let _ = tokio::fs::remove_file(&path).await;
        return Err(ApiError::from_store(e));
    }
    up.wake.notify_one();
    tracing::info!(job = %job_id, subject = %caller.subject, bytes = bytes.len(), "Clip queued for analysis.");
    Ok((StatusCode::ACCEPTED, Json(ClipAccepted { job_id, state: JobState::Queued.as_str().into() })))
}

/// A clip job of the caller's tenant: its state, and when done what it produced.
#[utoipa::path(
    get,
    path = "/v1/clips/{job}",
    tag = "uploads",
    params(("job" = String, Path, description = "The job id `POST /v1/clips` answered.")),
    responses(
        (status = 200, description = "The job.", body = ClipJob),
        (status = 404, description = "No such job for this caller.", body = ErrorBody),
        (status = 503, description = "Uploads are off on this node.", body = ErrorBody),
    )
)]
pub async fn get_clip(State(state): State<ApiState>, caller: Caller, Path(job): Path<String>, RawQuery(q): RawQuery) -> Result<Json<ClipJob>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let up = uploads(&state)?;
    match up.jobs.job(&job).await.map_err(ApiError::from_store)? {
        Some(j) if j.tenant == caller.tenant => Ok(Json(j.into())),
        _ => Err(ApiError::not_found(format!("job `{job}`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_magic() {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, "video/MP4".parse().unwrap());
        assert_eq!(ClipFormat::from_content_type(&h).unwrap(), ClipFormat::Mp4);
        h.insert(header::CONTENT_TYPE, "application/octet-stream".parse().unwrap());
        assert_eq!(ClipFormat::from_content_type(&h).unwrap_err().status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(ClipFormat::Mp4.check_magic(b"\0\0\0\x20ftypisom").is_ok());
        assert!(ClipFormat::Mp4.check_magic(b"\0\0\0\x01\x67").is_err());
        assert!(ClipFormat::AnnexB.check_magic(b"\0\0\0\x01\x67").is_ok());
        assert!(ClipFormat::AnnexB.check_magic(b"\0\0\x01\x67").is_ok());
        assert!(ClipFormat::AnnexB.check_magic(b"GIF89a").is_err());
        assert_ne!(new_job_id("a"), new_job_id("a"));
    }
}

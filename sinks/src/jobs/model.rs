use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::event::PlateRead;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for the worker.
    Queued,
    /// Being analysed (back to `queued` if the process stops meanwhile).
    Running,
    /// Analysed: its reads and incidents are listed.
    Done,
    /// Not analysed; the reason says why.
    Failed,
}

impl JobState {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }

    /// From [`JobState::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [JobState::Queued, JobState::Running, JobState::Done, JobState::Failed].into_iter().find(|j| j.as_str() == s)
    }
}

/// An uploaded clip and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Unique id, chosen by the caller of [`JobStore::enqueue`].
    pub job_id: String,
    /// The uploader's tenant (only its callers see the job).
    pub tenant: String,
    /// The device the clip is analysed as: its reads carry this device id.
    pub device_id: String,
    /// The saved clip.
    pub clip_path: String,
    /// Where it is.
    pub state: JobState,
    /// Why it failed, when it did.
    pub reason: Option<String>,
    /// Enqueued at, Unix ms.
    pub created_ms: i64,
    /// Last state change, Unix ms.
    pub updated_ms: i64,
    /// The plate reads it produced, when done.
    pub reads: Vec<PlateRead>,
    /// The incidents it produced (incident ids), when done.
    pub incident_ids: Vec<String>,
}

/// How a running job ended.
#[derive(Debug, Clone, PartialEq)]
pub enum JobOutcome {
    /// Analysed.
    Done {
        /// Its reads.
        reads: Vec<PlateRead>,
        /// Ids of its incidents.
        incident_ids: Vec<String>,
    },
    /// Not analysed, and why.
    Failed(String),
}

/// The durable job queue.
pub trait JobStore: Send + Sync {
    /// Adds `job` (its state is stored as `queued`). An existing id is an `InvalidArgument`.
    fn enqueue(&self, job: Job) -> BoxFuture<'_, Result<()>>;
    /// The job `job_id`, if any.
    fn job(&self, job_id: &str) -> BoxFuture<'_, Result<Option<Job>>>;
    /// Moves the oldest queued job to `running` and returns it; `None` when none is queued.
    fn claim_next(&self, now_ms: i64) -> BoxFuture<'_, Result<Option<Job>>>;
    /// Ends a running job.
    fn finish(&self, job_id: &str, outcome: JobOutcome, now_ms: i64) -> BoxFuture<'_, Result<()>>;
    /// At startup: jobs left `running` by a stopped process go back to `queued`. Returns how many.
    fn requeue_running(&self, now_ms: i64) -> BoxFuture<'_, Result<usize>>;
}

//! Upload jobs: clips sent to `POST /v1/clips`, queued durably and analysed one at a time.
//!
//! - `model`: [`Job`], its [`JobState`], and the [`JobStore`] contract.
//! - `embedded`: the store in SQLite (the ScyllaDB store implements the same trait later).

mod embedded;
mod model;

pub(crate) use embedded::SCHEMA as EMBEDDED_SCHEMA;
pub use model::{Job, JobOutcome, JobState, JobStore};

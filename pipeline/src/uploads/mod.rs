//! Uploaded clips (`POST /v1/clips`): where they are kept, and the worker that plays each through
//! the live pipeline's ingest and analysis, one job at a time.
//!
//! - [`config`]: `[api.uploads]`.
//! - [`worker`]: the job worker.

pub mod config;
pub mod worker;

pub use config::UploadsConfig;
pub use worker::ClipWorker;

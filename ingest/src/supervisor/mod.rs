//! Per-stream supervision: one long-lived worker per configured stream.

mod backoff;
mod config;
mod state;
mod worker;

pub use backoff::Backoff;
pub use config::SupervisorConfig;
pub use state::{DecodeMode, StreamHandle, StreamState, StreamStatus};
pub use worker::StreamWorker;

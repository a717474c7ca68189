//! The fleetsight pipeline: configuration, the runtime that wires sources to analysis, the HTTP
//! endpoints (metrics, health), and the benchmarks. `main.rs` is a thin CLI over this.
//!
//! # Layout
//! - [`config`]: the TOML file, its defaults, and validation at load (every error names its field).
//! - [`analysis`]: the newest-frame mailbox, one plate-model worker per core, tracking, reading
//!   once per pass, voting into one `PlateRead` per vehicle pass with its location, idle mode.
//! - [`event_sink`]: the in-process hand-off of reads to the embedded store.
//! - [`telemetry`]: the pipeline's metrics.
//! - [`runtime`]: builds one supervised [`ingest::StreamWorker`] per stream, the analysis queue,
//!   and the HTTP server; shuts them down in order.
//! - [`http`]: `GET /metrics`, `/healthz`, `/readyz`, merged with the [`api`] routes.
//! - [`api`]: the HTTP API (`/v1/...`, `/openapi.json`): keys, JWTs, tenants, roles.
//! - [`status`]: the live per-stream status table printed by `fleetsight run`.
//! - [`track`]: per-stream plate tracking and the per-track vote (one read per vehicle pass).
//! - [`gps`]: per-device GPS buffers, interpolation at capture time, replay files.
//! - [`bench`]: `fleetsight bench decode|models|events|streams`.
//! - [`eval`]: `fleetsight eval`: plate accuracy per frame, and per vehicle pass with the clips
//!   played as live cameras.
//! - [`harness`]: running the whole pipeline on the project's test cameras and measuring it.

pub mod admin;
pub mod alarms;
pub mod analysis;
pub mod api;
pub mod bench;
pub mod config;
pub mod eval;
pub mod event_sink;
pub mod gps;
pub mod harness;
pub mod http;
pub mod runtime;
pub mod status;
pub mod telemetry;
pub mod track;
pub mod uploads;

pub use config::Config;
pub use runtime::Running;

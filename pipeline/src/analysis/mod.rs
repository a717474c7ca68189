//! Analysis: decoded frames to plate reads. Each stream's newest frame waits in a mailbox;
//! plate-model workers (one per core) take the longest-waiting stream's frame, detect plates
//! (the whole frame, or around tracked plates), track them, read each pass's best crops once it
//! ends, and vote it into one `PlateRead` with a location. Cameras without plates go idle
//! (keyframes only) until motion, GPS speed or a plate wakes them.

mod config;
mod emit;
mod health;
mod mailbox;
pub mod mode;
mod stage;
mod worker;

pub use config::{AnalysisConfig, StaticLocation};
pub use emit::build_read;
pub use health::{AnalysisHealth, AnalysisStatus, supervise};
pub use mailbox::{Mailbox, Work};
pub use mode::{Mode, Mount};
pub use stage::{AnalysedStream, AnalysisHandles, AnalysisSpec, ModeBoard, spawn};
pub use worker::{Models, quality, recognizer_options, unix_now_ms};

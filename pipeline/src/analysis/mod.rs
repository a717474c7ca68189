//! Analysis: decoded frames to plate reads. Each stream's newest frame waits in a mailbox; frames
//! of several streams are batched (up to a size, after a short deadline), run through the plate
//! models on a dedicated thread, tracked per stream, and each finished track is voted into one
//! `PlateRead` with a location.

mod config;
mod emit;
mod mailbox;
mod stage;

pub use config::{AnalysisConfig, StaticLocation};
pub use emit::build_read;
pub use mailbox::Mailbox;
pub use stage::{AnalysisHandles, AnalysisSpec, spawn};

//! Benchmarks that print figures (never timed assertions in tests).
//!
//! - [`chaos`]: `fleetsight bench chaos`, kills and outages while streams run; exactly-once proof.
//! - [`decode`]: `fleetsight bench decode`, openh264 vs libavcodec per CPU-second.
//! - [`models`]: `fleetsight bench models`, the plate models' latency on one thread.
//! - [`events`]: `fleetsight bench events`, plate-read events per second through the sinks.
//! - [`streams`]: `fleetsight bench streams`, N live cameras through the whole pipeline.
//! - [`geo`]: `fleetsight bench geo`, incidents near a place and time in the embedded store.

pub mod chaos;
pub mod decode;
pub mod events;
pub mod geo;
pub mod models;
pub mod streams;

pub use decode::{DECODE_CLIPS, DecodeFigures, decode, ffmpeg_fps, openh264_fps, render_decode};
pub use events::{EventFigures, events, render_events};
pub use models::{ModelFigures, models, render_models};

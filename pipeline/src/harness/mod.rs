//! Running the whole pipeline on the project's test cameras and measuring it: what
//! `fleetsight bench streams` and `fleetsight eval --passes` are built on.
//!
//! - [`rtsp`]: the RTSP test server (gst-rtsp-server) and the labelled pass clips.
//! - [`live`]: a measured run: rates, drops, latencies, CPU, memory, reads.
//! - [`score`]: reads against vehicle passes (exact-pass recall, wrong reads, duplicates).
//! - [`system`]: CPU time per thread, resident memory, a competing load.

pub mod live;
pub mod rtsp;
pub mod score;
pub mod system;

pub use live::{LiveFigures, LiveOptions, StreamFigures};
pub use score::{PassClip, PassScore};

//! Running the whole pipeline on the project's test cameras and measuring it: what
//! `fleetsight bench streams` and `fleetsight eval --passes` are built on.
//!
//! - [`rtsp`]: the RTSP test server (gst-rtsp-server) and the labelled pass clips.
//! - [`live`]: a measured run: rates, drops, latencies, CPU, memory, reads.
//! - [`score`]: reads against vehicle passes (exact-pass recall, wrong reads, duplicates).
//! - [`net`]: a free port, an HTTP GET, a metric from Prometheus text, the fleet's topics.
//! - [`system`]: CPU time per thread, resident memory, a competing load.

pub mod live;
pub mod net;
pub mod rtsp;
pub mod score;
pub mod system;

pub use live::{LiveFigures, LiveOptions, StreamFigures};
pub use score::{PassClip, PassScore};

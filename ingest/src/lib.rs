//! fleetsight ingest: from a camera (or a file) to decoded, sampled frames.
//!
//! # Layout
//! - [`source`]: where encoded access units come from: [`source::rtsp`] (live MDVR streams through
//!   `retina`) and [`source::file`] (`.264` Annex-B and `.mp4` clips, paced or as fast as possible).
//! - [`h264`]: the little H.264 bitstream knowledge ingest needs (NAL splitting, access-unit
//!   boundaries, random access points, B-slice detection).
//! - [`decode`]: `openh264` decoding on a dedicated thread per stream behind a bounded queue, in
//!   a supervised `fleetsight-decoder` child process per stream by default (crash isolation).
//! - [`sampling`]: per-stream analysis rate and keyframe-only mode.
//! - [`supervisor`]: one long-lived [`supervisor::StreamWorker`] per stream with explicit states,
//!   jittered exponential backoff, stall detection and a read timeout.
//! - [`frame`]: what comes out: [`DecodedFrame`] with stream identity, timestamps and the picture.
//! - [`telemetry`]: every ingest metric, declared in one place.
//! - [`error`]: the crate's one error type, classified by [`ErrorKind`].

pub mod decode;
pub mod error;
pub mod frame;
pub mod h264;
pub mod sampling;
pub mod source;
pub mod supervisor;
pub mod telemetry;

pub use error::{Error, ErrorKind};
pub use frame::{AccessUnit, ClockSource, DecodedFrame, StreamIdentity, YuvPicture};
pub use supervisor::{DecodeMode, StreamHandle, StreamState, StreamStatus, StreamWorker, SupervisorConfig};
pub use sampling::SamplingConfig;
pub use telemetry::{IngestMetrics, StreamCounters};

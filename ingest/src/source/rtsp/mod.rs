//! Live RTSP/H.264 through `retina`.

mod config;
mod opener;

pub use config::{RtspSourceConfig, RtspTransport, redact_userinfo};
pub use opener::{ClockMap, RtspOpener, rescale_to_90k};

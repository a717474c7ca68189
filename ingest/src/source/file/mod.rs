//! Clips from disk: `.264` (Annex-B elementary stream) and `.mp4`. Also how an uploaded incident
//! clip will be analysed.

mod boxes;
mod config;
mod opener;
mod samples;

pub use config::{FileSourceConfig, Pace};
pub use opener::{ClipUnit, FileOpener, load_clip, read_mp4};

//! From per-frame plate boxes to one read per vehicle pass: tracking on boxes, reading each
//! track's best crops (OCR per track), voting, and merging passes split by missed detections.

mod config;
mod pass;
mod reading;
mod tracker;
mod vote;

pub use config::TrackerConfig;
pub use pass::{PassFilter, Verdict};
pub use reading::{Crop, OcrMode, ReadFn, ReadPolicy, TrackRead, TrackReading};
pub use tracker::{FinishedTrack, Observation, Sighting, TrackEvent, Tracker};
pub use vote::{Vote, vote};

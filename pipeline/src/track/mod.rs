//! From per-frame plate detections to one read per vehicle pass: tracking and voting.

mod tracker;
mod vote;

pub use tracker::{FinishedTrack, Observation, Tracker, TrackerConfig};
pub use vote::{Vote, vote};

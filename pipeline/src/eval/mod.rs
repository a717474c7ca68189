//! Accuracy:
//! - [`frames`]: `fleetsight eval --clips DIR`, per-frame detection and reading on a labelled
//!   clip set (a diagnostic);
//! - [`passes`]: `fleetsight eval --passes DIR`, reads per vehicle pass with the clips played
//!   as live cameras (the number users judge).

pub mod frames;
pub mod passes;

pub use frames::{EvalReport, Tally, Truth, TruthPlate, render, run, truths};

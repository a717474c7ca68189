//! fleetsight models: plate detection and plate OCR with Burn, and the Indian plate grammar.
//! Pure: image in, results out; no async runtime.
//!
//! # Layout
//! - [`grammar`]: [`PlateText`], a registration mark that only exists once validated, and
//!   grammar-driven correction of OCR confusions.

pub mod grammar;

pub use grammar::{PlateKind, PlateRejection, PlateText};

//! Plate detection: PP-OCRv4's text detector, then plate-shaped grouping of text lines.

mod detector;
pub mod postprocess;

pub use detector::{DetectorOptions, TextDetector};
pub use postprocess::{PlateCandidate, PlateShape, TextLine, TextLineOptions};

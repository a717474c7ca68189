//! Plate detection, two ways:
//! - [`PlateDetector`]: the project's own plate detector ([`plate_net`]), trained on synthetic
//!   scenes, on half-resolution luma: the default, about 10 ms per 720p frame on one core;
//! - [`TextDetector`]: PP-OCRv4's general text detector (DBNet) with plate-shaped grouping of
//!   text lines (one- and two-line), on RGB: 20-30x slower on a whole frame, kept for
//!   comparison and used on small plate crops to find the text lines the reader reads.

mod detector;
mod plate_detector;
pub mod plate_net;
pub mod postprocess;
pub mod validation;

pub use detector::{DetectorOptions, TextDetector};
pub use plate_detector::{Detection, PlateDetector, PlateDetectorOptions, WorkImage, decode, nms};
pub use postprocess::{PlateCandidate, PlateShape, TextLine, TextLineOptions};

//! fleetsight models: plate detection and plate OCR with Burn, and the Indian plate grammar.
//! Pure: image in, results out; no async runtime.
//!
//! # Layout
//! - [`grammar`]: [`PlateText`], a registration mark that only exists once validated, and
//!   grammar-driven correction of OCR confusions.
//! - [`detect`]: the project's plate detector (PlateNet, on luma) and PP-OCRv4's text detector
//!   (DBNet) with the grouping of text lines into plates (one- and two-line).
//! - [`read`]: PP-OCRv4's text recogniser, CTC-decoded over `0-9A-Z` only.
//! - [`ocr`]: [`PlateOcr`]: one plate crop in, its validated mark out.
//! - [`recognizer`]: [`PlateRecognizer`]: frames in, validated [`PlateDetection`]s out.
//! - [`weights`]: loading the committed Burnpack weights, with clear errors.
//! - [`image`], [`luma`]: the RGB and luma image and rectangle types the API speaks.
//! - [`synth`]: the synthetic scene renderer the plate detector is trained on; `train` (feature
//!   `train`): the training loop.
//!
//! The models run on Burn's `flex` CPU backend by default; the `wgpu` and `cuda` features
//! add GPU devices (`burn::prelude::Device::cuda(0)`).
//!
//! Everything that needs Burn sits behind the default feature `inference`; without it the crate
//! is the grammar, the image types and the error (what the fuzz targets in `tests/fuzz` build).

#[cfg(feature = "inference")]
pub mod detect;
pub mod error;
#[cfg(feature = "inference")]
mod generated;
pub mod grammar;
pub mod image;
pub mod luma;
#[cfg(feature = "inference")]
pub mod ocr;
#[cfg(feature = "inference")]
pub mod read;
#[cfg(feature = "inference")]
pub mod recognizer;
#[cfg(feature = "inference")]
pub mod synth;
#[cfg(feature = "train")]
pub mod train;
#[cfg(feature = "inference")]
pub mod weights;

#[cfg(feature = "inference")]
pub use burn::prelude::Device;
pub use error::{Error, ErrorKind, Result};
pub use grammar::{PlateKind, PlateRejection, PlateText};
pub use image::{Rect, RgbImage};
pub use luma::LumaImage;
#[cfg(feature = "inference")]
pub use ocr::{OcrOutcome, PlateOcr};
#[cfg(feature = "inference")]
pub use recognizer::{DetectorKind, FrameDetector, FrameResult, PlateDetection, PlateRecognizer, RecognizerOptions, Rejected};

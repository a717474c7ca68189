//! Plate reading: PP-OCRv4's text recogniser, decoded over `0-9A-Z` only.

pub mod ctc;
mod reader;

pub use reader::PlateReader;

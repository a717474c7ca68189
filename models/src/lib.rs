//! fleetsight models: plate detection and plate OCR with Burn, and the Indian plate grammar.
//! Pure: image in, results out; no async runtime.
//!
//! Nothing is implemented yet: the detector, reader and `PlateText` grammar arrive with the
//! "plate detection and OCR" issue. The crate exists now so the workspace has its final shape.

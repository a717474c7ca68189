//! Loading weights: the committed Burnpack files, with clear errors for a missing or corrupt file.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use burn::module::Module;
use burn_store::{BurnpackStore, ModuleSnapshot};

use crate::error::{Error, ErrorKind, Result};

/// File name of the project's plate detector weights (PlateNet, trained by `fleetsight train`).
pub const PLATE_DETECTOR_FILE: &str = "plate_net.bpk";
/// File name of the PP-OCRv4 text detector weights.
pub const DETECTOR_FILE: &str = "ppocr_v4_det.bpk";
/// File name of the PP-OCRv4 text recogniser weights.
pub const RECOGNIZER_FILE: &str = "ppocr_v4_rec.bpk";

/// What the weights are, for events and evidence: name and provenance (source package and
/// SHA-256 prefix of the ONNX file the PP-OCR weights were converted from; training run of the
/// plate detector, see `weights/PROVENANCE.md`).
pub mod versions {
    /// The project's plate detector.
    pub const PLATE_DETECTOR: &str = "plate-net v1 (fleetsight train detector, seed 20261121)";
    /// PP-OCRv4's text detector, when it is the frame detector.
    pub const TEXT_DETECTOR: &str = "ppocr-v4-det (rapidocr-onnxruntime 1.4.4, onnx sha256 d2a7720d)";
    /// The reader: PP-OCRv4's text detector on the plate crop, then its recogniser.
    pub const READER: &str = "ppocr-v4-rec (rapidocr-onnxruntime 1.4.4, onnx sha256 48fc40f2)";
}

/// Where the weights live: `$FLEETSIGHT_MODELS_DIR` if set, else the `weights/` folder of this
/// crate's source (where they are committed).
pub fn default_dir() -> PathBuf {
    std::env::var_os("FLEETSIGHT_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/weights")))
}

/// How to get a weights file back, for error messages.
pub(crate) enum Origin {
    /// Converted from PP-OCR's ONNX files.
    Converted,
    /// Trained by the project.
    Trained,
}

impl Origin {
    fn hint(&self) -> &'static str {
        match self {
            Origin::Converted => "restore them from git or regenerate with models/tools/convert.sh",
            Origin::Trained => "restore them from git or retrain with models/tools/train_detector.sh",
        }
    }
}

/// Loads `path` into `model`. Every tensor of the model must be in the file with the right
/// shape: a partial load would run with random weights and read garbage.
pub(crate) fn load_into<M: Module + ModuleSnapshot>(model: &mut M, path: &Path, origin: Origin) -> Result<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::new(ErrorKind::NotFound, format!("model weights {} cannot be read ({e}); {}", path.display(), origin.hint())))?;
    if !meta.is_file() || meta.len() < 16 {
        return Err(Error::new(ErrorKind::Corrupt, format!("model weights {} are empty or truncated ({} bytes)", path.display(), meta.len())));
    }
    let corrupt = |why: String| Error::new(ErrorKind::Corrupt, format!("model weights {} are corrupt: {why}", path.display()));
    // The store parses an untrusted file; make sure no malformed file can unwind through us.
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut store = BurnpackStore::from_file(path);
        model.load_from(&mut store).map_err(|e| e.to_string())
    }))
    .map_err(|_| corrupt("the Burnpack reader panicked".into()))?
    .map_err(corrupt)?;
    if !result.missing.is_empty() || !result.errors.is_empty() {
        let first = result.missing.first().map(|m| m.0.clone()).or_else(|| result.errors.first().map(|e| format!("{e:?}")));
        return Err(corrupt(format!(
            "{} tensors missing, {} not applicable (first: {})",
            result.missing.len(),
            result.errors.len(),
            first.unwrap_or_default()
        )));
    }
    Ok(())
}

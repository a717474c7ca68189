//! Weights: the committed files fit the current architecture; missing or corrupt files are clear
//! errors, never panics.

use models::detect::{DetectorOptions, TextDetector};
use models::read::PlateReader;
use models::weights::{DETECTOR_FILE, RECOGNIZER_FILE, default_dir};
use models::{Device, ErrorKind, PlateRecognizer};

#[test]
fn shipped_weights_fit_the_architecture() {
    // Every tensor present with the right shape, or load_into reports it.
    PlateRecognizer::load_default().expect("committed weights load into the generated models");
}

#[test]
fn missing_weights_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = PlateRecognizer::load(dir.path(), &Device::flex(), DetectorOptions::default()).err().expect("must fail");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let msg = err.to_string();
    assert!(msg.contains(DETECTOR_FILE) && msg.contains("convert.sh"), "{msg}");
}

#[test]
fn corrupt_weights_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(default_dir().join(RECOGNIZER_FILE)).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("garbage", (0..100_000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect()),
        ("truncated", real[..real.len() / 3].to_vec()),
        ("header only", real[..64].to_vec()),
    ];
    for (what, bytes) in cases {
        let path = dir.path().join(format!("{}.bpk", what.replace(' ', "_")));
        std::fs::write(&path, &bytes).unwrap();
        let err = PlateReader::load(&path, &Device::flex()).err().unwrap_or_else(|| panic!("{what}: must fail"));
        assert_eq!(err.kind(), ErrorKind::Corrupt, "{what}: {err}");
        assert!(err.to_string().contains(&path.display().to_string()), "{what}: {err}");
    }
    // The detector's weights are not the recogniser's: shapes differ, so this must not load.
    let wrong = dir.path().join("wrong.bpk");
    std::fs::copy(default_dir().join(RECOGNIZER_FILE), &wrong).unwrap();
    let err = TextDetector::load(&wrong, &Device::flex(), DetectorOptions::default()).err().expect("wrong model must fail");
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
}

//! Weights: the committed files fit the current architecture; missing or corrupt files are clear
//! errors, never panics.

use models::detect::{DetectorOptions, PlateDetector, PlateDetectorOptions, TextDetector};
use models::read::PlateReader;
use models::weights::{DETECTOR_FILE, PLATE_DETECTOR_FILE, RECOGNIZER_FILE, default_dir};
use models::{DetectorKind, Device, ErrorKind, PlateRecognizer, RecognizerOptions};

#[test]
fn shipped_weights_fit_the_architecture() {
    // Every tensor present with the right shape, or load_into reports it.
    PlateRecognizer::load_default().expect("committed weights load into the models");
    let text = RecognizerOptions { detector: DetectorKind::Text, ..Default::default() };
    PlateRecognizer::load(&default_dir(), &Device::flex(), &text).expect("the text detector's weights load too");
}

#[test]
fn missing_weights_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = PlateRecognizer::load(dir.path(), &Device::flex(), &RecognizerOptions::default()).err().expect("must fail");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let msg = err.to_string();
    assert!(msg.contains(PLATE_DETECTOR_FILE) && msg.contains("train_detector.sh"), "{msg}");
    let text = RecognizerOptions { detector: DetectorKind::Text, ..Default::default() };
    let msg = PlateRecognizer::load(dir.path(), &Device::flex(), &text).err().expect("must fail").to_string();
    assert!(msg.contains(DETECTOR_FILE) && msg.contains("convert.sh"), "{msg}");
}

#[test]
fn corrupt_plate_detector_weights_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read(default_dir().join(PLATE_DETECTOR_FILE)).unwrap();
    for (what, bytes) in [("truncated", real[..real.len() / 2].to_vec()), ("flipped", real.iter().map(|b| b ^ 0x5a).collect())] {
        let path = dir.path().join(format!("{what}.bpk"));
        std::fs::write(&path, &bytes).unwrap();
        let err = PlateDetector::load(&path, &Device::flex(), PlateDetectorOptions::default()).err().unwrap_or_else(|| panic!("{what}: must fail"));
        assert_eq!(err.kind(), ErrorKind::Corrupt, "{what}: {err}");
    }
    // Another model's weights do not fit the plate detector.
    let err = PlateDetector::load(&default_dir().join(DETECTOR_FILE), &Device::flex(), PlateDetectorOptions::default()).err().expect("wrong model must fail");
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
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

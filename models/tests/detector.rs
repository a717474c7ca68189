//! The committed plate detector on its validation split: whole 720p synthetic frames rendered
//! from a seed training never used (plates 40-300 px, overlays, signs, boards, grilles, every
//! degradation). A smaller sample than the training report's, with margins below its figures,
//! so that the test says "these weights still detect plates", not "this exact number".

use models::Device;
use models::detect::validation::validate;
use models::detect::{PlateDetector, PlateDetectorOptions};
use models::synth::SceneRenderer;
use models::weights::{PLATE_DETECTOR_FILE, default_dir};

#[test]
fn committed_weights_find_plates_and_ignore_clutter_on_validation_frames() {
    let detector = PlateDetector::load(&default_dir().join(PLATE_DETECTOR_FILE), &Device::flex(), PlateDetectorOptions::default()).unwrap();
    let renderer = SceneRenderer::new().expect("fonts: run deploy/setup.sh");
    let r = validate(&detector, &renderer, 40, 20).unwrap();
    eprintln!("{}", r.render());
    let readable = r.readable_recall();
    assert!(r.plates[1] + r.plates[2] >= 30, "the sample holds plates 80-300 px wide");
    assert!(readable >= 0.85, "recall on plates 80-300 px wide: {readable:.3}");
    assert!(r.precision() >= 0.8, "precision {:.3}", r.precision());
    assert!(r.empty_false <= 4, "{} false plates on {} plate-free frames", r.empty_false, r.empty_frames);
}

//! The plate grammar: parsing a registration mark (API paths and bodies, hotlist imports) and
//! correcting OCR confusions in a read.
//!
//! Input: UTF-8 `RAW` or `RAW|READ`: RAW is parsed, READ is corrected as OCR output with each
//! character's confidence taken from its position.
#![no_main]

use libfuzzer_sys::fuzz_target;
use models::grammar::{CharCandidate, PlateText, correct, edit_distance};

fuzz_target!(|data: &str| {
    let (raw, read) = data.split_once('|').unwrap_or((data, data));
    if let Ok(plate) = PlateText::parse(raw) {
        assert!((6..=11).contains(&plate.as_str().len()));
        assert_eq!(PlateText::parse(plate.as_str()).as_ref(), Ok(&plate), "normalised text re-parses");
        assert_eq!(PlateText::parse(&plate.formatted()).as_ref(), Ok(&plate), "the printed form re-parses");
    }
    let chars: Vec<CharCandidate> = read.chars().enumerate().map(|(i, ch)| CharCandidate { ch, confidence: (i * 37 % 101) as f32 / 100.0 }).collect();
    if let Ok(fixed) = correct(&chars) {
        assert_eq!(PlateText::parse(fixed.plate.as_str()).as_ref(), Ok(&fixed.plate));
        assert!(fixed.corrections <= chars.len());
    }
    let d = edit_distance(raw, read);
    assert_eq!(d, edit_distance(read, raw));
    assert!(d <= raw.chars().count().max(read.chars().count()));
});

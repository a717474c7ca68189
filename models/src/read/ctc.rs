//! CTC decoding restricted to the characters a plate can carry.

use crate::grammar::CharCandidate;

/// Class index of each of `0-9A-Z` in PP-OCRv4's recogniser output (6625 classes: 0 is the CTC
/// blank, then the 6623 characters of the dictionary stored in the ONNX metadata key
/// `character`, then a space). Extracted from `ch_PP-OCRv4_rec_infer.onnx` (see
/// `models/weights/PROVENANCE.md`).
pub const PPOCR_V4_PLATE_CLASSES: [(char, usize); 36] = [
    ('0', 26), ('1', 93), ('2', 25), ('3', 94), ('4', 632), ('5', 631), ('6', 933), ('7', 29), ('8', 27), ('9', 1109),
    ('A', 1221), ('B', 3588), ('C', 4244), ('D', 1220), ('E', 4381), ('F', 1219), ('G', 5128), ('H', 425), ('I', 3587),
    ('J', 2697), ('K', 5193), ('L', 3506), ('M', 3639), ('N', 3589), ('O', 4741), ('P', 1310), ('Q', 4731), ('R', 5127),
    ('S', 1217), ('T', 1381), ('U', 4497), ('V', 5405), ('W', 5033), ('X', 5200), ('Y', 1218), ('Z', 4136),
];

/// Greedy CTC over `steps` x `classes` probabilities, considering only the blank (class 0) and
/// `allowed` classes: everything else (Chinese characters, punctuation) cannot be emitted, so
/// a plate is never read as a look-alike symbol. Each character's confidence is the highest
/// probability it reached over the steps it spans.
///
/// ```
/// use models::read::ctc::greedy_decode;
/// // 4 steps, 3 classes (blank, 'A' at 1, 'B' at 2): A A blank B -> "AB"
/// let p = [0.1, 0.8, 0.1,  0.2, 0.7, 0.1,  0.9, 0.05, 0.05,  0.1, 0.1, 0.8];
/// let out = greedy_decode(&p, 4, 3, &[('A', 1), ('B', 2)]);
/// assert_eq!(out.iter().map(|c| c.ch).collect::<String>(), "AB");
/// assert!((out[0].confidence - 0.8).abs() < 1e-6);
/// ```
pub fn greedy_decode(probs: &[f32], steps: usize, classes: usize, allowed: &[(char, usize)]) -> Vec<CharCandidate> {
    let mut out: Vec<CharCandidate> = Vec::new();
    let mut prev: Option<usize> = None;
    for t in 0..steps {
        let row = &probs[t * classes..(t + 1) * classes];
        let blank = row[0];
        let (best, p) = allowed
            .iter()
            .enumerate()
            .map(|(k, &(_, idx))| (k, row.get(idx).copied().unwrap_or(0.0)))
            .fold((usize::MAX, blank), |acc, (k, p)| if p > acc.1 { (k, p) } else { acc });
        if best == usize::MAX {
            prev = None;
            continue;
        }
        if prev == Some(best) {
            if let Some(last) = out.last_mut() {
                last.confidence = last.confidence.max(p);
            }
        } else {
            out.push(CharCandidate { ch: allowed[best].0, confidence: p });
        }
        prev = Some(best);
    }
    out
}

//! Voting over a track's reads: character by character, weighted by confidence, constrained by
//! the plate grammar.

use std::collections::HashMap;

use models::grammar::{CharCandidate, correct};

/// The outcome of a vote.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    /// The voted mark.
    pub text: String,
    /// Confidence: the smallest per-position share of the winning character's weight.
    pub confidence: f32,
    /// Every distinct read text with its weighted share, best first, and how many reads gave it.
    pub candidates: Vec<(String, f32, u32)>,
}

/// Votes over `reads` (each a validated text plus its per-character confidences).
///
/// Reads of the most-supported length vote per position, each weighted by its character's
/// confidence; the voted string then goes through the grammar (so a voted mix of two valid
/// reads cannot produce an invalid mark). If it fails the grammar, the best whole read wins.
///
/// ```
/// use models::grammar::CharCandidate;
/// let r = |s: &str, c: f32| (s.to_string(), s.chars().map(|ch| CharCandidate { ch, confidence: c }).collect::<Vec<_>>());
/// // Two reads confuse different characters; the vote recovers the plate neither read alone.
/// let v = pipeline::track::vote(&[r("MH12AB1284", 0.6), r("MH12AB1234", 0.9), r("MH18AB1234", 0.5)]).unwrap();
/// assert_eq!(v.text, "MH12AB1234");
/// ```
pub fn vote(reads: &[(String, Vec<CharCandidate>)]) -> Option<Vote> {
    if reads.is_empty() {
        return None;
    }
    // Whole-text shares, for the candidate list and the fallback.
    let mut by_text: HashMap<&str, (f32, u32)> = HashMap::new();
    let mut total = 0.0;
    for (text, chars) in reads {
        let w = weight(chars);
        total += w;
        let e = by_text.entry(text.as_str()).or_default();
        e.0 += w;
        e.1 += 1;
    }
    let mut candidates: Vec<(String, f32, u32)> = by_text.iter().map(|(t, (w, n))| (t.to_string(), w / total.max(1e-6), *n)).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    // The length most weight agrees on.
    let mut by_len: HashMap<usize, f32> = HashMap::new();
    for (text, chars) in reads {
        *by_len.entry(text.len()).or_default() += weight(chars);
    }
    let len = by_len.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| *l)?;
    let same: Vec<&Vec<CharCandidate>> = reads.iter().filter(|(t, c)| t.len() == len && c.len() == len).map(|(_, c)| c).collect();
    let mut voted = Vec::with_capacity(len);
    let mut min_share = 1.0f32;
    for pos in 0..len {
        let mut tally: HashMap<char, f32> = HashMap::new();
        let mut pos_total = 0.0;
        for chars in &same {
            let c = chars[pos];
            *tally.entry(c.ch).or_default() += c.confidence;
            pos_total += c.confidence;
        }
        let (ch, w) = tally.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        let share = if pos_total > 0.0 { w / pos_total } else { 0.0 };
        min_share = min_share.min(share);
        voted.push(CharCandidate { ch, confidence: share });
    }
    let text = match correct(&voted) {
        Ok(fixed) => fixed.plate.as_str().to_string(),
        Err(_) => {
            min_share = candidates[0].1;
            candidates[0].0.clone()
        }
    };
    Some(Vote { text, confidence: min_share, candidates })
}

/// A read's weight: its weakest character's confidence (one bad character makes a bad read).
fn weight(chars: &[CharCandidate]) -> f32 {
    chars.iter().map(|c| c.confidence).fold(1.0, f32::min).max(1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str, confs: &[f32]) -> (String, Vec<CharCandidate>) {
        (s.into(), s.chars().enumerate().map(|(i, ch)| CharCandidate { ch, confidence: *confs.get(i).unwrap_or(&0.9) }).collect())
    }

    #[test]
    fn majority_and_confidence_both_count() {
        let v = vote(&[r("KA05MN6789", &[]), r("KA05MN6789", &[]), r("KA05MN6788", &[0.9; 10])]).unwrap();
        assert_eq!(v.text, "KA05MN6789");
        assert_eq!(v.candidates[0].0, "KA05MN6789");
        assert_eq!(v.candidates[0].2, 2);
        assert!(v.confidence > 0.6 && v.confidence < 0.7, "{}", v.confidence);
    }

    #[test]
    fn a_confident_minority_beats_unsure_reads_per_position() {
        let mut unsure = vec![0.9; 10];
        unsure[9] = 0.2;
        let v = vote(&[r("MH12AB1238", &unsure), r("MH12AB1238", &unsure), r("MH12AB1234", &[0.95; 10])]).unwrap();
        assert_eq!(v.text, "MH12AB1234");
    }

    #[test]
    fn lengths_do_not_mix() {
        let v = vote(&[r("DL3CAB1234", &[]), r("DL3CAB1234", &[]), r("DL3CA1234", &[])]).unwrap();
        assert_eq!(v.text, "DL3CAB1234");
        assert_eq!(v.candidates.len(), 2);
    }

    #[test]
    fn empty_is_none() {
        assert!(vote(&[]).is_none());
    }
}

//! Grammar-driven correction of OCR confusions.
//!
//! OCR confuses look-alikes (O/0, I/1, B/8, S/5, Z/2, G/6, D/0). The grammar knows which
//! positions must be letters and which digits, so a confusion is fixable when exactly one reading
//! makes a valid mark. Among several valid readings the cheapest wins, where changing a character
//! costs its confidence: a confident character is rarely wrong.

use super::plate_text::{PlateRejection, PlateText};

/// One recognised character and the reader's confidence in it (0..=1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharCandidate {
    /// The character (normally `A-Z` or `0-9`).
    pub ch: char,
    /// The reader's probability for it.
    pub confidence: f32,
}

/// A corrected reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    /// The valid mark.
    pub plate: PlateText,
    /// How many characters were changed.
    pub corrections: usize,
    /// Sum of the confidences of the changed characters (0 when nothing changed).
    pub cost: f32,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Digit,
    Exact(u8),
}

fn as_digit(c: u8) -> &'static [u8] {
    match c {
        b'O' | b'D' | b'Q' => b"0",
        b'I' | b'L' => b"1",
        b'Z' => b"2",
        b'S' => b"5",
        b'G' => b"6",
        b'B' => b"8",
        _ => b"",
    }
}

fn as_letter(c: u8) -> &'static [u8] {
    match c {
        b'0' => b"OD",
        b'1' => b"I",
        b'2' => b"Z",
        b'5' => b"S",
        b'6' => b"G",
        b'8' => b"B",
        _ => b"",
    }
}

/// The position classes of every layout of length `n`.
fn templates(n: usize) -> Vec<Vec<Class>> {
    use Class::*;
    let mut out = Vec::new();
    for d in 1..=2 {
        for l in 0..=3 {
            if 2 + d + l + 4 == n {
                let mut t = vec![Letter, Letter];
                t.extend(std::iter::repeat_n(Digit, d));
                t.extend(std::iter::repeat_n(Letter, l));
                t.extend(std::iter::repeat_n(Digit, 4));
                out.push(t);
            }
        }
    }
    for l in 1..=2 {
        if 8 + l == n {
            let mut t = vec![Digit, Digit, Exact(b'B'), Exact(b'H'), Digit, Digit, Digit, Digit];
            t.extend(std::iter::repeat_n(Letter, l));
            out.push(t);
        }
    }
    out
}

/// Most corrections per reading; beyond this the reading is too damaged to trust. Measured: with
/// 3, a test pattern's clock `00:00:47.840` became the valid mark `OD47O8400`.
const MAX_CORRECTIONS: usize = 2;

/// Finds the cheapest valid mark reachable from `chars` by fixing look-alike confusions.
///
/// ```
/// use models::grammar::{CharCandidate, correct};
/// let read: Vec<CharCandidate> = "MHI2AB1Z34".chars().map(|ch| CharCandidate { ch, confidence: 0.6 }).collect();
/// let fixed = correct(&read).unwrap();
/// assert_eq!(fixed.plate.as_str(), "MH12AB1234");
/// assert_eq!(fixed.corrections, 2);
/// ```
pub fn correct(chars: &[CharCandidate]) -> Result<Corrected, PlateRejection> {
    let raw: String = chars.iter().map(|c| c.ch.to_ascii_uppercase()).collect();
    let direct = PlateText::parse(&raw);
    if let Ok(plate) = direct {
        return Ok(Corrected { plate, corrections: 0, cost: 0.0 });
    }
    let bytes: Vec<u8> = raw.bytes().collect();
    let mut best: Option<Corrected> = None;
    for t in templates(bytes.len()) {
        let mut options: Vec<Vec<(u8, f32)>> = Vec::with_capacity(bytes.len());
        let mut feasible = true;
        for (i, (&c, class)) in bytes.iter().zip(&t).enumerate() {
            let conf = chars[i].confidence.clamp(0.0, 1.0);
            let opts: Vec<(u8, f32)> = match class {
                Class::Letter if c.is_ascii_uppercase() => vec![(c, 0.0)],
                Class::Digit if c.is_ascii_digit() => vec![(c, 0.0)],
                Class::Exact(e) if c == *e => vec![(c, 0.0)],
                Class::Letter => as_letter(c).iter().map(|&r| (r, conf)).collect(),
                Class::Digit => as_digit(c).iter().map(|&r| (r, conf)).collect(),
                Class::Exact(e) => {
                    let reachable = as_letter(c).contains(e);
                    if reachable { vec![(*e, conf)] } else { vec![] }
                }
            };
            if opts.is_empty() {
                feasible = false;
                break;
            }
            options.push(opts);
        }
        if !feasible || options.iter().filter(|o| o[0].1 > 0.0).count() > MAX_CORRECTIONS {
            continue;
        }
        let mut buf = Vec::with_capacity(bytes.len());
        search(&options, &mut buf, 0.0, 0, &mut best);
    }
    best.ok_or(direct.unwrap_err())
}

/// Levenshtein distance between two texts, in characters: how far a misread is from the truth.
///
/// ```
/// assert_eq!(models::grammar::edit_distance("MH12A81234", "MH12AB1234"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn search(options: &[Vec<(u8, f32)>], buf: &mut Vec<u8>, cost: f32, changes: usize, best: &mut Option<Corrected>) {
    if buf.len() == options.len() {
        let text = String::from_utf8_lossy(buf);
        if let Ok(plate) = PlateText::parse(&text) {
            if best.as_ref().is_none_or(|b| cost < b.cost) {
                *best = Some(Corrected { plate, corrections: changes, cost });
            }
        }
        return;
    }
    for &(c, k) in &options[buf.len()] {
        buf.push(c);
        search(options, buf, cost + k, changes + (k > 0.0) as usize, best);
        buf.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str, conf: &[f32]) -> Vec<CharCandidate> {
        s.chars().enumerate().map(|(i, ch)| CharCandidate { ch, confidence: *conf.get(i).unwrap_or(&0.9) }).collect()
    }

    #[test]
    fn fixes_confusions_by_position() {
        assert_eq!(correct(&read("MH12A81234", &[])).unwrap().plate.as_str(), "MH12AB1234");
        assert_eq!(correct(&read("0L3CAB1234", &[])).unwrap().plate.as_str(), "DL3CAB1234");
        assert_eq!(correct(&read("KAO5MN6789", &[])).unwrap().plate.as_str(), "KA05MN6789");
        assert_eq!(correct(&read("Z2BHI234AA", &[])).unwrap().plate.as_str(), "22BH1234AA");
        assert_eq!(correct(&read("MH12AB1234", &[])).unwrap().corrections, 0);
    }

    #[test]
    fn prefers_changing_the_least_confident_character() {
        // "MH12AB1234" misread as "MH12A8I234": B->8 (confident 0.95) and 1->I (unsure 0.3).
        // Only fixes to letter-at-series and digit-at-number are valid; both are needed here.
        let fixed = correct(&read("MH12A8I234", &[0.9, 0.9, 0.9, 0.9, 0.9, 0.95, 0.3])).unwrap();
        assert_eq!(fixed.plate.as_str(), "MH12AB1234");
        assert_eq!(fixed.corrections, 2);
        assert!((fixed.cost - 1.25).abs() < 1e-6);
    }

    #[test]
    fn edit_distance_counts_substitutions_and_gaps() {
        assert_eq!(edit_distance("MH12AB1234", "MH12AB1234"), 0);
        assert_eq!(edit_distance("MH12AB123", "MH12AB1234"), 1);
        assert_eq!(edit_distance("", "KA05"), 4);
    }

    #[test]
    fn hopeless_readings_are_rejected() {
        assert!(correct(&read("00:00:06", &[])).is_err());
        assert!(correct(&read("XYZXYZXYZ", &[])).is_err());
        // Too many confusions to trust.
        assert!(correct(&read("0HI2AB1Z3A", &[])).is_err());
        assert!(correct(&read("004708400", &[])).is_err(), "a clock must not become OD47O8400");
    }
}

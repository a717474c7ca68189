use std::fmt;

use super::states::is_state_code;

/// Which registration scheme a mark follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlateKind {
    /// `SS DD X{0..3} NNNN`: state code, district (1-2 digits), series letters, number.
    Standard,
    /// Bharat series `YY BH NNNN XX`: year, `BH`, number, one or two letters (no I or O).
    Bharat,
}

/// Why a text is not a registration mark.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlateRejection {
    /// Nothing left after removing spaces and separators.
    #[error("empty plate text")]
    Empty,
    /// A character other than A-Z and 0-9.
    #[error("character {0:?} is not allowed on a plate")]
    BadCharacter(char),
    /// Too short or too long for any scheme.
    #[error("{0} characters: a registration mark has 6 to 11")]
    BadLength(usize),
    /// The first two letters are not a state or union-territory code.
    #[error("`{0}` is not a state or union-territory code")]
    UnknownState(String),
    /// Right state, but the rest does not follow `SS DD X{{0..3}} NNNN`.
    #[error("`{0}` does not follow SS DD X(0-3) NNNN")]
    BadStandardLayout(String),
    /// Starts like a BH mark but does not follow `YY BH NNNN XX`.
    #[error("`{0}` does not follow the BH series YY BH NNNN XX (letters without I and O)")]
    BadBharatLayout(String),
}

/// A validated, normalized Indian registration mark: upper-case `A-Z0-9` with no separators.
///
/// ```
/// use models::grammar::{PlateKind, PlateText};
/// let p = PlateText::parse("mh-12 ab 1234").unwrap();
/// assert_eq!(p.as_str(), "MH12AB1234");
/// assert_eq!(p.formatted(), "MH 12 AB 1234");
/// assert_eq!(PlateText::parse("22 BH 1234 AA").unwrap().kind(), PlateKind::Bharat);
/// assert!(PlateText::parse("XX12AB1234").is_err()); // no such state
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlateText {
    text: String,
    kind: PlateKind,
    /// Byte offsets splitting the text into its groups (for display).
    groups: [u8; 3],
}

impl PlateText {
    /// Normalizes (upper-case, drops spaces, `-`, `.` and `·`) and validates `raw`.
    pub fn parse(raw: &str) -> Result<Self, PlateRejection> {
        let mut text = String::with_capacity(raw.len());
        for c in raw.chars() {
            match c {
                ' ' | '-' | '.' | '·' | '\t' => {}
                c if c.is_ascii_alphanumeric() => text.push(c.to_ascii_uppercase()),
                c => return Err(PlateRejection::BadCharacter(c)),
            }
        }
        Self::validate_normalized(text)
    }

    fn validate_normalized(text: String) -> Result<Self, PlateRejection> {
        let b = text.as_bytes();
        if b.is_empty() {
            return Err(PlateRejection::Empty);
        }
        if !(6..=11).contains(&b.len()) {
            return Err(PlateRejection::BadLength(b.len()));
        }
        if b.len() >= 4 && &b[2..4] == b"BH" && b[0].is_ascii_digit() {
            return match bharat_groups(b) {
                Some(groups) => Ok(Self { text, kind: PlateKind::Bharat, groups }),
                None => Err(PlateRejection::BadBharatLayout(text)),
            };
        }
        if !is_state_code(&text[..2]) {
            return Err(PlateRejection::UnknownState(text[..2].to_string()));
        }
        match standard_groups(b) {
            Some(groups) => Ok(Self { text, kind: PlateKind::Standard, groups }),
            None => Err(PlateRejection::BadStandardLayout(text)),
        }
    }

    /// The normalized mark, e.g. `MH12AB1234`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The scheme.
    pub fn kind(&self) -> PlateKind {
        self.kind
    }

    /// The mark with its groups spaced, as printed: `MH 12 AB 1234`, `22 BH 1234 AA`.
    pub fn formatted(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 3);
        let mut prev = 0;
        for &g in self.groups.iter().filter(|&&g| g > 0) {
            out.push_str(&self.text[prev..g as usize]);
            out.push(' ');
            prev = g as usize;
        }
        out.push_str(&self.text[prev..]);
        out
    }
}

impl fmt::Display for PlateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for PlateText {
    type Err = PlateRejection;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// `SS D{1,2} L{0,3} N{4}`; returns group boundaries (a 0 means "no such group").
fn standard_groups(b: &[u8]) -> Option<[u8; 3]> {
    let n = b.len();
    if n < 7 || !b[n - 4..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let middle = &b[2..n - 4];
    let digits = middle.iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = &middle[digits..];
    let ok = (1..=2).contains(&digits) && letters.len() <= 3 && letters.iter().all(u8::is_ascii_uppercase);
    // A district of "0" or "00" is never issued.
    let district_nonzero = middle[..digits].iter().any(|&c| c != b'0');
    (ok && district_nonzero).then(|| {
        let d_end = 2 + digits;
        let l_end = d_end + letters.len();
        [2, d_end as u8, if letters.is_empty() { 0 } else { l_end as u8 }]
    })
}

/// `YY BH NNNN L{1,2}` with letters other than I and O.
fn bharat_groups(b: &[u8]) -> Option<[u8; 3]> {
    let n = b.len();
    let ok = (9..=10).contains(&n)
        && b[..2].iter().all(u8::is_ascii_digit)
        && &b[2..4] == b"BH"
        && b[4..8].iter().all(u8::is_ascii_digit)
        && b[8..].iter().all(|&c| c.is_ascii_uppercase() && c != b'I' && c != b'O');
    ok.then_some([2, 4, 8])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_shapes() {
        for (raw, norm, fmt) in [
            ("MH12AB1234", "MH12AB1234", "MH 12 AB 1234"),
            ("DL 3C AB 1234", "DL3CAB1234", "DL 3 CAB 1234"),
            ("KA05MN6789", "KA05MN6789", "KA 05 MN 6789"),
            ("KA 05 6789", "KA056789", "KA 05 6789"),
            ("tn-09-b-0001", "TN09B0001", "TN 09 B 0001"),
            ("22BH1234AA", "22BH1234AA", "22 BH 1234 AA"),
            ("21 BH 0001 Z", "21BH0001Z", "21 BH 0001 Z"),
        ] {
            let p = PlateText::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(p.as_str(), norm);
            assert_eq!(p.formatted(), fmt);
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        use PlateRejection::*;
        assert_eq!(PlateText::parse("  "), Err(Empty));
        assert_eq!(PlateText::parse("MH12_AB1234"), Err(BadCharacter('_')));
        assert_eq!(PlateText::parse("MH12"), Err(BadLength(4)));
        assert_eq!(PlateText::parse("QQ12AB1234"), Err(UnknownState("QQ".into())));
        assert!(matches!(PlateText::parse("MH12ABCD1234"), Err(BadLength(12))));
        assert!(matches!(PlateText::parse("MH12ABCD123"), Err(BadStandardLayout(_))));
        assert!(matches!(PlateText::parse("MH00AB1234"), Err(BadStandardLayout(_))));
        assert!(matches!(PlateText::parse("MH12AB12C4"), Err(BadStandardLayout(_))));
        assert!(matches!(PlateText::parse("22BH1234IO"), Err(BadBharatLayout(_))));
        assert!(matches!(PlateText::parse("22BH123AA"), Err(BadBharatLayout(_))));
        assert!(matches!(PlateText::parse("00:00:06.000"), Err(BadCharacter(':'))));
    }

    fn valid_standard() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(super::super::states::STATE_CODES.to_vec()),
            1u32..100,
            proptest::bool::ANY,
            "[A-Z]{0,3}",
            0u32..10000,
        )
            .prop_map(|(s, d, pad, l, n)| {
                let d = if pad || d >= 10 { format!("{d:02}") } else { d.to_string() };
                format!("{s}{d}{l}{n:04}")
            })
    }

    fn valid_bharat() -> impl Strategy<Value = String> {
        (0u32..100, 0u32..10000, "[A-HJ-NP-Z]{1,2}").prop_map(|(y, n, l)| format!("{y:02}BH{n:04}{l}"))
    }

    proptest! {
        /// Every valid mark round-trips: spaced and lower-cased, it normalizes back to itself.
        #[test]
        fn valid_marks_round_trip(mark in prop_oneof![valid_standard(), valid_bharat()]) {
            let p = PlateText::parse(&mark).unwrap();
            prop_assert_eq!(p.as_str(), mark.as_str());
            let again = PlateText::parse(&p.formatted().to_lowercase()).unwrap();
            prop_assert_eq!(again, p);
        }

        /// Nothing invalid is accepted: whatever is accepted satisfies the grammar, checked here
        /// independently with a regular language written out by hand.
        #[test]
        fn nothing_invalid_is_accepted(raw in "[A-Z0-9 \\-]{0,14}") {
            if let Ok(p) = PlateText::parse(&raw) {
                let t = p.as_str().as_bytes();
                let n = t.len();
                match p.kind() {
                    PlateKind::Standard => {
                        prop_assert!(super::super::states::STATE_CODES.contains(&&p.as_str()[..2]));
                        prop_assert!(t[n-4..].iter().all(u8::is_ascii_digit));
                        let mid = &t[2..n-4];
                        let d = mid.iter().take_while(|c| c.is_ascii_digit()).count();
                        prop_assert!((1..=2).contains(&d));
                        prop_assert!(mid[d..].len() <= 3 && mid[d..].iter().all(u8::is_ascii_uppercase));
                    }
                    PlateKind::Bharat => {
                        prop_assert!(t[..2].iter().all(u8::is_ascii_digit) && &t[2..4] == b"BH");
                        prop_assert!(t[4..8].iter().all(u8::is_ascii_digit));
                        prop_assert!((9..=10).contains(&n));
                        prop_assert!(t[8..].iter().all(|c| c.is_ascii_uppercase() && *c != b'I' && *c != b'O'));
                    }
                }
            }
        }
    }
}

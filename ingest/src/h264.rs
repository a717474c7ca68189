//! Just enough H.264 bitstream parsing for ingest: find NAL units in Annex-B data, group them
//! into access units, spot random access points and B-slices. Everything here is total: any
//! byte sequence is accepted and yields some (possibly empty) answer, never a panic.

/// NAL unit types we care about (ITU-T H.264 table 7-1).
pub mod nal_type {
    /// Coded slice of a non-IDR picture.
    pub const SLICE: u8 = 1;
    /// Coded slice of an IDR picture.
    pub const IDR: u8 = 5;
    /// Supplemental enhancement information.
    pub const SEI: u8 = 6;
    /// Sequence parameter set.
    pub const SPS: u8 = 7;
    /// Picture parameter set.
    pub const PPS: u8 = 8;
    /// Access unit delimiter.
    pub const AUD: u8 = 9;
}

/// Iterates over the NAL units (without start codes) of Annex-B data.
///
/// ```
/// let data = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3];
/// let nals: Vec<&[u8]> = ingest::h264::nal_units(&data).collect();
/// assert_eq!(nals, vec![&[0x67, 1, 2][..], &[0x68, 3][..]]);
/// ```
pub fn nal_units(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut pos = find_start_code(data, 0).map(|(_, end)| end);
    std::iter::from_fn(move || {
        let start = pos?;
        match find_start_code(data, start) {
            Some((sc_begin, sc_end)) => {
                pos = Some(sc_end);
                Some(trim_trailing_zeros(&data[start..sc_begin]))
            }
            None => {
                pos = None;
                Some(trim_trailing_zeros(&data[start..]))
            }
        }
    })
    .filter(|n| !n.is_empty())
}

/// Finds the next `00 00 01` at or after `from`; returns (start of the code, first byte after it).
fn find_start_code(data: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i + 3 <= data.len() {
        if data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 {
            return Some((i, i + 3));
        }
        i += 1;
    }
    None
}

/// A 4-byte start code leaves a zero at the end of the previous NAL; so may trailing_zero bytes.
fn trim_trailing_zeros(nal: &[u8]) -> &[u8] {
    let mut end = nal.len();
    while end > 0 && nal[end - 1] == 0 {
        end -= 1;
    }
    &nal[..end]
}

/// The NAL unit type (low 5 bits of the header byte).
pub fn nal_unit_type(nal: &[u8]) -> Option<u8> {
    nal.first().map(|b| b & 0x1f)
}

/// True if the access unit contains an IDR slice (decoding can start here, given SPS/PPS).
pub fn is_idr(au: &[u8]) -> bool {
    nal_units(au).any(|n| nal_unit_type(n) == Some(nal_type::IDR))
}

/// True if any slice of the access unit is a B-slice (`slice_type` 1 or 6), which the
/// `openh264` decoder cannot handle.
pub fn has_b_slice(au: &[u8]) -> bool {
    nal_units(au)
        .filter(|n| matches!(nal_unit_type(n), Some(nal_type::SLICE | nal_type::IDR)))
        .any(|n| slice_type(n) == Some(1))
}

/// The `slice_type % 5` of a slice NAL (0 = P, 1 = B, 2 = I, 3 = SP, 4 = SI).
pub fn slice_type(nal: &[u8]) -> Option<u32> {
    // The slice header starts right after the 1-byte NAL header; only the first few bytes are
    // needed, so strip emulation prevention bytes from a short prefix.
    let mut rbsp = Vec::with_capacity(16);
    let mut zeros = 0;
    for &b in nal.iter().skip(1).take(24) {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        rbsp.push(b);
    }
    let mut r = BitReader::new(&rbsp);
    let _first_mb_in_slice = r.ue()?;
    let st = r.ue()?;
    (st <= 9).then_some(st % 5)
}

/// Reads Exp-Golomb codes from RBSP bytes.
struct BitReader<'a> {
    data: &'a [u8],
    bit: usize,
}

impl<'a> BitReader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, bit: 0 }
    }

    fn read_bit(&mut self) -> Option<u32> {
        let byte = *self.data.get(self.bit / 8)?;
        let v = (byte >> (7 - (self.bit % 8))) & 1;
        self.bit += 1;
        Some(v as u32)
    }

    fn ue(&mut self) -> Option<u32> {
        let mut leading = 0;
        while self.read_bit()? == 0 {
            leading += 1;
            if leading > 31 {
                return None;
            }
        }
        let mut v: u64 = 0;
        for _ in 0..leading {
            v = (v << 1) | self.read_bit()? as u64;
        }
        u32::try_from((1u64 << leading) - 1 + v).ok()
    }
}

/// Splits an Annex-B elementary stream (a `.264` file) into access units.
///
/// A new access unit starts at an AUD, SPS, PPS or SEI that follows a slice, or at a slice whose
/// `first_mb_in_slice` is 0 (a new picture). Each returned unit is Annex-B with 4-byte start codes.
pub fn split_access_units(stream: &[u8]) -> Vec<Vec<u8>> {
    let mut units = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut current_has_slice = false;
    for nal in nal_units(stream) {
        let t = nal_unit_type(nal).unwrap_or(0);
        let is_slice = matches!(t, nal_type::SLICE | nal_type::IDR);
        let starts_new = if is_slice {
            current_has_slice && first_mb_is_zero(nal)
        } else {
            current_has_slice && matches!(t, nal_type::AUD | nal_type::SPS | nal_type::PPS | nal_type::SEI)
        };
        if starts_new && !current.is_empty() {
            units.push(std::mem::take(&mut current));
            current_has_slice = false;
        }
        current.extend_from_slice(&[0, 0, 0, 1]);
        current.extend_from_slice(nal);
        current_has_slice |= is_slice;
    }
    if !current.is_empty() {
        units.push(current);
    }
    units
}

fn first_mb_is_zero(nal: &[u8]) -> bool {
    // ue(v) == 0 is a single '1' bit: the MSB of the first slice-header byte.
    nal.get(1).is_some_and(|b| b & 0x80 != 0)
}

/// Converts AVCC (4-byte big-endian length prefixes, as in MP4 samples) to Annex-B.
/// Returns `None` if a length runs past the end of the sample.
pub fn avcc_to_annex_b(sample: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let mut rest = sample;
    while !rest.is_empty() {
        if rest.len() < 4 {
            return None;
        }
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let nal = rest.get(4..4 + len)?;
        out.extend_from_slice(&[0, 0, 0, 1]);
        out.extend_from_slice(nal);
        rest = &rest[4 + len..];
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_pictures_and_keeps_parameter_sets_with_idr() {
        // SPS, PPS, IDR(first_mb=0), P(first_mb=0), P second slice (first_mb=1 -> '010').
        let s = [
            0, 0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, 0xce, 0, 0, 1, 0x65, 0x88, 0, 0, 1, 0x41, 0x9a, 0, 0, 1,
            0x41, 0x40,
        ];
        let aus = split_access_units(&s);
        assert_eq!(aus.len(), 2);
        assert!(is_idr(&aus[0]));
        assert_eq!(nal_units(&aus[0]).count(), 3);
        assert_eq!(nal_units(&aus[1]).count(), 2);
    }

    #[test]
    fn reads_slice_types() {
        // first_mb=0 ('1'), slice_type=1 B ('010') -> 1010_0000
        assert_eq!(slice_type(&[0x01, 0b1010_0000]), Some(1));
        // first_mb=0, slice_type=7 (I, all slices) = '0001000' -> 1000_1000
        assert_eq!(slice_type(&[0x65, 0b1000_1000]), Some(2));
        // slice_type=5 (P) = '00110' -> 1001_1000
        assert_eq!(slice_type(&[0x41, 0b1001_1000]), Some(0));
        assert_eq!(slice_type(&[0x41]), None);
    }

    #[test]
    fn avcc_conversion_rejects_overlong_lengths() {
        let mut out = Vec::new();
        assert!(avcc_to_annex_b(&[0, 0, 0, 2, 0x65, 1], &mut out).is_some());
        assert_eq!(out, vec![0, 0, 0, 1, 0x65, 1]);
        assert!(avcc_to_annex_b(&[0, 0, 0, 9, 0x65], &mut Vec::new()).is_none());
    }
}

//! A walk over an MP4's box tree before the `mp4` crate parses it: every box must fit inside its
//! parent. The crate allocates some boxes' declared sizes before reading them (`meta`'s unknown
//! children, `data`, `hdlr`), so a clip declaring a 7e18-byte box inside `moov/udta/meta` aborted
//! the process on allocation (found by the `mp4_clip` fuzz target). Once every size is bounded by
//! its parent, and so by the file, what the crate allocates is bounded by the file's size.

use std::io::{Read, Seek, SeekFrom};

/// Boxes whose payload is a sequence of boxes (`meta` after its version and flags, when present).
const CONTAINERS: [&[u8; 4]; 14] =
    [b"moov", b"trak", b"edts", b"mdia", b"minf", b"dinf", b"stbl", b"mvex", b"moof", b"traf", b"udta", b"meta", b"ilst", b"mfra"];

/// Nesting deeper than any real file's (moov/trak/mdia/minf/stbl/… is 6 levels).
const MAX_DEPTH: u32 = 16;

/// Checks the boxes of the `size`-byte file; the message names the first box that does not fit.
pub(super) fn check_box_sizes<R: Read + Seek>(r: &mut R, size: u64) -> Result<(), String> {
    walk(r, 0, size, 0, false).map_err(|e| e.to_string())?;
    r.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
    Ok(())
}

fn walk<R: Read + Seek>(r: &mut R, start: u64, end: u64, depth: u32, items: bool) -> std::io::Result<()> {
    let mut at = start;
    // Fewer bytes than a box header left: padding, not a box.
    while end - at >= 8 {
        r.seek(SeekFrom::Start(at))?;
        let mut head = [0u8; 8];
        r.read_exact(&mut head)?;
        let kind = [head[4], head[5], head[6], head[7]];
        let (size, header) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
            0 => (end - at, 8),
            1 => {
                let mut large = [0u8; 8];
                r.read_exact(&mut large)?;
                (u64::from_be_bytes(large), 16)
            }
            s => (u64::from(s), 8),
        };
        if size < header || size > end - at {
            let name = String::from_utf8_lossy(&kind).escape_default().to_string();
            return Err(std::io::Error::other(format!("box `{name}` at byte {at} claims {size} bytes; its parent holds {} from there", end - at)));
        }
        // An `ilst`'s children are metadata items, each a container of `data` boxes.
        if depth < MAX_DEPTH && (items || CONTAINERS.contains(&&kind)) {
            let mut first = at + header;
            if &kind == b"meta" && size - header >= 4 {
                // A full box (version and flags, zero) in ISO files; QuickTime's has none.
                let mut vf = [0u8; 4];
                r.read_exact(&mut vf)?;
                if vf == [0; 4] {
                    first += 4;
                }
            }
            walk(r, first, at + size, depth + 1, &kind == b"ilst")?;
        }
        at += size;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(payload);
        b
    }

    #[test]
    fn a_child_larger_than_its_parent_is_refused() {
        // moov/udta/meta holding a box that claims 2^62 bytes.
        let mut huge = 1u32.to_be_bytes().to_vec();
        huge.extend_from_slice(b"xyz1");
        huge.extend_from_slice(&(1u64 << 62).to_be_bytes());
        let mut meta_payload = vec![0, 0, 0, 0];
        meta_payload.extend_from_slice(&huge);
        let file = boxed(b"moov", &boxed(b"udta", &boxed(b"meta", &meta_payload)));
        let err = check_box_sizes(&mut Cursor::new(&file), file.len() as u64).unwrap_err();
        assert!(err.starts_with("box `xyz1` at byte 28 claims 4611686018427387904 bytes"), "{err}");
    }

    #[test]
    fn nested_boxes_that_fit_pass() {
        let file = [boxed(b"ftyp", b"isom\0\0\0\0"), boxed(b"moov", &boxed(b"trak", &boxed(b"tkhd", &[0; 12]))), boxed(b"mdat", &[1, 2, 3])].concat();
        check_box_sizes(&mut Cursor::new(&file), file.len() as u64).unwrap();
        let short = boxed(b"moov", &[0, 0, 0, 4, b'f', b'r', b'e', b'e']);
        assert!(check_box_sizes(&mut Cursor::new(&short), short.len() as u64).unwrap_err().contains("claims 4 bytes"), "smaller than its header");
    }
}

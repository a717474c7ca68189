//! The pipe protocol between a stream's decode thread and its `fleetsight-decoder` child. All
//! integers are little-endian; one request, then one reply, at a time.
//!
//! ```text
//! child -> parent, once at start:   "FSDEC" version:u8
//! parent -> child, per access unit:  len:u32 flags:u8 (bit 0: keep the picture) then len bytes (Annex-B)
//! child -> parent, per access unit:  tag:u8 then
//!     0  no picture (parameter sets only, or buffered)
//!     1  a picture, not kept (not sent)
//!     2  a picture: width:u32 height:u32 then its I420 planes, tightly packed
//!     3  rejected by openh264: len:u16 then a UTF-8 message
//! ```
//!
//! The parent does not trust the child (it decodes hostile data): sizes are bounded, and a reply
//! that breaks the protocol is treated like a crash.

use std::io::{self, Read, Write};

use crate::frame::YuvPicture;

/// The child's greeting: a stale executable from an older build speaks another version and is
/// refused at start rather than misread.
pub const HELLO: [u8; 6] = *b"FSDEC\x01";

/// The largest access unit sent (a 4K IDR at a high bitrate is about 2 MB).
pub const MAX_UNIT: usize = 16 << 20;

/// The largest picture side accepted from the child (H.264 level 5.2 tops out at 4096).
const MAX_SIDE: u32 = 4096;

/// The largest rejection message.
const MAX_MESSAGE: usize = 1024;

const TAG_NOTHING: u8 = 0;
const TAG_DECODED: u8 = 1;
const TAG_PICTURE: u8 = 2;
const TAG_REJECTED: u8 = 3;

/// What the child answered for one access unit.
#[derive(Debug)]
pub enum Reply {
    /// No picture came out.
    Nothing,
    /// A picture came out and was not kept.
    Decoded,
    /// The kept picture.
    Picture(YuvPicture),
    /// openh264 rejected the unit; the message says why.
    Rejected(String),
}

fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Sends one access unit.
pub fn write_request(w: &mut impl Write, au: &[u8], keep: bool) -> io::Result<()> {
    if au.len() > MAX_UNIT {
        return Err(invalid(format!("access unit of {} bytes exceeds {MAX_UNIT}", au.len())));
    }
    let mut header = [0u8; 5];
    header[..4].copy_from_slice(&(au.len() as u32).to_le_bytes());
    header[4] = keep as u8;
    w.write_all(&header)?;
    w.write_all(au)?;
    w.flush()
}

/// Reads one access unit into `au`; returns whether to keep its picture, or `None` at end of input.
pub fn read_request(r: &mut impl Read, au: &mut Vec<u8>) -> io::Result<Option<bool>> {
    let mut header = [0u8; 5];
    match r.read_exact(&mut header) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        r => r?,
    }
    let len = u32::from_le_bytes(header[..4].try_into().expect("4 bytes")) as usize;
    if len > MAX_UNIT {
        return Err(invalid(format!("access unit of {len} bytes exceeds {MAX_UNIT}")));
    }
    au.resize(len, 0);
    r.read_exact(au)?;
    Ok(Some(header[4] & 1 == 1))
}

/// Answers: no picture.
pub fn write_nothing(w: &mut impl Write) -> io::Result<()> {
    w.write_all(&[TAG_NOTHING])?;
    w.flush()
}

/// Answers: a picture, not kept.
pub fn write_decoded(w: &mut impl Write) -> io::Result<()> {
    w.write_all(&[TAG_DECODED])?;
    w.flush()
}

/// Answers with a kept picture: `planes` are its packed I420 planes.
pub fn write_picture(w: &mut impl Write, width: u32, height: u32, planes: &[u8]) -> io::Result<()> {
    let mut header = [0u8; 9];
    header[0] = TAG_PICTURE;
    header[1..5].copy_from_slice(&width.to_le_bytes());
    header[5..9].copy_from_slice(&height.to_le_bytes());
    w.write_all(&header)?;
    w.write_all(planes)?;
    w.flush()
}

/// Answers: rejected, with a message (truncated to a bound).
pub fn write_rejected(w: &mut impl Write, message: &str) -> io::Result<()> {
    let mut end = message.len().min(MAX_MESSAGE);
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    w.write_all(&[TAG_REJECTED])?;
    w.write_all(&(end as u16).to_le_bytes())?;
    w.write_all(&message.as_bytes()[..end])?;
    w.flush()
}

/// Reads one reply, checking every size against its bound.
pub fn read_reply(r: &mut impl Read) -> io::Result<Reply> {
    let mut tag = [0u8; 1];
    r.read_exact(&mut tag)?;
    match tag[0] {
        TAG_NOTHING => Ok(Reply::Nothing),
        TAG_DECODED => Ok(Reply::Decoded),
        TAG_PICTURE => {
            let mut dims = [0u8; 8];
            r.read_exact(&mut dims)?;
            let width = u32::from_le_bytes(dims[..4].try_into().expect("4 bytes"));
            let height = u32::from_le_bytes(dims[4..].try_into().expect("4 bytes"));
            if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
                return Err(invalid(format!("picture of {width}x{height} is out of bounds")));
            }
            let (w, h) = (width as usize, height as usize);
            let mut planes = vec![0u8; w * h + 2 * w.div_ceil(2) * h.div_ceil(2)];
            r.read_exact(&mut planes)?;
            let picture = YuvPicture::from_i420(width, height, planes).expect("plane sizes computed from the same dimensions");
            Ok(Reply::Picture(picture))
        }
        TAG_REJECTED => {
            let mut len = [0u8; 2];
            r.read_exact(&mut len)?;
            let len = u16::from_le_bytes(len) as usize;
            if len > MAX_MESSAGE {
                return Err(invalid(format!("rejection message of {len} bytes exceeds {MAX_MESSAGE}")));
            }
            let mut msg = vec![0u8; len];
            r.read_exact(&mut msg)?;
            Ok(Reply::Rejected(String::from_utf8_lossy(&msg).into_owned()))
        }
        other => Err(invalid(format!("unknown reply tag {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_replies_round_trip() {
        let mut buf = Vec::new();
        write_request(&mut buf, b"\0\0\0\x01\x65abc", true).unwrap();
        write_request(&mut buf, b"", false).unwrap();
        let mut r = &buf[..];
        let mut au = Vec::new();
        assert_eq!(read_request(&mut r, &mut au).unwrap(), Some(true));
        assert_eq!(au, b"\0\0\0\x01\x65abc");
        assert_eq!(read_request(&mut r, &mut au).unwrap(), Some(false));
        assert_eq!(read_request(&mut r, &mut au).unwrap(), None, "end of input");

        let mut buf = Vec::new();
        write_picture(&mut buf, 3, 2, &[7; 6 + 2 * 2]).unwrap();
        write_rejected(&mut buf, &"é".repeat(600)).unwrap();
        write_decoded(&mut buf).unwrap();
        let mut r = &buf[..];
        let Reply::Picture(p) = read_reply(&mut r).unwrap() else { panic!("a picture") };
        assert_eq!((p.width(), p.height(), p.y().len()), (3, 2, 6));
        let Reply::Rejected(m) = read_reply(&mut r).unwrap() else { panic!("a rejection") };
        assert_eq!(m.len(), 1024, "truncated on a character boundary");
        assert!(matches!(read_reply(&mut r).unwrap(), Reply::Decoded));
    }

    #[test]
    fn a_lying_child_is_refused_without_a_huge_allocation() {
        let mut buf = vec![TAG_PICTURE];
        buf.extend_from_slice(&u32::MAX.to_le_bytes());
        buf.extend_from_slice(&1u32.to_le_bytes());
        assert_eq!(read_reply(&mut &buf[..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
        assert_eq!(read_reply(&mut &[9u8][..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
        let truncated = [TAG_PICTURE, 2, 0, 0, 0, 2, 0, 0, 0, 1];
        assert_eq!(read_reply(&mut &truncated[..]).unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
    }
}

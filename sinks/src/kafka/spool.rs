//! A durable, bounded on-disk spool for events the broker has not acknowledged.
//!
//! Segments are JSON-lines files named by a sequence number, written with fsync. Events leave
//! the spool only after the broker acknowledged them (the segment file is then removed), so a
//! crash or a broker outage loses nothing that reached the spool. When the spool is at its size
//! limit, `append` refuses (`ResourceExhausted`): the caller keeps the events and retries, and the
//! pressure travels upstream (to the frame queue, where dropping is the documented policy).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};
use crate::event::PlateRead;

/// The spool directory and its bound.
pub struct Spool {
    dir: PathBuf,
    max_bytes: u64,
    next_seq: u64,
    /// Segments on disk, kept in memory so that the common case (an empty spool, checked before
    /// every send) costs no directory listing.
    pending: usize,
    /// Bytes in those segments, kept in memory for the same reason.
    bytes: u64,
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Unavailable, format!("spool: cannot {what} {}: {e}", path.display()))
}

impl Spool {
    /// Opens (or creates) a spool in `dir` holding at most `max_bytes`.
    pub fn open(dir: &Path, max_bytes: u64) -> Result<Self> {
        fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
        let segments = Self::segments(dir)?;
        let next_seq = segments.last().map(|(s, _)| s + 1).unwrap_or(0);
        let bytes = segments.iter().map(|(_, p)| fs::metadata(p).map_or(0, |m| m.len())).sum();
        Ok(Self { dir: dir.to_owned(), max_bytes, next_seq, pending: segments.len(), bytes })
    }

    fn segments(dir: &Path) -> Result<Vec<(u64, PathBuf)>> {
        let mut out = Vec::new();
        for e in fs::read_dir(dir).map_err(|e| io("list", dir, e))? {
            let p = e.map_err(|e| io("list", dir, e))?.path();
            let seq = p.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse::<u64>().ok());
            if let (Some(seq), Some("jsonl")) = (seq, p.extension().and_then(|e| e.to_str())) {
                out.push((seq, p));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Bytes currently spooled.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Number of segments waiting.
    pub fn pending_segments(&self) -> usize {
        self.pending
    }

    /// Durably appends `events` as one segment; refuses when the spool would exceed its bound.
    pub fn append(&mut self, events: &[PlateRead]) -> Result<()> {
        let mut body = Vec::new();
        for e in events {
            serde_json::to_writer(&mut body, e).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
            body.push(b'\n');
        }
        if self.bytes + body.len() as u64 > self.max_bytes {
            return Err(Error::new(ErrorKind::ResourceExhausted, format!("spool {} is full ({} bytes)", self.dir.display(), self.max_bytes)));
        }
        let tmp = self.dir.join(format!("{:020}.tmp", self.next_seq));
        let path = self.dir.join(format!("{:020}.jsonl", self.next_seq));
        let mut f = File::create(&tmp).map_err(|e| io("create", &tmp, e))?;
        f.write_all(&body).map_err(|e| io("write", &tmp, e))?;
        f.sync_all().map_err(|e| io("sync", &tmp, e))?;
        // Rename after fsync: a segment is either complete or absent, never half-written.
        fs::rename(&tmp, &path).map_err(|e| io("rename", &tmp, e))?;
        if let Ok(d) = OpenOptions::new().read(true).open(&self.dir) {
            let _ = d.sync_all();
        }
        self.next_seq += 1;
        self.pending += 1;
        self.bytes += body.len() as u64;
        Ok(())
    }

    /// The oldest segment: its id (for [`Spool::remove`]) and its events. Lines that do not parse
    /// (a disk error) are skipped and counted in the second value.
    pub fn oldest(&self) -> Result<Option<(u64, Vec<PlateRead>, usize)>> {
        if self.pending == 0 {
            return Ok(None);
        }
        let Some((seq, path)) = Self::segments(&self.dir)?.into_iter().next() else { return Ok(None) };
        let text = fs::read_to_string(&path).map_err(|e| io("read", &path, e))?;
        let mut bad = 0;
        let events = text
            .lines()
            .filter(|l| !l.is_empty())
            .filter_map(|l| serde_json::from_str(l).map_err(|_| bad += 1).ok())
            .collect();
        Ok(Some((seq, events, bad)))
    }

    /// Removes a segment once every event in it was acknowledged.
    pub fn remove(&mut self, seq: u64) -> Result<()> {
        let path = self.dir.join(format!("{seq:020}.jsonl"));
        let len = fs::metadata(&path).map_or(0, |m| m.len());
        fs::remove_file(&path).map_err(|e| io("remove", &path, e))?;
        self.pending = self.pending.saturating_sub(1);
        self.bytes = self.bytes.saturating_sub(len);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::PlateRead;

    fn read(id: &str, plate: &str, device: &str, at: i64) -> PlateRead {
        PlateRead::example(id, plate, device, at)
    }

    #[test]
    fn survives_reopen_in_order_and_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Spool::open(dir.path(), 4000).unwrap();
        s.append(&[read("a", "MH12AB1234", "bus-1", 1)]).unwrap();
        s.append(&[read("b", "MH12AB1234", "bus-1", 2), read("c", "KA05MN6789", "bus-1", 3)]).unwrap();
        drop(s);
        let mut s = Spool::open(dir.path(), 4000).unwrap();
        let (seq, events, bad) = s.oldest().unwrap().unwrap();
        assert_eq!((events.len(), bad, events[0].event_id.as_str()), (1, 0, "a"));
        s.remove(seq).unwrap();
        let (_, events, _) = s.oldest().unwrap().unwrap();
        assert_eq!(events.iter().map(|e| e.event_id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        let big: Vec<_> = (0..20).map(|i| read(&i.to_string(), "MH12AB1234", "bus-1", i)).collect();
        assert_eq!(s.append(&big).unwrap_err().kind(), ErrorKind::ResourceExhausted);
        assert_eq!(s.pending_segments(), 1, "a refused append leaves nothing behind");
        let on_disk: u64 = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
        assert_eq!(s.bytes(), on_disk, "the in-memory size is the segments' size");
        s.remove(seq + 1).unwrap();
        assert_eq!((s.bytes(), s.pending_segments()), (0, 0));
    }
}

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::future::BoxFuture;
use tokio::time::Instant;

use super::boxes::check_box_sizes;
use super::config::{FileSourceConfig, Pace};
use super::samples::sample_table;
use crate::error::{Error, ErrorKind, Result};
use crate::frame::{AccessUnit, ClockSource};
use crate::h264;
use crate::source::{AccessUnitStream, OpenedSource, Opener};

/// One access unit of a clip: Annex-B data, PTS in 90 kHz ticks, random access point flag.
#[derive(Debug, Clone)]
pub struct ClipUnit {
    /// Annex-B bytes.
    pub data: Bytes,
    /// Presentation time from the start of the clip, 90 kHz.
    pub pts_90k: i64,
    /// An IDR (with parameter sets in front).
    pub is_random_access_point: bool,
}

/// Reads a whole clip into access units (blocking I/O: call from a blocking context).
///
/// `.264` files carry no timestamps, so `fps` spaces them; `.mp4` timestamps come from the file.
pub fn load_clip(path: &Path, fps: f64) -> Result<Vec<ClipUnit>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let ctx = |e: std::io::Error| Error::new(ErrorKind::Unavailable, format!("cannot read {}: {e}", path.display()));
    let units = if ext == "mp4" {
        load_mp4(path)?
    } else {
        let bytes = std::fs::read(path).map_err(ctx)?;
        let step = 90_000.0 / fps;
        h264::split_access_units(&bytes)
            .into_iter()
            .enumerate()
            .map(|(i, au)| ClipUnit {
                is_random_access_point: h264::is_idr(&au),
                data: Bytes::from(au),
                pts_90k: (i as f64 * step).round() as i64,
            })
            .collect()
    };
    if units.is_empty() {
        return Err(Error::new(ErrorKind::InvalidArgument, format!("{} holds no H.264 access units", path.display())));
    }
    Ok(units)
}

fn load_mp4(path: &Path) -> Result<Vec<ClipUnit>> {
    let file = std::fs::File::open(path).map_err(|e| Error::new(ErrorKind::Unavailable, format!("cannot open {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    read_mp4(BufReader::new(file), size, &path.display().to_string())
}

/// The H.264 track of the MP4 `file` (`size` bytes; `name` for errors) as access units. Every
/// count and offset in the header is checked against the file before anything is allocated by
/// it (`samples::sample_table`), and every box against its parent (`boxes::check_box_sizes`).
pub fn read_mp4<R: Read + Seek>(mut file: R, size: u64, name: &str) -> Result<Vec<ClipUnit>> {
    let bad = |e: String| Error::new(ErrorKind::InvalidArgument, format!("{name}: not a usable MP4: {e}"));
    check_box_sizes(&mut file, size).map_err(bad)?;
    let (params, table) = {
        let budget = ReadBudget { inner: &mut file, left: size.saturating_add(HEADER_READ_SLACK) };
        let reader = mp4::Mp4Reader::read_header(budget, size).map_err(|e| bad(e.to_string()))?;
        let track = reader
            .tracks()
            .values()
            .find(|t| matches!(t.media_type(), Ok(mp4::MediaType::H264)))
            .ok_or_else(|| Error::new(ErrorKind::Unsupported, format!("{name}: no H.264 video track")))?;
        if !track.trafs.is_empty() {
            return Err(Error::new(ErrorKind::Unsupported, format!("{name}: fragmented MP4 (moof) is not supported")));
        }
        let mut params = Vec::new();
        for ps in [track.sequence_parameter_set(), track.picture_parameter_set()] {
            params.extend_from_slice(&[0, 0, 0, 1]);
            params.extend_from_slice(ps.map_err(|e| bad(e.to_string()))?);
        }
        (params, sample_table(track, size).map_err(bad)?)
    };
    let mut units = Vec::with_capacity(table.len());
    for (i, s) in table.into_iter().enumerate() {
        let mut sample = vec![0; s.size as usize];
        file.seek(SeekFrom::Start(s.offset)).and_then(|_| file.read_exact(&mut sample)).map_err(|e| bad(format!("sample {}: {e}", i + 1)))?;
        let mut data = Vec::with_capacity(sample.len() + params.len() + 16);
        if s.is_sync {
            data.extend_from_slice(&params);
        }
        h264::avcc_to_annex_b(&sample, &mut data)
            .ok_or_else(|| Error::new(ErrorKind::DataLoss, format!("{name}: sample {} has a NAL length past its end", i + 1)))?;
        units.push(ClipUnit { data: Bytes::from(data), pts_90k: s.pts_90k, is_random_access_point: s.is_sync });
    }
    Ok(units)
}

/// Bytes the header parser may read beyond the file's size (a valid parse reads each byte once).
const HEADER_READ_SLACK: u64 = 1 << 16;

/// A reader that fails once `left` bytes have been read. The `mp4` crate's box loops seek to a
/// box's start plus its size, so a box claiming fewer bytes than its own header seeks backwards
/// and parses the same bytes for ever; with a budget that ends in an error.
struct ReadBudget<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for ReadBudget<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "the boxes loop (a box size smaller than its header?)"));
        }
        let want = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for ReadBudget<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Opens a file source: loads the clip, then plays it paced or as fast as possible.
pub struct FileOpener {
    path: PathBuf,
    config: FileSourceConfig,
}

impl FileOpener {
    /// Validates `config` (no I/O; the file is read at open).
    pub fn new(config: &FileSourceConfig) -> Result<Self> {
        config.validate().map_err(|e| Error::new(ErrorKind::InvalidArgument, e))?;
        Ok(Self { path: config.path.clone(), config: config.clone() })
    }
}

impl Opener for FileOpener {
    fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
        Box::pin(async move {
            let path = self.path.clone();
            let fps = self.config.fps;
            let units = tokio::task::spawn_blocking(move || load_clip(&path, fps))
                .await
                .map_err(|e| Error::new(ErrorKind::Internal, format!("clip loader failed: {e}")))??;
            let state = Playback {
                units: Arc::new(units),
                next: 0,
                loops: 0,
                started: Instant::now(),
                started_wall: SystemTime::now(),
                pace: self.config.pace,
                looping: self.config.looping,
                frame_step: (90_000.0 / fps).round() as i64,
            };
            let stream: AccessUnitStream = Box::pin(futures::stream::unfold(state, Playback::next_unit));
            Ok(OpenedSource { stream, live: self.config.pace == Pace::Realtime, description: self.path.display().to_string() })
        })
    }
}

struct Playback {
    units: Arc<Vec<ClipUnit>>,
    next: usize,
    loops: i64,
    started: Instant,
    started_wall: SystemTime,
    pace: Pace,
    looping: bool,
    frame_step: i64,
}

impl Playback {
    async fn next_unit(mut self) -> Option<(Result<AccessUnit>, Self)> {
        if self.next == self.units.len() {
            if !self.looping {
                return None;
            }
            self.next = 0;
            self.loops += 1;
        }
        let unit = &self.units[self.next];
        self.next += 1;
        // Each loop continues the timeline one frame after the last unit of the previous one.
        // Saturating: a file's timestamps are untrusted, and a looped clip runs for ever.
        let clip_len = self.units.last().map(|u| u.pts_90k).unwrap_or(0).saturating_add(self.frame_step);
        let pts = unit.pts_90k.saturating_add(self.loops.saturating_mul(clip_len));
        let offset = Duration::from_micros((pts.max(0) as u64).saturating_mul(1_000) / 90);
        if self.pace == Pace::Realtime {
            tokio::time::sleep_until(self.started + offset).await;
        }
        let au = AccessUnit {
            data: unit.data.clone(),
            pts_90k: pts,
            is_random_access_point: unit.is_random_access_point,
            capture_time: self.started_wall + offset,
            clock: ClockSource::FileOffset,
        };
        Some((Ok(au), self))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    const SAMPLE: [u8; 5] = [0, 0, 0, 1, 0x65];

    /// A valid MP4: one H.264 track, timescale 1000, `n` samples of 5 bytes, 1 s apart.
    fn clip(n: usize) -> Vec<u8> {
        let brand: mp4::FourCC = "isom".parse().unwrap();
        let config = mp4::Mp4Config { major_brand: brand, minor_version: 512, compatible_brands: vec![brand], timescale: 1000 };
        let mut w = mp4::Mp4Writer::write_start(Cursor::new(Vec::new()), &config).unwrap();
        let avc = mp4::AvcConfig { width: 16, height: 16, seq_param_set: vec![0x67, 0x42, 0, 0x0a], pic_param_set: vec![0x68, 0xce, 0x38, 0x80] };
        w.add_track(&mp4::TrackConfig { track_type: mp4::TrackType::Video, timescale: 1000, language: "und".into(), media_conf: mp4::MediaConfig::AvcConfig(avc) })
            .unwrap();
        for i in 0..n {
            let sample = mp4::Mp4Sample { start_time: i as u64 * 1000, duration: 1000, rendering_offset: 0, is_sync: i == 0, bytes: Bytes::from_static(&SAMPLE) };
            w.write_sample(1, &sample).unwrap();
        }
        w.write_end().unwrap();
        w.into_writer().into_inner()
    }

    /// The offset of the first field after `fourcc`'s header, version and flags.
    fn field(mp4: &[u8], fourcc: &[u8; 4]) -> usize {
        mp4.windows(4).position(|w| w == fourcc).unwrap() + 8
    }

    /// Overwrites the big-endian u32 `at` bytes past `fourcc`'s first field.
    fn patch(mut mp4: Vec<u8>, fourcc: &[u8; 4], at: usize, v: u32) -> Vec<u8> {
        let i = field(&mp4, fourcc) + at;
        mp4[i..i + 4].copy_from_slice(&v.to_be_bytes());
        mp4
    }

    /// `mdhd`'s timescale (after the creation and modification times: 4 bytes each in version 0).
    fn timescale_at(mp4: &[u8]) -> usize {
        if mp4[field(mp4, b"mdhd") - 4] == 1 { 16 } else { 8 }
    }

    fn load(mp4: Vec<u8>) -> Result<Vec<ClipUnit>> {
        let len = mp4.len() as u64;
        read_mp4(Cursor::new(mp4), len, "t.mp4")
    }

    fn refused(mp4: Vec<u8>, box_name: &str) -> String {
        let e = load(mp4).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        let text = e.to_string();
        assert!(text.contains(&format!("not a usable MP4: {box_name}")), "{text}");
        text
    }

    #[test]
    fn a_valid_clip_loads() {
        let units = load(clip(3)).unwrap();
        assert_eq!(units.iter().map(|u| u.pts_90k).collect::<Vec<_>>(), [0, 90_000, 180_000]);
        assert_eq!(units.iter().map(|u| u.is_random_access_point).collect::<Vec<_>>(), [true, false, false]);
        assert!(units[0].data.ends_with(&[0, 0, 0, 1, 0x65]));
    }

    #[test]
    fn a_box_larger_than_its_parent_is_refused_before_the_crate_allocates_it() {
        // The fuzzer's input that aborted the process (a 7e18-byte box in moov/udta/meta).
        let clip = include_bytes!("../../../../tests/fuzz/regressions/mp4_clip/huge_meta_child_box");
        let err = load(clip.to_vec()).unwrap_err();
        assert!(err.to_string().contains("not a usable MP4: box `"), "{err}");
    }

    #[test]
    fn header_counts_past_the_file_are_refused_before_allocating() {
        // stsz: a constant size, so the crate checks no count against the box.
        refused(patch(clip(3), b"stsz", 4, u32::MAX), "stsz");
        refused(patch(clip(3), b"stsz", 0, u32::MAX), "stsz");
        refused(patch(clip(3), b"stsz", 0, 1), "stsz");
        // stts covering fewer samples than stsz (the crate unwraps the missing time).
        refused(patch(clip(3), b"stts", 4, 1), "stts");
        // Huge entry counts in stts and stco: more entries than the box holds.
        assert!(load(patch(clip(3), b"stts", 0, u32::MAX)).unwrap_err().to_string().contains("stts"));
        assert!(load(patch(clip(3), b"stco", 0, u32::MAX)).unwrap_err().to_string().contains("stco"));
        // stsc: zero samples per chunk (the crate divides by it), chunk 0, chunks past stco.
        refused(patch(clip(3), b"stsc", 8, 0), "stsc");
        refused(patch(clip(3), b"stsc", 4, 0), "stsc");
        refused(patch(clip(3), b"stsc", 4, 2), "stsc");
        // A chunk offset past the end of the file.
        refused(patch(clip(3), b"stco", 4, u32::MAX - 2), "stco");
    }

    #[test]
    fn timescale_zero_and_overflowing_times_are_refused() {
        let c = clip(3);
        let at = timescale_at(&c);
        refused(patch(c, b"mdhd", at, 0), "mdhd: timescale is 0");
        // 24000 samples of the longest delta at 1 tick a second: the last is shown past 2^63
        // ticks of 90 kHz (the product overflowed an i64 before).
        let c = patch(clip(24_000), b"stts", 8, u32::MAX);
        let at = timescale_at(&c);
        let text = refused(patch(c, b"mdhd", at, 1), "stts");
        assert!(text.contains("64-bit 90 kHz range"), "{text}");
    }

    #[test]
    fn a_box_smaller_than_its_header_is_an_error_not_a_loop() {
        // An unknown box of size 0 inside moov: the crate skips it by seeking to its own start.
        let mut looping = clip(3);
        let mvhd = looping.windows(4).position(|w| w == b"mvhd").unwrap();
        looping[mvhd - 4..mvhd + 4].copy_from_slice(b"\0\0\0\0zzzz");
        assert!(load(looping).unwrap_err().to_string().contains("the boxes loop"));
    }

    #[test]
    fn random_corruption_never_panics() {
        let good = clip(4);
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // The sample tables sit at the end (moov after mdat): corrupt there most.
        let tables = field(&good, b"stbl");
        for _ in 0..3000 {
            let mut c = good.clone();
            for _ in 0..1 + next() % 4 {
                let i = tables + (next() as usize % (c.len() - tables));
                c[i] = next() as u8;
            }
            let _ = load(c);
        }
    }
}

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures::future::BoxFuture;
use tokio::time::Instant;

use super::config::{FileSourceConfig, Pace};
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
    let bad = |e: mp4::Error| Error::new(ErrorKind::InvalidArgument, format!("{}: not a usable MP4: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| Error::new(ErrorKind::Unavailable, format!("cannot open {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = mp4::Mp4Reader::read_header(BufReader::new(file), size).map_err(bad)?;
    let track = reader
        .tracks()
        .values()
        .find(|t| matches!(t.media_type(), Ok(mp4::MediaType::H264)))
        .ok_or_else(|| Error::new(ErrorKind::Unsupported, format!("{}: no H.264 video track", path.display())))?;
    let (track_id, timescale) = (track.track_id(), track.timescale().max(1) as i64);
    let mut params = Vec::new();
    for ps in [track.sequence_parameter_set().map_err(bad)?, track.picture_parameter_set().map_err(bad)?] {
        params.extend_from_slice(&[0, 0, 0, 1]);
        params.extend_from_slice(ps);
    }
    let count = reader.sample_count(track_id).map_err(bad)?;
    let mut units = Vec::with_capacity(count as usize);
    for id in 1..=count {
        let Some(sample) = reader.read_sample(track_id, id).map_err(bad)? else { continue };
        let mut data = Vec::with_capacity(sample.bytes.len() + params.len() + 16);
        if sample.is_sync {
            data.extend_from_slice(&params);
        }
        h264::avcc_to_annex_b(&sample.bytes, &mut data)
            .ok_or_else(|| Error::new(ErrorKind::DataLoss, format!("{}: sample {id} has a NAL length past its end", path.display())))?;
        let pts = sample.start_time as i64 + sample.rendering_offset as i64;
        units.push(ClipUnit { data: Bytes::from(data), pts_90k: pts * 90_000 / timescale, is_random_access_point: sample.is_sync });
    }
    Ok(units)
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
        let clip_len = self.units.last().map(|u| u.pts_90k).unwrap_or(0) + self.frame_step;
        let pts = unit.pts_90k + self.loops * clip_len;
        let offset = Duration::from_micros((pts.max(0) as u64) * 1_000 / 90);
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

//! Per-stream plate tracking: associates each frame's plate detections with the tracks of the
//! previous frames (IoU, or a short jump by a plate that reads alike), and ends tracks that are
//! no longer seen.

use models::Rect;
use models::grammar::{CharCandidate, edit_distance};
use serde::Deserialize;

/// Tracking and emission settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerConfig {
    /// A detection continues a track when their boxes overlap at least this much (IoU).
    #[serde(default = "default_iou")]
    pub iou_match: f32,
    /// ... or when its centre moved at most this many plate widths and it reads alike (edit
    /// distance at most 2): at 5 analysed frames/s a passing plate moves more than its width.
    /// A detection reading the same text (edit distance at most 1) continues the track
    /// wherever it is.
    #[serde(default = "default_jump")]
    pub max_jump_widths: f32,
    /// A track not seen for this long (stream time) has ended: the vehicle has passed. Stretched
    /// to 2.5 analysed-frame intervals when the stream's frames are analysed further apart.
    #[serde(default = "default_timeout")]
    pub track_timeout_secs: f64,
    /// A read is emitted at the latest this long after the track started, even if the vehicle
    /// is still in view (a bus stopped behind a car); the pass still yields one read only.
    #[serde(default = "default_max_delay")]
    pub max_delay_secs: f64,
    /// A pass seen in fewer analysed frames is not emitted: one frame is too little evidence
    /// against a misread sign or a half-visible plate.
    #[serde(default = "default_min_frames")]
    pub min_frames: u32,
}

const fn default_iou() -> f32 {
    0.1
}
const fn default_jump() -> f32 {
    2.5
}
const fn default_timeout() -> f64 {
    // At 1-2 analysed frames per second a plate missed in two frames leaves a 2 s gap.
    3.0
}
const fn default_max_delay() -> f64 {
    10.0
}
const fn default_min_frames() -> u32 {
    2
}

impl Default for TrackerConfig {
    fn default() -> Self {
        Self {
            iou_match: default_iou(),
            max_jump_widths: default_jump(),
            track_timeout_secs: default_timeout(),
            max_delay_secs: default_max_delay(),
            min_frames: default_min_frames(),
        }
    }
}

impl TrackerConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.iou_match) {
            return Err(format!("iou_match: must be in [0, 1], got {}", self.iou_match));
        }
        if !(0.0..=20.0).contains(&self.max_jump_widths) {
            return Err(format!("max_jump_widths: must be in [0, 20], got {}", self.max_jump_widths));
        }
        if !(self.track_timeout_secs > 0.0 && self.track_timeout_secs <= 600.0) {
            return Err(format!("track_timeout_secs: must be in (0, 600], got {}", self.track_timeout_secs));
        }
        if !(self.max_delay_secs >= self.track_timeout_secs && self.max_delay_secs <= 3600.0) {
            return Err(format!("max_delay_secs: must be between track_timeout_secs and 3600, got {}", self.max_delay_secs));
        }
        Ok(())
    }
}

/// One plate read in one frame.
#[derive(Debug, Clone)]
pub struct Observation {
    /// Where.
    pub rect: Rect,
    /// The validated text.
    pub text: String,
    /// The characters as read, with confidences.
    pub chars: Vec<CharCandidate>,
    /// Detector confidence.
    pub detector_score: f32,
    /// Frame capture time, Unix ms (what events report).
    pub capture_ms: i64,
    /// The stream's session clock, ms (PTS): what track timing uses, since it is continuous
    /// within a session while capture times may jump when a camera's clock is first learned.
    pub clock_ms: i64,
    /// Frame PTS, 90 kHz.
    pub pts_90k: i64,
    /// Frame size.
    pub frame_size: (u32, u32),
}

impl Observation {
    /// How good this frame is as evidence: the weakest character, times the detector's
    /// confidence, favouring larger plates.
    fn quality(&self) -> f32 {
        let min_c = self.chars.iter().map(|c| c.confidence).fold(1.0, f32::min);
        min_c * self.detector_score * (1.0 + self.rect.w / 1000.0)
    }
}

/// A track that is over (or due): what the vote needs.
#[derive(Debug, Clone)]
pub struct FinishedTrack {
    /// Unique per tracker.
    pub track_id: u64,
    /// Capture time of the first observation.
    pub first_seen_ms: i64,
    /// Capture time of the last observation.
    pub last_seen_ms: i64,
    /// Frames with a detection.
    pub frames: u32,
    /// Every read (text, characters).
    pub reads: Vec<(String, Vec<CharCandidate>)>,
    /// The best evidence frame's observation.
    pub best: Observation,
}

struct Track {
    id: u64,
    last: Rect,
    last_text: String,
    first_clock: i64,
    last_clock: i64,
    first_ms: i64,
    last_ms: i64,
    frames: u32,
    reads: Vec<(String, Vec<CharCandidate>)>,
    best: Observation,
    emitted: bool,
}

impl Track {
    fn finished(&self) -> FinishedTrack {
        FinishedTrack {
            track_id: self.id,
            first_seen_ms: self.first_ms,
            last_seen_ms: self.last_ms,
            frames: self.frames,
            reads: self.reads.clone(),
            best: self.best.clone(),
        }
    }
}

/// Tracks the plates of one stream.
pub struct Tracker {
    config: TrackerConfig,
    tracks: Vec<Track>,
    next_id: u64,
    /// Smoothed interval between this stream's analysed frames, ms.
    interval_ms: Option<f64>,
    last_update: Option<i64>,
}


impl Tracker {
    /// A tracker with no tracks. `first_id` lets a stream's ids stay unique across restarts.
    pub fn new(config: TrackerConfig, first_id: u64) -> Self {
        Self { config, tracks: Vec::new(), next_id: first_id, interval_ms: None, last_update: None }
    }

    /// Number of live tracks.
    pub fn active(&self) -> usize {
        self.tracks.len()
    }

    fn match_score(&self, t: &Track, o: &Observation) -> Option<f32> {
        let iou = t.last.iou(&o.rect);
        let same = t.last_text == o.text;
        if iou >= self.config.iou_match {
            return Some(iou + if same { 0.5 } else { 0.0 });
        }
        let (cx, cy) = (t.last.x + t.last.w / 2.0, t.last.y + t.last.h / 2.0);
        let (ox, oy) = (o.rect.x + o.rect.w / 2.0, o.rect.y + o.rect.h / 2.0);
        let dist = ((cx - ox).powi(2) + (cy - oy).powi(2)).sqrt();
        let reach = self.config.max_jump_widths * t.last.w.max(o.rect.w);
        let size_ratio = (t.last.w / o.rect.w.max(1e-3)).max(o.rect.w / t.last.w.max(1e-3));
        let near = dist <= reach && size_ratio <= 2.0 && edit_distance(&t.last_text, &o.text) <= 2;
        // A plate's text is a strong identity within a track timeout, wherever it has moved
        // meanwhile (missed detections at a low analysis rate); two vehicles with the same mark
        // in one camera within seconds would be a cloned plate, which this does not hide: the
        // pass is still emitted, once.
        let reads_alike = edit_distance(&t.last_text, &o.text) <= 1;
        if near {
            Some(0.05 * (1.0 - dist / reach.max(1e-3)) + if same { 0.5 } else { 0.0 })
        } else if reads_alike {
            Some(0.01 + if same { 0.02 } else { 0.0 })
        } else {
            None
        }
    }

    /// Adds one analysed frame's reads (possibly none) at session clock `clock_ms`; returns
    /// tracks that ended or became due by this frame's time.
    pub fn update(&mut self, clock_ms: i64, observations: Vec<Observation>) -> Vec<FinishedTrack> {
        if let Some(prev) = self.last_update {
            let dt = (clock_ms - prev) as f64;
            if dt > 0.0 && dt < 60_000.0 {
                self.interval_ms = Some(self.interval_ms.map_or(dt, |i| 0.8 * i + 0.2 * dt));
            }
        }
        self.last_update = Some(clock_ms);
        let mut pairs = Vec::new();
        for (ti, t) in self.tracks.iter().enumerate() {
            for (oi, o) in observations.iter().enumerate() {
                if let Some(s) = self.match_score(t, o) {
                    pairs.push((s, ti, oi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut track_used = vec![false; self.tracks.len()];
        let mut obs: Vec<Option<Observation>> = observations.into_iter().map(Some).collect();
        for (_, ti, oi) in pairs {
            if track_used[ti] || obs[oi].is_none() {
                continue;
            }
            track_used[ti] = true;
            let o = obs[oi].take().expect("checked above");
            let t = &mut self.tracks[ti];
            t.last = o.rect;
            t.last_text = o.text.clone();
            t.last_ms = t.last_ms.max(o.capture_ms);
            t.last_clock = t.last_clock.max(o.clock_ms);
            t.frames += 1;
            t.reads.push((o.text.clone(), o.chars.clone()));
            if o.quality() > t.best.quality() {
                t.best = o;
            }
        }
        for o in obs.into_iter().flatten() {
            self.next_id += 1;
            self.tracks.push(Track {
                id: self.next_id,
                last: o.rect,
                last_text: o.text.clone(),
                first_clock: o.clock_ms,
                last_clock: o.clock_ms,
                first_ms: o.capture_ms,
                last_ms: o.capture_ms,
                frames: 1,
                reads: vec![(o.text.clone(), o.chars.clone())],
                best: o,
                emitted: false,
            });
        }
        self.expire(clock_ms)
    }

    /// Ends tracks not seen since `now_ms - track_timeout` (session clock), and emits tracks
    /// older than `max_delay` once. Call it on a timer too, so a stream that stops still flushes.
    pub fn expire(&mut self, now_ms: i64) -> Vec<FinishedTrack> {
        // A track ends after the timeout or 2.5 analysed frames without a sighting, whichever is
        // longer: when many streams share the models, each stream's frames come seconds apart.
        let timeout = ((self.config.track_timeout_secs * 1000.0).max(2.5 * self.interval_ms.unwrap_or(0.0))) as i64;
        let max_delay = (self.config.max_delay_secs * 1000.0) as i64;
        let min_frames = self.config.min_frames;
        let mut out = Vec::new();
        self.tracks.retain_mut(|t| {
            if now_ms - t.last_clock > timeout {
                if !t.emitted && t.frames >= min_frames {
                    out.push(t.finished());
                }
                return false;
            }
            if !t.emitted && t.frames >= min_frames && now_ms - t.first_clock >= max_delay {
                t.emitted = true;
                out.push(t.finished());
            }
            true
        });
        out
    }

    /// Ends every track (shutdown, end of a file).
    pub fn flush(&mut self) -> Vec<FinishedTrack> {
        let out = self.tracks.iter().filter(|t| !t.emitted && t.frames >= self.config.min_frames).map(Track::finished).collect();
        self.tracks.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(text: &str, x: f32, ms: i64) -> Observation {
        Observation {
            rect: Rect { x, y: 100.0, w: 100.0, h: 25.0 },
            text: text.into(),
            chars: text.chars().map(|ch| CharCandidate { ch, confidence: 0.9 }).collect(),
            detector_score: 0.9,
            capture_ms: ms,
            clock_ms: ms,
            pts_90k: ms * 90,
            frame_size: (1280, 720),
        }
    }

    #[test]
    fn one_pass_is_one_track_even_with_jumps_and_misreads() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        let mut done = Vec::new();
        // 5 analysed frames/s, moving 150 px (1.5 plate widths) per frame, one misread.
        for (i, text) in ["MH12AB1234", "MH12AB1234", "MH12A81234", "MH12AB1234"].iter().enumerate() {
            done.extend(t.update(i as i64 * 200, vec![obs(text, 100.0 + 150.0 * i as f32, i as i64 * 200)]));
        }
        assert!(done.is_empty());
        done.extend(t.update(4000, vec![])); // 3.4 s after the last sighting: over the 3 s timeout
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].frames, 4);
        assert_eq!(done[0].reads.len(), 4);
        assert_eq!((done[0].first_seen_ms, done[0].last_seen_ms), (0, 600));
    }

    #[test]
    fn two_vehicles_side_by_side_stay_apart() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        for i in 0..3 {
            let ms = i * 200;
            t.update(ms, vec![obs("MH12AB1234", 100.0 + 20.0 * i as f32, ms), obs("KA05MN6789", 260.0 + 20.0 * i as f32, ms)]);
        }
        let done = t.flush();
        assert_eq!(done.len(), 2);
        assert!(done.iter().all(|d| d.frames == 3 && d.reads.iter().all(|r| r.0 == d.reads[0].0)));
    }

    #[test]
    fn max_delay_emits_once_while_the_vehicle_stays() {
        let cfg = TrackerConfig { max_delay_secs: 2.0, ..Default::default() };
        let mut t = Tracker::new(cfg, 0);
        let mut emitted = 0;
        for i in 0..30 {
            emitted += t.update(i * 200, vec![obs("MH12AB1234", 100.0, i * 200)]).len();
        }
        assert_eq!(emitted, 1, "due after 2 s, then absorbed silently");
        assert_eq!(t.update(20_000, vec![]).len(), 0, "and not emitted again when it ends");
        assert_eq!(t.active(), 0);
    }

    #[test]
    fn a_plate_missed_for_a_while_continues_its_track_by_text() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        t.update(0, vec![obs("KA05MN6789", 100.0, 0)]);
        t.update(700, vec![obs("KA05MN6789", 300.0, 700)]);
        // Missed twice; 2.1 s later it is 900 px further on and one character is misread.
        t.update(2800, vec![obs("KA05MN6788", 1200.0, 2800)]);
        let done = t.flush();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].frames, 3);
    }

    #[test]
    fn the_timeout_stretches_with_a_slow_analysis_rate() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        // This stream gets an analysed frame every 2 s (models shared with other streams).
        for i in 0..4 {
            let text = if i == 2 { None } else { Some("MH12AB1234") };
            let done = t.update(i * 2000, text.map(|x| obs(x, 100.0, i * 2000)).into_iter().collect());
            assert!(done.is_empty(), "a 4 s gap (one missed frame) must not end the track at {i}");
        }
        let done = t.update(20_000, vec![]);
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].frames, 3);
    }

    #[test]
    fn single_frame_sightings_are_not_emitted() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        t.update(0, vec![obs("OD47O8400", 10.0, 0)]);
        assert!(t.update(200, vec![]).is_empty());
        assert!(t.update(20_000, vec![]).is_empty(), "ended, but seen in one frame only");
        assert_eq!(t.active(), 0);
        t.update(20_200, vec![obs("KA05MN6789", 10.0, 20_200)]);
        assert!(t.flush().is_empty());
    }

    #[test]
    fn the_best_frame_is_kept_as_evidence() {
        let mut t = Tracker::new(TrackerConfig::default(), 0);
        let mut weak = obs("MH12AB1234", 100.0, 0);
        weak.chars[3].confidence = 0.3;
        t.update(0, vec![weak]);
        t.update(200, vec![obs("MH12AB1234", 110.0, 200)]);
        let done = t.flush();
        assert_eq!(done[0].best.capture_ms, 200);
    }
}

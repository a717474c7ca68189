//! Per-stream plate tracking on detector boxes: each frame's plates are matched to the tracks of
//! the previous frames by overlap or by distance from where each track's motion predicts it,
//! tracks that are no longer seen end, and each ending track is read (OCR per track).

use std::sync::Arc;

use ingest::YuvPicture;
use models::grammar::CharCandidate;
use models::{Rect, RgbImage};

use super::config::TrackerConfig;
use super::reading::{ReadFn, ReadPolicy, TrackReading, OcrMode};

/// One plate box in one analysed frame.
#[derive(Debug, Clone)]
pub struct Sighting {
    /// Where, in frame pixels.
    pub rect: Rect,
    /// Detector confidence.
    pub score: f32,
    /// How good a crop for reading it makes (size, sharpness, confidence), for choosing crops.
    pub quality: f32,
    /// Frame capture time, Unix ms (what events report).
    pub capture_ms: i64,
    /// The stream's session clock, ms (PTS): what track timing uses, since it is continuous
    /// within a session while capture times may jump when a camera's clock is first learned.
    pub clock_ms: i64,
    /// Frame PTS, 90 kHz.
    pub pts_90k: i64,
    /// Frame size.
    pub frame_size: (u32, u32),
    /// The frame itself, shared (no copy): the best read's frame becomes the evidence image.
    pub frame: Option<Arc<YuvPicture>>,
}

impl Sighting {
    fn centre(&self) -> (f32, f32) {
        (self.rect.x + self.rect.w / 2.0, self.rect.y + self.rect.h / 2.0)
    }
}

/// The evidence of a read: one sighting and what was read there.
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
    /// Frame capture time, Unix ms.
    pub capture_ms: i64,
    /// Session clock, ms.
    pub clock_ms: i64,
    /// Frame PTS, 90 kHz.
    pub pts_90k: i64,
    /// Frame size.
    pub frame_size: (u32, u32),
    /// The frame, when the analysis kept it (for the evidence image).
    pub frame: Option<Arc<YuvPicture>>,
}

/// A track that is over (or due) and was read: what the vote needs.
#[derive(Debug, Clone)]
pub struct FinishedTrack {
    /// Unique per tracker.
    pub track_id: u64,
    /// Capture time of the first sighting.
    pub first_seen_ms: i64,
    /// Capture time of the last sighting.
    pub last_seen_ms: i64,
    /// Session clock of the first and last sighting.
    pub clock_span: (i64, i64),
    /// Frames with a sighting.
    pub frames: u32,
    /// Every valid read (text, characters).
    pub reads: Vec<(String, Vec<CharCandidate>)>,
    /// The best read's sighting, as evidence.
    pub best: Observation,
    /// Reader runs spent on the pass.
    pub reader_runs: u32,
}

/// What happened to a track.
#[derive(Debug, Clone)]
pub enum TrackEvent {
    /// It was read and is ready to be judged and emitted.
    Finished(FinishedTrack),
    /// It produced no valid read (text that is not a plate, or unreadable).
    Unread {
        /// Reader runs spent on it.
        reader_runs: u32,
    },
    /// A track emitted earlier (due by `max_delay`) has now ended.
    Ended {
        /// Its id.
        track_id: u64,
        /// Session clock of its last sighting.
        last_clock: i64,
    },
}

struct Track {
    id: u64,
    first: Sighting,
    last: Sighting,
    /// Centre velocity, frame pixels per ms.
    velocity: Option<(f32, f32)>,
    frames: u32,
    reading: TrackReading,
    emitted: bool,
    /// Session clock at which the track is read and emitted even if still in view.
    due_clock: i64,
    /// The widest sighting so far, and at the last round of reading: a track read without a
    /// valid result is read again only once its plate has grown (an approaching vehicle), never
    /// for a sign that stays as it is.
    widest: f32,
    widest_read: f32,
}

impl Track {
    fn predicted_centre(&self, clock_ms: i64) -> (f32, f32) {
        let (cx, cy) = self.last.centre();
        let dt = (clock_ms - self.last.clock_ms) as f32;
        match self.velocity {
            Some((vx, vy)) => (cx + vx * dt, cy + vy * dt),
            None => (cx, cy),
        }
    }
}

/// How much wider a track's plate must have become since a fruitless round of reading for
/// another round.
const REREAD_GROWTH: f32 = 1.4;

/// Where a track that never read as a plate ended (a sign, a shop board, a plate too small or
/// blurred to read): a new track found
/// there at about that size starts given up, so text the detector finds on and off is not read
/// again every time it comes back.
struct GivenUpSpot {
    rect: Rect,
    widest: f32,
    clock_ms: i64,
}

/// How long a given-up spot is remembered (session clock).
const SPOT_MEMORY_MS: i64 = 60_000;
/// A track has moved (a vehicle, not a board the detector finds with a jittering box) once its
/// centre has shifted by this share of its width, or its width has grown this much.
const MOVED_SHIFT: f32 = 0.5;
const MOVED_GROWTH: f32 = 1.3;
/// Spots remembered per stream; the oldest is forgotten first.
const MAX_SPOTS: usize = 32;
/// Fruitless reader runs in a track's last round that make its end a spot.
const MIN_SPOT_RUNS: u32 = 2;

/// Tracks the plates of one stream.
pub struct Tracker {
    config: TrackerConfig,
    policy: ReadPolicy,
    tracks: Vec<Track>,
    spots: std::collections::VecDeque<GivenUpSpot>,
    /// Analysed frames in a row a track that is no open pass may go unsearched (local search
    /// covers open passes only; whole frames come every `full_every`).
    full_every: u32,
    next_id: u64,
    /// Smoothed interval between this stream's analysed frames, ms.
    interval_ms: Option<f64>,
    last_update: Option<i64>,
}

impl Tracker {
    /// A tracker with no tracks. `first_id` lets a stream's ids stay unique across restarts.
    pub fn new(config: TrackerConfig, policy: ReadPolicy, first_id: u64) -> Self {
        Self { config, policy, tracks: Vec::new(), spots: Default::default(), full_every: 1, next_id: first_id, interval_ms: None, last_update: None }
    }

    /// Tells the tracker that only every `n`th frame is searched whole (tracks that are no open
    /// pass are seen only then, so they must outlive the frames between).
    pub fn with_full_every(mut self, n: u32) -> Self {
        self.full_every = n.max(1);
        self
    }

    /// Number of live tracks.
    pub fn active(&self) -> usize {
        self.tracks.len()
    }

    /// Tracks seen at `clock_ms` that keep a camera awake: open passes (not emitted yet, not
    /// given up on as text that is not a plate) whose box has moved since the track began. A
    /// parked car, read or not, or a sign keeps no camera awake; it is read when due all the
    /// same. (On a moving camera GPS speed keeps it awake.)
    pub fn awake_sightings(&self, clock_ms: i64) -> usize {
        self.tracks.iter().filter(|t| t.last.clock_ms == clock_ms && self.keeps_awake(t)).count()
    }

    /// Live tracks that keep a camera awake (see [`Tracker::awake_sightings`]).
    pub fn awake_tracks(&self) -> usize {
        self.tracks.iter().filter(|t| self.keeps_awake(t)).count()
    }

    fn keeps_awake(&self, t: &Track) -> bool {
        let ((ax, ay), (bx, by)) = (t.first.centre(), t.last.centre());
        let shift = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt() / t.first.rect.w.max(1.0);
        let moved = shift >= MOVED_SHIFT || t.widest >= MOVED_GROWTH * t.first.rect.w;
        self.is_open(t) && moved
    }

    /// Live tracks that are open passes: not emitted yet, not given up on.
    pub fn open_tracks(&self) -> usize {
        self.tracks.iter().filter(|t| self.is_open(t)).count()
    }

    fn is_open(&self, t: &Track) -> bool {
        !t.emitted && !t.reading.given_up(&self.policy)
    }

    /// The smoothed analysis interval of this stream, ms.
    pub fn interval_ms(&self) -> Option<f64> {
        self.interval_ms
    }

    /// Where to look for the live tracks' plates at `clock_ms`: each track's predicted box,
    /// grown by its motion's uncertainty (frame pixels, clipped to `frame`).
    pub fn search_regions(&self, clock_ms: i64, frame: (u32, u32)) -> Vec<Rect> {
        // Only open passes: a sign given up on, or a parked car already read, is found again by
        // the next whole-frame search soon enough.
        self.tracks
            .iter()
            .filter(|t| self.is_open(t))
            .map(|t| {
                let (cx, cy) = t.predicted_centre(clock_ms);
                let dt = (clock_ms - t.last.clock_ms).max(0) as f32;
                let (vx, vy) = t.velocity.unwrap_or((0.0, 0.0));
                let r = t.last.rect;
                let w = (3.0 * r.w).max(r.w + 2.0 * vx.abs() * dt).max(96.0);
                let h = (4.0 * r.h).max(r.h + 2.0 * vy.abs() * dt).max(64.0);
                Rect { x: cx - w / 2.0, y: cy - h / 2.0, w, h }.expand_clip(0.0, 0.0, frame.0, frame.1)
            })
            .filter(|r| r.w > 0.0 && r.h > 0.0)
            .collect()
    }

    /// How well sighting `o` continues track `t` (lower is better), or `None`.
    fn cost(&self, t: &Track, o: &Sighting) -> Option<f32> {
        let iou = t.last.rect.iou(&o.rect);
        if iou >= self.config.iou_match {
            return Some(0.5 * (1.0 - iou));
        }
        let dt_s = ((o.clock_ms - t.last.clock_ms).max(0) as f32) / 1000.0;
        let width = t.last.rect.w.max(o.rect.w);
        let reach = width * (self.config.max_jump_widths * if t.velocity.is_some() { 0.6 } else { 1.0 } + 2.0 * dt_s);
        let (px, py) = t.predicted_centre(o.clock_ms);
        let (ox, oy) = o.centre();
        let dist = ((px - ox).powi(2) + (py - oy).powi(2)).sqrt();
        let size_ratio = (t.last.rect.w / o.rect.w.max(1e-3)).max(o.rect.w / t.last.rect.w.max(1e-3));
        (dist <= reach && size_ratio <= 2.0 + dt_s).then_some(0.5 + 0.5 * dist / reach.max(1e-3))
    }

    /// Adds one analysed frame's sightings (possibly none) at session clock `clock_ms`. `cut`
    /// cuts a plate's crop out of this frame (called only for crops worth keeping); `read` runs
    /// the reader. Returns what happened to tracks that ended or became due by this frame.
    pub fn update(
        &mut self,
        clock_ms: i64,
        sightings: Vec<Sighting>,
        cut: &mut dyn FnMut(Rect) -> Option<(RgbImage, Rect)>,
        read: &mut ReadFn<'_>,
    ) -> Vec<TrackEvent> {
        if let Some(prev) = self.last_update {
            let dt = (clock_ms - prev) as f64;
            if dt > 0.0 && dt < 60_000.0 {
                self.interval_ms = Some(self.interval_ms.map_or(dt, |i| 0.8 * i + 0.2 * dt));
            }
        }
        self.last_update = Some(clock_ms);
        let mut pairs = Vec::new();
        for (ti, t) in self.tracks.iter().enumerate() {
            for (oi, o) in sightings.iter().enumerate() {
                if let Some(c) = self.cost(t, o) {
                    pairs.push((c, ti, oi));
                }
            }
        }
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut track_used = vec![false; self.tracks.len()];
        let mut obs: Vec<Option<Sighting>> = sightings.into_iter().map(Some).collect();
        for (_, ti, oi) in pairs {
            if track_used[ti] || obs[oi].is_none() {
                continue;
            }
            track_used[ti] = true;
            let o = obs[oi].take().expect("checked above");
            let t = &mut self.tracks[ti];
            let dt = (o.clock_ms - t.last.clock_ms) as f32;
            if dt > 0.0 {
                let ((ax, ay), (bx, by)) = (t.last.centre(), o.centre());
                let v = ((bx - ax) / dt, (by - ay) / dt);
                t.velocity = Some(t.velocity.map_or(v, |(vx, vy)| (0.5 * vx + 0.5 * v.0, 0.5 * vy + 0.5 * v.1)));
            }
            t.frames += 1;
            t.widest = t.widest.max(o.rect.w);
            // A plate given up on has come closer since: read it again, on the crops to come.
            if !t.emitted && t.reading.given_up(&self.policy) && t.widest >= REREAD_GROWTH * t.widest_read {
                t.reading.next_round();
            }
            Self::observe(&self.policy, t, &o, cut, read);
            t.last = o;
        }
        for o in obs.into_iter().flatten() {
            self.next_id += 1;
            let due_clock = o.clock_ms + (self.config.max_delay_secs * 1000.0) as i64;
            let spot = self.given_up_spot(&o);
            let mut t = Track {
                id: self.next_id,
                first: o.clone(),
                last: o.clone(),
                velocity: None,
                frames: 1,
                reading: TrackReading::default(),
                emitted: false,
                due_clock,
                widest: o.rect.w,
                widest_read: spot.unwrap_or(0.0),
            };
            if spot.is_some() {
                t.reading.give_up();
            }
            Self::observe(&self.policy, &mut t, &o, cut, read);
            self.tracks.push(t);
        }
        self.expire(clock_ms, read)
    }

    fn observe(policy: &ReadPolicy, t: &mut Track, o: &Sighting, cut: &mut dyn FnMut(Rect) -> Option<(RgbImage, Rect)>, read: &mut ReadFn<'_>) {
        if t.emitted {
            return;
        }
        match policy.mode {
            OcrMode::PerTrack => t.reading.offer(policy, o, cut),
            OcrMode::EveryFrame => t.reading.read_now(o, cut, read),
        }
    }

    /// Ends tracks not seen for their timeout (session clock `now_ms`), and reads and emits
    /// tracks older than `max_delay` once. Call it on a timer too, so a stream that stops still
    /// flushes.
    pub fn expire(&mut self, now_ms: i64, read: &mut ReadFn<'_>) -> Vec<TrackEvent> {
        let interval = self.interval_ms.unwrap_or(0.0);
        // A track ends after the timeout or 2.5 analysed frames without a sighting, whichever is
        // longer (many streams sharing the models means seconds between a stream's frames) ...
        let timeout = ((self.config.track_timeout_secs * 1000.0).max(2.5 * interval)) as i64;
        // ... or sooner once its own motion has carried it out of the picture.
        let gone_after = (1.2 * interval).max(300.0) as i64;
        let max_delay = (self.config.max_delay_secs * 1000.0) as i64;
        let closed_timeout = timeout.max(((self.full_every as f64 + 1.5) * interval) as i64);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tracks.len() {
            let timeout = if self.is_open(&self.tracks[i]) { timeout } else { closed_timeout };
            let t = &mut self.tracks[i];
            let unseen = now_ms - t.last.clock_ms;
            let (fw, fh) = t.last.frame_size;
            let (px, py) = t.predicted_centre(now_ms);
            let left = t.velocity.is_some() && (px < 0.0 || py < 0.0 || px > fw as f32 || py > fh as f32);
            if unseen > timeout || (left && unseen >= gone_after) {
                let t = self.tracks.swap_remove(i);
                out.push(self.close(t, read));
                continue;
            }
            if !t.emitted && now_ms >= t.due_clock {
                let policy = self.policy;
                t.reading.finish(&policy, read);
                match finished(t) {
                    e @ TrackEvent::Finished(_) => {
                        t.emitted = true;
                        t.reading.release();
                        out.push(e);
                    }
                    // Nothing valid yet: if this round is spent, the track is read again only
                    // once its plate has grown (see `update`); a sign stays given up.
                    _ => {
                        t.due_clock += max_delay;
                        if t.reading.given_up(&policy) {
                            t.widest_read = t.widest;
                        }
                    }
                }
            }
            i += 1;
        }
        out
    }

    fn close(&mut self, mut t: Track, read: &mut ReadFn<'_>) -> TrackEvent {
        if t.emitted {
            return TrackEvent::Ended { track_id: t.id, last_clock: t.last.clock_ms };
        }
        t.reading.finish(&self.policy, read);
        let event = finished(&t);
        // Only a round that read and found nothing marks a spot; a track that started given up
        // does not renew one, so a spot lapses a minute after the text was last read.
        if matches!(event, TrackEvent::Unread { .. }) && t.reading.round_runs() >= MIN_SPOT_RUNS {
            self.spots.retain(|s| s.rect.iou(&t.last.rect) < 0.5);
            if self.spots.len() == MAX_SPOTS {
                self.spots.pop_front();
            }
            self.spots.push_back(GivenUpSpot { rect: t.last.rect, widest: t.widest, clock_ms: t.last.clock_ms });
        }
        event
    }

    /// The width given up at, if `o` is where a track that never read as a plate ended lately,
    /// at about its size (a plate that has grown since, an approaching vehicle, is read).
    fn given_up_spot(&mut self, o: &Sighting) -> Option<f32> {
        self.spots.retain(|s| o.clock_ms - s.clock_ms <= SPOT_MEMORY_MS);
        self.spots.iter().find(|s| s.rect.iou(&o.rect) >= 0.5 && o.rect.w < REREAD_GROWTH * s.widest).map(|s| s.widest)
    }

    /// Ends and reads every track (shutdown, a new session).
    pub fn flush(&mut self, read: &mut ReadFn<'_>) -> Vec<TrackEvent> {
        let tracks = std::mem::take(&mut self.tracks);
        let events = tracks.into_iter().map(|t| self.close(t, read)).collect();
        // A new session may be another camera view: nothing carries over.
        self.spots.clear();
        events
    }
}

fn finished(t: &Track) -> TrackEvent {
    let Some(best) = t.reading.best() else { return TrackEvent::Unread { reader_runs: t.reading.runs } };
    let s = &best.sighting;
    TrackEvent::Finished(FinishedTrack {
        track_id: t.id,
        first_seen_ms: t.first.capture_ms,
        last_seen_ms: t.last.capture_ms,
        clock_span: (t.first.clock_ms, t.last.clock_ms),
        frames: t.frames,
        reads: t.reading.reads.iter().map(|r| (r.text.clone(), r.chars.clone())).collect(),
        best: Observation {
            rect: s.rect,
            text: best.text.clone(),
            chars: best.chars.clone(),
            detector_score: s.score,
            capture_ms: s.capture_ms,
            clock_ms: s.clock_ms,
            pts_90k: s.pts_90k,
            frame_size: s.frame_size,
            frame: s.frame.clone(),
        },
        reader_runs: t.reading.runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sighting(x: f32, ms: i64) -> Sighting {
        Sighting { rect: Rect { x, y: 100.0, w: 100.0, h: 25.0 }, score: 0.9, quality: 0.5, capture_ms: ms, clock_ms: ms, pts_90k: ms * 90, frame_size: (1280, 720), frame: None }
    }

    fn cut(r: Rect) -> Option<(RgbImage, Rect)> {
        Some((RgbImage::new(4, 4, vec![(r.x as u32 % 251) as u8; 48]).unwrap(), Rect { x: 0.0, y: 0.0, w: 4.0, h: 4.0 }))
    }

    /// A reader that reads `text` from every crop.
    fn reader(text: &'static str) -> impl FnMut(&RgbImage, Rect) -> Option<(String, Vec<CharCandidate>)> {
        move |_, _| Some((text.to_string(), text.chars().map(|ch| CharCandidate { ch, confidence: 0.9 }).collect()))
    }

    fn finished(events: Vec<TrackEvent>) -> Vec<FinishedTrack> {
        events.into_iter().filter_map(|e| if let TrackEvent::Finished(f) = e { Some(f) } else { None }).collect()
    }

    #[test]
    fn a_crossing_plate_is_one_track_read_a_few_times() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut read = reader("MH12AB1234");
        let mut done = Vec::new();
        // 5 analysed frames/s, moving 150 px (1.5 plate widths) per frame.
        for i in 0..6 {
            done.extend(t.update(i * 200, vec![sighting(100.0 + 150.0 * i as f32, i * 200)], &mut cut, &mut read));
        }
        assert!(done.is_empty());
        done.extend(t.update(5000, vec![], &mut cut, &mut read));
        let f = finished(done);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].frames, 6);
        assert_eq!(f[0].reader_runs, 2, "two agreeing reads settle the pass");
        assert_eq!((f[0].first_seen_ms, f[0].last_seen_ms), (0, 1000));
    }

    #[test]
    fn slow_frames_still_follow_a_moving_plate() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut read = reader("KA05MN6789");
        let mut done = Vec::new();
        // One analysed frame every 1.5 s (a loaded box); the plate moves 300 px/s.
        for i in 0..4 {
            let ms = i * 1500;
            done.extend(t.update(ms, vec![sighting(50.0 + 0.3 * ms as f32, ms)], &mut cut, &mut read));
        }
        assert!(done.is_empty(), "no split while the plate is in the picture");
        let f = finished(t.flush(&mut read));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].frames, 4);
    }

    #[test]
    fn a_plate_leaving_the_picture_ends_early() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut read = reader("MH12AB1234");
        for i in 0..3 {
            t.update(i * 200, vec![sighting(1000.0 + 100.0 * i as f32, i * 200)], &mut cut, &mut read);
        }
        // Predicted at x ~ 1300 + 0.5 px/ms * 400 ms: out of the 1280 px picture.
        let done = finished(t.update(800, vec![], &mut cut, &mut read));
        assert_eq!(done.len(), 1, "ended long before the 3 s timeout");
    }

    #[test]
    fn two_vehicles_side_by_side_stay_apart() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut read = reader("MH12AB1234");
        for i in 0..3 {
            let ms = i * 200;
            let mut far = sighting(700.0 + 20.0 * i as f32, ms);
            far.rect.y = 400.0;
            t.update(ms, vec![sighting(100.0 + 20.0 * i as f32, ms), far], &mut cut, &mut read);
        }
        let done = finished(t.flush(&mut read));
        assert_eq!(done.len(), 2);
        assert!(done.iter().all(|d| d.frames == 3));
    }

    #[test]
    fn max_delay_emits_once_while_the_vehicle_stays() {
        let cfg = TrackerConfig { max_delay_secs: 3.0, ..Default::default() };
        let mut t = Tracker::new(cfg, ReadPolicy::default(), 0);
        let mut read = reader("MH12AB1234");
        let mut events = Vec::new();
        for i in 0..30 {
            events.extend(t.update(i * 200, vec![sighting(100.0, i * 200)], &mut cut, &mut read));
        }
        assert_eq!(finished(events.clone()).len(), 1, "due after 3 s, then absorbed silently");
        let end = t.update(20_000, vec![], &mut cut, &mut read);
        assert!(matches!(end.as_slice(), [TrackEvent::Ended { .. }]), "{end:?}");
        assert_eq!(t.active(), 0);
    }

    #[test]
    fn a_vehicle_unreadable_when_due_is_read_again_later() {
        let cfg = TrackerConfig { max_delay_secs: 3.0, ..Default::default() };
        let mut t = Tracker::new(cfg, ReadPolicy::default(), 0);
        let mut readable = false;
        let mut events = Vec::new();
        for i in 0..40 {
            // The plate becomes readable after 4 s (it came closer).
            readable |= i * 200 >= 4000;
            let r = readable;
            let mut read = move |_: &RgbImage, _: Rect| r.then(|| ("MH12AB1234".to_string(), "MH12AB1234".chars().map(|ch| CharCandidate { ch, confidence: 0.97 }).collect()));
            // ... and grows: 175 px wide at the first due time, 1.4 times that by the second.
            let mut s = sighting(100.0, i * 200);
            s.rect.w = 100.0 + 5.0 * i as f32;
            events.extend(t.update(i * 200, vec![s], &mut cut, &mut read));
        }
        assert_eq!(finished(events).len(), 1, "emitted at the second due time");
    }

    #[test]
    fn text_that_is_not_a_plate_is_given_up_on() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut runs = 0;
        let mut read = |_: &RgbImage, _: Rect| -> Option<(String, Vec<CharCandidate>)> {
            runs += 1;
            None
        };
        for i in 0..10 {
            t.update(i * 200, vec![sighting(100.0, i * 200)], &mut cut, &mut read);
        }
        let events = t.flush(&mut read);
        assert!(matches!(events.as_slice(), [TrackEvent::Unread { reader_runs: 3 }]), "{events:?}");
        assert_eq!(runs, 3);
    }

    #[test]
    fn text_given_up_on_is_not_read_again_when_it_comes_back() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let runs = std::cell::Cell::new(0);
        let mut read = |_: &RgbImage, _: Rect| -> Option<(String, Vec<CharCandidate>)> {
            runs.set(runs.get() + 1);
            None
        };
        // A sign found in two frames, missed for 4 s (the track ends), then found again twice.
        for ms in [0, 200] {
            t.update(ms, vec![sighting(100.0, ms)], &mut cut, &mut read);
        }
        t.expire(3400, &mut read);
        for ms in [4400, 4600] {
            t.update(ms, vec![sighting(100.0, ms)], &mut cut, &mut read);
        }
        t.expire(9000, &mut read);
        assert_eq!(runs.get(), 2, "the second appearance is not read");
        // A plate found there at that size that then grows by half (an approaching vehicle) is
        // read, on its crops since it grew.
        t.update(9200, vec![sighting(100.0, 9200)], &mut cut, &mut read);
        let mut wide = sighting(100.0, 9400);
        wide.rect.w *= 1.5;
        t.update(9400, vec![wide], &mut cut, &mut read);
        t.expire(20_000, &mut read);
        assert_eq!(runs.get(), 3);
    }

    #[test]
    fn search_regions_follow_the_motion() {
        let mut t = Tracker::new(TrackerConfig::default(), ReadPolicy::default(), 0);
        let mut read = reader("MH12AB1234");
        t.update(0, vec![sighting(100.0, 0)], &mut cut, &mut read);
        t.update(200, vec![sighting(200.0, 200)], &mut cut, &mut read);
        let r = t.search_regions(400, (1280, 720));
        assert_eq!(r.len(), 1);
        // Predicted centre x = 250 + 0.5 * 200 = 350.
        assert!(r[0].x < 300.0 && r[0].x1() > 400.0, "{:?}", r[0]);
    }
}

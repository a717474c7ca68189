//! Idle mode: a camera with no plate for a while is analysed on keyframes only (and decodes only
//! those), until something wakes it: motion on a fixed camera (Frigate-style differencing of
//! downscaled luma), GPS speed on a moving one, or a plate in a keyframe.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use models::LumaImage;
use serde::Deserialize;

/// How a camera is mounted (`[[streams]] mount`), which decides what wakes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mount {
    /// On a pole or a wall: the picture changes only when something moves in it.
    Fixed,
    /// On a vehicle: the whole picture changes while it drives, so motion says nothing; GPS
    /// speed does.
    Moving,
}

/// A camera's analysis mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every sampled frame is decoded and analysed.
    Active,
    /// Keyframes only.
    Idle,
}

impl Mode {
    /// The mode a [`ModeMachine::shown`] cell holds.
    pub fn from_cell(v: u8) -> Self {
        if v == 1 { Mode::Idle } else { Mode::Active }
    }

    /// Both modes, for metric labels.
    pub const ALL: [Mode; 2] = [Mode::Active, Mode::Idle];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Active => "active",
            Mode::Idle => "idle",
        }
    }
}

/// Why a camera left idle mode; the `reason` label of `fleetsight_analysis_wakeups_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The picture changed (fixed camera).
    Motion,
    /// A plate was found in a keyframe.
    Plate,
    /// The vehicle is moving (GPS speed).
    Gps,
}

impl Wake {
    /// Every reason, for metric labels.
    pub const ALL: [Wake; 3] = [Wake::Motion, Wake::Plate, Wake::Gps];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Wake::Motion => "motion",
            Wake::Plate => "plate",
            Wake::Gps => "gps",
        }
    }
}

/// Settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModeConfig {
    /// Stream time without a plate before going idle, ms; 0 never idles.
    pub idle_after_ms: i64,
    /// Changed share of the picture that is motion.
    pub motion_threshold: f32,
    /// GPS speed that wakes a moving camera, km/h.
    pub wake_speed_kmh: f64,
}

/// What one frame tells the mode machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// Open passes (tracks neither emitted nor given up on) were seen in this frame.
    pub plates: bool,
    /// Open passes are being tracked.
    pub tracking: bool,
    /// The device's GPS speed at the frame's capture time, if known.
    pub speed_kmh: Option<f64>,
}

/// Motion thumbnails are the frame shrunk by this factor (720p: 160x90), which also blurs away
/// sensor noise and compression artefacts.
const THUMB_FACTOR: u32 = 8;
/// A thumbnail pixel changed when it moved by more than this (of 255).
const PIXEL_DELTA: i16 = 25;

/// One camera's mode.
pub struct ModeMachine {
    config: ModeConfig,
    mount: Mount,
    mode: Mode,
    last_activity: Option<i64>,
    reference: Option<LumaImage>,
    /// Set from outside (a GPS fix showing speed) to wake the camera at its next frame.
    gps_wake: Arc<AtomicBool>,
    /// The mode, readable without the machine (status table).
    shown: Arc<AtomicU8>,
}

impl ModeMachine {
    /// Starts active.
    pub fn new(config: ModeConfig, mount: Mount) -> Self {
        Self {
            config,
            mount,
            mode: Mode::Active,
            last_activity: None,
            reference: None,
            gps_wake: Arc::new(AtomicBool::new(false)),
            shown: Arc::new(AtomicU8::new(0)),
        }
    }

    /// The flag a GPS listener sets to wake this camera at its next frame.
    pub fn gps_wake_flag(&self) -> Arc<AtomicBool> {
        self.gps_wake.clone()
    }

    /// The mode as a shared cell (0 active, 1 idle), for readers that cannot lock the machine.
    pub fn shown(&self) -> Arc<AtomicU8> {
        self.shown.clone()
    }

    /// The current mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The mount.
    pub fn mount(&self) -> Mount {
        self.mount
    }

    /// The changed share of the picture since the previous call's frame (0 on the first).
    /// `frame` may come shrunk by `factor` already (the detector's work image), which spares
    /// reading the full-size plane a second time.
    pub fn motion(&mut self, frame: &LumaImage, factor: u32) -> f32 {
        let thumb = frame.downscale((THUMB_FACTOR / factor.max(1)).max(1));
        let share = match &self.reference {
            Some(r) if (r.width(), r.height()) == (thumb.width(), thumb.height()) => changed_share(r, &thumb),
            _ => 0.0,
        };
        self.reference = Some(thumb);
        share
    }

    /// Whether this frame's motion should be measured: on every analysed frame of a fixed
    /// camera (1/8-scale luma: a fraction of a millisecond), where motion is what keeps it awake.
    pub fn wants_motion(&self, _clock_ms: i64) -> bool {
        self.mount == Mount::Fixed && self.config.idle_after_ms > 0
    }

    /// Updates the mode after a frame at session clock `clock_ms`; returns the new mode and the
    /// wake reason when it changed.
    pub fn step(&mut self, clock_ms: i64, e: Evidence, motion: f32) -> Option<(Mode, Option<Wake>)> {
        let moving = e.speed_kmh.is_some_and(|s| s > self.config.wake_speed_kmh) && self.mount == Mount::Moving;
        let gps_wake = self.gps_wake.swap(false, Ordering::Relaxed) && self.mount == Mount::Moving;
        let last = *self.last_activity.get_or_insert(clock_ms);
        // A fixed camera stays awake while its picture moves (a vehicle with a plate moves it;
        // the detector's boxes on boards and signs do not); a moving camera while a plate is
        // tracked or the vehicle drives.
        let busy = match self.mount {
            Mount::Fixed => motion >= self.config.motion_threshold,
            Mount::Moving => e.plates || e.tracking || moving,
        };
        if busy || clock_ms < last {
            self.last_activity = Some(clock_ms);
        }
        match self.mode {
            Mode::Active => {
                let quiet = clock_ms - self.last_activity.unwrap_or(clock_ms);
                (self.config.idle_after_ms > 0 && quiet >= self.config.idle_after_ms).then(|| {
                    self.mode = Mode::Idle;
                    self.shown.store(1, Ordering::Relaxed);
                    (Mode::Idle, None)
                })
            }
            Mode::Idle => {
                // Motion first: on a fixed camera a vehicle moves into view before its plate
                // is large enough to find.
                let reason = if self.mount == Mount::Fixed && motion >= self.config.motion_threshold {
                    Some(Wake::Motion)
                } else if e.plates {
                    Some(Wake::Plate)
                } else if moving || gps_wake {
                    Some(Wake::Gps)
                } else {
                    None
                };
                reason.map(|r| {
                    self.mode = Mode::Active;
                    self.shown.store(0, Ordering::Relaxed);
                    self.last_activity = Some(clock_ms);
                    (Mode::Active, Some(r))
                })
            }
        }
    }
}

/// Share of pixels that changed by more than [`PIXEL_DELTA`] and have at least two changed
/// 4-neighbours: isolated flicker and thin overlay text (an MDVR's clock) do not count.
fn changed_share(a: &LumaImage, b: &LumaImage) -> f32 {
    let (w, h) = (a.width() as usize, a.height() as usize);
    let changed: Vec<bool> = a.data().iter().zip(b.data()).map(|(&p, &q)| (p as i16 - q as i16).abs() > PIXEL_DELTA).collect();
    let mut count = 0usize;
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let i = y * w + x;
            if changed[i] && [i - 1, i + 1, i - w, i + w].iter().filter(|&&j| changed[j]).count() >= 2 {
                count += 1;
            }
        }
    }
    count as f32 / (w * h).max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> ModeConfig {
        ModeConfig { idle_after_ms: 2000, motion_threshold: 0.002, wake_speed_kmh: 3.0 }
    }

    fn frame(square_at: Option<usize>) -> LumaImage {
        let (w, h) = (320usize, 180usize);
        let mut d = vec![100u8; w * h];
        if let Some(x0) = square_at {
            for y in 40..100 {
                for x in x0..x0 + 60 {
                    d[y * w + x] = 220;
                }
            }
        }
        LumaImage::new(w as u32, h as u32, d).unwrap()
    }

    #[test]
    fn a_quiet_fixed_camera_idles_and_motion_wakes_it() {
        let mut m = ModeMachine::new(cfg(), Mount::Fixed);
        assert_eq!(m.step(0, Evidence { plates: true, ..Default::default() }, 0.0), None);
        assert_eq!(m.step(1000, Evidence::default(), 0.0), None);
        assert!(m.wants_motion(2200));
        assert_eq!(m.motion(&frame(None), 1), 0.0);
        assert_eq!(m.step(2200, Evidence::default(), 0.0), Some((Mode::Idle, None)));
        let still = m.motion(&frame(None), 1);
        assert_eq!(m.step(4200, Evidence::default(), still), None, "nothing moved");
        let moved = m.motion(&frame(Some(100)), 1);
        assert!(moved > 0.002, "{moved}");
        assert_eq!(m.step(6200, Evidence::default(), moved), Some((Mode::Active, Some(Wake::Motion))));
    }

    #[test]
    fn a_moving_camera_wakes_on_speed_not_motion() {
        let mut m = ModeMachine::new(cfg(), Mount::Moving);
        m.step(0, Evidence::default(), 0.0);
        assert_eq!(m.step(2500, Evidence::default(), 0.0), Some((Mode::Idle, None)));
        assert_eq!(m.step(4500, Evidence::default(), 0.5), None, "ego-motion is not a reason");
        assert_eq!(m.step(6500, Evidence { speed_kmh: Some(30.0), ..Default::default() }, 0.0), Some((Mode::Active, Some(Wake::Gps))));
        assert_eq!(m.step(20_000, Evidence { speed_kmh: Some(30.0), ..Default::default() }, 0.0), None, "driving keeps it active");
    }

    #[test]
    fn a_plate_in_a_keyframe_wakes_any_camera_and_gps_requests_wake_moving_ones() {
        let mut m = ModeMachine::new(cfg(), Mount::Moving);
        m.step(0, Evidence::default(), 0.0);
        m.step(3000, Evidence::default(), 0.0);
        m.gps_wake_flag().store(true, Ordering::Relaxed);
        assert_eq!(m.step(3100, Evidence::default(), 0.0), Some((Mode::Active, Some(Wake::Gps))));
        m.step(6000, Evidence::default(), 0.0);
        assert_eq!(m.mode(), Mode::Idle);
        assert_eq!(m.step(6100, Evidence { plates: true, ..Default::default() }, 0.0), Some((Mode::Active, Some(Wake::Plate))));
    }
}

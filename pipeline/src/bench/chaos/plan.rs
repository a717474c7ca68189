//! The chaos run's schedule, drawn from a seed so a run can be repeated: SIGKILLs of the sink,
//! the broker and single cameras' RTSP servers at random moments, and the camera outages of
//! 5 s, 60 s and 10 min (the camera falls silent: SIGSTOP, then SIGCONT).
//!
//! Camera `c00` is the control: never faulted, so "other streams stay undisturbed" is measured on
//! it. The outages take `c01`..`c03`; random camera kills take any other camera not in an outage.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// What a kill hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `fleetsight sink`.
    Sink,
    /// The Kafka broker.
    Broker,
    /// One camera's RTSP server (its index).
    Camera(usize),
}

impl Target {
    /// A short name for the report.
    pub fn name(self) -> String {
        match self {
            Target::Sink => "sink".into(),
            Target::Broker => "broker".into(),
            Target::Camera(i) => format!("camera c{i:02}"),
        }
    }
}

/// A SIGKILL at `at` (from the run's start); the target is started again after `down`.
#[derive(Debug, Clone, PartialEq)]
pub struct Kill {
    /// When.
    pub at: Duration,
    /// What.
    pub target: Target,
    /// How long it stays dead.
    pub down: Duration,
}

/// Camera `camera` falls silent at `at` for `length`.
#[derive(Debug, Clone, PartialEq)]
pub struct Outage {
    /// Camera index.
    pub camera: usize,
    /// When.
    pub at: Duration,
    /// How long.
    pub length: Duration,
}

/// The whole schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Kills, in time order, never overlapping (each is over, recovery included, before the next).
    pub kills: Vec<Kill>,
    /// Outages that fit in the run.
    pub outages: Vec<Outage>,
    /// Outages that did not fit, and why.
    pub left_out: Vec<String>,
}

/// The outage lengths the issue names, and when each starts.
pub const OUTAGES: [(Duration, Duration); 3] =
    [(Duration::from_secs(5), Duration::from_secs(60)), (Duration::from_secs(60), Duration::from_secs(90)), (Duration::from_secs(600), Duration::from_secs(120))];
/// After an outage or a kill, time left for the recovery to be measured.
pub const SETTLE: Duration = Duration::from_secs(40);
/// The first kill comes after this (the pipeline has settled).
const FIRST_KILL: Duration = Duration::from_secs(30);
/// Between one kill and the next, seconds.
const GAP_SECS: (f64, f64) = (25.0, 55.0);
/// How long a killed component stays dead, seconds.
const DOWN_SECS: (f64, f64) = (1.0, 10.0);

/// Fewest cameras: the control, three outages, one for camera kills only.
pub const MIN_CAMERAS: usize = 5;

/// Draws the schedule for a run of `length` with `cameras` cameras.
pub fn plan(length: Duration, cameras: usize, seed: u64) -> Plan {
    let mut outages = Vec::new();
    let mut left_out = Vec::new();
    for (i, &(len, at)) in OUTAGES.iter().enumerate() {
        let camera = i + 1;
        if camera >= cameras {
            left_out.push(format!("{} s outage: needs {} cameras", len.as_secs(), camera + 1));
        } else if at + len + SETTLE > length {
            left_out.push(format!("{} s outage: needs --minutes {}", len.as_secs(), (at + len + SETTLE).as_secs().div_ceil(60)));
        } else {
            outages.push(Outage { camera, at, length: len });
        }
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut kills = Vec::new();
    let mut at = FIRST_KILL;
    loop {
        let down = Duration::from_secs_f64(rng.random_range(DOWN_SECS.0..DOWN_SECS.1));
        if at + down + SETTLE > length {
            break;
        }
        // Cameras not silent around this kill: a kill must not blur an outage's figures.
        let busy = |c: usize| outages.iter().any(|o| o.camera == c && o.at < at + down + SETTLE && at < o.at + o.length + SETTLE);
        let free: Vec<usize> = (1..cameras).filter(|&c| !busy(c)).collect();
        let target = match rng.random_range(0..3) {
            0 => Target::Sink,
            1 => Target::Broker,
            _ if free.is_empty() => Target::Sink,
            _ => Target::Camera(free[rng.random_range(0..free.len())]),
        };
        kills.push(Kill { at, target, down });
        at += down + Duration::from_secs_f64(rng.random_range(GAP_SECS.0..GAP_SECS.1));
    }
    Plan { kills, outages, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_one_schedule_that_spares_the_control_and_the_outages() {
        let length = Duration::from_secs(15 * 60);
        let p = plan(length, 5, 7);
        assert_eq!(p, plan(length, 5, 7), "the same seed, the same run");
        assert_ne!(p.kills, plan(length, 5, 8).kills);
        assert_eq!(p.outages.iter().map(|o| o.length.as_secs()).collect::<Vec<_>>(), [5, 60, 600]);
        assert!(p.left_out.is_empty());
        assert!(p.kills.len() >= 12, "{} kills", p.kills.len());
        for k in ["sink", "broker", "camera"] {
            assert!(p.kills.iter().any(|x| x.target.name().starts_with(k)), "no {k} kill");
        }
        for w in p.kills.windows(2) {
            assert!(w[0].at + w[0].down < w[1].at, "kills overlap");
        }
        for k in &p.kills {
            assert!(k.at + k.down + SETTLE <= length);
            if let Target::Camera(c) = k.target {
                assert_ne!(c, 0, "the control camera is never killed");
                for o in p.outages.iter().filter(|o| o.camera == c) {
                    assert!(k.at >= o.at + o.length + SETTLE || k.at + k.down + SETTLE <= o.at, "a kill blurs an outage");
                }
            }
        }
    }

    #[test]
    fn outages_that_do_not_fit_are_named() {
        let p = plan(Duration::from_secs(4 * 60), 5, 1);
        assert_eq!(p.outages.len(), 2);
        assert_eq!(p.left_out, ["600 s outage: needs --minutes 13"]);
        let p = plan(Duration::from_secs(4 * 60), 3, 1);
        assert_eq!(p.outages.len(), 2);
        assert_eq!(p.left_out[0], "600 s outage: needs 4 cameras");
    }
}

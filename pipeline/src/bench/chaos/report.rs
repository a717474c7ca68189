//! A chaos run's figures, computed from what [`super::watch`] recorded, and the table printed.

use std::fmt::Write;
use std::time::Duration;

use super::ChaosOptions;
use super::plan::{Kill, Plan};
use super::proof::Proof;
use super::watch::{Sample, Watch};

/// One kill and the recovery after it.
#[derive(Debug, Clone)]
pub struct KillFigures {
    /// The kill.
    pub kill: Kill,
    /// From the restart until the target served again (sink: /readyz, broker: listening,
    /// camera: a decoded frame), if within the settle time.
    pub back: Option<Duration>,
    /// Reads made but not stored when the target came back up.
    pub pending: usize,
    /// From the restart until the last of those was stored.
    pub caught_up: Option<Duration>,
}

/// One camera outage.
#[derive(Debug, Clone)]
pub struct OutageFigures {
    /// Camera index.
    pub camera: usize,
    /// How long it was silent.
    pub length: Duration,
    /// From silence to the stream leaving `running`, and the state it went to.
    pub detected: Option<(Duration, String)>,
    /// From the camera's return to the first frame decoded.
    pub first_frame: Option<Duration>,
    /// The control camera's decoded frames per second during the outage.
    pub control_fps: f64,
    /// The control camera's stalls during the outage.
    pub control_stalls: f64,
}

/// The whole run.
#[derive(Debug, Clone)]
pub struct ChaosFigures {
    /// Cameras, minutes, seed.
    pub cameras: usize,
    /// Minutes of faults.
    pub minutes: f64,
    /// The seed.
    pub seed: u64,
    /// Per kill.
    pub kills: Vec<KillFigures>,
    /// Per outage.
    pub outages: Vec<OutageFigures>,
    /// Outages that did not fit.
    pub left_out: Vec<String>,
    /// The control camera's decoded fps over the whole run, and its stalls.
    pub control: (f64, f64),
    /// Read made → first seen stored, seconds: p50, p99, max (1 s resolution).
    pub made_to_stored: (f64, f64, f64),
    /// The exactly-once proof.
    pub proof: Proof,
    /// Whether everything made was stored within the drain time.
    pub drained: bool,
    /// Whether the edge stopped cleanly on SIGTERM at the end.
    pub edge_clean: bool,
}

fn at_or_before(samples: &[Sample], t: Duration) -> Option<&Sample> {
    samples.iter().take_while(|s| s.at <= t).last()
}

fn outage(samples: &[Sample], camera: usize, stopped: Duration, resumed: Duration) -> OutageFigures {
    let detected = samples.iter().filter(|s| s.at >= stopped).find(|s| s.streams[camera].state != "running").map(|s| (s.at - stopped, s.streams[camera].state.clone()));
    let base = at_or_before(samples, resumed).map_or(0.0, |s| s.streams[camera].decoded);
    let first_frame = samples.iter().filter(|s| s.at > resumed).find(|s| s.streams[camera].decoded > base).map(|s| s.at - resumed);
    let (a, b) = (at_or_before(samples, stopped), at_or_before(samples, resumed));
    let (control_fps, control_stalls) = match (a, b) {
        (Some(a), Some(b)) if b.at > a.at => ((b.streams[0].decoded - a.streams[0].decoded) / (b.at - a.at).as_secs_f64(), b.streams[0].stalls - a.streams[0].stalls),
        _ => (f64::NAN, f64::NAN),
    };
    OutageFigures { camera, length: resumed - stopped, detected, first_frame, control_fps, control_stalls }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

impl ChaosFigures {
    /// Computes the figures.
    #[allow(clippy::too_many_arguments)]
    pub fn new(plan: &Plan, kills: Vec<KillFigures>, outages: &[(usize, Duration, Duration)], watch: &Watch, proof: Proof, drained: bool, edge_clean: bool, opts: &ChaosOptions) -> Self {
        let s = &watch.samples;
        let control = match (s.first(), s.last()) {
            (Some(a), Some(b)) if b.at > a.at => ((b.streams[0].decoded - a.streams[0].decoded) / (b.at - a.at).as_secs_f64(), b.streams[0].stalls - a.streams[0].stalls),
            _ => (f64::NAN, f64::NAN),
        };
        let mut lat: Vec<f64> = watch.made.iter().filter_map(|(id, m)| watch.stored.get(id).map(|s| s.saturating_sub(*m).as_secs_f64())).collect();
        lat.sort_by(f64::total_cmp);
        Self {
            cameras: opts.cameras,
            minutes: opts.minutes,
            seed: opts.seed,
            kills,
            outages: outages.iter().map(|&(c, a, b)| outage(s, c, a, b)).collect(),
            left_out: plan.left_out.clone(),
            control,
            made_to_stored: (quantile(&lat, 0.5), quantile(&lat, 0.99), lat.last().copied().unwrap_or(f64::NAN)),
            proof,
            drained,
            edge_clean,
        }
    }

    /// The proof holds, every outage met its bounds, every kill recovered, the edge stopped clean.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.proof.holds() {
            out.push(format!("exactly-once does not hold: {} lost, {} stored twice, {} unexpected", self.proof.lost.len(), self.proof.stored_twice.len(), self.proof.unexpected.len()));
        }
        for o in &self.outages {
            if o.detected.as_ref().is_none_or(|d| d.0 > Duration::from_secs(10)) {
                out.push(format!("c{:02}: outage of {:.0} s not detected within 10 s", o.camera, o.length.as_secs_f64()));
            }
            if o.first_frame.is_none_or(|d| d > Duration::from_secs(15)) {
                out.push(format!("c{:02}: no frame within 15 s of the camera's return", o.camera));
            }
            if o.control_stalls > 0.0 {
                out.push(format!("c00 stalled during c{:02}'s outage", o.camera));
            }
        }
        for k in self.kills.iter().filter(|k| k.back.is_none() || (k.pending > 0 && k.caught_up.is_none())) {
            out.push(format!("{} at {:.0} s did not recover within {} s", k.kill.target.name(), k.kill.at.as_secs_f64(), super::plan::SETTLE.as_secs()));
        }
        if !self.edge_clean {
            out.push("the edge did not stop cleanly on SIGTERM".into());
        }
        out
    }
}

fn secs(d: Option<Duration>) -> String {
    d.map_or("-".into(), |d| format!("{:.1} s", d.as_secs_f64()))
}

fn stats(v: &[f64]) -> String {
    let mut v: Vec<f64> = v.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() { "-".into() } else { format!("p50 {:.1} s, max {:.1} s (n={})", quantile(&v, 0.5), v[v.len() - 1], v.len()) }
}

/// The report `fleetsight bench chaos` prints.
pub fn render(f: &ChaosFigures) -> String {
    let mut s = format!("bench chaos: {} cameras, {:.0} min of faults, seed {}\n\n", f.cameras, f.minutes, f.seed);
    let _ = writeln!(s, "{:>6} {:<12} {:>7} {:>8} {:>8} {:>10}", "at", "SIGKILL", "down", "back", "pending", "caught up");
    for k in &f.kills {
        let _ = writeln!(s, "{:>5.0}s {:<12} {:>6.1}s {:>8} {:>8} {:>10}", k.kill.at.as_secs_f64(), k.kill.target.name(), k.kill.down.as_secs_f64(), secs(k.back), k.pending, secs(k.caught_up));
    }
    for kind in ["sink", "broker", "camera"] {
        let of = |g: fn(&KillFigures) -> Option<Duration>| -> Vec<f64> { f.kills.iter().filter(|k| k.kill.target.name().starts_with(kind)).filter_map(|k| g(k).map(|d| d.as_secs_f64())).collect() };
        let _ = writeln!(s, "recovery after a {kind} kill: back {}; caught up {}", stats(&of(|k| k.back)), stats(&of(|k| k.caught_up)));
    }
    let _ = writeln!(s, "\n{:<7} {:>7} {:>22} {:>12} {:>14}", "outage", "length", "detected (state)", "first frame", "c00 fps/stalls");
    for o in &f.outages {
        let det = o.detected.as_ref().map_or("-".into(), |(d, st)| format!("{:.1} s ({st})", d.as_secs_f64()));
        let _ = writeln!(s, "c{:02}     {:>6.0}s {:>22} {:>12} {:>9.1}/{}", o.camera, o.length.as_secs_f64(), det, secs(o.first_frame), o.control_fps, o.control_stalls);
    }
    for l in &f.left_out {
        let _ = writeln!(s, "not run: {l}");
    }
    let p = &f.proof;
    let _ = writeln!(s, "control camera c00 over the run: {:.1} decoded fps, {} stalls", f.control.0, f.control.1);
    let _ = writeln!(
        s,
        "\nreads: {} made by the edge; topic (independent client): {} records, {} distinct ids, {} ids more than once; store: {} rows, {} distinct ids",
        p.made, p.topic_records, p.on_topic, p.topic_duplicates.len(), p.stored_rows, p.stored
    );
    let _ = writeln!(s, "made -> stored: p50 {:.0} s, p99 {:.0} s, max {:.0} s", f.made_to_stored.0, f.made_to_stored.1, f.made_to_stored.2);
    for (what, ids) in [("lost before the topic", &p.lost_before_topic), ("lost (never stored)", &p.lost), ("stored twice", &p.stored_twice), ("unexpected", &p.unexpected)] {
        let _ = writeln!(s, "{what}: {}{}", ids.len(), if ids.is_empty() { String::new() } else { format!(" ({})", ids.join(", ")) });
    }
    let failures = f.failures();
    let _ = writeln!(
        s,
        "bench chaos: {} kills, {} outages: lost {}, duplicates {}; {}",
        f.kills.len(),
        f.outages.len(),
        p.lost.len(),
        p.stored_twice.len(),
        if failures.is_empty() { "every check held".to_string() } else { format!("FAILED: {}", failures.join("; ")) }
    );
    s
}

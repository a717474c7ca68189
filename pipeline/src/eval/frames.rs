//! `fleetsight eval --clips DIR`: runs plate detection and OCR on single frames of a labelled
//! clip set (the sidecar JSON from `tests/clips/gen_clips.py`), reading every detection, and
//! prints plate-level exact match, character accuracy, detection recall and precision, and
//! per-frame latency. A diagnostic: the live pipeline reads once per track.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use ingest::decode::FrameDecoder;
use ingest::source::file::load_clip;
use models::grammar::edit_distance;
use models::{LumaImage, PlateRecognizer, Rect, RgbImage};
use serde::Deserialize;

/// Ground truth of one clip.
#[derive(Debug, Deserialize)]
pub struct Truth {
    /// Clip name (file stem).
    pub clip: String,
    /// What was done to the clip (blur, small plates...); absent in the ingest clips.
    #[serde(default)]
    pub degradation: Option<String>,
    /// The plates.
    pub plates: Vec<TruthPlate>,
}

/// One plate and where it is.
#[derive(Debug, Deserialize)]
pub struct TruthPlate {
    /// The normalized registration mark.
    pub text: String,
    /// `[frame, x, y, w, h]` for every frame where the plate is fully visible.
    pub frames: Vec<[u32; 5]>,
}

/// Counts for one group of frames.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Plate instances in the ground truth.
    pub instances: usize,
    /// Instances detected (IoU >= 0.5 with a detection that passed the grammar).
    pub detected: usize,
    /// Instances read exactly.
    pub exact: usize,
    /// Sum over instances of the character accuracy (1 - edit distance / length; 0 when missed).
    pub char_acc_sum: f64,
    /// Detections reported (after the grammar filter).
    pub detections: usize,
    /// Detections that matched an instance.
    pub true_detections: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.instances += o.instances;
        self.detected += o.detected;
        self.exact += o.exact;
        self.char_acc_sum += o.char_acc_sum;
        self.detections += o.detections;
        self.true_detections += o.true_detections;
    }
}

/// The result of an evaluation run.
#[derive(Debug, Default)]
pub struct EvalReport {
    /// Per clip (with its degradation label), in name order.
    pub per_clip: BTreeMap<String, (String, Tally)>,
    /// Everything together.
    pub total: Tally,
    /// Per-frame latency of detection + OCR, milliseconds, sorted.
    pub latencies_ms: Vec<f64>,
    /// Every instance not read exactly, and why (for `--misses`).
    pub misses: Vec<String>,
}


/// The sidecar files in `dir`.
pub fn truths(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Truth)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "json") {
            let t: Truth = serde_json::from_slice(&std::fs::read(&p)?).with_context(|| format!("parsing {}", p.display()))?;
            out.push((p, t));
        }
    }
    out.sort_by(|a, b| a.1.clip.cmp(&b.1.clip));
    if out.is_empty() {
        bail!("no labelled clips (*.json sidecars) in {}", dir.display());
    }
    Ok(out)
}

/// Evaluates every labelled clip in `dir`, analysing every `stride`-th frame that shows a plate.
pub fn run(dir: &Path, recognizer: &PlateRecognizer, stride: usize) -> anyhow::Result<EvalReport> {
    let mut report = EvalReport::default();
    for (path, truth) in truths(dir)? {
        let es = path.with_extension("264");
        let units = load_clip(&es, 25.0)?;
        // Every plate visible in a frame is in that frame's truth; frames are then strided, so a
        // detection in an analysed frame is only false when no plate is really there.
        let mut visible: BTreeMap<u32, Vec<(Rect, &str)>> = BTreeMap::new();
        for p in &truth.plates {
            for f in &p.frames {
                let r = Rect { x: f[1] as f32, y: f[2] as f32, w: f[3] as f32, h: f[4] as f32 };
                visible.entry(f[0]).or_default().push((r, p.text.as_str()));
            }
        }
        let wanted: BTreeMap<u32, Vec<(Rect, &str)>> = visible.into_iter().step_by(stride.max(1)).collect();
        let mut tally = Tally::default();
        let mut dec = FrameDecoder::new()?;
        for (n, u) in units.iter().enumerate() {
            let Some(pic) = dec.decode(&u.data)? else { continue };
            let Some(gt) = wanted.get(&(n as u32)) else { continue };
            let t0 = Instant::now();
            let rgb = RgbImage::new(pic.width(), pic.height(), pic.to_rgb8())?;
            let luma = LumaImage::new(pic.width(), pic.height(), pic.y().to_vec())?;
            let result = recognizer.recognize_frame(&rgb, &luma)?;
            let found = result.plates;
            report.latencies_ms.push(t0.elapsed().as_secs_f64() * 1e3);
            tally.detections += found.len();
            let mut used = vec![false; found.len()];
            for (rect, text) in gt {
                tally.instances += 1;
                let best = found
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !used[*i])
                    .map(|(i, d)| (i, d.rect.iou(rect)))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((i, iou)) if iou >= 0.5 => {
                        used[i] = true;
                        tally.detected += 1;
                        tally.true_detections += 1;
                        let read = found[i].plate.as_str();
                        tally.exact += (read == *text) as usize;
                        tally.char_acc_sum += 1.0 - (edit_distance(read, text) as f64 / text.len() as f64).min(1.0);
                        if read != *text {
                            report.misses.push(format!("{}#{n} {text}: read {read}", truth.clip));
                        }
                    }
                    other => {
                        let rejected = result.rejected.iter().filter(|r| r.rect.iou(rect) >= 0.3).map(|r| format!("{} ({:?})", r.text, r.reason)).collect::<Vec<_>>();
                        report.misses.push(format!(
                            "{}#{n} {text} at {rect:?}: best valid IoU {:.2}; rejected here: {rejected:?}",
                            truth.clip,
                            other.map(|(_, iou)| iou).unwrap_or(0.0)
                        ));
                    }
                }
            }
        }
        report.total.add(&tally);
        report.per_clip.insert(truth.clip.clone(), (truth.degradation.clone().unwrap_or_else(|| "-".into()), tally));
    }
    report.latencies_ms.sort_by(f64::total_cmp);
    Ok(report)
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 { "n/a".into() } else { format!("{:.1}%", 100.0 * n as f64 / d as f64) }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The table `fleetsight eval` prints.
pub fn render(r: &EvalReport) -> String {
    let mut s = format!(
        "{:<18} {:<28} {:>9} {:>9} {:>9} {:>9} {:>10}\n",
        "clip", "degradation", "plates", "exact", "char acc", "recall", "precision"
    );
    let mut row = |name: &str, label: &str, t: &Tally| {
        s += &format!(
            "{:<18} {:<28} {:>9} {:>9} {:>9} {:>9} {:>10}\n",
            name,
            label,
            t.instances,
            pct(t.exact, t.instances),
            if t.instances == 0 { "n/a".into() } else { format!("{:.1}%", 100.0 * t.char_acc_sum / t.instances as f64) },
            pct(t.detected, t.instances),
            pct(t.true_detections, t.detections),
        );
    };
    for (name, (label, t)) in &r.per_clip {
        row(name, label, t);
    }
    row("TOTAL", "", &r.total);
    s += &format!(
        "latency per frame (detection + OCR): p50 {:.0} ms, p99 {:.0} ms over {} frames\n",
        percentile(&r.latencies_ms, 0.5),
        percentile(&r.latencies_ms, 0.99),
        r.latencies_ms.len()
    );
    s
}


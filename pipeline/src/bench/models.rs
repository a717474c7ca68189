//! `fleetsight bench models`: median latency of the plate detector, a plate read, and Burn's
//! PP-OCRv4 text detector and reader next to ONNX Runtime (PyPI `onnxruntime`, same model, same
//! input shape), on the same number of threads (one by default: what a worker has).

use std::process::Command;
use std::time::Instant;


use models::detect::{DetectorOptions, PlateDetector, PlateDetectorOptions, TextDetector};
use models::{PlateOcr, Rect, RgbImage};

/// One row of the model benchmark.
#[derive(Debug, Clone)]
pub struct ModelFigures {
    /// What was run.
    pub what: String,
    /// Input shape `[N, C, H, W]`.
    pub shape: [usize; 4],
    /// Burn median latency (ms).
    pub burn_ms: f64,
    /// ONNX Runtime median latency (ms), when the baseline could run.
    pub ort_ms: Option<f64>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time_ms(runs: usize, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    f()?; // warm-up
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let s = Instant::now();
        f()?;
        t.push(s.elapsed().as_secs_f64() * 1e3);
    }
    Ok(median(t))
}

/// Runs `models/tools/bench_ort.sh` for the same model and shape; `None` (with a warning) if the
/// baseline cannot run (no Python venv, no network for the first setup).
fn ort_ms(kind: &str, shape: [usize; 4], runs: usize, threads: usize) -> Option<f64> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/tools/bench_ort.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(kind)
        .args(shape.iter().map(|d| d.to_string()))
        .args(["--runs", &runs.to_string(), "--threads", &threads.to_string()])
        .output()
        .map_err(|e| tracing::warn!(error = %e, "Cannot run the ONNX Runtime baseline."))
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(text.trim()).map_err(|_| tracing::warn!(stderr = %String::from_utf8_lossy(&out.stderr), "ONNX Runtime baseline failed.")).ok()?;
    v["median_ms"].as_f64()
}

/// Times the text detector (batch 1 and 4) and the reader (one 48x320 line, and a batch of 8)
/// against ONNX Runtime, and the plate detector and a whole plate read (no baseline: the
/// project's own model), on `threads` threads.
pub fn models(runs: usize, threads: usize) -> anyhow::Result<Vec<ModelFigures>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build()?;
    pool.install(|| models_in_pool(runs, threads.max(1)))
}

fn models_in_pool(runs: usize, threads: usize) -> anyhow::Result<Vec<ModelFigures>> {
    let dir = models::weights::default_dir();
    let device = models::Device::flex();
    let text = TextDetector::load(&dir.join(models::weights::DETECTOR_FILE), &device, DetectorOptions::default())?;
    let plate = PlateDetector::load(&dir.join(models::weights::PLATE_DETECTOR_FILE), &device, PlateDetectorOptions::default())?;
    let ocr = PlateOcr::load(&dir, &device)?;
    let opts = *text.options();
    let frame = RgbImage::new(1280, 720, (0..1280 * 720 * 3).map(|i| (i * 7 % 251) as u8).collect())?;
    let luma = frame.to_luma();
    let mut rows = Vec::new();
    let burn = time_ms(runs, || plate.detect_frame(&luma).map(|_| ()).map_err(Into::into))?;
    rows.push(ModelFigures { what: "plate detector, 1 frame 1280x720".into(), shape: [1, 16, 92, 160], burn_ms: burn, ort_ms: None });
    let plate_box = Rect { x: 500.0, y: 400.0, w: 150.0, h: 36.0 };
    let burn = time_ms(runs, || ocr.read(&frame, plate_box).map(|_| ()).map_err(Into::into))?;
    rows.push(ModelFigures { what: "plate read (lines + recogniser)".into(), shape: [1, 3, 64, 224], burn_ms: burn, ort_ms: None });
    for batch in [1usize, 4] {
        let frames: Vec<&RgbImage> = std::iter::repeat_n(&frame, batch).collect();
        let burn = time_ms(runs, || text.detect(&frames).map(|_| ()).map_err(Into::into))?;
        let shape = [batch, 3, opts.input_height, opts.input_width];
        rows.push(ModelFigures { what: format!("text detector, {batch} frame(s) 1280x720"), shape, burn_ms: burn, ort_ms: ort_ms("det", shape, runs, threads) });
    }
    for batch in [1usize, 8] {
        let jobs: Vec<(&RgbImage, Rect)> = std::iter::repeat_n((&frame, Rect { x: 100.0, y: 100.0, w: 200.0, h: 30.0 }), batch).collect();
        let burn = time_ms(runs, || ocr.reader().read_batch(&jobs).map(|_| ()).map_err(Into::into))?;
        let shape = [batch, 3, 48, 320];
        rows.push(ModelFigures { what: format!("reader, {batch} line(s)"), shape, burn_ms: burn, ort_ms: ort_ms("rec", shape, runs, threads) });
    }
    Ok(rows)
}

/// The table `fleetsight bench models` prints.
pub fn render_models(rows: &[ModelFigures]) -> String {
    let mut s = format!("{:<34} {:>18} {:>10} {:>10} {:>12}\n", "model", "input", "burn ms", "ort ms", "burn / ort");
    for r in rows {
        let (ort, ratio) = match r.ort_ms {
            Some(o) => (format!("{o:.1}"), format!("{:.2}", r.burn_ms / o)),
            None => ("n/a".into(), "n/a".into()),
        };
        let shape = format!("{}x{}x{}x{}", r.shape[0], r.shape[1], r.shape[2], r.shape[3]);
        s += &format!("{:<34} {:>18} {:>10.1} {:>10} {:>12}\n", r.what, shape, r.burn_ms, ort, ratio);
    }
    s
}


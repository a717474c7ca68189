//! Benchmarks that print figures.
//!
//! - `fleetsight bench decode`: openh264 decode throughput in frames per CPU-second, next to
//!   libavcodec (`ffmpeg -benchmark -threads 1`) on the same clips, as a ratio. CPU time rather
//!   than wall time, because CI machines are shared and wall time is noise there.
//! - `fleetsight bench events`: plate-read events per second into the embedded store, through
//!   the Kafka producer to a broker, and through the sink from the broker into the store.
//! - `fleetsight bench models`: median latency of the Burn plate detector and reader next to
//!   ONNX Runtime (PyPI `onnxruntime`, same model, same input shape, same thread count).

use std::path::{Path, PathBuf};
use std::process::Command;

use std::time::Instant;

use anyhow::{Context, bail};
use models::{PlateRecognizer, Rect, RgbImage};
use ingest::decode::FrameDecoder;
use ingest::source::file::load_clip;

/// The clips `tests/clips/gen_clips.py` makes, in the order the table prints them.
pub const DECODE_CLIPS: [&str; 4] = ["plate720_base", "plate720_main", "plate1080_base", "plate1080_main"];

/// One row of the decode benchmark.
#[derive(Debug, Clone)]
pub struct DecodeFigures {
    /// The clip name.
    pub clip: String,
    /// Frames in the clip.
    pub frames: usize,
    /// openh264 frames per CPU-second (best of the runs).
    pub openh264_fps: f64,
    /// libavcodec frames per CPU-second (best of the runs), if ffmpeg was available.
    pub ffmpeg_fps: Option<f64>,
}

fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_THREAD_CPUTIME_ID is always valid on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Decodes `clip.264` `runs` times on this thread; best frames per CPU-second.
pub fn openh264_fps(path: &Path, runs: usize) -> anyhow::Result<(usize, f64)> {
    let units = load_clip(path, 25.0)?;
    let mut best: f64 = 0.0;
    let mut frames = 0;
    for _ in 0..runs.max(1) {
        let mut dec = FrameDecoder::new()?;
        let start = thread_cpu_seconds();
        let mut n = 0;
        for u in &units {
            if dec.decode_discard(&u.data).context("decode")? {
                n += 1;
            }
        }
        let cpu = thread_cpu_seconds() - start;
        frames = n;
        best = best.max(n as f64 / cpu.max(1e-9));
    }
    Ok((frames, best))
}

/// Runs `ffmpeg -benchmark -threads 1` on `path` `runs` times; best frames per CPU-second.
pub fn ffmpeg_fps(path: &Path, frames: usize, runs: usize) -> anyhow::Result<f64> {
    let mut best: f64 = 0.0;
    for _ in 0..runs.max(1) {
        let out = Command::new("ffmpeg")
            .args(["-hide_banner", "-nostdin", "-benchmark", "-threads", "1", "-i"])
            .arg(path)
            .args(["-f", "null", "-"])
            .output()
            .context("running ffmpeg")?;
        let text = String::from_utf8_lossy(&out.stderr);
        let line = text.lines().find(|l| l.starts_with("bench: utime=")).context("ffmpeg printed no bench line")?;
        let field = |key: &str| -> Option<f64> {
            let rest = line.split(key).nth(1)?;
            rest.split('s').next()?.parse().ok()
        };
        let (Some(u), Some(s)) = (field("utime="), field("stime=")) else { bail!("cannot parse `{line}`") };
        best = best.max(frames as f64 / (u + s).max(1e-9));
    }
    Ok(best)
}

/// Runs the decode benchmark on every clip found in `dir`.
pub fn decode(dir: &Path, runs: usize) -> anyhow::Result<Vec<DecodeFigures>> {
    let mut rows = Vec::new();
    for clip in DECODE_CLIPS {
        let es: PathBuf = dir.join(format!("{clip}.264"));
        if !es.exists() {
            bail!("{} is missing: generate clips with tests/clips/gen_clips.py {}", es.display(), dir.display());
        }
        let (frames, openh264) = openh264_fps(&es, runs)?;
        let mp4 = dir.join(format!("{clip}.mp4"));
        let ffmpeg = ffmpeg_fps(&mp4, frames, runs).map_err(|e| tracing::warn!(error = %e, "No libavcodec baseline.")).ok();
        rows.push(DecodeFigures { clip: clip.to_string(), frames, openh264_fps: openh264, ffmpeg_fps: ffmpeg });
    }
    Ok(rows)
}

/// The table `fleetsight bench decode` prints.
pub fn render_decode(rows: &[DecodeFigures]) -> String {
    let mut s = format!("{:<16} {:>7} {:>16} {:>18} {:>7}\n", "clip", "frames", "openh264 fps/cpu", "libavcodec fps/cpu", "ratio");
    for r in rows {
        let (ff, ratio) = match r.ffmpeg_fps {
            Some(f) => (format!("{f:.0}"), format!("{:.2}", r.openh264_fps / f)),
            None => ("n/a".into(), "n/a".into()),
        };
        s += &format!("{:<16} {:>7} {:>16.0} {:>18} {:>7}\n", r.clip, r.frames, r.openh264_fps, ff, ratio);
    }
    s
}

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
fn ort_ms(kind: &str, shape: [usize; 4], runs: usize) -> Option<f64> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/tools/bench_ort.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(kind)
        .args(shape.iter().map(|d| d.to_string()))
        .args(["--runs", &runs.to_string(), "--threads", &rayon_threads().to_string()])
        .output()
        .map_err(|e| tracing::warn!(error = %e, "Cannot run the ONNX Runtime baseline."))
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(text.trim()).map_err(|_| tracing::warn!(stderr = %String::from_utf8_lossy(&out.stderr), "ONNX Runtime baseline failed.")).ok()?;
    v["median_ms"].as_f64()
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Times the detector (batch 1 and 4) and the reader (one 48x320 line, and a batch of 8).
pub fn models(runs: usize) -> anyhow::Result<Vec<ModelFigures>> {
    let rec = PlateRecognizer::load_default()?;
    let opts = *rec.detector().options();
    let frame = RgbImage::new(1280, 720, (0..1280 * 720 * 3).map(|i| (i * 7 % 251) as u8).collect())?;
    let mut rows = Vec::new();
    for batch in [1usize, 4] {
        let frames: Vec<&RgbImage> = std::iter::repeat_n(&frame, batch).collect();
        let burn = time_ms(runs, || rec.detector().detect(&frames).map(|_| ()).map_err(Into::into))?;
        let shape = [batch, 3, opts.input_height, opts.input_width];
        rows.push(ModelFigures { what: format!("detector, {batch} frame(s) 1280x720"), shape, burn_ms: burn, ort_ms: ort_ms("det", shape, runs) });
    }
    for batch in [1usize, 8] {
        let jobs: Vec<(&RgbImage, Rect)> = std::iter::repeat_n((&frame, Rect { x: 100.0, y: 100.0, w: 200.0, h: 30.0 }), batch).collect();
        let burn = time_ms(runs, || rec.reader().read_batch(&jobs).map(|_| ()).map_err(Into::into))?;
        let shape = [batch, 3, 48, 320];
        rows.push(ModelFigures { what: format!("reader, {batch} line(s)"), shape, burn_ms: burn, ort_ms: ort_ms("rec", shape, runs) });
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

/// A synthetic plate read, distinct per `i`, spread over 200 devices.
fn synthetic_read(i: u64) -> sinks::PlateRead {
    let at = 1_732_190_400_000 + i as i64 * 40;
    let device = format!("bus-{}", i % 200);
    let id = sinks::event::event_id(&[&device, "bench", &i.to_string()]);
    sinks::PlateRead::example(&id, &format!("MH{:02}AB{:04}", 1 + i % 99, i % 10_000), &device, at)
}

/// Figures of `fleetsight bench events`: events per second.
#[derive(Debug, Clone)]
pub struct EventFigures {
    /// What was measured.
    pub what: String,
    /// Events.
    pub events: u64,
    /// Events per second (wall).
    pub per_sec: f64,
}

/// Measures the embedded store's write rate and, with `brokers`, the producer's rate to the
/// broker and the sink's rate from the broker into the embedded store.
pub async fn events(count: u64, brokers: Option<String>) -> anyhow::Result<Vec<EventFigures>> {
    use std::sync::Arc;
    let dir = std::env::temp_dir().join(format!("fleetsight-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut rows = Vec::new();
    let reads: Vec<_> = (0..count).map(synthetic_read).collect();

    let store = sinks::store::EmbeddedStore::open(&dir.join("store.db"))?;
    let t = Instant::now();
    for chunk in reads.chunks(256) {
        sinks::Store::write(&store, chunk.to_vec()).await?;
    }
    rows.push(EventFigures { what: "embedded store writes (batches of 256)".into(), events: count, per_sec: count as f64 / t.elapsed().as_secs_f64() });

    if let Some(brokers) = brokers {
        let text = format!("brokers = \"{brokers}\"\ntopic = \"fleetsight.bench.{}\"\nspool_dir = \"{}\"\n", std::process::id(), dir.join("spool").display());
        let cfg: sinks::kafka::KafkaConfig = toml::from_str(&text)?;
        let registry = prometheus::Registry::new();
        let km = sinks::telemetry::KafkaMetrics::register(&registry)?;
        let producer = sinks::kafka::KafkaProducer::new(&cfg, km.clone())?;
        let t = Instant::now();
        for chunk in reads.chunks(5000) {
            producer.send(chunk.to_vec()).await?;
        }
        let secs = t.elapsed().as_secs_f64();
        if km.delivered.get() != count {
            bail!("only {} of {count} events were acknowledged", km.delivered.get());
        }
        rows.push(EventFigures { what: "produced to the broker (acks=all, idempotent, lz4)".into(), events: count, per_sec: count as f64 / secs });

        let sink_store: Arc<dyn sinks::Store> = Arc::new(sinks::store::EmbeddedStore::open(&dir.join("sink.db"))?);
        let consumer = sinks::kafka::SinkConsumer::new(&cfg, sink_store.clone(), km.clone())?;
        let stop = tokio_util::sync::CancellationToken::new();
        let s = stop.clone();
        let task = tokio::spawn(async move { consumer.run(s).await });
        // Time from the first consumed event, so the consumer-group join is not counted.
        while km.consumed.get() == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let (t, first) = (Instant::now(), km.consumed.get());
        while km.consumed.get() < count {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let n = count - first;
        rows.push(EventFigures { what: "sink: broker -> embedded store".into(), events: n, per_sec: n as f64 / t.elapsed().as_secs_f64() });
        stop.cancel();
        let _ = task.await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(rows)
}

/// The table `fleetsight bench events` prints.
pub fn render_events(rows: &[EventFigures]) -> String {
    let mut s = format!("{:<52} {:>10} {:>12}\n", "path", "events", "events/s");
    for r in rows {
        s += &format!("{:<52} {:>10} {:>12.0}\n", r.what, r.events, r.per_sec);
    }
    s
}

//! A live run: N test cameras on the RTSP server, the whole pipeline on embedded defaults, and
//! what it did in a measured window: analysed frames per stream against what its mode owed,
//! drops by reason, latencies, CPU (and the decode share), memory, and the reads scored against
//! the clips' passes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use prometheus::Registry;

use super::rtsp::RtspServer;
use super::score::{PassClip, PassScore, ScoredRead, score};
use super::system::{BusyLoad, decoder_children, process_cpu, rss_mib, threads_cpu};
use crate::analysis::{AnalysisConfig, Mode};
use crate::config::Config;
use crate::track::TrackerConfig;

/// What to run.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// One camera per entry: a labelled pass clip (path of its `.264`; the `.json` beside it).
    pub cameras: Vec<PathBuf>,
    /// Analysis settings (the levers).
    pub analysis: AnalysisConfig,
    /// Tracking settings.
    pub tracking: TrackerConfig,
    /// Analysis rate per camera.
    pub max_fps: f64,
    /// Cameras are `fixed` (motion wakes them); else `moving` (no GPS here: only plates do).
    pub fixed: bool,
    /// Before measuring: model loading, connecting, first keyframes.
    pub warmup: Duration,
    /// The measured window.
    pub measure: Duration,
    /// After the window, time for the last passes' tracks to end and be stored.
    pub drain: Duration,
    /// Competing busy-looping processes.
    pub busy: usize,
    /// Where the streams decode (a child process each, or a thread).
    pub isolation: ingest::decode::Isolation,
}

/// One stream's figures over the window.
#[derive(Debug, Clone, Default)]
pub struct StreamFigures {
    /// Stream id.
    pub stream: String,
    /// The clip it plays.
    pub clip: String,
    /// Frames analysed per second.
    pub analysed_fps: f64,
    /// Frames per second its modes owed (the rate while active, keyframes while idle).
    pub owed_fps: f64,
    /// Share of the window spent idle.
    pub idle_share: f64,
    /// Dropped frames by reason.
    pub drops: BTreeMap<String, u64>,
    /// Frame capture to detection, p50 and p99, seconds.
    pub analysis_latency: (f64, f64),
    /// Last sighting to read stored, p50 and p99, seconds (NaN without reads).
    pub read_latency: (f64, f64),
    /// Reads against passes.
    pub passes: PassScore,
}

/// Drop reasons that are the plan, not overload.
pub const PLANNED_DROPS: [&str; 2] = ["idle", "awaiting_keyframe"];

impl StreamFigures {
    /// Frames dropped for reasons other than the plan.
    pub fn unplanned_drops(&self) -> u64 {
        self.drops.iter().filter(|(r, _)| !PLANNED_DROPS.contains(&r.as_str())).map(|(_, n)| n).sum()
    }
}

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct LiveFigures {
    /// Per stream.
    pub streams: Vec<StreamFigures>,
    /// Window length, seconds.
    pub seconds: f64,
    /// CPU cores used by fleetsight over the window, its decoder child processes included.
    pub cpu_cores: f64,
    /// ... of which decoding.
    pub decode_cores: f64,
    /// ... of which the plate-model workers.
    pub model_cores: f64,
    /// CPU cores used by the RTSP test server (not fleetsight; on the same machine here).
    pub server_cores: f64,
    /// Resident memory at the window's start and end, MiB, decoder child processes included.
    pub rss_mib: (f64, f64),
    /// All reads, summed.
    pub passes: PassScore,
}

/// Quantile of a histogram given as cumulative `(upper bound, count)` buckets (Prometheus'
/// `histogram_quantile`: linear inside the bucket).
pub fn quantile(buckets: &[(f64, u64)], q: f64) -> f64 {
    let total = buckets.last().map(|b| b.1).unwrap_or(0);
    if total == 0 {
        return f64::NAN;
    }
    let rank = q * total as f64;
    let mut prev = (0.0, 0u64);
    for &(upper, count) in buckets {
        if count as f64 >= rank {
            if upper.is_infinite() {
                return prev.0;
            }
            let inside = (count - prev.1) as f64;
            return prev.0 + (upper - prev.0) * if inside > 0.0 { (rank - prev.1 as f64) / inside } else { 1.0 };
        }
        prev = (upper, count);
    }
    prev.0
}

/// Cumulative buckets of histogram `name` for `stream`.
fn buckets(registry: &Registry, name: &str, stream: &str) -> Vec<(f64, u64)> {
    for f in registry.gather() {
        if f.name() != name {
            continue;
        }
        for m in f.get_metric() {
            if m.get_label().iter().any(|l| l.name() == "stream" && l.value() == stream) {
                let h = m.get_histogram();
                let mut v: Vec<(f64, u64)> = h.get_bucket().iter().map(|b| (b.upper_bound(), b.cumulative_count())).collect();
                v.push((f64::INFINITY, h.get_sample_count()));
                return v;
            }
        }
    }
    Vec::new()
}

fn minus(a: &[(f64, u64)], b: &[(f64, u64)]) -> Vec<(f64, u64)> {
    a.iter().enumerate().map(|(i, &(u, c))| (u, c - b.get(i).map(|x| x.1).unwrap_or(0))).collect()
}

fn counter(registry: &Registry, name: &str, labels: &[(&str, &str)]) -> u64 {
    registry
        .gather()
        .iter()
        .filter(|f| f.name() == name)
        .flat_map(|f| f.get_metric().iter())
        .filter(|m| labels.iter().all(|(k, v)| m.get_label().iter().any(|l| l.name() == *k && l.value() == *v)))
        .map(|m| m.get_counter().get_value() as u64)
        .sum()
}

/// Counters of one stream at one moment.
#[derive(Default, Clone)]
struct Snapshot {
    analysed: u64,
    drops: BTreeMap<String, u64>,
    analysis: Vec<(f64, u64)>,
    read: Vec<(f64, u64)>,
}

fn snapshot(registry: &Registry, stream: &str) -> Snapshot {
    let drops = ingest::telemetry::DropReason::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), counter(registry, "fleetsight_frames_dropped_total", &[("stream", stream), ("reason", r.as_str())])))
        .collect();
    Snapshot {
        analysed: counter(registry, "fleetsight_frames_analysed_total", &[("stream", stream)]),
        drops,
        analysis: buckets(registry, "fleetsight_analysis_latency_seconds", stream),
        read: buckets(registry, "fleetsight_read_latency_seconds", stream),
    }
}

fn config(opts: &LiveOptions, server: &RtspServer, db: &std::path::Path) -> anyhow::Result<Config> {
    let mut toml = format!("[api]\nlisten = \"127.0.0.1:0\"\n[store]\npath = \"{}\"\n", db.display());
    for i in 0..opts.cameras.len() {
        let location = if opts.fixed { "location = { lat = 18.52, lon = 73.85 }\n" } else { "" };
        toml += &format!(
            "[[streams]]\nid = \"c{i:02}\"\ndevice_id = \"cam-{i:02}\"\nmax_fps = {}\n{location}rtsp = {{ url = \"{}\" }}\n",
            opts.max_fps,
            server.url(&format!("c{i:02}"))
        );
    }
    let mut c = Config::from_toml_str(&toml, std::path::Path::new("live.toml"))?;
    c.analysis = opts.analysis.clone();
    c.tracking = opts.tracking.clone();
    c.supervisor.decode.isolation = opts.isolation;
    let problems = c.validate();
    anyhow::ensure!(problems.is_empty(), "invalid settings: {}", problems.join("; "));
    Ok(c)
}

/// Runs the pipeline on the cameras and measures it.
pub async fn run(opts: &LiveOptions) -> anyhow::Result<LiveFigures> {
    let clips: Vec<PassClip> = opts.cameras.iter().map(|p| PassClip::load(&p.with_extension("json"))).collect::<anyhow::Result<_>>()?;
    let mounts: Vec<(String, PathBuf)> = opts.cameras.iter().enumerate().map(|(i, p)| (format!("c{i:02}"), p.clone())).collect();
    let server = RtspServer::start(&mounts)?;
    let _busy = BusyLoad::start(opts.busy).context("starting the competing load")?;
    let db = std::env::temp_dir().join(format!("fleetsight-live-{}-{}.db", std::process::id(), opts.cameras.len()));
    let _ = std::fs::remove_file(&db);
    let running = crate::runtime::start(config(opts, &server, &db)?).await?;
    let registry = running.registry().clone();
    let board = running.modes();
    let ids: Vec<String> = (0..opts.cameras.len()).map(|i| format!("c{i:02}")).collect();
    tokio::time::sleep(opts.warmup).await;

    let before: Vec<Snapshot> = ids.iter().map(|s| snapshot(&registry, s)).collect();
    let clocks_before = board.clocks();
    let (cpu0, threads0, server0, rss0) = (process_cpu(std::process::id()), threads_cpu(), process_cpu(server.pid()), rss_mib());
    let kids0 = decoder_children();
    let started = Instant::now();
    let mut idle = vec![0.0f64; ids.len()];
    let mut last = Instant::now();
    while started.elapsed() < opts.measure {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let dt = last.elapsed().as_secs_f64();
        last = Instant::now();
        for (s, m) in board.modes() {
            if let (Some(i), Mode::Idle) = (ids.iter().position(|x| *x == s), m) {
                idle[i] += dt;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let (cpu1, threads1, server1, rss1) = (process_cpu(std::process::id()), threads_cpu(), process_cpu(server.pid()), rss_mib());
    let kids1 = decoder_children();
    let after: Vec<Snapshot> = ids.iter().map(|s| snapshot(&registry, s)).collect();
    let clocks_after = board.clocks();
    // Passes still in view at the window's end: their reads come once their tracks end.
    tokio::time::sleep(opts.drain).await;
    let read_after: Vec<Vec<(f64, u64)>> = ids.iter().map(|s| buckets(&registry, "fleetsight_read_latency_seconds", s)).collect();
    let store = running.store();
    running.shutdown().await;
    drop(server);

    let delta = |name_prefix: &str| -> f64 {
        threads1.iter().filter(|(n, _)| n.starts_with(name_prefix)).map(|(n, s)| s - threads0.get(n).copied().unwrap_or(0.0)).sum()
    };
    let mut figures = LiveFigures {
        seconds,
        // Decoder children count with the edge (a child restarted in the window loses its share).
        cpu_cores: (cpu1 - cpu0 + kids1.0 - kids0.0) / seconds,
        decode_cores: (delta("dec-") + kids1.0 - kids0.0) / seconds,
        model_cores: delta("plate-models") / seconds,
        server_cores: (server1 - server0) / seconds,
        rss_mib: (rss0 + kids0.1, rss1 + kids1.1),
        ..Default::default()
    };
    let now = crate::analysis::unix_now_ms();
    for (i, id) in ids.iter().enumerate() {
        let (b, a) = (&before[i], &after[i]);
        let clip = &clips[i];
        let keyframe_fps = clip.fps / 50.0;
        let idle_share = (idle[i] / seconds).min(1.0);
        let owed = opts.max_fps * (1.0 - idle_share) + keyframe_fps * idle_share;
        let mut reads = Vec::new();
        for hour in [-1i64, 0] {
            reads.extend(store.reads_by_device_hour(&format!("cam-{i:02}"), sinks::store::hour_bucket(now) + hour * 3_600_000).await?);
        }
        let scored: Vec<ScoredRead> = reads.iter().map(|r| ScoredRead { text: r.plate.clone(), at_s: r.evidence.pts_90k as f64 / 90_000.0 }).collect();
        let window = (clocks_before.get(id).copied().unwrap_or(0) as f64 / 1000.0, clocks_after.get(id).copied().unwrap_or(0) as f64 / 1000.0);
        let passes = score(clip, &scored, window.0, window.1);
        figures.passes.add(&passes);
        let analysis = minus(&a.analysis, &b.analysis);
        let read = minus(&read_after[i], &b.read);
        figures.streams.push(StreamFigures {
            stream: id.clone(),
            clip: clip.clip.clone(),
            analysed_fps: (a.analysed - b.analysed) as f64 / seconds,
            owed_fps: owed,
            idle_share,
            drops: a.drops.iter().map(|(r, n)| (r.clone(), n - b.drops.get(r).copied().unwrap_or(0))).filter(|(_, n)| *n > 0).collect(),
            analysis_latency: (quantile(&analysis, 0.5), quantile(&analysis, 0.99)),
            read_latency: (quantile(&read, 0.5), quantile(&read, 0.99)),
            passes,
        });
    }
    let _ = std::fs::remove_file(&db);
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_inside_buckets() {
        let b = [(0.1, 10), (0.2, 60), (0.5, 100), (f64::INFINITY, 100)];
        assert!((quantile(&b, 0.5) - 0.18).abs() < 1e-9);
        assert!((quantile(&b, 0.99) - (0.2 + 0.3 * 39.0 / 40.0)).abs() < 1e-9);
        assert!(quantile(&[], 0.5).is_nan());
    }
}

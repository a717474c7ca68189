//! The project's test cameras: GStreamer's gst-rtsp-server (`tests/rtsp/gst_rtsp_server.py`)
//! looping clips in real time, one mount per camera.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};

/// The server script, in the source tree this binary was built from.
fn script() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/rtsp/gst_rtsp_server.py"))
}

/// A running server on 127.0.0.1; killed on drop. The benchmarks and the end-to-end tests
/// (`fleetsight-e2e` re-exports it) share it.
pub struct RtspServer {
    port: u16,
    mounts: Vec<(String, PathBuf)>,
    /// `user:password` every mount asks for (digest), if any.
    auth: Option<String>,
    child: Option<Child>,
}

impl RtspServer {
    /// Serves `mounts` (name, Annex-B clip) on a free loopback port, once it accepts connections.
    pub fn start<N: AsRef<str>>(mounts: &[(N, PathBuf)]) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mounts = mounts.iter().map(|(n, p)| (n.as_ref().to_string(), p.clone())).collect();
        let mut s = Self { port, mounts, auth: None, child: None };
        s.spawn()?;
        Ok(s)
    }

    /// As [`RtspServer::start`], with every mount asking for `user`'s `password` (digest).
    pub fn start_with_auth<N: AsRef<str>>(mounts: &[(N, PathBuf)], user: &str, password: &str) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mounts = mounts.iter().map(|(n, p)| (n.as_ref().to_string(), p.clone())).collect();
        let mut s = Self { port, mounts, auth: Some(format!("{user}:{password}")), child: None };
        s.spawn()?;
        Ok(s)
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script()).arg("--port").arg(self.port.to_string());
        if let Some(auth) = &self.auth {
            cmd.arg("--auth").arg(auth);
        }
        for (name, path) in &self.mounts {
            cmd.arg(format!("{name}={}", path.display()));
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().context("starting gst_rtsp_server.py (deploy/setup.sh installs it)")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line == "ready" {
                    let _ = tx.send(());
                }
            }
        });
        if rx.recv_timeout(Duration::from_secs(30)).is_err() {
            let _ = child.kill();
            bail!("the RTSP test server did not become ready (is gir1.2-gst-rtsp-server-1.0 installed?)");
        }
        self.child = Some(child);
        Ok(())
    }

    /// `rtsp://127.0.0.1:PORT/NAME`.
    pub fn url(&self, mount: &str) -> String {
        format!("rtsp://127.0.0.1:{}/{mount}", self.port)
    }

    /// The server's process id (for its CPU time); 0 while killed.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Kills the server (SIGKILL: like a camera losing power).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill();
        self.spawn()
    }
}

impl Drop for RtspServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Makes sure the labelled pass clips `names` exist in `dir`, generating missing ones with
/// `tests/clips/gen_clips.py --set passes` (a minute or so per 60 s clip).
pub fn ensure_pass_clips(dir: &Path, names: &[String]) -> anyhow::Result<()> {
    let missing: Vec<&String> = names.iter().filter(|n| !dir.join(format!("{n}.json")).exists() || !dir.join(format!("{n}.264")).exists()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("Generating {} pass clip(s) in {} ...", missing.len(), dir.display());
    let script = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/clips/gen_clips.py"));
    let status = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(dir)
        .args(["--set", "passes", "--only"])
        .args(missing)
        .status()
        .context("running gen_clips.py")?;
    if !status.success() {
        bail!("gen_clips.py failed ({status})");
    }
    Ok(())
}

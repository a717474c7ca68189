//! Prometheus for the tests: promtool, the alert rules in deploy/prometheus, and a real
//! Prometheus server (Debian's `prometheus` package, installed by deploy/setup.sh) scraping
//! running fleetsight processes, queried over its HTTP API.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// `name` on `PATH`. Panics (fails the test, never skips it) when it is not installed.
fn installed(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("{name} is not installed: run deploy/setup.sh (it installs Debian's prometheus package, which brings prometheus and promtool; CI runs it)")
    })
}

/// The promtool binary.
pub fn promtool() -> PathBuf {
    installed("promtool")
}

/// The alert names in a rule file (`- alert: Name` lines).
pub fn alert_names(rules: &str) -> Vec<String> {
    rules.lines().filter_map(|l| l.trim().strip_prefix("- alert:")).map(|n| n.trim().to_string()).collect()
}

/// Every rule's (name, expression) in a rule file, for the rules' own layout: `- alert:` (or
/// `- record:`) then `expr:`, either on one line or as a `|` block indented under it.
pub fn rule_exprs(rules: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = rules.lines().collect();
    let mut out = Vec::new();
    let mut name = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(n) = t.strip_prefix("- alert:").or_else(|| t.strip_prefix("- record:")) {
            name = n.trim().to_string();
        }
        let Some(expr) = t.strip_prefix("expr:").map(str::trim) else { continue };
        if expr != "|" {
            out.push((name.clone(), expr.to_string()));
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let block: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
            .map(|l| l.trim())
            .collect();
        out.push((name.clone(), block.join(" ").trim().to_string()));
    }
    out
}

/// A Prometheus server on a free loopback port with a temporary tsdb, scraping the given
/// targets every second and evaluating the given rule files every second. Killed on drop.
pub struct Prometheus {
    child: Child,
    addr: SocketAddr,
    dir: PathBuf,
}

impl Prometheus {
    /// Starts it over `jobs` (job name, target address) and `rule_files`, and waits until it
    /// is ready.
    pub async fn start(jobs: &[(&str, SocketAddr)], rule_files: &[PathBuf]) -> anyhow::Result<Self> {
        let bin = installed("prometheus");
        let addr: SocketAddr = ([127, 0, 0, 1], crate::free_port()).into();
        let dir = std::env::temp_dir().join(format!("fleetsight-prometheus-{}-{}", std::process::id(), addr.port()));
        std::fs::create_dir_all(&dir)?;
        let mut config = String::from("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n");
        for r in rule_files {
            config += &format!("  - {}\n", r.display());
        }
        config += "scrape_configs:\n";
        for (job, target) in jobs {
            config += &format!("  - job_name: {job}\n    static_configs:\n      - targets: [\"{target}\"]\n");
        }
        std::fs::write(dir.join("prometheus.yml"), config)?;
        let log = std::fs::File::create(dir.join("prometheus.log"))?;
        let child = Command::new(bin)
            .arg(format!("--config.file={}", dir.join("prometheus.yml").display()))
            .arg(format!("--storage.tsdb.path={}", dir.join("data").display()))
            .arg(format!("--web.listen-address={addr}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("starting prometheus")?;
        let p = Self { child, addr, dir };
        let start = Instant::now();
        while !matches!(get(addr, "/-/ready").await, Ok((200, _))) {
            anyhow::ensure!(start.elapsed() < Duration::from_secs(30), "prometheus not ready after 30 s:\n{}", p.log());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(p)
    }

    /// GETs an API path; returns the parsed JSON body, whatever the status (errors are JSON too).
    pub async fn api(&self, path: &str) -> anyhow::Result<serde_json::Value> {
        let (code, body) = get(self.addr, path).await?;
        serde_json::from_str(&body).with_context(|| format!("{path}: HTTP {code}, not JSON: {body}"))
    }

    /// An instant query through `/api/v1/query`.
    pub async fn query(&self, expr: &str) -> anyhow::Result<serde_json::Value> {
        self.api(&format!("/api/v1/query?query={}", encode(expr))).await
    }

    /// What the server logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("prometheus.log")).unwrap_or_default()
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether a query answer holds at least one sample that is a number (a histogram quantile over
/// no observations answers NaN series: that is no data).
pub fn has_data(answer: &serde_json::Value) -> bool {
    let data = &answer["data"];
    let number = |v: &serde_json::Value| v.get(1).and_then(|s| s.as_str()).is_some_and(|s| s.parse::<f64>().is_ok_and(|x| !x.is_nan()));
    match data["resultType"].as_str() {
        Some("scalar") => number(&data["result"]),
        Some("vector") => data["result"].as_array().is_some_and(|r| r.iter().any(|s| number(&s["value"]))),
        Some("matrix") => data["result"].as_array().is_some_and(|r| r.iter().any(|s| s["values"].as_array().is_some_and(|v| v.iter().any(number)))),
        _ => false,
    }
}

/// Percent-encodes a query-string value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An HTTP/1.0 GET (so the answer is never chunked); returns (status code, body).
async fn get(addr: SocketAddr, path: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes()).await?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    let text = String::from_utf8_lossy(&buf);
    let (head, body) = text.split_once("\r\n\r\n").context("no HTTP header end")?;
    let code = head.split_whitespace().nth(1).context("no status")?.parse()?;
    Ok((code, body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_exprs_reads_one_line_and_block_expressions() {
        let rules = "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 1m\n      - alert: B\n        expr: |\n          sum(rate(x[5m]))\n            / sum(rate(y[5m])) > 0.1\n        for: 2m\n";
        assert_eq!(
            rule_exprs(rules),
            [("A".to_string(), "up == 0".to_string()), ("B".to_string(), "sum(rate(x[5m])) / sum(rate(y[5m])) > 0.1".to_string())]
        );
        assert_eq!(alert_names(rules), ["A", "B"]);
    }

    #[test]
    fn data_means_a_number() {
        let v = |r: &str| serde_json::from_str::<serde_json::Value>(&format!(r#"{{"status":"success","data":{r}}}"#)).unwrap();
        assert!(has_data(&v(r#"{"resultType":"vector","result":[{"metric":{},"value":[1,"0"]}]}"#)));
        assert!(!has_data(&v(r#"{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}"#)));
        assert!(!has_data(&v(r#"{"resultType":"vector","result":[]}"#)));
        assert!(has_data(&v(r#"{"resultType":"scalar","result":[1,"2"]}"#)));
        assert_eq!(encode("a{b=~\".*\"}[30s]"), "a%7Bb%3D~%22.%2A%22%7D%5B30s%5D");
    }
}

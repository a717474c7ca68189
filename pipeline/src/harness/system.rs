//! What the harness measures of the machine: CPU time per thread and process, resident memory,
//! and a competing load.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};

/// Clock ticks per second for `/proc` CPU times.
fn ticks() -> f64 {
    // SAFETY: sysconf only reads a system constant.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as f64 } else { 100.0 }
}

/// utime + stime of a `/proc/.../stat` line, seconds, and the command name.
fn parse_stat(text: &str) -> Option<(String, f64)> {
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let name = text[open + 1..close].to_string();
    let fields: Vec<&str> = text[close + 2..].split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((name, (utime + stime) / ticks()))
}

/// CPU seconds used so far by process `pid` (all threads).
pub fn process_cpu(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).ok().and_then(|t| parse_stat(&t)).map(|(_, s)| s).unwrap_or(0.0)
}

/// CPU seconds per thread of this process, by thread name (threads of one name summed).
pub fn threads_cpu() -> HashMap<String, f64> {
    let mut out = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else { return out };
    for e in dir.flatten() {
        if let Some((name, s)) = std::fs::read_to_string(e.path().join("stat")).ok().and_then(|t| parse_stat(&t)) {
            *out.entry(name).or_insert(0.0) += s;
        }
    }
    out
}

/// CPU seconds so far and resident memory (MiB) of this process's live `fleetsight-decoder`
/// children (one per stream with `isolation = "process"`): their decoding is the edge's cost too.
pub fn decoder_children() -> (f64, f64) {
    let me = std::process::id().to_string();
    let Ok(dir) = std::fs::read_dir("/proc") else { return (0.0, 0.0) };
    let mut total = (0.0, 0.0);
    for e in dir.flatten() {
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else { continue };
        let ppid = stat.rfind(')').and_then(|c| stat.get(c + 2..)).and_then(|rest| rest.split_whitespace().nth(1));
        // The kernel's command name is cut to 15 characters.
        let Some((name, cpu)) = parse_stat(&stat).filter(|_| ppid == Some(me.as_str())) else { continue };
        if name.starts_with("fleetsight-dec") {
            total.0 += cpu;
            total.1 += rss_mib_of(&e.path().join("status"));
        }
    }
    total
}

/// Resident memory of this process, MiB.
pub fn rss_mib() -> f64 {
    rss_mib_of(std::path::Path::new("/proc/self/status"))
}

fn rss_mib_of(status: &std::path::Path) -> f64 {
    std::fs::read_to_string(status)
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map(|kib| kib / 1024.0)
        .unwrap_or(0.0)
}

/// Processes that each keep one core busy (a competing load), stopped on drop.
pub struct BusyLoad(Vec<Child>);

impl BusyLoad {
    /// Starts `n` busy-looping processes.
    pub fn start(n: usize) -> std::io::Result<Self> {
        let mut children = Vec::new();
        for _ in 0..n {
            children.push(Command::new("sh").args(["-c", "while :; do :; done"]).stdin(Stdio::null()).stdout(Stdio::null()).spawn()?);
        }
        Ok(Self(children))
    }
}

impl Drop for BusyLoad {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_spaces_in_the_name_parse() {
        let line = "123 (dec-cam 1) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0";
        let (name, s) = parse_stat(line).unwrap();
        assert_eq!(name, "dec-cam 1");
        assert!((s - 300.0 / ticks()).abs() < 1e-9);
        assert!(rss_mib() > 1.0);
    }
}

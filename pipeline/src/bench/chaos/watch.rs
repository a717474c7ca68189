//! What a chaos run records while it runs, for the figures afterwards: the edge's per-stream
//! metrics every [`TICK`], the reads the edge made (its audit log lines) and when each first
//! appeared in the sink's store.

use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use sinks::store::EmbeddedStore;

use super::procs::local;
use crate::harness::net::{http_get, metric};

/// How often the edge's metrics are read.
pub const TICK: Duration = Duration::from_millis(250);
/// How often the store is read.
const STORE_EVERY: u32 = 4;

/// One stream at one moment.
#[derive(Debug, Clone, Default)]
pub struct StreamSample {
    /// `fleetsight_frames_decoded_total`.
    pub decoded: f64,
    /// The supervisor state (`fleetsight_stream_state` at 1).
    pub state: String,
    /// `fleetsight_stream_stalls_total`.
    pub stalls: f64,
}

/// The edge at one moment (time from the run's start).
#[derive(Debug, Clone)]
pub struct Sample {
    /// When.
    pub at: Duration,
    /// Per camera, in camera order.
    pub streams: Vec<StreamSample>,
}

/// The recorder.
pub struct Watch {
    start: Instant,
    edge_port: u16,
    cameras: usize,
    edge_log: PathBuf,
    log_offset: u64,
    partial: String,
    sink_db: PathBuf,
    store: Option<EmbeddedStore>,
    ticks: u32,
    /// Edge samples.
    pub samples: Vec<Sample>,
    /// Event id → when the edge made it.
    pub made: BTreeMap<String, Duration>,
    /// Event id → when it was first seen stored.
    pub stored: BTreeMap<String, Duration>,
}

/// The state whose `fleetsight_stream_state` series is 1 for `stream`.
fn state(text: &str, stream: &str) -> String {
    let want = format!("stream=\"{stream}\"");
    text.lines()
        .filter(|l| l.starts_with("fleetsight_stream_state{") && l.contains(&want) && l.ends_with(" 1"))
        .find_map(|l| l.split("state=\"").nth(1)?.split('"').next().map(String::from))
        .unwrap_or_default()
}

/// The event id of an audit line (`... fleetsight::reads: Read made. event=ID stream=S`).
fn audited_id(line: &str) -> Option<&str> {
    if !line.contains("fleetsight::reads") {
        return None;
    }
    line.split_whitespace().find_map(|w| w.strip_prefix("event="))
}

impl Watch {
    /// Records the edge at `edge_port` (cameras `c00`..), its log, and the sink's store.
    pub fn new(edge_port: u16, cameras: usize, edge_log: PathBuf, sink_db: PathBuf) -> Self {
        Self { start: Instant::now(), edge_port, cameras, edge_log, log_offset: 0, partial: String::new(), sink_db, store: None, ticks: 0, samples: Vec::new(), made: BTreeMap::new(), stored: BTreeMap::new() }
    }

    /// The run starts now: what was recorded before (the warm-up) counts as at its start.
    pub fn restart_clock(&mut self) {
        self.start = Instant::now();
        self.samples.clear();
        self.made.values_mut().chain(self.stored.values_mut()).for_each(|t| *t = Duration::ZERO);
    }

    /// Time since the run's start.
    pub fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Takes one sample of everything due.
    pub async fn tick(&mut self) {
        self.ticks += 1;
        if let Ok((200, text)) = http_get(local(self.edge_port), "/metrics").await {
            let streams = (0..self.cameras)
                .map(|i| {
                    let s = format!("c{i:02}");
                    StreamSample {
                        decoded: metric(&text, "fleetsight_frames_decoded_total", &[("stream", &s)]),
                        state: state(&text, &s),
                        stalls: metric(&text, "fleetsight_stream_stalls_total", &[("stream", &s)]),
                    }
                })
                .collect();
            self.samples.push(Sample { at: self.now(), streams });
        }
        self.read_log();
        if self.ticks.is_multiple_of(STORE_EVERY) {
            let _ = self.read_store().await;
        }
    }

    fn read_log(&mut self) {
        let Ok(mut f) = std::fs::File::open(&self.edge_log) else { return };
        let mut text = String::new();
        if f.seek(SeekFrom::Start(self.log_offset)).is_err() || f.read_to_string(&mut text).is_err() {
            return;
        }
        self.log_offset += text.len() as u64;
        let text = std::mem::take(&mut self.partial) + &text;
        let (complete, rest) = text.rsplit_once('\n').unwrap_or(("", &text));
        let now = self.now();
        for id in complete.lines().filter_map(audited_id) {
            self.made.entry(id.to_string()).or_insert(now);
        }
        self.partial = rest.to_string();
    }

    /// Every row of the sink's store for the cameras' devices: event ids, one per row.
    pub async fn stored_rows(&mut self) -> anyhow::Result<Vec<String>> {
        if self.store.is_none() {
            anyhow::ensure!(self.sink_db.exists(), "no store yet");
            self.store = Some(EmbeddedStore::open(&self.sink_db)?);
        }
        let store = self.store.as_ref().expect("opened above");
        let (first, last) = (crate::analysis::unix_now_ms() - self.start.elapsed().as_millis() as i64, crate::analysis::unix_now_ms());
        let mut ids = Vec::new();
        for i in 0..self.cameras {
            let mut hour = sinks::store::hour_bucket(first) - 3_600_000;
            while hour <= sinks::store::hour_bucket(last) {
                for r in sinks::Store::reads_by_device_hour(store, &format!("cam-{i:02}"), hour).await? {
                    ids.push(r.event_id);
                }
                hour += 3_600_000;
            }
        }
        Ok(ids)
    }

    async fn read_store(&mut self) -> anyhow::Result<()> {
        let now = self.now();
        for id in self.stored_rows().await? {
            self.stored.entry(id).or_insert(now);
        }
        Ok(())
    }

    /// Whether every read made so far is stored, after a last look at the log and the store.
    pub async fn caught_up(&mut self) -> bool {
        self.read_log();
        let _ = self.read_store().await;
        self.made.keys().all(|id| self.stored.contains_key(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_states_and_audit_lines_parse() {
        let text = "# HELP x\nfleetsight_frames_decoded_total{stream=\"c01\"} 250\nfleetsight_frames_decoded_total{stream=\"c010\"} 7\n\
                    fleetsight_stream_state{state=\"running\",stream=\"c01\"} 0\nfleetsight_stream_state{state=\"stalled\",stream=\"c01\"} 1\n";
        assert_eq!(metric(text, "fleetsight_frames_decoded_total", &[("stream", "c01")]), 250.0);
        assert_eq!(metric(text, "fleetsight_frames_decoded", &[]), 0.0, "a prefix is not the name");
        assert_eq!(state(text, "c01"), "stalled");
        assert_eq!(state(text, "c02"), "");
        let line = "2026-11-22T10:00:00.123Z DEBUG fleetsight::reads: Read made. event=0123abcd stream=c01";
        assert_eq!(audited_id(line), Some("0123abcd"));
        assert_eq!(audited_id("2026 INFO fleetsight: other event=x"), None);
    }
}

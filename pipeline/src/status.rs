//! The live status table `fleetsight run` prints: one line per stream with its state, its
//! analysis mode and the rates over the last interval.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

use ingest::{StreamCounters, StreamHandle};

use crate::analysis::ModeBoard;
use crate::telemetry::PipelineMetrics;

/// What the table shows.
#[derive(Clone)]
pub struct StatusSource {
    /// Every stream, in config order.
    pub streams: Vec<Arc<StreamHandle>>,
    /// Analysis modes of the analysed streams.
    pub modes: ModeBoard,
    /// For analysed frames.
    pub metrics: PipelineMetrics,
}

/// A snapshot of the counters the table turns into rates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Snapshot {
    counters: StreamCounters,
    analysed: u64,
}

fn snapshot(src: &StatusSource) -> HashMap<String, Snapshot> {
    src.streams
        .iter()
        .map(|h| {
            let id = h.status().stream;
            let analysed = src.metrics.frames_analysed.with_label_values(&[&id]).get();
            (id, Snapshot { counters: h.counters(), analysed })
        })
        .collect()
}

/// Renders the table, given the counters seen `interval` ago.
pub fn render(src: &StatusSource, previous: &HashMap<String, Snapshot>, interval: Duration) -> String {
    let secs = interval.as_secs_f64().max(1e-3);
    let modes: HashMap<String, &'static str> = src.modes.modes().into_iter().map(|(s, m)| (s, m.as_str())).collect();
    let now = snapshot(src);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<24} {:<12} {:<7} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10}  last error",
        "stream", "state", "mode", "recv/s", "dec/s", "anl/s", "dropped", "errors", "reconnects"
    );
    for h in &src.streams {
        let st = h.status();
        let n = now.get(&st.stream).copied().unwrap_or_default();
        let b = previous.get(&st.stream).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<24} {:<12} {:<7} {:>9.1} {:>9.1} {:>9.1} {:>9} {:>8} {:>10}  {}",
            st.stream,
            st.state.as_str(),
            modes.get(&st.stream).copied().unwrap_or("-"),
            (n.counters.received - b.counters.received) as f64 / secs,
            (n.counters.decoded - b.counters.decoded) as f64 / secs,
            (n.analysed - b.analysed) as f64 / secs,
            n.counters.dropped,
            n.counters.decode_errors,
            n.counters.reconnects,
            st.last_error.as_deref().unwrap_or("-"),
        );
    }
    out
}

/// Prints the table every `interval` until `stop` is cancelled.
pub async fn print_every(src: StatusSource, interval: Duration, stop: tokio_util::sync::CancellationToken) {
    let mut previous = snapshot(&src);
    let mut tick = tokio::time::interval(interval);
    tick.tick().await;
    loop {
        tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            _ = tick.tick() => {}
        }
        println!("{}", render(&src, &previous, interval));
        previous = snapshot(&src);
    }
}

//! The live status table `fleetsight run` prints: one line per stream with its state and
//! the rates over the last interval.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

use ingest::{StreamCounters, StreamHandle};

/// Renders the table for `streams`, given the counters seen `interval` ago.
pub fn render(streams: &[Arc<StreamHandle>], previous: &HashMap<String, StreamCounters>, interval: Duration) -> String {
    let secs = interval.as_secs_f64().max(1e-3);
    let mut out = String::new();
    let _ = writeln!(out, "{:<24} {:<12} {:>9} {:>9} {:>9} {:>8} {:>10}  last error", "stream", "state", "recv/s", "dec/s", "dropped", "errors", "reconnects");
    for h in streams {
        let st = h.status();
        let now = h.counters();
        let before = previous.get(&st.stream).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<24} {:<12} {:>9.1} {:>9.1} {:>9} {:>8} {:>10}  {}",
            st.stream,
            st.state.as_str(),
            (now.received - before.received) as f64 / secs,
            (now.decoded - before.decoded) as f64 / secs,
            now.dropped,
            now.decode_errors,
            now.reconnects,
            st.last_error.as_deref().unwrap_or("-"),
        );
    }
    out
}

/// Prints the table every `interval` until `stop` is cancelled.
pub async fn print_every(streams: Vec<Arc<StreamHandle>>, interval: Duration, stop: tokio_util::sync::CancellationToken) {
    let mut previous: HashMap<String, StreamCounters> = HashMap::new();
    let mut tick = tokio::time::interval(interval);
    tick.tick().await;
    loop {
        tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            _ = tick.tick() => {}
        }
        println!("{}", render(&streams, &previous, interval));
        previous = streams.iter().map(|h| (h.status().stream, h.counters())).collect();
    }
}

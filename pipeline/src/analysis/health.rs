//! Whether the plate-model workers are alive, for `/readyz`. A worker runs its loop under a
//! supervisor ([`supervise`]): a panic that escapes the per-frame guard restarts the loop
//! (counted); a worker that keeps panicking gives up and is reported dead, which makes the node
//! unready instead of silently analysing nothing.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use prometheus::IntCounter;
use serde::Serialize;

use super::worker::unix_now_ms;

/// A worker restarted this many times within [`RESTART_WINDOW`] gives up: the fault is not a
/// one-off, and restarting forever would hide it.
const MAX_RESTARTS: usize = 5;
/// The window [`MAX_RESTARTS`] is counted over.
const RESTART_WINDOW: Duration = Duration::from_secs(60);

/// The workers' liveness, shared by the workers and `/readyz`.
#[derive(Debug, Default)]
pub struct AnalysisHealth {
    /// Workers started.
    started: AtomicUsize,
    /// Workers whose loop ended normally (the mailbox closed at shutdown).
    finished: AtomicUsize,
    /// Workers that gave up after repeated panics.
    dead: AtomicUsize,
    /// Loop restarts after an escaped panic.
    restarts: AtomicUsize,
    /// Unix ms of the last panic, caught per frame or escaped; 0 if none.
    last_panic_ms: AtomicI64,
}

/// The analysis part of the `/readyz` body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalysisStatus {
    /// Plate-model workers started.
    pub workers: usize,
    /// Workers running now.
    pub alive: usize,
    /// Workers that gave up after repeated panics (any makes the node unready).
    pub dead: usize,
    /// Worker loop restarts after a panic that escaped the per-frame guard.
    pub restarts: usize,
    /// Panics (per frame or escaped) in the last minute: reported, not a reason to be unready
    /// (the frame was skipped and the worker went on).
    pub recent_panics: bool,
    /// Why analysis is not healthy, if it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl AnalysisHealth {
    /// Records a panic (caught per frame or escaped) at the current time.
    pub fn panicked(&self) {
        self.last_panic_ms.store(unix_now_ms(), Ordering::Relaxed);
    }

    /// What `/readyz` reports.
    pub fn status(&self) -> AnalysisStatus {
        let (started, finished, dead) = (self.started.load(Ordering::Relaxed), self.finished.load(Ordering::Relaxed), self.dead.load(Ordering::Relaxed));
        let last = self.last_panic_ms.load(Ordering::Relaxed);
        let problem = (dead > 0).then(|| format!("{dead} of {started} plate-model workers died after repeated panics"));
        AnalysisStatus {
            workers: started,
            alive: started.saturating_sub(finished + dead),
            dead,
            restarts: self.restarts.load(Ordering::Relaxed),
            recent_panics: last > 0 && unix_now_ms() - last < RESTART_WINDOW.as_millis() as i64,
            problem,
        }
    }
}

/// Runs a worker's loop `body` until it returns, restarting it after a panic (counted in
/// `restarts`); gives up after [`MAX_RESTARTS`] restarts within [`RESTART_WINDOW`], leaving the
/// worker dead in `health`.
pub fn supervise(worker: usize, health: &AnalysisHealth, restarts: &IntCounter, mut body: impl FnMut()) {
    health.started.fetch_add(1, Ordering::Relaxed);
    let mut recent = VecDeque::new();
    loop {
        if std::panic::catch_unwind(AssertUnwindSafe(&mut body)).is_ok() {
            health.finished.fetch_add(1, Ordering::Relaxed);
            return;
        }
        health.panicked();
        let now = Instant::now();
        recent.retain(|t: &Instant| now.duration_since(*t) < RESTART_WINDOW);
        if recent.len() >= MAX_RESTARTS {
            health.dead.fetch_add(1, Ordering::Relaxed);
            tracing::error!(worker, restarts = recent.len(), "Plate-model worker keeps panicking; it stops and the node reports unready.");
            return;
        }
        recent.push_back(now);
        restarts.inc();
        health.restarts.fetch_add(1, Ordering::Relaxed);
        tracing::error!(worker, "Plate-model worker panicked outside the per-frame guard; restarting its loop.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_restarts_the_loop_and_repeated_panics_kill_the_worker() {
        let (health, restarts) = (AnalysisHealth::default(), IntCounter::new("r", "r").unwrap());
        let mut runs = 0;
        supervise(0, &health, &restarts, || {
            runs += 1;
            if runs == 1 {
                panic!("injected: outside the per-frame guard");
            }
        });
        assert_eq!((runs, restarts.get()), (2, 1), "restarted once, then ended normally");
        let s = health.status();
        assert_eq!((s.workers, s.alive, s.dead, s.restarts, s.recent_panics, s.problem), (1, 0, 0, 1, true, None));

        supervise(1, &health, &restarts, || panic!("injected: every time"));
        let s = health.status();
        assert_eq!((s.workers, s.dead, s.restarts), (2, 1, 1 + MAX_RESTARTS));
        assert!(s.problem.unwrap().contains("1 of 2 plate-model workers died"));
    }
}

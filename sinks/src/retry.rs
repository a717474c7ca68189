//! Retrying by error kind: capped exponential backoff with jitter, only for failures that can
//! pass ([`retryable`]), and isolating the items of a batch that fail for good.

use std::future::Future;
use std::time::Duration;

use rand::Rng;
use tokio_util::sync::CancellationToken;

use crate::error::{Error, ErrorKind, Result};

/// Capped exponential backoff with jitter.
///
/// Each delay is drawn uniformly from `[d/2, d]` where `d = min(max, initial * 2^attempt)`:
/// after a depot Wi-Fi or cellular outage hundreds of MDVRs fail together, and jitter keeps them
/// from reconnecting in lock-step.
///
/// ```
/// # use std::time::Duration;
/// # use sinks::retry::Backoff;
/// let mut b = Backoff::new(Duration::from_millis(100), Duration::from_secs(1));
/// for _ in 0..10 {
///     assert!(b.next_delay() <= Duration::from_secs(1));
/// }
/// b.reset();
/// assert!(b.next_delay() <= Duration::from_millis(100));
/// ```
#[derive(Debug, Clone)]
pub struct Backoff {
    initial: Duration,
    max: Duration,
    attempt: u32,
}

impl Backoff {
    /// A backoff starting at `initial` and never exceeding `max`.
    pub fn new(initial: Duration, max: Duration) -> Self {
        Self { initial, max: max.max(initial), attempt: 0 }
    }

    /// The delay before the next attempt; grows with each call.
    pub fn next_delay(&mut self) -> Duration {
        let factor = 1u32.checked_shl(self.attempt.min(20)).unwrap_or(u32::MAX);
        let d = self.initial.saturating_mul(factor).min(self.max);
        self.attempt = self.attempt.saturating_add(1);
        let half = d / 2;
        half + half.mul_f64(rand::rng().random::<f64>())
    }

    /// Back to the initial delay (after an attempt that worked).
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

/// Whether a failure of this kind can pass by itself (a store or broker away, a full spool), so
/// the same request is worth repeating. Any other kind fails the same way every time.
pub fn retryable(kind: ErrorKind) -> bool {
    matches!(kind, ErrorKind::Unavailable | ErrorKind::ResourceExhausted)
}

/// The delays of store and broker retries: 100 ms doubling to 10 s.
fn store_backoff() -> Backoff {
    Backoff::new(Duration::from_millis(100), Duration::from_secs(10))
}

/// Runs `op` until it succeeds or fails with an error that is not [`retryable`], sleeping with
/// backoff between attempts. `None` when `stop` fires during a sleep (`op` itself is never
/// interrupted). `what` names the operation in the log.
pub async fn until_done<T, F, Fut>(what: &str, stop: &CancellationToken, mut op: F) -> Option<Result<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut backoff = store_backoff();
    loop {
        match op().await {
            Err(e) if retryable(e.kind()) => {
                let delay = backoff.next_delay();
                tracing::warn!(error = %e, retry_in = ?delay, "{what} failed; retrying.");
                tokio::select! {
                    _ = stop.cancelled() => return None,
                    _ = tokio::time::sleep(delay) => {}
                }
            }
            done => return Some(done),
        }
    }
}

/// Writes `items` with `write`, retrying what is [`retryable`]. When the batch fails for good,
/// writes the items one by one to find the offending ones; returns their indexes with their
/// errors (empty when all were written). `None` when `stop` fired during a retry: the caller
/// must not count the batch as written.
pub async fn write_isolating<T, F, Fut>(what: &str, items: &[T], stop: &CancellationToken, mut write: F) -> Option<Vec<(usize, Error)>>
where
    T: Clone,
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    if items.is_empty() {
        return Some(vec![]);
    }
    match until_done(what, stop, || write(items.to_vec())).await? {
        Ok(()) => return Some(vec![]),
        Err(e) if items.len() == 1 => return Some(vec![(0, e)]),
        Err(e) => tracing::warn!(error = %e, items = items.len(), "{what} failed for good; writing the items one by one."),
    }
    let mut refused = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Err(e) = until_done(what, stop, || write(vec![item.clone()])).await? {
            refused.push((i, e));
        }
    }
    Some(refused)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn grows_then_caps_and_stays_jittered() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(800));
        let delays: Vec<_> = (0..8).map(|_| b.next_delay()).collect();
        assert!(delays[0] >= Duration::from_millis(50) && delays[0] <= Duration::from_millis(100));
        assert!(delays[3] >= Duration::from_millis(400));
        assert!(delays.iter().all(|d| *d <= Duration::from_millis(800)));
        assert!(delays[7] >= Duration::from_millis(400));
    }

    /// A write that refuses the item 13 for good and is unavailable on its first two calls.
    async fn flaky(calls: &Mutex<Vec<Vec<u32>>>, batch: Vec<u32>) -> Result<()> {
        let n = {
            let mut c = calls.lock().unwrap();
            c.push(batch.clone());
            c.len()
        };
        if n <= 2 {
            return Err(Error::new(ErrorKind::Unavailable, "store away"));
        }
        if batch.contains(&13) { Err(Error::new(ErrorKind::InvalidArgument, "13: bad")) } else { Ok(()) }
    }

    #[tokio::test]
    async fn retries_the_unavailable_and_isolates_the_invalid() {
        let calls = Mutex::new(Vec::new());
        let stop = CancellationToken::new();
        let refused = write_isolating("write", &[11, 12, 13, 14], &stop, |b| flaky(&calls, b)).await.unwrap();
        assert_eq!(refused.iter().map(|(i, e)| (*i, e.kind())).collect::<Vec<_>>(), [(2, ErrorKind::InvalidArgument)]);
        let calls = calls.into_inner().unwrap();
        assert_eq!(calls.len(), 3 + 4, "two unavailable, one refused batch, then each item once");
        assert_eq!(calls[3..], [vec![11], vec![12], vec![13], vec![14]]);
    }

    #[tokio::test]
    async fn stop_during_a_retry_gives_up() {
        let stop = CancellationToken::new();
        stop.cancel();
        let r = write_isolating("write", &[1], &stop, |_| async { Err(Error::new(ErrorKind::Unavailable, "away")) }).await;
        assert!(r.is_none());
    }
}

use std::time::Duration;

use rand::Rng;

/// The least [`Backoff::slowest`] waits, whatever the cap.
pub const SLOWEST_FLOOR: Duration = Duration::from_secs(30);

/// Capped exponential backoff with jitter.
///
/// Each delay is drawn uniformly from `[d/2, d]` where `d = min(max, initial * 2^attempt)`:
/// after a depot Wi-Fi or cellular outage hundreds of MDVRs fail together, and jitter keeps them
/// from reconnecting in lock-step.
///
/// ```
/// # use std::time::Duration;
/// # use ingest::supervisor::Backoff;
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

    /// A jittered maximum delay (at least [`SLOWEST_FLOOR`]), for a failure retrying cannot fix
    /// soon (the operator has to change the camera; wrong credentials must not lock the account
    /// out); it leaves the exponential sequence where it was.
    pub fn slowest(&self) -> Duration {
        let half = self.max.max(SLOWEST_FLOOR) / 2;
        half + half.mul_f64(rand::rng().random::<f64>())
    }

    /// Back to the initial delay (after a session that worked).
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
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
}

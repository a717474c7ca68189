use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::error::Result;
use crate::event::event_id;
use crate::notify::config::NotifyConfig;
use crate::notify::notice::{NoticeRecord, NoticeSent, NoticeStore};
use crate::notify::twilio::{SendOutcome, TwilioClient};
use crate::telemetry::NotifyMetrics;

/// Notices claimed and sent concurrently per pass.
const BATCH: usize = 16;

/// Added to the request timeout to make a claim's lease: a notifier that dies mid-send frees
/// its notices this long after the attempt would have timed out anyway. A lease that runs out
/// while the request is still in flight at worst sends again with the same idempotency token.
const LEASE_MARGIN: Duration = Duration::from_secs(30);

/// What one pass over the outbox did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drained {
    /// Notices claimed (attempted).
    pub claimed: usize,
    /// Notices the provider accepted.
    pub sent: Vec<NoticeSent>,
    /// Attempts that failed and were scheduled again.
    pub retried: usize,
    /// Notices given up.
    pub failed: usize,
}

/// Drains the outbox: claims due notices, sends them, and records the outcome. Any number of
/// notifiers may share one outbox (claims are conditional writes).
pub struct Notifier {
    client: TwilioClient,
    config: NotifyConfig,
    store: Arc<dyn NoticeStore>,
    metrics: NotifyMetrics,
    on_sent: Option<mpsc::Sender<NoticeSent>>,
}

impl Notifier {
    /// A notifier for `config` over `store`. `InvalidArgument` when the config does not validate.
    pub fn new(config: &NotifyConfig, store: Arc<dyn NoticeStore>, metrics: NotifyMetrics) -> Result<Self> {
        // Every configured channel's series exist from the start, so an alert's rate() sees the
        // first failure as an increase from zero.
        for ch in &config.channels {
            for c in [&metrics.sent, &metrics.failed, &metrics.retried] {
                c.with_label_values(&[ch.as_str()]);
            }
        }
        Ok(Self { client: TwilioClient::new(config)?, config: config.clone(), store, metrics, on_sent: None })
    }

    /// Tells `tx` of every notice sent (after it is recorded as sent). The channel is bounded and
    /// the notifier waits when it is full (nothing is dropped); a closed receiver is ignored.
    pub fn on_sent(mut self, tx: mpsc::Sender<NoticeSent>) -> Self {
        self.on_sent = Some(tx);
        self
    }

    /// Runs passes until `shutdown`: straight away while notices are due, every
    /// `poll_interval_secs` otherwise, and after a store error. A pass in progress finishes
    /// first (it is bounded by the request timeout), so no accepted send goes unrecorded.
    pub async fn run(self, shutdown: CancellationToken) {
        let idle = Duration::from_secs_f64(self.config.poll_interval_secs);
        while !shutdown.is_cancelled() {
            let pause = match self.drain_once().await {
                Ok(d) if d.claimed == BATCH => Duration::ZERO,
                Ok(_) => idle,
                Err(error) => {
                    warn!(%error, "Notice outbox pass failed; trying again.");
                    idle
                }
            };
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(pause) => {}
            }
        }
        info!("Notifier stopped.");
    }

    /// One pass: claims up to a batch of due notices, sends them concurrently, records each
    /// outcome, and updates the outbox-depth gauge.
    pub async fn drain_once(&self) -> Result<Drained> {
        let now = crate::event::unix_now_ms();
        let lease = self.config.request_timeout() + LEASE_MARGIN;
        let claimed = self.store.claim_due(now, now + lease.as_millis() as i64, BATCH).await?;
        let mut drained = Drained { claimed: claimed.len(), ..Drained::default() };
        let outcomes: Vec<_> =
            futures::stream::iter(claimed).map(|rec| async move { (self.client.send(&rec.notice).await, rec) }).buffer_unordered(BATCH).collect().await;
        for (outcome, rec) in outcomes {
            self.record(outcome, rec, &mut drained).await?;
        }
        self.metrics.outbox_depth.set(self.store.outbox_depth().await? as i64);
        Ok(drained)
    }

    async fn record(&self, outcome: SendOutcome, rec: NoticeRecord, drained: &mut Drained) -> Result<()> {
        let n = &rec.notice;
        let channel = n.channel.as_str();
        match outcome {
            SendOutcome::Sent { provider_sid } => {
                let at = crate::event::unix_now_ms();
                if self.store.mark_sent(&n.notice_id, provider_sid.as_deref(), at).await? {
                    self.metrics.sent.with_label_values(&[channel]).inc();
                    info!(notice_id = %n.notice_id, challan_no = %n.challan_no, channel, attempts = rec.attempts, "Notice sent.");
                    let sent =
                        NoticeSent { notice_id: n.notice_id.clone(), challan_no: n.challan_no.clone(), channel: n.channel, sent_at_ms: at, provider_sid };
                    if let Some(tx) = &self.on_sent {
                        let _ = tx.send(sent.clone()).await;
                    }
                    drained.sent.push(sent);
                }
            }
            SendOutcome::Retry(error) if rec.attempts < self.config.max_attempts => {
                let delay = self.config.backoff(rec.attempts, jitter(&n.notice_id, rec.attempts));
                self.store.reschedule(&n.notice_id, crate::event::unix_now_ms() + delay.as_millis() as i64, &error).await?;
                self.metrics.retried.with_label_values(&[channel]).inc();
                warn!(notice_id = %n.notice_id, channel, attempts = rec.attempts, %error, retry_in_ms = delay.as_millis() as u64, "Notice not sent; retrying.");
                drained.retried += 1;
            }
            SendOutcome::Retry(error) | SendOutcome::Refused(error) => {
                let error = format!("after {} attempts: {error}", rec.attempts);
                self.store.mark_failed(&n.notice_id, &error).await?;
                self.metrics.failed.with_label_values(&[channel]).inc();
                warn!(notice_id = %n.notice_id, challan_no = %n.challan_no, channel, %error, "Notice failed; giving up.");
                drained.failed += 1;
            }
        }
        Ok(())
    }
}

/// A factor in [0.5, 1] from the notice and attempt: notices that fail together spread out,
/// and the schedule is the same on every run (testable, no random source).
fn jitter(notice_id: &str, attempt: u32) -> f64 {
    let h = event_id(&[notice_id, &attempt.to_string()]);
    let x = u16::from_str_radix(&h[..4], 16).unwrap_or(0);
    0.5 + 0.5 * f64::from(x) / f64::from(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_in_range_and_varies() {
        let js: Vec<f64> = (0..50).map(|i| jitter(&format!("n{i}"), 1)).collect();
        assert!(js.iter().all(|j| (0.5..=1.0).contains(j)));
        assert!(js.iter().any(|&j| j < 0.75) && js.iter().any(|&j| j > 0.75), "{js:?}");
        assert_eq!(jitter("n1", 3), jitter("n1", 3));
    }
}

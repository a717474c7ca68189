use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::backoff::Backoff;
use super::config::SupervisorConfig;
use super::state::{DecoderVerdict, StreamHandle, StreamState};
use crate::decode::{self, DecoderHandle, DecoderSpec, Offer};
use crate::error::{Error, ErrorKind, Result};
use crate::frame::{DecodedFrame, StreamIdentity};
use crate::sampling::SamplingConfig;
use crate::source::{Opener, OpenedSource};
use crate::telemetry::{DropReason, IngestMetrics, StreamMetrics};

/// How often a non-live source (a file) retries a full decode queue: files are read as fast as
/// the decoder allows, never dropped.
const FILE_BACKPRESSURE_POLL: Duration = Duration::from_millis(2);

/// The long-lived supervisor of one stream: opens the source, feeds the decoder, watches for
/// stalls, and reconnects with jittered exponential backoff after every failure, until shutdown.
///
/// Every await races the shutdown token first, so shutdown interrupts a worker wherever it waits
/// (connecting, reading, backing off).
pub struct StreamWorker {
    identity: StreamIdentity,
    opener: Box<dyn Opener>,
    sampling: SamplingConfig,
    config: SupervisorConfig,
    handle: Arc<StreamHandle>,
    metrics: StreamMetrics,
    decoder: DecoderHandle,
    session: u64,
}

/// How one session ended.
enum SessionEnd {
    Shutdown,
    Finished,
    Unsupported(String),
    Quarantined(String),
    Failed { error: Error, had_frames: bool },
}

impl StreamWorker {
    /// Builds the worker and starts its decode thread. Sampled frames go to `output`; when it is
    /// full, frames are dropped and counted (`reason="analysis_behind"`).
    pub fn new(
        identity: StreamIdentity,
        opener: Box<dyn Opener>,
        sampling: SamplingConfig,
        config: SupervisorConfig,
        metrics: &IngestMetrics,
        output: mpsc::Sender<DecodedFrame>,
    ) -> Result<Self> {
        config
            .validate()
            .and_then(|()| sampling.validate())
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("stream {}: {e}", identity.stream_id)))?;
        metrics.describe(&identity);
        let metrics = metrics.stream(&identity.stream_id);
        let setup = config.decode.setup().map_err(|e| Error::new(e.kind(), format!("stream {}: {e}", identity.stream_id)))?;
        let handle = Arc::new(StreamHandle::new(identity.clone(), metrics.clone()));
        let decoder = decode::spawn(DecoderSpec {
            identity: identity.clone(),
            sampling,
            queue_capacity: config.decode_queue,
            metrics: metrics.clone(),
            status: handle.clone(),
            output,
            setup,
        })?;
        Ok(Self { identity, opener, sampling, config, handle, metrics, decoder, session: 0 })
    }

    /// The stream's observable status.
    pub fn handle(&self) -> Arc<StreamHandle> {
        self.handle.clone()
    }

    /// Runs until `shutdown` is cancelled (or a finite source ends and shutdown follows).
    pub async fn run(mut self, shutdown: CancellationToken) {
        let span = tracing::info_span!("stream", stream = %self.identity.stream_id, device = %self.identity.device_id);
        async move {
            let mut backoff = Backoff::new(
                SupervisorConfig::dur(self.config.backoff_initial_secs),
                SupervisorConfig::dur(self.config.backoff_max_secs),
            );
            let mut attempts = 0u64;
            loop {
                if attempts > 0 {
                    self.metrics.reconnects.inc();
                }
                attempts += 1;
                self.handle.set_state(StreamState::Connecting);
                let connect_timeout = SupervisorConfig::dur(self.config.connect_timeout_secs);
                let opened = tokio::select! {
                    biased;
                    _ = shutdown.cancelled() => break,
                    r = tokio::time::timeout(connect_timeout, self.opener.open()) => r,
                };
                let end = match opened {
                    Err(_) => SessionEnd::Failed {
                        error: Error::new(ErrorKind::DeadlineExceeded, format!("connect timed out after {connect_timeout:?}")),
                        had_frames: false,
                    },
                    Ok(Err(error)) => SessionEnd::Failed { error, had_frames: false },
                    Ok(Ok(source)) => self.run_session(source, &shutdown).await,
                };
                let delay = match end {
                    SessionEnd::Shutdown => break,
                    SessionEnd::Finished => {
                        // Finished means processed: wait for the decoder to drain what is queued.
                        while !self.decoder.is_idle() && !shutdown.is_cancelled() {
                            tokio::time::sleep(FILE_BACKPRESSURE_POLL).await;
                        }
                        self.handle.set_state(StreamState::Finished);
                        tracing::info!("Source finished.");
                        shutdown.cancelled().await;
                        break;
                    }
                    SessionEnd::Unsupported(reason) => {
                        tracing::error!(reason = %reason, "Stream cannot be decoded.");
                        self.handle.set_error(reason);
                        self.handle.set_state(StreamState::Unsupported);
                        backoff.reset();
                        SupervisorConfig::dur(self.config.unsupported_retry_secs)
                    }
                    SessionEnd::Quarantined(reason) => {
                        let quarantine = SupervisorConfig::dur(self.config.decode.crash_window_secs);
                        tracing::error!(
                            reason = %reason,
                            quarantine = ?quarantine,
                            "Stream quarantined: its decoder keeps crashing on this camera's video (possibly crafted). \
                             Not reconnected until the quarantine ends or fleetsight restarts; other streams are unaffected."
                        );
                        self.handle.set_error(reason);
                        self.handle.set_state(StreamState::Quarantined);
                        backoff.reset();
                        quarantine
                    }
                    SessionEnd::Failed { error, had_frames } => {
                        if had_frames {
                            backoff.reset();
                        }
                        // Retrying cannot fix an invalid argument, but the operator may fix the
                        // camera: retry slowly, without making later transient failures slow too.
                        let delay = if error.kind() == ErrorKind::InvalidArgument { backoff.slowest() } else { backoff.next_delay() };
                        tracing::warn!(error = %error, kind = error.kind().as_str(), retry_in = ?delay, "Stream session failed.");
                        self.handle.set_error(error.to_string());
                        self.handle.set_state(StreamState::Backoff);
                        delay
                    }
                };
                tokio::select! {
                    biased;
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(delay) => {}
                }
            }
            self.decoder.close().await;
            tracing::info!("Stream worker stopped.");
        }
        .instrument(span)
        .await
    }

    async fn run_session(&mut self, mut source: OpenedSource, shutdown: &CancellationToken) -> SessionEnd {
        self.session += 1;
        self.handle.set_live(source.live);
        tracing::info!(source = %source.description, "Session opened.");
        let stall = SupervisorConfig::dur(self.config.stall_timeout_secs);
        let read_timeout = SupervisorConfig::dur(self.config.read_timeout_secs);
        let mut awaiting_rap = true;
        let mut dropping_until_idr = false;
        let mut had_frames = false;
        let mut last_data = Instant::now();
        loop {
            let stalled = self.handle.state() == StreamState::Stalled;
            let deadline = last_data + if stalled { read_timeout } else { stall };
            let next = tokio::select! {
                biased;
                _ = shutdown.cancelled() => return SessionEnd::Shutdown,
                r = tokio::time::timeout_at(deadline, source.stream.next()) => r,
            };
            let au = match next {
                Err(_) if last_data.elapsed() >= read_timeout => {
                    return SessionEnd::Failed {
                        error: Error::new(ErrorKind::DeadlineExceeded, format!("no data for {read_timeout:?} (read timeout)")),
                        had_frames,
                    };
                }
                Err(_) => {
                    self.handle.set_error(format!("no data for {stall:?}"));
                    self.handle.set_state(StreamState::Stalled);
                    self.metrics.stalls.inc();
                    continue;
                }
                Ok(None) => return SessionEnd::Finished,
                Ok(Some(Err(error))) => return SessionEnd::Failed { error, had_frames },
                Ok(Some(Ok(au))) => au,
            };
            last_data = Instant::now();
            had_frames = true;
            self.metrics.received.inc();
            match self.handle.take_verdict() {
                Some(DecoderVerdict::Unsupported(reason)) => return SessionEnd::Unsupported(reason),
                Some(DecoderVerdict::Quarantined(reason)) => return SessionEnd::Quarantined(reason),
                None => {}
            }
            if awaiting_rap {
                if !au.is_random_access_point {
                    // A late join mid-GOP: P-frames before the first IDR can only decode to garbage.
                    self.metrics.dropped(DropReason::AwaitingKeyframe, 1);
                    self.handle.set_state(StreamState::Running);
                    continue;
                }
                awaiting_rap = false;
            }
            if self.sampling.keyframes_only && !au.is_random_access_point {
                self.handle.set_state(StreamState::Running);
                continue;
            }
            if dropping_until_idr {
                if !au.is_random_access_point {
                    self.metrics.dropped(DropReason::DecoderBehind, 1);
                    continue;
                }
                dropping_until_idr = false;
            }
            let mut unit = (self.session, au);
            loop {
                match self.decoder.offer(unit) {
                    Offer::Queued => {
                        self.handle.set_state(StreamState::Running);
                        break;
                    }
                    Offer::Full(back) if !source.live => {
                        // Files are never dropped: wait for the decoder.
                        self.handle.set_state(StreamState::Blocked);
                        unit = back;
                        tokio::select! {
                            biased;
                            _ = shutdown.cancelled() => return SessionEnd::Shutdown,
                            _ = tokio::time::sleep(FILE_BACKPRESSURE_POLL) => {}
                        }
                    }
                    Offer::Full(_) => {
                        // Live: drop this unit and every unit up to the next IDR, since a missing
                        // reference frame would corrupt all of them anyway.
                        self.metrics.dropped(DropReason::DecoderBehind, 1);
                        dropping_until_idr = true;
                        self.handle.set_state(StreamState::Blocked);
                        break;
                    }
                    Offer::Closed => {
                        return SessionEnd::Failed {
                            error: Error::new(ErrorKind::Internal, "decode thread exited"),
                            had_frames,
                        };
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{AccessUnitStream, Opener};
    use futures::future::BoxFuture;
    use prometheus::Registry;

    /// An opener that never connects: it hangs, like a camera behind a dead cellular link.
    struct HangingOpener;

    impl Opener for HangingOpener {
        fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
            Box::pin(futures::future::pending())
        }
    }

    /// An opener that always fails at once, like a refused connection.
    struct RefusingOpener;

    impl Opener for RefusingOpener {
        fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
            Box::pin(async { Err(Error::new(ErrorKind::Unavailable, "connection refused")) })
        }
    }

    /// Refuses once as misconfigured (the operator then fixes the camera), then fails like a
    /// flaky network.
    struct MisconfiguredOnceOpener(std::sync::atomic::AtomicBool);

    impl Opener for MisconfiguredOnceOpener {
        fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
            let first = !self.0.swap(true, std::sync::atomic::Ordering::SeqCst);
            Box::pin(async move {
                let kind = if first { ErrorKind::InvalidArgument } else { ErrorKind::Unavailable };
                Err(Error::new(kind, "refused"))
            })
        }
    }

    /// An opener whose stream connects and then sends nothing.
    struct SilentOpener;

    impl Opener for SilentOpener {
        fn open(&self) -> BoxFuture<'_, Result<OpenedSource>> {
            Box::pin(async {
                let stream: AccessUnitStream = Box::pin(futures::stream::pending());
                Ok(OpenedSource { stream, live: true, description: "silent".into() })
            })
        }
    }

    fn worker(opener: Box<dyn Opener>, config: SupervisorConfig) -> (StreamWorker, Registry) {
        let registry = Registry::new();
        let metrics = IngestMetrics::register(&registry).unwrap();
        let (tx, _rx) = mpsc::channel(4);
        // Nothing is decoded here, and `cargo test --lib` does not build the decoder executable.
        let config = SupervisorConfig { decode: crate::decode::DecodeConfig { isolation: crate::decode::Isolation::Thread, ..Default::default() }, ..config };
        let identity = StreamIdentity { stream_id: "s1".into(), device_id: "d1".into(), channel: 0 };
        let w = StreamWorker::new(identity, opener, SamplingConfig::default(), config, &metrics, tx).unwrap();
        (w, registry)
    }

    fn counter(registry: &Registry, name: &str) -> f64 {
        registry
            .gather()
            .iter()
            .filter(|f| f.name() == name)
            .flat_map(|f| f.get_metric().iter().map(|m| m.get_counter().get_value()))
            .sum()
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_interrupts_a_worker_stuck_on_open() {
        let config = SupervisorConfig { connect_timeout_secs: 3600.0, ..Default::default() };
        let (w, _) = worker(Box::new(HangingOpener), config);
        let handle = w.handle();
        let token = CancellationToken::new();
        let task = tokio::spawn(w.run(token.clone()));
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(handle.state(), StreamState::Connecting);
        token.cancel();
        tokio::time::timeout(Duration::from_secs(1), task).await.expect("worker stops promptly").unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn refused_connections_back_off_and_count_reconnects() {
        let config = SupervisorConfig { backoff_initial_secs: 1.0, backoff_max_secs: 4.0, ..Default::default() };
        let (w, registry) = worker(Box::new(RefusingOpener), config);
        let handle = w.handle();
        let token = CancellationToken::new();
        let task = tokio::spawn(w.run(token.clone()));
        tokio::time::sleep(Duration::from_secs(30)).await;
        assert_eq!(handle.state(), StreamState::Backoff);
        assert_eq!(handle.status().last_error.as_deref(), Some("connection refused"));
        let reconnects = counter(&registry, "fleetsight_stream_reconnects_total");
        // Delays are 0.5-1, 1-2, 2-4, then 2-4 s each: in 30 s between 7 and 15 attempts.
        assert!((6.0..=15.0).contains(&reconnects), "reconnects = {reconnects}");
        token.cancel();
        task.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn an_invalid_argument_slows_one_retry_not_all_later_ones() {
        let config = SupervisorConfig { backoff_initial_secs: 1.0, backoff_max_secs: 60.0, ..Default::default() };
        let (w, registry) = worker(Box::new(MisconfiguredOnceOpener(Default::default())), config);
        let token = CancellationToken::new();
        let task = tokio::spawn(w.run(token.clone()));
        tokio::time::sleep(Duration::from_secs(29)).await;
        assert_eq!(counter(&registry, "fleetsight_stream_reconnects_total"), 0.0, "the invalid argument waits 30-60 s");
        tokio::time::sleep(Duration::from_secs(61)).await;
        // The retry after it came by t = 60 s; transient failures then back off from 0.5-1 s
        // (0.5-1, 1-2, 2-4, 4-8, 8-16: at least 4 more by t = 90 s), not from the maximum.
        let reconnects = counter(&registry, "fleetsight_stream_reconnects_total");
        assert!(reconnects >= 5.0, "reconnects = {reconnects}");
        token.cancel();
        task.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn silence_is_stalled_then_a_read_timeout() {
        let config = SupervisorConfig { stall_timeout_secs: 2.0, read_timeout_secs: 5.0, ..Default::default() };
        let (w, registry) = worker(Box::new(SilentOpener), config);
        let handle = w.handle();
        let token = CancellationToken::new();
        let task = tokio::spawn(w.run(token.clone()));
        tokio::time::sleep(Duration::from_millis(3000)).await;
        assert_eq!(handle.state(), StreamState::Stalled);
        tokio::time::sleep(Duration::from_millis(2100)).await; // t = 5.1 s: the read timeout fired at 5 s, backoff is at least 0.25 s
        assert_eq!(handle.state(), StreamState::Backoff);
        assert!(handle.status().last_error.unwrap().contains("read timeout"));
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(counter(&registry, "fleetsight_stream_reconnects_total") >= 1.0);
        // One stall per silent session: the first at 2 s, then one in each later session.
        let stalls = counter(&registry, "fleetsight_stream_stalls_total");
        assert!((1.0..=2.0).contains(&stalls), "stalls = {stalls}");
        let info: Vec<f64> = registry.gather().iter().filter(|f| f.name() == "fleetsight_stream_info").flat_map(|f| f.get_metric().iter().map(|m| m.get_gauge().get_value())).collect();
        assert_eq!(info, [1.0]);
        token.cancel();
        task.await.unwrap();
    }
}

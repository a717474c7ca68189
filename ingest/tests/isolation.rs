//! Decoder isolation: a decoder child that crashes or hangs (made to, through the test-only fault
//! units) is restarted within 2 s while the test process and the other streams carry on, and a
//! stream whose decoder crashes `crash_limit` times in the window is quarantined.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use futures::future::BoxFuture;
use ingest::decode::{DecodeConfig, Failure, Output, ProcessDecoder, child};
use ingest::source::{AccessUnitStream, OpenedSource, Opener};
use ingest::{AccessUnit, ClockSource, IngestMetrics, SamplingConfig, StreamHandle, StreamIdentity, StreamState, StreamWorker, SupervisorConfig};
use openh264::encoder::{Encoder, EncoderConfig, IntraFramePeriod, RateControlMode};
use openh264::formats::YUVBuffer;
use prometheus::Registry;
use tokio_util::sync::CancellationToken;

const DECODER: &str = env!("CARGO_BIN_EXE_fleetsight-decoder");
/// Units per GOP of the generated stream: an IDR every 0.4 s at 25 fps.
const GOP: usize = 10;
const FRAME: Duration = Duration::from_millis(40);

/// A short 160x96 clip (IDR every [`GOP`] frames) as Annex-B access units.
fn clip() -> Arc<Vec<(Bytes, bool)>> {
    let config = EncoderConfig::new().skip_frames(false).rate_control_mode(RateControlMode::Off).intra_frame_period(IntraFramePeriod::from_num_frames(GOP as u32));
    let mut enc = Encoder::with_api_config(openh264::OpenH264API::from_source(), config).unwrap();
    let (w, h) = (160, 96);
    let units = (0..2 * GOP)
        .map(|i| {
            let mut yuv = vec![128u8; w * h * 3 / 2];
            for (p, px) in yuv[..w * h].iter_mut().enumerate() {
                *px = ((p % w + 4 * i) % 256) as u8;
            }
            if i % GOP == 0 {
                enc.force_intra_frame();
            }
            let au = enc.encode(&YUVBuffer::from_vec(yuv, w, h)).unwrap().to_vec();
            let rap = ingest::h264::is_idr(&au);
            assert_eq!(rap, i % GOP == 0, "frame {i}");
            (Bytes::from(au), rap)
        })
        .collect();
    Arc::new(units)
}

/// A live camera looping [`clip`] at 25 fps. In its first `faulty_sessions` sessions it sends
/// `fault` (a test fault unit) after the first P-frame of each GOP listed in `fault_gops`.
struct LoopCamera {
    units: Arc<Vec<(Bytes, bool)>>,
    fault: &'static [u8],
    fault_gops: Vec<usize>,
    faulty_sessions: u32,
    sessions: AtomicU32,
    /// When each fault unit was sent.
    sent: Arc<Mutex<Vec<Instant>>>,
}

impl LoopCamera {
    fn new(units: &Arc<Vec<(Bytes, bool)>>, fault: &'static [u8], fault_gops: Vec<usize>) -> Self {
        Self { units: units.clone(), fault, fault_gops, faulty_sessions: 1, sessions: AtomicU32::new(0), sent: Default::default() }
    }
}

impl Opener for LoopCamera {
    fn open(&self) -> BoxFuture<'_, ingest::error::Result<OpenedSource>> {
        let faulty = self.sessions.fetch_add(1, Ordering::SeqCst) < self.faulty_sessions;
        let (units, fault, sent) = (self.units.clone(), Bytes::from_static(self.fault), self.sent.clone());
        let fault_gops = if faulty { self.fault_gops.clone() } else { Vec::new() };
        Box::pin(async move {
            let ticks = tokio::time::interval(FRAME);
            let stream = futures::stream::unfold((0usize, None, ticks), move |(n, faulted, mut ticks)| {
                let (units, fault, fault_gops, sent) = (units.clone(), fault.clone(), fault_gops.clone(), sent.clone());
                async move {
                    ticks.tick().await;
                    let gop = n / GOP;
                    let (data, rap, next) = if n % GOP == 2 && faulted != Some(gop) && fault_gops.contains(&gop) {
                        sent.lock().unwrap().push(Instant::now());
                        (fault, false, (n, Some(gop), ticks))
                    } else {
                        let (data, rap) = units[n % units.len()].clone();
                        (data, rap, (n + 1, faulted, ticks))
                    };
                    let au = AccessUnit { data, pts_90k: n as i64 * 3600, is_random_access_point: rap, capture_time: SystemTime::now(), clock: ClockSource::ReceiveTime };
                    Some((Ok(au), next))
                }
            });
            let stream: AccessUnitStream = Box::pin(stream);
            Ok(OpenedSource { stream, live: true, description: "test loop".into() })
        })
    }
}

fn config(decode: DecodeConfig) -> SupervisorConfig {
    SupervisorConfig { decode: DecodeConfig { decoder_exe: Some(DECODER.into()), test_faults: true, ..decode }, ..Default::default() }
}

/// Starts a worker for `camera`; analysis output is drained and thrown away.
fn start(metrics: &IngestMetrics, id: &str, camera: LoopCamera, config: SupervisorConfig, shutdown: &CancellationToken) -> Arc<StreamHandle> {
    let (tx, mut rx) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move { while rx.recv().await.is_some() {} });
    let identity = StreamIdentity { stream_id: id.into(), device_id: id.into(), channel: 0 };
    let worker = StreamWorker::new(identity, Box::new(camera), SamplingConfig::default(), config, metrics, tx).unwrap();
    let handle = worker.handle();
    tokio::spawn(worker.run(shutdown.clone()));
    handle
}

/// Polls `f` every 5 ms for up to `limit`; the time it took, or `None`.
async fn wait_for(limit: Duration, mut f: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f() {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    None
}

fn metric(registry: &Registry, name: &str, labels: &[(&str, &str)]) -> f64 {
    let families = registry.gather();
    let family = families.iter().find(|f| f.name() == name).unwrap_or_else(|| panic!("{name} is registered"));
    family
        .get_metric()
        .iter()
        .filter(|m| labels.iter().all(|(k, v)| m.get_label().iter().any(|l| l.name() == *k && l.value() == *v)))
        // A family is either a counter or a gauge; the other reads 0.
        .map(|m| m.get_counter().get_value() + m.get_gauge().get_value())
        .sum()
}

/// Runs a faulty stream beside a steady one until the fault unit is sent; returns when it was.
async fn first_fault(faulty: &Arc<Mutex<Vec<Instant>>>, steady: &StreamHandle) -> Instant {
    assert!(wait_for(Duration::from_secs(10), || steady.state() == StreamState::Running).await.is_some(), "{:?}", steady.status());
    wait_for(Duration::from_secs(10), || !faulty.lock().unwrap().is_empty()).await.expect("the fault unit is sent");
    faulty.lock().unwrap()[0]
}

/// Waits for the faulty stream's first decoder restart, then for its next decoded picture (at
/// the next IDR); returns both delays from the fault. Checks the steady stream all along.
async fn restart_and_resume(sent: Instant, faulty: &StreamHandle, steady: &StreamHandle) -> (Duration, Duration) {
    let steady_before = steady.counters().decoded;
    let mut steady_states = Vec::new();
    let mut watch = || {
        steady_states.push(steady.state());
        faulty.counters().decoder_restarts >= 1
    };
    wait_for(Duration::from_secs(10), &mut watch).await.expect("the decoder is restarted");
    let restarted = sent.elapsed();
    let decoded = faulty.counters().decoded;
    wait_for(Duration::from_secs(10), || faulty.counters().decoded > decoded).await.expect("decoding resumes");
    let resumed = sent.elapsed();
    assert!(steady_states.iter().all(|s| *s == StreamState::Running), "the steady stream was disturbed: {steady_states:?}");
    assert!(steady.counters().decoded > steady_before, "the steady stream kept decoding");
    assert_eq!((steady.counters().decoder_restarts, steady.counters().decode_errors), (0, 0));
    (restarted, resumed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashed_decoder_is_restarted_within_2s_and_other_streams_are_undisturbed() {
    let registry = Registry::new();
    let metrics = IngestMetrics::register(&registry).unwrap();
    let shutdown = CancellationToken::new();
    let units = clip();
    let camera = LoopCamera::new(&units, child::FAULT_CRASH, vec![2]);
    let sent = camera.sent.clone();
    let faulty = start(&metrics, "faulty", camera, config(DecodeConfig::default()), &shutdown);
    let steady = start(&metrics, "steady", LoopCamera::new(&units, b"", vec![]), config(DecodeConfig::default()), &shutdown);

    let at = first_fault(&sent, &steady).await;
    let (restarted, resumed) = restart_and_resume(at, &faulty, &steady).await;
    eprintln!("crash: decoder restarted {restarted:?} and decoding resumed {resumed:?} after the fault unit");
    assert!(restarted < Duration::from_secs(2), "restarted after {restarted:?}");
    // Resuming waits for the next IDR (0.4 s GOPs here).
    assert!(resumed < Duration::from_secs(2), "resumed after {resumed:?}");
    assert_eq!(metric(&registry, "fleetsight_decoder_restarts_total", &[("stream", "faulty")]), 1.0);
    assert_eq!(faulty.state(), StreamState::Running, "{:?}", faulty.status());
    shutdown.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_decoder_is_killed_and_restarted_within_2s() {
    let registry = Registry::new();
    let metrics = IngestMetrics::register(&registry).unwrap();
    let shutdown = CancellationToken::new();
    let units = clip();
    let camera = LoopCamera::new(&units, child::FAULT_HANG, vec![2]);
    let sent = camera.sent.clone();
    let decode = DecodeConfig { decode_timeout_secs: 1.0, ..Default::default() };
    let faulty = start(&metrics, "hung", camera, config(decode.clone()), &shutdown);
    let steady = start(&metrics, "steady", LoopCamera::new(&units, b"", vec![]), config(decode), &shutdown);

    let at = first_fault(&sent, &steady).await;
    let (restarted, resumed) = restart_and_resume(at, &faulty, &steady).await;
    eprintln!("hang: decoder restarted {restarted:?} and decoding resumed {resumed:?} after the fault unit");
    assert!(restarted >= Duration::from_millis(900), "a hang is detected by the 1 s decode timeout, not before: {restarted:?}");
    assert!(restarted < Duration::from_secs(2), "restarted after {restarted:?}");
    assert!(resumed < Duration::from_millis(2500), "resumed after {resumed:?}");
    assert_eq!(metric(&registry, "fleetsight_decoder_restarts_total", &[("stream", "hung")]), 1.0);
    shutdown.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decoder_crashing_5_times_in_the_window_quarantines_its_stream_until_the_window_passes() {
    let registry = Registry::new();
    let metrics = IngestMetrics::register(&registry).unwrap();
    let shutdown = CancellationToken::new();
    let units = clip();
    // One crash per GOP, five GOPs in a row: five crashes in about 2 s, within a 5 s window.
    let camera = LoopCamera::new(&units, child::FAULT_EXIT, vec![1, 2, 3, 4, 5]);
    let decode = DecodeConfig { crash_window_secs: 5.0, ..Default::default() };
    let faulty = start(&metrics, "faulty", camera, config(decode.clone()), &shutdown);
    let steady = start(&metrics, "steady", LoopCamera::new(&units, b"", vec![]), config(decode), &shutdown);

    let took = wait_for(Duration::from_secs(15), || faulty.state() == StreamState::Quarantined).await;
    let status = faulty.status();
    assert!(took.is_some(), "{status:?}");
    assert!(status.last_error.as_deref().is_some_and(|e| e.contains("decoder failed 5 times")), "{status:?}");
    assert_eq!(faulty.counters().decoder_restarts, 4, "four restarts, then the quarantine");
    assert_eq!(metric(&registry, "fleetsight_stream_state", &[("stream", "faulty"), ("state", "quarantined")]), 1.0);
    assert_eq!(metric(&registry, "fleetsight_decoder_restarts_total", &[("stream", "faulty")]), 4.0);

    // Not restarted during the quarantine; the other stream runs on.
    let (decoded, steady_decoded) = (faulty.counters().decoded, steady.counters().decoded);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(faulty.state(), StreamState::Quarantined);
    assert_eq!(faulty.counters().decoded, decoded, "nothing decoded while quarantined");
    assert!(steady.counters().decoded > steady_decoded + 25, "the steady stream kept decoding");
    assert_eq!(steady.state(), StreamState::Running);

    // After the window the camera (healthy now) is reconnected and decoded again.
    let back = wait_for(Duration::from_secs(10), || faulty.state() == StreamState::Running && faulty.counters().decoded > decoded).await;
    assert!(back.is_some(), "{:?}", faulty.status());
    assert_eq!(faulty.counters().decoder_restarts, 4);
    shutdown.cancel();
}

#[test]
fn fault_units_are_plain_bad_data_without_the_test_flag() {
    let timeout = Duration::from_secs(5);
    let mut dec = ProcessDecoder::spawn(DECODER.as_ref(), timeout, false).unwrap();
    for fault in [child::FAULT_CRASH, child::FAULT_EXIT, child::FAULT_HANG, child::FAULT_SPIN] {
        let out = dec.decode(&Bytes::from_static(fault), true);
        // Honoured, a hang or spin would come back as a failure after the timeout, never as these.
        assert!(matches!(out, Ok(Output::Nothing) | Err(Failure::Rejected(_))), "{out:?}");
    }
    let (idr, _) = clip()[0].clone();
    assert!(matches!(dec.decode(&idr, true), Ok(Output::Picture(p)) if (p.width(), p.height()) == (160, 96)), "the same child still decodes");

    let mut dec = ProcessDecoder::spawn(DECODER.as_ref(), timeout, true).unwrap();
    let Err(Failure::Crashed(why)) = dec.decode(&Bytes::from_static(child::FAULT_CRASH), false) else { panic!("a crash") };
    assert!(why.contains("SIGABRT"), "{why}");
}

#[test]
fn a_program_that_is_not_the_decoder_is_refused_at_start() {
    let Err(Failure::Crashed(why)) = ProcessDecoder::spawn("/bin/true".as_ref(), Duration::from_secs(1), false) else { panic!("refused") };
    assert!(why.contains("not a compatible decoder"), "{why}");
}

/// A child spinning in a loop is hung too, though it is runnable: it uses its CPU, unlike a child
/// that an overloaded box starves (which gets more time rather than a restart).
#[test]
fn a_spinning_decoder_is_hung() {
    let mut dec = ProcessDecoder::spawn(DECODER.as_ref(), Duration::from_secs(1), true).unwrap();
    let started = Instant::now();
    let Err(Failure::Crashed(why)) = dec.decode(&Bytes::from_static(child::FAULT_SPIN), false) else { panic!("a hang") };
    let took = started.elapsed();
    eprintln!("spin: detected after {took:?}");
    assert!(why.contains("hung"), "{why}");
    assert!(took >= Duration::from_secs(1) && took < Duration::from_secs(12), "{took:?}");
}

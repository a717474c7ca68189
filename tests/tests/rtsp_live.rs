//! Live RTSP ingest against a real gst-rtsp-server: throughput across streams and late joiners.

use std::path::Path;
use std::time::{Duration, SystemTime};

use fleetsight_e2e::{RtspServer, clip, http_get, ingest_only_header, metric, wait_until};
use ingest::source::rtsp::{RtspOpener, RtspSourceConfig, RtspTransport};
use ingest::{ClockSource, IngestMetrics, SamplingConfig, StreamIdentity, StreamState, StreamWorker, SupervisorConfig};
use tokio_util::sync::CancellationToken;

fn rtsp_stream(id: &str, url: &str) -> String {
    format!("[[streams]]\nid = \"{id}\"\ndevice_id = \"dev-{id}\"\nchannel = 1\nrtsp = {{ url = \"{url}\" }}\n")
}

/// Eight cameras at once: every stream runs and decodes continuously, without errors or
/// reconnects, and every access unit received is accounted for (decoded, or dropped with a
/// reason). How many frames per second a box sustains is `fleetsight bench decode` and
/// `bench streams`' figure, not this test's: on two shared cores a timed floor only measures
/// what else the machine was doing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_streams_decode_without_errors_and_account_for_every_unit() {
    let base = clip("plate720_base", "264");
    let mounts: Vec<(String, _)> = (0..8).map(|i| (format!("cam{i}"), base.clone())).collect();
    let mounts: Vec<(&str, _)> = mounts.iter().map(|(n, p)| (n.as_str(), p.clone())).collect();
    let server = RtspServer::start(&mounts).unwrap();
    let mut toml = ingest_only_header();
    for i in 0..8 {
        toml += &rtsp_stream(&format!("cam{i}"), &server.url(&format!("cam{i}")));
    }
    let config = pipeline::Config::from_toml_str(&toml, Path::new("eight.toml")).unwrap();
    let running = pipeline::runtime::start(config).await.unwrap();
    let addr = running.http_addr();
    let streams = running.streams().to_vec();
    assert!(
        wait_until(Duration::from_secs(15), || streams.iter().all(|s| s.state() == StreamState::Running)).await,
        "not all streams running"
    );
    let (code, _) = http_get(addr, "/readyz").await.unwrap();
    assert_eq!(code, 200, "ready once every stream has run");

    tokio::time::sleep(Duration::from_secs(20)).await;
    let (_, last) = http_get(addr, "/metrics").await.unwrap();
    running.shutdown().await;
    for i in 0..8 {
        let s = format!("cam{i}");
        let l = [("stream", s.as_str())];
        let received = metric(&last, "fleetsight_frames_received_total", &l);
        let decoded = metric(&last, "fleetsight_frames_decoded_total", &l);
        let dropped: f64 = ["awaiting_keyframe", "decoder_behind", "broken_reference", "idle", "unsupported"]
            .iter()
            .map(|r| metric(&last, "fleetsight_frames_dropped_total", &[("stream", &s), ("reason", r)]))
            .sum();
        // Over 20 s of a 25 fps camera; the units still queued for the decoder at the snapshot are
        // neither decoded nor dropped yet (the decode queue holds at most 64).
        assert!(received > 200.0, "{s}: {received} units received in 20 s");
        assert!((0.0..=64.0).contains(&(received - decoded - dropped)), "{s}: {received} received, {decoded} decoded, {dropped} dropped");
        assert!(decoded > received / 2.0, "{s}: {decoded} of {received} units decoded");
        assert_eq!(metric(&last, "fleetsight_decode_errors_total", &l), 0.0, "{s}: decode errors");
        assert_eq!(metric(&last, "fleetsight_stream_state", &[("stream", &s), ("state", "running")]), 1.0);
        assert_eq!(metric(&last, "fleetsight_stream_reconnects_total", &l), 0.0);
    }
}

/// A second client joining a shared mount mid-GOP: frames before the first IDR are skipped, so
/// nothing fails to decode and the first frame handed on is a keyframe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_joiner_mid_gop_gets_no_decode_errors() {
    let server = RtspServer::start(&[("shared", clip("plate720_base", "264"))]).unwrap();
    let registry = prometheus::Registry::new();
    let metrics = IngestMetrics::register(&registry).unwrap();
    let token = CancellationToken::new();
    let mut handles = Vec::new();
    let mut outputs = Vec::new();
    for (i, delay_ms) in [0u64, 1300].into_iter().enumerate() {
        // GOP is 50 frames = 2 s, so joining 1.3 s after the first client lands mid-GOP.
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        let (tx, rx) = tokio::sync::mpsc::channel(512);
        let cfg = RtspSourceConfig { url: server.url("shared"), username: None, password: None, password_env: None, password_file: None, transport: RtspTransport::Tcp };
        let identity = StreamIdentity { stream_id: format!("joiner{i}").into(), device_id: "bus-9".into(), channel: i as u16 };
        let w = StreamWorker::new(
            identity,
            Box::new(RtspOpener::new(&cfg).unwrap()),
            SamplingConfig::default(),
            SupervisorConfig::default(),
            &metrics,
            tx,
        )
        .unwrap();
        handles.push(w.handle());
        tokio::spawn(w.run(token.clone()));
        outputs.push(rx);
    }
    tokio::time::sleep(Duration::from_secs(6)).await;
    token.cancel();
    let late = handles[1].counters();
    assert_eq!(late.decode_errors, 0, "late joiner: {late:?}");
    assert!(late.decoded >= 75, "late joiner decoded only {}", late.decoded);
    assert!(late.received > late.decoded, "frames before the first IDR must be skipped: {late:?}");
    let first = outputs[1].recv().await.expect("late joiner produced frames");
    assert!(first.keyframe, "first frame of a late joiner must be an IDR");
    assert_eq!((first.picture.width(), first.picture.height()), (1280, 720));
    assert_eq!(&*first.identity.device_id, "bus-9");
    assert_eq!(first.identity.channel, 1);
    let skew = SystemTime::now().duration_since(first.capture_time).unwrap_or_default();
    assert!(skew < Duration::from_secs(10), "capture time is {skew:?} old");
    assert!(matches!(first.clock, ClockSource::RtcpSenderReport | ClockSource::ReceiveTime));
    let second = outputs[1].recv().await.unwrap();
    assert_eq!(second.pts_90k - first.pts_90k, 3600, "consecutive 25 fps frames are 3600 ticks apart");
    assert_eq!(handles[0].counters().decode_errors, 0);
}

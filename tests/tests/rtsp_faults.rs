//! Faults: the RTSP server dies and comes back; a camera that refuses connections.

use std::path::Path;
use std::time::Duration;

use fleetsight_e2e::{RtspServer, clip, free_port, http_get, ingest_only_header, metric, wait_until};
use ingest::StreamState;

fn fast_recovery() -> String {
    ingest_only_header() + "[supervisor]\nbackoff_initial_secs = 0.2\nbackoff_max_secs = 2.0\nstall_timeout_secs = 1.0\nread_timeout_secs = 3.0\n"
}

fn stream(id: &str, url: &str) -> String {
    format!("[[streams]]\nid = \"{id}\"\ndevice_id = \"dev-{id}\"\nrtsp = {{ url = \"{url}\" }}\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_restart_backs_off_then_recovers_without_disturbing_others() {
    let mut flaky = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let steady = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let toml = format!("{}{}{}", fast_recovery(), stream("flaky", &flaky.url("cam0")), stream("steady", &steady.url("cam0")));
    let running = pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("t.toml")).unwrap()).await.unwrap();
    let (f, s) = (running.streams()[0].clone(), running.streams()[1].clone());
    assert!(wait_until(Duration::from_secs(10), || f.state() == StreamState::Running && s.state() == StreamState::Running).await);
    tokio::time::sleep(Duration::from_secs(1)).await;

    flaky.kill();
    let steady_before = s.counters();
    // Watch both streams while the server is down, sampling every 50 ms.
    let mut flaky_states = Vec::new();
    let mut steady_states = Vec::new();
    for _ in 0..60 {
        flaky_states.push(f.state());
        steady_states.push(s.state());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(flaky_states.contains(&StreamState::Backoff), "flaky never went to backoff: {flaky_states:?}");
    flaky.restart().unwrap();
    let restarted = std::time::Instant::now();
    // The backoff cap is 2 s: recovery must come within it, plus connect time.
    let recovered = wait_until(Duration::from_secs(5), || f.state() == StreamState::Running && f.counters().decoded > 0).await;
    assert!(recovered, "flaky did not recover: {:?}", f.status());
    eprintln!("flaky recovered {:?} after the server restart", restarted.elapsed());
    assert!(f.counters().reconnects >= 1);
    assert!(steady_states.iter().all(|st| *st == StreamState::Running), "steady was disturbed: {steady_states:?}");
    let (_, m) = http_get(running.http_addr(), "/metrics").await.unwrap();
    assert!(metric(&m, "fleetsight_stream_reconnects_total", &[("stream", "flaky")]) >= 1.0);
    assert_eq!(metric(&m, "fleetsight_stream_reconnects_total", &[("stream", "steady")]), 0.0);
    assert!(s.counters().decoded > steady_before.decoded + 50, "steady kept decoding");
    assert_eq!(s.counters().decode_errors, 0);
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_url_stays_in_backoff_without_disturbing_others() {
    let good = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let dead = format!("rtsp://127.0.0.1:{}/nothing-listens-here", free_port());
    let toml = format!("{}{}{}", fast_recovery(), stream("dead", &dead), stream("good", &good.url("cam0")));
    let running = pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("t.toml")).unwrap()).await.unwrap();
    let (d, g) = (running.streams()[0].clone(), running.streams()[1].clone());
    tokio::time::sleep(Duration::from_secs(6)).await;
    let status = d.status();
    assert!(matches!(status.state, StreamState::Backoff | StreamState::Connecting), "{status:?}");
    assert!(!status.ever_running);
    assert!(status.last_error.as_deref().unwrap_or("").contains("DESCRIBE"), "{status:?}");
    assert!(d.counters().reconnects >= 2, "{:?}", d.counters());
    assert_eq!(g.state(), StreamState::Running);
    assert_eq!(g.counters().reconnects, 0);
    assert!(g.counters().decoded > 100);
    let (code, body) = http_get(running.http_addr(), "/readyz").await.unwrap();
    assert_eq!(code, 503, "not ready while a stream has never run");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["ready"], false);
    assert_eq!(body["streams"][0]["stream"], "dead");
    assert_eq!(body["streams"][1]["state"], "running");
    let (code, _) = http_get(running.http_addr(), "/healthz").await.unwrap();
    assert_eq!(code, 200);
    running.shutdown().await;
}

//! A B-frame stream gets a clear error state naming the stream, over RTSP and from a file.

use std::path::Path;
use std::time::Duration;

use fleetsight_e2e::{RtspServer, clip, http_get, ingest_only_header, metric, wait_until};
use ingest::StreamState;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn b_frame_streams_are_reported_unsupported() {
    let server = RtspServer::start(&[("bf", clip("plate720_main_bf", "264"))]).unwrap();
    let toml = format!(
        "{}[[streams]]\nid = \"cam-bf\"\ndevice_id = \"bus-1\"\nrtsp = {{ url = \"{}\" }}\n\
         [[streams]]\nid = \"file-bf\"\ndevice_id = \"upload\"\nfile = {{ path = \"{}\", pace = \"fast\" }}\n",
        ingest_only_header(),
        server.url("bf"),
        clip("plate720_main_bf", "mp4").display()
    );
    let running = pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("t.toml")).unwrap()).await.unwrap();
    for h in running.streams().to_vec() {
        assert!(
            wait_until(Duration::from_secs(10), || h.state() == StreamState::Unsupported).await,
            "{:?}",
            h.status()
        );
        let status = h.status();
        let msg = status.last_error.unwrap();
        assert!(msg.contains("B-frames") && msg.contains(&status.stream), "{msg}");
        // Decoding stops at the first B-slice: no stream of garbage frames.
        assert!(h.counters().decoded < 10, "{:?}", h.counters());
    }
    let (_, m) = http_get(running.http_addr(), "/metrics").await.unwrap();
    assert_eq!(metric(&m, "fleetsight_stream_state", &[("stream", "cam-bf"), ("state", "unsupported")]), 1.0);
    assert!(metric(&m, "fleetsight_frames_dropped_total", &[("stream", "cam-bf"), ("reason", "unsupported")]) >= 1.0);
    running.shutdown().await;
}

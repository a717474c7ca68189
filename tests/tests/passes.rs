//! Vehicle passes end to end on the dashcam-like clip (`passes_short`: an approaching car, a
//! two-line plate crossing, a BH plate crossing; MDVR overlay, signs and shop boards throughout):
//! the pass-level evaluation, OCR per track, and idle mode.

use std::path::Path;
use std::time::Duration;

use fleetsight_e2e::{clip, clips_dir, http_get, metric, models_test_lock, temp_db, wait_until};

/// The clip played once as a live camera (RTSP) yields exactly its passes: each read exactly,
/// nothing else read, nothing read twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_short_clip_yields_exactly_its_passes() {
    let _serial = models_test_lock();
    let mut opts = pipeline::eval::passes::PassEvalOptions::for_dir(&clips_dir(), &["passes_short".into()]).unwrap();
    opts.busy = 0; // models_test_lock already applies $FLEETSIGHT_TEST_BUSY
    let f = pipeline::eval::passes::run(&opts).await.unwrap();
    let table = pipeline::eval::passes::render(&f);
    eprintln!("{table}");
    let p = &f.passes;
    assert_eq!(p.passes, 3, "{table}");
    assert_eq!((p.exact, p.wrong, p.duplicates), (3, 0, 0), "{table}");
}

/// Runs `passes_short` as a fixed camera from its file in real time with `extra` analysis
/// settings; returns the metrics text after every pass has been read.
async fn run_clip(extra: &str) -> (String, u64) {
    let db = temp_db();
    let toml = format!(
        "[api]\nlisten = \"127.0.0.1:0\"\n[analysis]\n{extra}\n[store]\npath = \"{}\"\n\
         [[streams]]\nid = \"cam\"\ndevice_id = \"pole-7\"\nmax_fps = 5.0\nlocation = {{ lat = 18.52, lon = 73.85 }}\n\
         file = {{ path = \"{}\", pace = \"realtime\" }}\n",
        db.display(),
        clip("passes_short", "264").display()
    );
    let running = pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("passes.toml")).unwrap()).await.unwrap();
    let stream = running.streams()[0].clone();
    assert!(wait_until(Duration::from_secs(40), || stream.state() == ingest::StreamState::Finished).await, "the clip plays in 20 s");
    tokio::time::sleep(Duration::from_secs(4)).await; // the last pass's track ends
    let (_, m) = http_get(running.http_addr(), "/metrics").await.unwrap();
    let store = running.store();
    running.shutdown().await;
    let reads = store.count().await.unwrap();
    (m, reads)
}

/// The reader runs on a few crops per pass, not on every frame: every emitted pass used at most
/// `max_reads_per_pass` reader runs, counted from the metrics.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_runs_the_reader_at_most_k_times() {
    let _serial = models_test_lock();
    let (m, reads) = run_clip("idle_after_secs = 0\nmax_reads_per_pass = 4\nreads_per_pass = 2").await;
    let passes = metric(&m, "fleetsight_ocr_runs_per_pass_count", &[]);
    assert_eq!(passes, reads as f64, "one observation per emitted pass");
    assert_eq!(reads, 3, "the clip's three passes");
    assert_eq!(metric(&m, "fleetsight_ocr_runs_per_pass_bucket", &[("le", "4")]), passes, "no pass read more than 4 times");
    let runs = metric(&m, "fleetsight_ocr_runs_total", &[("stream", "cam")]);
    let analysed = metric(&m, "fleetsight_frames_analysed_total", &[("stream", "cam")]);
    let detections = metric(&m, "fleetsight_plate_detections_total", &[("stream", "cam")]);
    eprintln!("analysed {analysed}, detections {detections}, reader runs {runs}");
    assert!(analysed >= 80.0, "20 s at 5 fps: {analysed}");
    assert!(runs >= 3.0 && runs * 5.0 < detections, "reader runs {runs} against {detections} sightings");
}

/// A camera with nothing to see goes to keyframe-only decoding after the idle timeout, and
/// motion wakes it in time to read the pass that caused it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_camera_decodes_keyframes_only_and_motion_wakes_it() {
    let _serial = models_test_lock();
    let (m, reads) = run_clip("idle_after_secs = 1.0").await;
    let skipped = metric(&m, "fleetsight_frames_dropped_total", &[("stream", "cam"), ("reason", "idle")]);
    let woken = metric(&m, "fleetsight_analysis_wakeups_total", &[("stream", "cam"), ("reason", "motion")]);
    eprintln!("skipped while idle {skipped}, woken by motion {woken}, reads {reads}");
    assert!(skipped >= 20.0, "frames between keyframes are not decoded while idle: {skipped}");
    assert!(woken >= 1.0, "motion woke the camera");
    assert_eq!(reads, 3, "idling costs no pass");
    let decoded = metric(&m, "fleetsight_frames_decoded_total", &[("stream", "cam")]);
    assert!(decoded + skipped >= 450.0 && decoded < 470.0, "decoded {decoded} of 500, {skipped} skipped");
}

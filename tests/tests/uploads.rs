//! Uploads against the real plate models, through a running pipeline's API: a frame of a
//! generated clip, sent as a JPEG and as a PNG, reads as the plate its ground truth says; the
//! clip itself, uploaded, becomes stored reads of the uploader's device, also when a restart
//! interrupts its job.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::Context;
use fleetsight_e2e::{clip, temp_db};
use ingest::decode::FrameDecoder;
use ingest::source::file::load_clip;
use sinks::rules::HotlistEntry;

const KEY: &str = "uploader-key-of-acme";

/// `method path` with the test's API key and, for a POST, `body` as `content_type`: the status
/// and the JSON answer.
async fn http(addr: SocketAddr, method: &str, path: &str, body: Option<(&str, &[u8])>) -> anyhow::Result<(u16, serde_json::Value)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nX-API-Key: {KEY}\r\nConnection: close\r\n");
    if let Some((content_type, bytes)) = body {
        head.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", bytes.len()));
    }
    s.write_all(format!("{head}\r\n").as_bytes()).await?;
    if let Some((_, bytes)) = body {
        s.write_all(bytes).await?;
    }
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").context("no HTTP header end")?;
    let code = head.split_whitespace().nth(1).context("no status")?.parse()?;
    Ok((code, serde_json::from_str(body).with_context(|| format!("not JSON: {body}"))?))
}

async fn http_post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> anyhow::Result<(u16, serde_json::Value)> {
    http(addr, "POST", path, Some((content_type, body))).await
}

/// Frame `n` of the clip `name` as packed RGB8, with its size.
fn frame(name: &str, n: usize) -> (u32, u32, Vec<u8>) {
    let units = load_clip(&clip(name, "264"), 25.0).unwrap();
    let mut dec = FrameDecoder::new().unwrap();
    let mut last = None;
    for u in units.iter().take(n + 1) {
        if let Some(p) = dec.decode(&u.data).unwrap() {
            last = Some(p);
        }
    }
    let p = last.unwrap();
    (p.width(), p.height(), p.to_rgb8())
}

/// The ground-truth box `[x, y, w, h]` of `text` in frame `n` of `name`.
fn truth(name: &str, text: &str, n: u64) -> [f64; 4] {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(clip(name, "json")).unwrap()).unwrap();
    let plate = json["plates"].as_array().unwrap().iter().find(|p| p["text"] == text).unwrap();
    let f = plate["frames"].as_array().unwrap().iter().find(|f| f[0] == n).unwrap();
    std::array::from_fn(|i| f[i + 1].as_f64().unwrap())
}

fn iou(a: [f64; 4], b: [f64; 4]) -> f64 {
    let w = (a[0] + a[2]).min(b[0] + b[2]) - a[0].max(b[0]);
    let h = (a[1] + a[3]).min(b[1] + b[3]) - a[1].max(b[1]);
    let inter = w.max(0.0) * h.max(0.0);
    inter / (a[2] * a[3] + b[2] * b[3] - inter)
}

/// A pipeline whose one stream does not read plates (the models are loaded by the uploads alone),
/// with tenant `acme` owning `bus-1`, a machine key for it, and clip uploads kept in `dir`.
async fn start(dir: &Path, db: &Path) -> pipeline::runtime::Running {
    let key_file = dir.join("key");
    std::fs::write(&key_file, KEY).unwrap();
    let uploads = dir.join("uploads");
    let toml = format!(
        "[api]\nlisten = \"127.0.0.1:0\"\n[[api.tenants]]\nid = \"acme\"\ndevices = [\"bus-1\"]\n\
         [[api.api_keys]]\nname = \"uploader\"\nkey_file = \"{}\"\ntenant = \"acme\"\nrole = \"viewer\"\n\
         [api.uploads]\ndir = \"{}\"\n\
         [analysis]\nplates = false\n[store]\npath = \"{}\"\n\
         [[streams]]\nid = \"cam\"\ndevice_id = \"bus-1\"\nlocation = {{ lat = 18.52, lon = 73.85 }}\nfile = {{ path = \"{}\" }}\n",
        key_file.display(),
        uploads.display(),
        db.display(),
        clip("plate720_base", "264").display()
    );
    pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("uploads.toml")).unwrap()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_frame_reads_its_plate() {
    let _serial = fleetsight_e2e::models_test_lock();
    let dir = tempfile::tempdir().unwrap();
    let running = start(dir.path(), &temp_db()).await;
    let (w, h, rgb) = frame("plate720_base", 60);
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 95).encode(&rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb).unwrap();
    let mut png = Vec::new();
    let mut enc = png::Encoder::new(&mut png, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.write_header().unwrap().write_image_data(&rgb).unwrap();
    let want = truth("plate720_base", "MH12AB1234", 60);
    for (content_type, body) in [("image/jpeg", &jpeg), ("image/png", &png)] {
        let (status, reads) = http_post(running.http_addr(), "/v1/images?device_id=bus-1", content_type, body).await.unwrap();
        assert_eq!(status, 200, "{content_type}: {reads}");
        assert_eq!((&reads["width"], &reads["height"], &reads["device_id"]), (&w.into(), &h.into(), &"bus-1".into()));
        let plates = reads["plates"].as_array().unwrap();
        let p = plates.iter().find(|p| p["text"] == "MH12AB1234").unwrap_or_else(|| panic!("{content_type}: MH12AB1234 not read: {reads}"));
        assert_eq!((&p["kind"], &p["formatted"], &p["lines"]), (&"standard".into(), &"MH 12 AB 1234".into(), &1.into()), "{p}");
        let got = ["x", "y", "w", "h"].map(|k| p["box"][k].as_f64().unwrap());
        assert!(iou(got, want) >= 0.5, "{content_type}: box {got:?} vs truth {want:?}");
        assert!(p["confidence"].as_f64().unwrap() > 0.5, "{p}");
    }
    // Not an image, though it says it is: a 400 naming the reason, the models untouched.
    let (status, err) = http_post(running.http_addr(), "/v1/images", "image/jpeg", b"plain text").await.unwrap();
    assert_eq!((status, err["error"]["message"].as_str().unwrap()), (400, "the body is not a JPEG (its first bytes are not the format's signature)"));
    running.shutdown().await;
}

/// Polls the job until `done` (or `failed`, which fails the test).
async fn wait_done(addr: SocketAddr, job: &str) -> serde_json::Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(240);
    loop {
        let (status, j) = http(addr, "GET", &format!("/v1/clips/{job}"), None).await.unwrap();
        assert_eq!(status, 200, "{j}");
        match j["state"].as_str().unwrap() {
            "done" => return j,
            "failed" => panic!("the job failed: {j}"),
            _ => {}
        }
        assert!(std::time::Instant::now() < deadline, "the job did not finish: {j}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The clip's plates, as the job read them: every read is of `bus-1`, and stored like a live read.
async fn assert_reads(job: &serde_json::Value, store: &Arc<dyn sinks::challan::SinkStore>) {
    let reads = job["reads"].as_array().unwrap();
    let plates: BTreeSet<&str> = reads.iter().map(|r| r["plate"].as_str().unwrap()).collect();
    let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(clip("plate720_base", "json")).unwrap()).unwrap();
    let passes: BTreeSet<&str> = truth["plates"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!((plates, reads.len()), (passes.clone(), passes.len()), "one read per pass of the clip: {job}");
    assert!(reads.iter().all(|r| r["device_id"] == "bus-1" && r["stream_id"] == "upload"), "{job}");
    let stored = store.reads_by_plate("MH12AB1234", 0, i64::MAX).await.unwrap();
    assert!(stored.iter().any(|s| reads.iter().any(|r| r["event_id"] == s.event_id.as_str())), "the job's read is in the store: {stored:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_clip_becomes_stored_reads() {
    let _serial = fleetsight_e2e::models_test_lock();
    let dir = tempfile::tempdir().unwrap();
    let running = start(dir.path(), &temp_db()).await;
    // bus-1 drives north through the next five minutes, and one of the clip's plates is hotlisted.
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as i64;
    for i in 0..165 {
        let t = now - 30_000 + i * 2000;
        running.gps().insert(sinks::GpsFix {
            device_id: "bus-1".into(),
            time_ms: t,
            lat: 18.52 + i as f64 * 1e-4,
            lon: 73.85,
            heading_deg: None,
            speed_kmh: None,
        })
        .unwrap();
    }
    running.store().hotlist_put(HotlistEntry::parse_csv("plate,reason\nDL3CAB1234,stolen\n", "test", now).unwrap()).await.unwrap();
    let clip_bytes = std::fs::read(clip("plate720_base", "264")).unwrap();
    let (status, accepted) = http_post(running.http_addr(), "/v1/clips?device_id=bus-1", "video/h264", &clip_bytes).await.unwrap();
    assert_eq!(status, 202, "{accepted}");
    let job = wait_done(running.http_addr(), accepted["job_id"].as_str().unwrap()).await;
    assert_reads(&job, &running.store()).await;
    let hit = job["reads"].as_array().unwrap().iter().find(|r| r["plate"] == "DL3CAB1234").unwrap_or_else(|| panic!("DL3CAB1234 not read: {job}"));
    assert_eq!(hit["location_status"], "interpolated", "located from bus-1's track: {hit}");
    assert_eq!(job["incident_ids"].as_array().unwrap().len(), 1, "the hotlist hit: {job}");
    let metrics = prometheus::TextEncoder::new().encode_to_string(&running.registry().gather()).unwrap();
    assert_eq!(fleetsight_e2e::metric(&metrics, "fleetsight_upload_jobs_total", &[("outcome", "done")]), 1.0);
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_interrupted_by_a_restart_resumes() {
    let _serial = fleetsight_e2e::models_test_lock();
    let dir = tempfile::tempdir().unwrap();
    let db = temp_db();
    let running = start(dir.path(), &db).await;
    let clip_bytes = std::fs::read(clip("plate720_base", "264")).unwrap();
    let (status, accepted) = http_post(running.http_addr(), "/v1/clips?device_id=bus-1", "video/h264", &clip_bytes).await.unwrap();
    assert_eq!(status, 202, "{accepted}");
    let job = accepted["job_id"].as_str().unwrap().to_string();
    // Stop mid-job: the queue still says `running`; the next start puts it back in the queue.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let (_, j) = http(running.http_addr(), "GET", &format!("/v1/clips/{job}"), None).await.unwrap();
        if j["state"] == "running" {
            break;
        }
        assert!(j["state"] == "queued" && std::time::Instant::now() < deadline, "the job did not start: {j}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    running.shutdown().await;
    let jobs = sinks::store::EmbeddedStore::open(&dir.path().join("uploads/jobs.db")).unwrap();
    let left = sinks::jobs::JobStore::job(&jobs, &job).await.unwrap().unwrap();
    assert_eq!(left.state, sinks::jobs::JobState::Running, "stopped mid-job");
    let restarted = start(dir.path(), &db).await;
    let done = wait_done(restarted.http_addr(), &job).await;
    assert_reads(&done, &restarted.store()).await;
    restarted.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clip_that_is_not_video_fails_with_the_reason() {
    let _serial = fleetsight_e2e::models_test_lock();
    let dir = tempfile::tempdir().unwrap();
    let running = start(dir.path(), &temp_db()).await;
    // A start code, then no H.264: it passes the upload's checks, but not the decoder.
    let body: Vec<u8> = [0, 0, 0, 1].into_iter().chain((0..4096u32).map(|i| (i * 7919 % 251) as u8)).collect();
    let (status, accepted) = http_post(running.http_addr(), "/v1/clips?device_id=bus-1", "video/h264", &body).await.unwrap();
    assert_eq!(status, 202, "{accepted}");
    let path = format!("/v1/clips/{}", accepted["job_id"].as_str().unwrap());
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let job = loop {
        let (_, j) = http(running.http_addr(), "GET", &path, None).await.unwrap();
        if j["state"] == "failed" || j["state"] == "done" {
            break j;
        }
        assert!(std::time::Instant::now() < deadline, "the job did not end: {j}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(job["state"], "failed", "{job}");
    assert!(job["reason"].as_str().unwrap().starts_with("no frame of the clip could be decoded"), "{job}");
    assert_eq!(job["reads"], serde_json::json!([]));
    running.shutdown().await;
}

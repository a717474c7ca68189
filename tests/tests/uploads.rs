//! Uploads against the real plate models, through a running pipeline's API: a frame of a
//! generated clip, sent as a JPEG and as a PNG, reads as the plate its ground truth says.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use fleetsight_e2e::{clip, temp_db};
use ingest::decode::FrameDecoder;
use ingest::source::file::load_clip;

const KEY: &str = "uploader-key-of-acme";

/// `POST path` with `body` as `content_type` and the test's API key: the status and the body.
async fn http_post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> anyhow::Result<(u16, serde_json::Value)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nX-API-Key: {KEY}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await?;
    s.write_all(body).await?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").context("no HTTP header end")?;
    let code = head.split_whitespace().nth(1).context("no status")?.parse()?;
    Ok((code, serde_json::from_str(body).with_context(|| format!("not JSON: {body}"))?))
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

/// A pipeline whose one stream does not read plates (the models are loaded by the upload alone),
/// with tenant `acme` owning `bus-1` and a machine key for it.
async fn start(dir: &Path) -> pipeline::runtime::Running {
    let key_file = dir.join("key");
    std::fs::write(&key_file, KEY).unwrap();
    let toml = format!(
        "[api]\nlisten = \"127.0.0.1:0\"\n[[api.tenants]]\nid = \"acme\"\ndevices = [\"bus-1\"]\n\
         [[api.api_keys]]\nname = \"uploader\"\nkey_file = \"{}\"\ntenant = \"acme\"\nrole = \"viewer\"\n\
         [analysis]\nplates = false\n[store]\npath = \"{}\"\n\
         [[streams]]\nid = \"cam\"\ndevice_id = \"bus-1\"\nlocation = {{ lat = 18.52, lon = 73.85 }}\nfile = {{ path = \"{}\" }}\n",
        key_file.display(),
        temp_db().display(),
        clip("plate720_base", "264").display()
    );
    pipeline::runtime::start(pipeline::Config::from_toml_str(&toml, Path::new("uploads.toml")).unwrap()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_frame_reads_its_plate() {
    let _serial = fleetsight_e2e::models_test_lock();
    let dir = tempfile::tempdir().unwrap();
    let running = start(dir.path()).await;
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

//! Evidence packages end to end: rendered images and a large clip put in a package, the
//! manifest's hashes checked against the stored bytes, on the local filesystem and on a real S3
//! server (moto, started here; `tests/s3/install_moto.sh` installs it and `$FLEETSIGHT_MOTO_SERVER`
//! names it).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sinks::event::ModelVersions;
use sinks::evidence::{DeviceIdentity, EvidenceStore, EvidenceStoreConfig, FileCheck, PackageFile, PackageInfo, RgbFrame, Secret, StampInfo, render};

const AT_MS: i64 = 1_795_311_000_000;

/// A 640x360 frame with a gradient and a light "plate" rectangle.
fn frame() -> RgbFrame {
    let (w, h) = (640u32, 360u32);
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let plate = (300..380).contains(&x) && (200..224).contains(&y);
            rgb.extend_from_slice(&if plate { [235, 235, 235] } else { [(x / 3) as u8, (y / 2) as u8, 90] });
        }
    }
    RgbFrame::new(w, h, rgb).unwrap()
}

/// The package of one read: the two images and, when `clip_bytes > 0`, a clip of that size.
fn package(clip_bytes: usize) -> (Vec<PackageFile>, PackageInfo) {
    let f = frame();
    let stamp = StampInfo { location: Some((18.52043, 73.856744)), captured_at_ms: AT_MS, device_id: "bus-101".into(), plate: "MH12AB1234".into() };
    let img = render(&f, [300.0, 200.0, 80.0, 24.0], &stamp).unwrap();
    let mut files = img.files();
    if clip_bytes > 0 {
        // Not compressible, not periodic: a 64-bit LCG's high bytes.
        let mut s = 0x2545_F491_4F6C_DD1Du64;
        let data = (0..clip_bytes)
            .map(|_| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (s >> 56) as u8
            })
            .collect();
        files.push(PackageFile { name: "clip.mp4".into(), content_type: "video/mp4".into(), data });
    }
    let info = PackageInfo {
        reference: "MH-2026-000001".into(),
        provisions: vec!["MV Act s.122 r/w s.177".into()],
        models: ModelVersions { detector: "platenet-det-3".into(), reader: "platenet-ocr-5".into() },
        device: DeviceIdentity { device_id: "bus-101".into(), channel: Some(1), serial: Some("MDVR-SN-0042".into()), imei: Some("356938035643809".into()) },
        location: Some((18.52043, 73.856744)),
        captured_at_ms: AT_MS,
        source_frame_sha256: img.source_frame_sha256.clone(),
    };
    (files, info)
}

#[tokio::test]
async fn local_package_round_trips_and_tampering_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let store = EvidenceStore::new(&EvidenceStoreConfig::Local { root: dir.path().join("evidence") }).unwrap();
    let (files, info) = package(0);
    let frame_sha = sinks::evidence::sha256_hex(&files[0].data);
    let m = store.put_package("challans/MH-2026-000001", files, info.clone()).await.unwrap();
    assert_eq!(m.files.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["challans/MH-2026-000001/frame.jpg", "challans/MH-2026-000001/plate.jpg"]);
    assert_eq!(m.files[0].sha256, frame_sha);
    assert_eq!(m.info, info);
    let on_disk = dir.path().join("evidence/challans/MH-2026-000001");
    assert_eq!(std::fs::read(on_disk.join("frame.jpg")).unwrap().len() as u64, m.files[0].bytes);
    let report = store.verify_package("challans/MH-2026-000001").await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.manifest, m, "the stored manifest is the one returned");

    let plate = on_disk.join("plate.jpg");
    let mut bytes = std::fs::read(&plate).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&plate, &bytes).unwrap();
    std::fs::remove_file(on_disk.join("frame.jpg")).unwrap();
    let report = store.verify_package("challans/MH-2026-000001").await.unwrap();
    assert!(!report.is_intact());
    assert_eq!(report.files[0], ("frame.jpg".into(), FileCheck::Missing));
    assert!(
        matches!(&report.files[1], (n, FileCheck::Mismatch { bytes, sha256 }) if n == "plate.jpg" && *bytes == m.files[1].bytes && *sha256 != m.files[1].sha256)
    );

    // A manifest edited to point outside its package.
    let manifest = on_disk.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replace("challans/MH-2026-000001/plate.jpg", "challans/other/plate.jpg");
    std::fs::write(&manifest, text).unwrap();
    assert_eq!(store.verify_package("challans/MH-2026-000001").await.unwrap().files[1].1, FileCheck::ForeignKey);
}

#[tokio::test]
async fn bad_prefixes_and_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = EvidenceStore::new(&EvidenceStoreConfig::Local { root: dir.path().to_path_buf() }).unwrap();
    for prefix in ["../up", "a//b", "", "a/./b", "a b"] {
        let (files, info) = package(0);
        assert_eq!(store.put_package(prefix, files, info).await.unwrap_err().kind(), sinks::ErrorKind::InvalidArgument, "{prefix:?}");
    }
    let (mut files, info) = package(0);
    files[1].name = "manifest.json".into();
    assert!(store.put_package("p", files, info).await.is_err());
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written for a refused package");
    assert_eq!(store.verify_package("nothing/here").await.unwrap_err().kind(), sinks::ErrorKind::InvalidArgument);
}

/// moto's S3 server on a free loopback port; killed on drop.
struct Moto {
    port: u16,
    child: Child,
}

impl Moto {
    /// `$FLEETSIGHT_MOTO_SERVER`, or where `tests/s3/install_moto.sh` puts it.
    fn binary() -> PathBuf {
        std::env::var_os("FLEETSIGHT_MOTO_SERVER").map(PathBuf::from).unwrap_or_else(|| {
            let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
            home.join(".cache/fleetsight/venv-moto/bin/moto_server")
        })
    }

    fn start() -> Self {
        let bin = Self::binary();
        assert!(bin.exists(), "S3 test server missing at {}: run tests/s3/install_moto.sh and set FLEETSIGHT_MOTO_SERVER", bin.display());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting moto_server");
        let moto = Moto { port, child };
        // A bounded wait for the server to come up: the test asserts that it listens, not how fast.
        let listening = (0..300).any(|_| {
            let up = std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
            if !up {
                std::thread::sleep(Duration::from_millis(100));
            }
            up
        });
        assert!(listening, "moto_server did not listen on {port}");
        moto
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn s3_package_with_a_multipart_clip_verifies() {
    let moto = Moto::start();
    let http = reqwest::Client::new();
    // object_store cannot create buckets; moto takes an unsigned request.
    let made = http.put(format!("{}/challan-evidence", moto.url())).send().await.unwrap();
    assert!(made.status().is_success(), "create bucket: {}", made.status());
    let config = EvidenceStoreConfig::S3 {
        bucket: "challan-evidence".into(),
        endpoint: Some(moto.url()),
        region: "us-east-1".into(),
        access_key_id: Some(Secret::new("testing")),
        secret_access_key: Some(Secret::new("testing")),
        allow_http: true,
    };
    let store = EvidenceStore::new(&config).unwrap();
    let clip_bytes = 6 * 1024 * 1024 + 12_345;
    let (files, info) = package(clip_bytes);
    let m = store.put_package("challans/MH-2026-000001", files, info).await.unwrap();
    assert_eq!(m.files[2].bytes, clip_bytes as u64);
    let report = store.verify_package("challans/MH-2026-000001").await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.files.len(), 3);

    // S3 gives a multipart object the ETag `md5-of-part-md5s-PARTS`: two parts of 5 MiB and the rest.
    let head = http.head(format!("{}/challan-evidence/challans/MH-2026-000001/clip.mp4", moto.url())).send().await.unwrap();
    let etag = head.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.trim_matches('"').ends_with("-2"), "clip uploaded in two parts: ETag {etag}");
    assert_eq!(head.headers()["content-length"].to_str().unwrap(), clip_bytes.to_string());

    // Replace a file behind the store's back: the hash no longer matches.
    let raw = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name("challan-evidence")
        .with_endpoint(moto.url())
        .with_region("us-east-1")
        .with_access_key_id("testing")
        .with_secret_access_key("testing")
        .with_allow_http(true)
        .build()
        .unwrap();
    let key = object_store::path::Path::from("challans/MH-2026-000001/plate.jpg");
    object_store::ObjectStoreExt::put(&raw, &key, vec![0xFF, 0xD8, 0xFF, 0xD9].into()).await.unwrap();
    let report = store.verify_package("challans/MH-2026-000001").await.unwrap();
    assert_eq!(report.files[1], ("plate.jpg".into(), FileCheck::Mismatch { sha256: sinks::evidence::sha256_hex(&[0xFF, 0xD8, 0xFF, 0xD9]), bytes: 4 }));
    assert_eq!((report.files[0].1.clone(), report.files[2].1.clone()), (FileCheck::Intact, FileCheck::Intact));
}

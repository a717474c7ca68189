//! The evidence log and `verify`, end to end over the embedded store and a local evidence
//! directory: challans made by the violation stage get packages (carrying the capturing
//! device's serial and IMEI) and log records; then a flipped byte in a file or a manifest, a
//! deleted record and two swapped records are each caught and named.

use std::path::Path;
use std::sync::Arc;

use sinks::challan::{ChallanConfig, ChallanFilter, ChallanStore, ViolationStage};
use sinks::event::{Location, LocationStatus};
use sinks::evidence::{
    DeviceConfig, DeviceDirectory, EvidenceStore, EvidenceStoreConfig, PackageFile, PackageInfo, Verification, all_records, verify_all, verify_reference,
};
use sinks::rules::{RuleEngine, RulesConfig, ZoneRuleConfig};
use sinks::store::EmbeddedStore;
use sinks::{PlateRead, Store};

/// Tuesday 2026-11-17 03:30 UTC = 09:00 IST.
const T0: i64 = 1_763_350_200_000;
const MIN: i64 = 60_000;
const SERIAL: &str = "MDVR-SN-0042";
const IMEI: &str = "356938035643809";

struct World {
    dir: tempfile::TempDir,
    store: Arc<EmbeddedStore>,
    evidence: EvidenceStore,
    challans: Vec<String>,
}

/// A no-parking zone, three plates parked in it for 6 minutes (each read with a package from
/// `bus-101`, whose serial and IMEI are configured), so three challans with packages.
async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zone.geojson"),
        r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[72.839,19.059],[72.841,19.059],[72.841,19.061],[72.839,19.061],[72.839,19.059]]]}}"#,
    )
    .unwrap();
    let rules = RulesConfig {
        zones: vec![ZoneRuleConfig {
            id: "station-road".into(),
            geojson: "zone.geojson".into(),
            offence: "no_parking".into(),
            min_minutes: 5.0,
            max_gap_minutes: 15.0,
            hours: vec![],
        }],
        ..Default::default()
    };
    let store = Arc::new(EmbeddedStore::open(&dir.path().join("fleet.db")).unwrap());
    let evidence = EvidenceStore::new(&EvidenceStoreConfig::Local { root: dir.path().join("evidence") }).unwrap();
    let stage = ViolationStage::new(RuleEngine::build(&rules, dir.path()).unwrap(), ChallanConfig::default(), store.clone()).with_evidence(evidence.clone());
    let devices = DeviceDirectory::new(&[DeviceConfig { id: "bus-101".into(), serial: Some(SERIAL.into()), imei: Some(IMEI.into()) }]);
    for (p, plate) in ["MH12AB1234", "KA05MN6789", "MH14CD5678"].iter().enumerate() {
        for i in 0..3 {
            let at = T0 + p as i64 * 10 * MIN + i * 3 * MIN;
            let mut r = PlateRead::example(&format!("e{p}{i}"), plate, "bus-101", at);
            r.location = Some(Location { lat: 19.06, lon: 72.84, heading_deg: None, speed_kmh: Some(0.0), fix_age_ms: 0 });
            r.location_status = LocationStatus::Interpolated;
            r.evidence.package = Some(read_package(&evidence, &devices, &r).await);
            store.write(vec![r.clone()]).await.unwrap();
            stage.process(std::slice::from_ref(&r), at).await.unwrap();
        }
    }
    let mut challans: Vec<String> =
        store.challans(ChallanFilter { limit: 10, ..Default::default() }).await.unwrap().items.into_iter().map(|c| c.challan_no).collect();
    challans.sort();
    assert_eq!(challans.len(), 3, "{challans:?}");
    World { dir, store, evidence, challans }
}

/// A read's package as the edge writes it: the images and the device identity.
async fn read_package(evidence: &EvidenceStore, devices: &DeviceDirectory, r: &PlateRead) -> String {
    let files = vec![
        PackageFile { name: "frame.jpg".into(), content_type: "image/jpeg".into(), data: format!("frame of {}", r.event_id).into_bytes() },
        PackageFile { name: "plate.jpg".into(), content_type: "image/jpeg".into(), data: format!("crop of {}", r.event_id).into_bytes() },
    ];
    let info = PackageInfo {
        reference: r.event_id.clone(),
        provisions: vec![],
        models: r.models.clone(),
        device: devices.identity(&r.device_id, Some(r.channel)),
        location: Some((19.06, 72.84)),
        captured_at_ms: r.evidence.captured_at_ms,
        source_frame_sha256: sinks::evidence::sha256_hex(r.event_id.as_bytes()),
    };
    evidence.put_package(&format!("reads/{}", r.event_id), files, info).await.unwrap().prefix
}

impl World {
    async fn verify(&self, reference: &str) -> Verification {
        verify_reference(&self.evidence, self.store.as_ref(), self.store.as_ref(), reference).await.unwrap()
    }

    async fn verify_all(&self) -> Verification {
        verify_all(&self.evidence, self.store.as_ref(), self.store.as_ref()).await.unwrap()
    }

    fn package_dir(&self, i: usize) -> std::path::PathBuf {
        self.dir.path().join("evidence/challans").join(&self.challans[i])
    }

    fn sql(&self, sql: &str) {
        rusqlite::Connection::open(self.dir.path().join("fleet.db")).unwrap().execute_batch(sql).unwrap();
    }
}

fn flip_byte(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[at] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

fn has(v: &Verification, needle: &str) -> bool {
    v.problems.iter().any(|p| p.contains(needle))
}

#[tokio::test]
async fn every_challan_package_is_logged_and_verifies() {
    let w = world().await;
    let log = all_records(w.store.as_ref()).await.unwrap();
    assert_eq!(log.iter().map(|r| r.reference.clone()).collect::<Vec<_>>(), w.challans, "one record per package, in order");
    for no in &w.challans {
        let v = w.verify(no).await;
        assert!(v.is_intact(), "{}", v.render());
        assert!(v.checked.iter().any(|c| c.contains("read1-frame.jpg matches the manifest")), "{}", v.render());
    }
    let v = w.verify_all().await;
    assert!(v.is_intact(), "{}", v.render());
    assert!(v.render().ends_with("evidence intact\n"));
    assert!(w.verify("MH9999999999").await.problems[0].starts_with("no challan and no evidence log record"));
}

#[tokio::test]
async fn a_challan_package_carries_the_configured_device_identity() {
    let w = world().await;
    let manifest = w.evidence.manifest(&format!("challans/{}", w.challans[0])).await.unwrap();
    assert_eq!(manifest.info.device.device_id, "bus-101");
    assert_eq!((manifest.info.device.serial.as_deref(), manifest.info.device.imei.as_deref()), (Some(SERIAL), Some(IMEI)));
    assert_eq!(manifest.info.device.channel, Some(1));
    assert_eq!(manifest.info.source_frame_sha256.len(), 64);
    let text = std::fs::read_to_string(w.package_dir(0).join("manifest.json")).unwrap();
    assert!(text.contains(SERIAL) && text.contains(IMEI), "{text}");
}

#[tokio::test]
async fn a_flipped_byte_in_a_file_is_named() {
    let w = world().await;
    flip_byte(&w.package_dir(1).join("read1-plate.jpg"), 3);
    let v = w.verify(&w.challans[1]).await;
    assert!(!v.is_intact());
    assert!(has(&v, &format!("package `challans/{}` (log record 2): read1-plate.jpg hashes to", w.challans[1])), "{}", v.render());
    assert!(has(&v, "the file was altered"), "{}", v.render());
    assert_eq!(v.problems.len(), 1, "only that file: {}", v.render());
    assert!(w.verify(&w.challans[0]).await.is_intact(), "other packages are untouched");
}

#[tokio::test]
async fn a_flipped_byte_in_a_manifest_is_named() {
    let w = world().await;
    let path = w.package_dir(0).join("manifest.json");
    // Inside the first file's SHA-256 (hex, so still valid JSON).
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("\"sha256\": \"").unwrap() + 12;
    flip_byte(&path, at);
    let v = w.verify(&w.challans[0]).await;
    assert!(has(&v, &format!("package `challans/{}` (log record 1): manifest.json hashes to", w.challans[0])), "{}", v.render());
    assert!(has(&v, "the manifest was altered"), "{}", v.render());
}

#[tokio::test]
async fn a_deleted_record_is_caught() {
    let w = world().await;
    w.sql("DELETE FROM evidence_log WHERE seq = 2");
    let v = w.verify(&w.challans[0]).await;
    assert!(has(&v, "evidence log: records 2..=2 are missing"), "{}", v.render());
    assert!(has(&v, "record 3 (`") && has(&v, "its link does not match the hash of record 1"), "{}", v.render());
    let v = w.verify(&w.challans[1]).await;
    assert!(has(&v, &format!("challan {}: its package `challans/{}` has no record in the evidence log", w.challans[1], w.challans[1])), "{}", v.render());
}

#[tokio::test]
async fn a_deleted_head_record_is_caught() {
    let w = world().await;
    w.sql("DELETE FROM evidence_log WHERE seq = 3");
    assert!(w.verify(&w.challans[2]).await.problems.iter().any(|p| p.contains("has no record in the evidence log")));
    let v = w.verify_all().await;
    assert_eq!(v.problems.len(), 1, "{}", v.render());
    assert!(has(&v, &format!("challan {}: its package", w.challans[2])), "{}", v.render());
}

#[tokio::test]
async fn swapped_records_are_caught() {
    let w = world().await;
    // Rows 1 and 2 trade places: each row's content under the other's number.
    w.sql(
        "UPDATE evidence_log SET seq = -1 WHERE seq = 1;
         UPDATE evidence_log SET seq = 1 WHERE seq = 2;
         UPDATE evidence_log SET seq = 2 WHERE seq = -1;",
    );
    let v = w.verify_all().await;
    assert!(has(&v, &format!("record 1 (`{}`): its content does not match its hash", w.challans[1])), "{}", v.render());
    assert!(has(&v, &format!("record 2 (`{}`): its link does not match the hash of record 1", w.challans[0])), "{}", v.render());
    assert!(!v.is_intact());
}

//! Frames to challans: a bus camera's live stream, the bus's replayed GPS track inside a bus
//! lane, a vehicle registry and a hotlist. Every plate read in the lane during its hours gets
//! exactly one challan (issued when the owner is known, else held for review); the same lane
//! outside its hours gives none; a hotlisted plate is an incident. Each challan has an evidence
//! package that verifies (files, manifest and evidence-log record) and names the configured
//! device's serial and IMEI, and each issued one is notified (SMS and WhatsApp) exactly once.

use std::collections::BTreeSet;
use std::time::Duration;

use fleetsight_e2e::scene::{LAT, LON, bus_in_lane, notify_and_challans_toml, provider};
use fleetsight_e2e::{RtspServer, clip, temp_db};
use sinks::challan::{ChallanFilter, ChallanState, Vehicle};
use sinks::incident::{IncidentKind, NearQuery};
use sinks::rules::HotlistEntry;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bus_lane_reads_become_one_challan_per_plate() {
    let _serial = fleetsight_e2e::models_test_lock();
    let server = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The bus stands in the lane for the whole run (1 Hz fixes).
    let now = bus_in_lane(dir.path(), "bus-1", 240);
    // The lane's "closed" copy is reserved only in an hour that is not now (IST).
    let ist_minute = (now / 60_000 + 330) % 1440;
    let closed = ((ist_minute + 180) % 1440) / 60;
    let db = temp_db();
    let (provider_url, sent) = provider().await;
    let toml = format!(
        r#"
[api]
listen = "127.0.0.1:0"
[store]
path = "{db}"
[gps]
replay = [{{ path = "{gps}" }}]
[[rules.bus_lanes]]
id = "fc-road"
geojson = "lane.geojson"
hours = [{{ from = "00:00", to = "24:00" }}]
bus_devices = ["bus-1"]
[[rules.bus_lanes]]
id = "fc-road-night"
geojson = "lane.geojson"
offence = "bus_lane_night"
hours = [{{ from = "{closed:02}:00", to = "{closed:02}:30" }}]
bus_devices = ["bus-1"]
[evidence]
type = "local"
root = "{evidence}"
{notify}[[challans.offences]]
code = "bus_lane_night"
section = "s.177 MV Act"
fine_inr = 500
[[devices]]
id = "bus-1"
serial = "MDVR-SN-0042"
imei = "356938035643809"
[[streams]]
id = "bus-1-front"
device_id = "bus-1"
max_fps = 5.0
rtsp = {{ url = "{url}" }}
"#,
        db = db.display(),
        gps = dir.path().join("gps.csv").display(),
        notify = notify_and_challans_toml(&provider_url),
        evidence = dir.path().join("evidence").display(),
        url = server.url("cam0")
    );
    let config_path = dir.path().join("fleet.toml");
    std::fs::write(&config_path, &toml).unwrap();
    let config = pipeline::Config::load(&config_path).unwrap();
    let registry = "plate,owner_name,phone\nMH12AB1234,Asha Patil,+919812345678\nKA05MN6789,Ravi Rao,+919800000001\n";
    std::fs::write(dir.path().join("registry.csv"), registry).unwrap();
    assert_eq!(pipeline::admin::import_registry(&config, &dir.path().join("registry.csv")).await.unwrap(), 2);
    let store = pipeline::runtime::open_store(&config).await.unwrap();
    store.hotlist_put(HotlistEntry::parse_csv("plate,reason\nDL3CAB1234,stolen\n", "test", now).unwrap()).await.unwrap();
    assert!(store.vehicle("MH12AB1234").await.unwrap().is_some_and(|v: Vehicle| v.owner_name == "Asha Patil"));

    let running = pipeline::runtime::start(config).await.unwrap();
    // Two and a half loops of the 12 s clip: every plate passes at least twice.
    tokio::time::sleep(Duration::from_secs(32)).await;
    // Notices go out within a poll interval of the challan.
    tokio::time::sleep(Duration::from_secs(2)).await;
    running.shutdown().await;

    let reads = store.reads_by_device_hour("bus-1", sinks::store::hour_bucket(now)).await.unwrap();
    let mut read_plates: BTreeSet<String> = reads.iter().map(|r| r.plate.clone()).collect();
    read_plates.extend(store.reads_by_device_hour("bus-1", sinks::store::hour_bucket(now) + 3_600_000).await.unwrap().into_iter().map(|r| r.plate));
    assert!(read_plates.len() >= 3, "the clip's plates are read: {read_plates:?}");
    let challans = store.challans(ChallanFilter { limit: 100, ..Default::default() }).await.unwrap().items;
    let summary: Vec<_> = challans.iter().map(|c| (c.challan_no.as_str(), c.plate.as_str(), c.offence.as_str(), c.state.as_str())).collect();
    assert!(challans.iter().all(|c| c.offence == "bus_lane"), "the lane outside its hours raises nothing: {summary:?}");
    let challan_plates: Vec<&str> = challans.iter().map(|c| c.plate.as_str()).collect();
    assert_eq!(challan_plates.iter().copied().collect::<BTreeSet<_>>().len(), challans.len(), "one challan per plate, however many passes: {summary:?}");
    assert_eq!(challan_plates.iter().map(|p| p.to_string()).collect::<BTreeSet<_>>(), read_plates, "every plate read in the lane: {summary:?}");
    for c in &challans {
        assert_eq!((c.section.as_str(), c.fine_inr, c.device_id.as_str()), ("s.177 MV Act", 500, "bus-1"));
        assert!((c.lat - LAT).abs() < 1e-6 && (c.lon - LON).abs() < 1e-6, "located by the bus's GPS: {c:?}");
        let owned = ["MH12AB1234", "KA05MN6789"].contains(&c.plate.as_str());
        if owned && c.review_reasons.is_empty() {
            assert_eq!(c.state, ChallanState::Notified, "issued, then notified: {c:?}");
        } else {
            assert_eq!(c.state, ChallanState::PendingReview, "{c:?}");
            assert!(owned || c.review_reasons.contains(&"no registered owner".to_string()), "{c:?}");
        }
    }
    let q = NearQuery { lat: LAT, lon: LON, radius_m: 200.0, from_ms: now - 60_000, to_ms: now + 120_000, kinds: vec![], devices: None, limit: 100, cursor: None };
    let incidents = store.incidents_near(q).await.unwrap().items;
    assert_eq!(incidents.iter().filter(|i| i.kind == IncidentKind::Violation).count(), challans.len(), "each challan is an incident");
    let evidence = sinks::evidence::EvidenceStore::new(&sinks::evidence::EvidenceStoreConfig::Local { root: dir.path().join("evidence") }).unwrap();
    for c in &challans {
        let prefix = c.evidence.as_deref().unwrap_or_else(|| panic!("{} has no evidence package", c.challan_no));
        let report = evidence.verify_package(prefix).await.unwrap();
        assert!(report.is_intact(), "{report:?}");
        let names: Vec<&str> = report.manifest.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["read1-frame.jpg", "read1-plate.jpg"], "the read's frame and crop");
        assert_eq!(report.manifest.info.provisions, ["s.177 MV Act"]);
        assert_eq!(report.manifest.info.source_frame_sha256.len(), 64);
        let device = &report.manifest.info.device;
        assert_eq!((device.serial.as_deref(), device.imei.as_deref()), (Some("MDVR-SN-0042"), Some("356938035643809")), "the configured device, edge to challan");
        let v = sinks::evidence::verify_reference(&evidence, store.as_ref(), store.as_ref(), &c.challan_no).await.unwrap();
        assert!(v.is_intact(), "the package is in the evidence log: {}", v.render());
    }
    // Issued challans with a phone are notified on both channels, once each.
    let notified: Vec<_> = challans.iter().filter(|c| c.review_reasons.is_empty()).map(|c| c.challan_no.clone()).collect();
    assert!(!notified.is_empty(), "the registered plates are read and issued: {summary:?}");
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 2 * notified.len(), "one SMS and one WhatsApp per issued challan: {sent:?}");
    let tokens: BTreeSet<&str> = sent.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(tokens.len(), sent.len(), "no message sent twice");
    for no in &notified {
        let steps: Vec<_> = store.history(no).await.unwrap().into_iter().map(|t| (t.to.as_str(), t.actor)).collect();
        assert_eq!(steps, [("issued", "system".to_string()), ("notified", "notifier".to_string())], "{no}");
    }
    if read_plates.contains("DL3CAB1234") {
        assert!(incidents.iter().any(|i| i.kind == IncidentKind::Hotlist && i.plate.as_deref() == Some("DL3CAB1234")), "{incidents:?}");
    }
}

//! Violations to challans, end to end over the embedded store: scripted scenarios (reads with
//! locations, zones as GeoJSON files, a registry) give exactly the expected challans.

use std::path::Path;
use std::sync::Arc;

use sinks::challan::{ChallanConfig, ChallanFilter, ChallanState, ChallanStore, Vehicle, ViolationStage};
use sinks::event::{Location, LocationStatus};
use sinks::incident::{IncidentKind, IncidentStore, NearQuery};
use sinks::rules::{BusLaneConfig, ClonedPlateConfig, HotlistEntry, HotlistStore, HoursSpec, RuleEngine, RulesConfig, ZoneRuleConfig};
use sinks::store::EmbeddedStore;
use sinks::{ErrorKind, PlateRead, Store};

/// Tuesday 2026-11-17 03:30 UTC = 09:00 IST.
const T0: i64 = 1_763_350_200_000;
const MIN: i64 = 60_000;

/// A square around (lat, lon), `half` degrees each side.
fn square(lat: f64, lon: f64, half: f64) -> String {
    let (a, b, c, d) = (lon - half, lat - half, lon + half, lat + half);
    format!(r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[[{a},{b}],[{c},{b}],[{c},{d}],[{a},{d}],[{a},{b}]]]}}}}"#)
}

/// Station Road no-parking zone (5 min), the SV Road bus lane (07:00-10:00 weekdays), the
/// cloned-plate check.
fn rules(dir: &Path) -> RulesConfig {
    std::fs::write(dir.join("station_road.geojson"), square(19.0600, 72.8400, 0.001)).unwrap();
    std::fs::write(dir.join("sv_road.geojson"), square(19.1000, 72.8500, 0.002)).unwrap();
    RulesConfig {
        zones: vec![ZoneRuleConfig {
            id: "station-road".into(),
            geojson: "station_road.geojson".into(),
            offence: "no_parking".into(),
            min_minutes: 5.0,
            max_gap_minutes: 15.0,
            hours: vec![],
        }],
        bus_lanes: vec![BusLaneConfig {
            id: "sv-road".into(),
            geojson: "sv_road.geojson".into(),
            offence: "bus_lane".into(),
            hours: vec![HoursSpec { days: vec![0, 1, 2, 3, 4], from: "07:00".into(), to: "10:00".into() }],
            bus_devices: vec!["bus-1".into(), "bus-2".into()],
            exempt_plates: vec!["MH01BUS0001".into()],
        }],
        cloned_plate: Some(ClonedPlateConfig { max_speed_kmh: 150.0, min_distance_m: 2000.0, lookback_minutes: 120.0, offence: "cloned_plate".into() }),
        ..Default::default()
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Arc<EmbeddedStore>,
    stage: ViolationStage,
    n: usize,
}

impl World {
    async fn new(config: ChallanConfig) -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(EmbeddedStore::open(&dir.path().join("fleet.db")).unwrap());
        let rules = rules(dir.path());
        config.validate(&rules.offences()).unwrap();
        let engine = RuleEngine::build(&rules, dir.path()).unwrap();
        let registry = "plate,owner_name,phone\nMH12AB1234,Asha Patil,+919812345678\nKA05MN6789,Ravi Rao,+919800000001\nMH14CD5678,S. Kulkarni,+919800000002\n";
        store.put_vehicles(Vehicle::parse_csv(registry).unwrap()).await.unwrap();
        let stage = ViolationStage::new(engine, config, store.clone());
        World { _dir: dir, store, stage, n: 0 }
    }

    fn read(&mut self, plate: &str, device: &str, at: i64, lat: f64, lon: f64) -> PlateRead {
        self.n += 1;
        let mut r = PlateRead::example(&format!("e{}", self.n), plate, device, at);
        r.location = Some(Location { lat, lon, heading_deg: None, speed_kmh: Some(0.0), fix_age_ms: 0 });
        r.location_status = LocationStatus::Interpolated;
        r
    }

    /// Stores the reads, then runs the stage over them, one at a time as a sink would.
    async fn feed(&self, reads: &[PlateRead]) {
        for r in reads {
            self.store.write(vec![r.clone()]).await.unwrap();
            self.stage.process(std::slice::from_ref(r), r.evidence.captured_at_ms).await.unwrap();
        }
    }

    async fn challans(&self) -> Vec<sinks::challan::Challan> {
        self.store.challans(ChallanFilter { limit: 1000, ..Default::default() }).await.unwrap().items
    }
}

#[tokio::test]
async fn a_parked_car_gets_one_no_parking_challan() {
    let mut w = World::new(ChallanConfig::default()).await;
    let reads: Vec<_> = (0..10).map(|i| w.read("MH12AB1234", if i % 2 == 0 { "bus-1" } else { "bus-2" }, T0 + i * 3 * MIN, 19.0601, 72.8401)).collect();
    w.feed(&reads).await;
    let c = w.challans().await;
    assert_eq!(c.len(), 1, "one challan however many sightings: {c:#?}");
    assert_eq!((c[0].offence.as_str(), c[0].section.as_str(), c[0].plate.as_str()), ("no_parking", "s.122 r/w s.177 MV Act", "MH12AB1234"));
    assert_eq!(c[0].state, ChallanState::Issued, "owner known, confident read: issued");
    assert_eq!(c[0].event_ids, ["e1", "e3"], "first sighting and the one that reached 5 minutes (6 min)");
    assert_eq!(c[0].owner.as_ref().unwrap().owner_name, "Asha Patil");
    assert_eq!(c[0].challan_no, "MH0000000001");
    assert_eq!(c[0].notice_due_ms, Some(c[0].created_ms + 15 * 86_400_000));
}

#[tokio::test]
async fn passing_through_a_zone_or_two_nearby_cameras_give_no_challan() {
    let mut w = World::new(ChallanConfig::default()).await;
    let pass = [w.read("MH12AB1234", "bus-1", T0, 19.0601, 72.8401), w.read("MH12AB1234", "bus-2", T0 + 40_000, 19.0602, 72.8399)];
    // 100 m apart, 30 s apart, outside every zone.
    let near = [w.read("KA05MN6789", "bus-1", T0, 19.2000, 72.9000), w.read("KA05MN6789", "bus-2", T0 + 30_000, 19.2009, 72.9000)];
    w.feed(&pass).await;
    w.feed(&near).await;
    assert_eq!(w.challans().await, vec![]);
}

#[tokio::test]
async fn the_bus_lane_is_enforced_in_its_hours_only() {
    let mut w = World::new(ChallanConfig::default()).await;
    let inside = w.read("KA05MN6789", "bus-1", T0, 19.1001, 72.8501); // 09:00 IST Tuesday
    let evening = w.read("MH14CD5678", "bus-1", T0 + 8 * 60 * MIN, 19.1001, 72.8501); // 17:00 IST
    let not_a_bus = w.read("MH14CD5678", "patrol-7", T0, 19.1001, 72.8501);
    let own_bus = w.read("MH01BUS0001", "bus-2", T0, 19.1001, 72.8501);
    w.feed(&[inside, evening, not_a_bus, own_bus]).await;
    let c = w.challans().await;
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!((c[0].offence.as_str(), c[0].plate.as_str(), c[0].section.as_str()), ("bus_lane", "KA05MN6789", "s.177 MV Act"));
}

#[tokio::test]
async fn a_cloned_plate_across_two_buses() {
    let mut w = World::new(ChallanConfig::default()).await;
    // Mumbai, then Pune (~120 km) ten minutes later.
    let a = w.read("MH14CD5678", "bus-1", T0, 19.0760, 72.8777);
    let b = w.read("MH14CD5678", "bus-2", T0 + 10 * MIN, 18.5204, 73.8567);
    w.feed(&[a, b]).await;
    let c = w.challans().await;
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!((c[0].offence.as_str(), c[0].section.as_str()), ("cloned_plate", "s.192 MV Act"));
    assert_eq!(c[0].event_ids, ["e1", "e2"]);
    let incidents = w
        .store
        .incidents_near(NearQuery { lat: 18.5204, lon: 73.8567, radius_m: 1000.0, from_ms: T0, to_ms: T0 + 3_600_000, kinds: vec![], devices: None, limit: 10, cursor: None })
        .await
        .unwrap();
    assert_eq!(incidents.items.len(), 1, "the violation is an incident where the second read was made");
    assert_eq!(incidents.items[0].challan_no.as_deref(), Some(c[0].challan_no.as_str()));
}

#[tokio::test]
async fn a_hotlist_hit_is_an_incident_not_a_challan() {
    let mut w = World::new(ChallanConfig::default()).await;
    w.store.hotlist_put(HotlistEntry::parse_csv("plate,reason,note\nMH12AB1234,stolen,white Swift\n", "admin", T0).unwrap()).await.unwrap();
    let r = w.read("MH12AB1234", "bus-1", T0, 19.3000, 72.9000);
    w.feed(&[r]).await;
    assert_eq!(w.challans().await, vec![]);
    let q = NearQuery { lat: 19.3, lon: 72.9, radius_m: 500.0, from_ms: T0 - MIN, to_ms: T0 + MIN, kinds: vec![IncidentKind::Hotlist], devices: None, limit: 10, cursor: None };
    let hits = w.store.incidents_near(q).await.unwrap().items;
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].subtype.as_str(), hits[0].plate.as_deref()), ("stolen", Some("MH12AB1234")));
}

#[tokio::test]
async fn redelivery_adds_nothing() {
    let mut w = World::new(ChallanConfig::default()).await;
    let reads: Vec<_> = (0..4).map(|i| w.read("MH12AB1234", "bus-1", T0 + i * 3 * MIN, 19.0601, 72.8401)).collect();
    w.feed(&reads).await;
    w.feed(&reads).await; // Kafka redelivers the whole batch
    let out = w.stage.process(&reads, T0 + 60 * MIN).await.unwrap();
    assert!(out.challans.is_empty(), "a redelivered read makes no new challan");
    assert_eq!(w.challans().await.len(), 1);
}

#[tokio::test]
async fn doubtful_reads_and_unknown_owners_go_to_review() {
    let mut w = World::new(ChallanConfig::default()).await;
    let unknown = w.read("DL3CAB0001", "bus-1", T0, 19.1001, 72.8501);
    let mut weak = w.read("MH14CD5678", "bus-1", T0, 19.1001, 72.8501);
    weak.confidence = 0.5;
    let mut split = w.read("MH12AB1234", "bus-1", T0, 19.1001, 72.8501);
    split.candidates.push(sinks::event::Candidate { text: "MH12AB1284".into(), score: 0.4, reads: 3 });
    w.feed(&[unknown, weak, split]).await;
    let c = w.challans().await;
    assert_eq!(c.len(), 3);
    let reasons = |plate: &str| c.iter().find(|c| c.plate == plate).unwrap().review_reasons.join("; ");
    assert!(c.iter().all(|c| c.state == ChallanState::PendingReview && c.notice_due_ms.is_none()));
    assert_eq!(reasons("DL3CAB0001"), "no registered owner");
    assert_eq!(reasons("MH14CD5678"), "read confidence 0.50 below 0.80");
    assert_eq!(reasons("MH12AB1234"), "vote split: another reading has 40% of the votes");

    let mut strict = World::new(ChallanConfig { mandatory_review: true, ..Default::default() }).await;
    let r = strict.read("KA05MN6789", "bus-1", T0, 19.1001, 72.8501);
    strict.feed(&[r]).await;
    assert_eq!(strict.challans().await[0].review_reasons, ["review is mandatory"]);
}

#[tokio::test]
async fn the_lifecycle_is_enforced_and_recorded() {
    let mut w = World::new(ChallanConfig::default()).await;
    let r = w.read("DL3CAB0001", "bus-1", T0, 19.1001, 72.8501);
    w.feed(&[r]).await;
    let no = w.challans().await[0].challan_no.clone();
    let s = &w.store;
    assert_eq!(s.overdue_notices(T0 + 30 * 86_400_000).await.unwrap(), 0, "pending review: no notice is due");
    let counted = |c: Vec<(ChallanState, u64)>| c.into_iter().filter(|(_, n)| *n > 0).map(|(s, n)| (s.as_str(), n)).collect::<Vec<_>>();
    assert_eq!(counted(s.count_by_state().await.unwrap()), [("pending_review", 1)]);
    let issued = s.transition(&no, ChallanState::Issued, "reviewer:meera", "owner found by phone", T0 + MIN, 15).await.unwrap();
    assert_eq!(issued.notice_due_ms, Some(T0 + MIN + 15 * 86_400_000));
    assert_eq!(s.overdue_notices(T0 + 16 * 86_400_000).await.unwrap(), 1, "issued and not notified in 15 days: overdue");
    let e = s.transition(&no, ChallanState::PendingReview, "x", "", T0 + 2 * MIN, 15).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
    s.transition(&no, ChallanState::Notified, "system", "sms SM123", T0 + 2 * MIN, 15).await.unwrap();
    s.transition(&no, ChallanState::Paid, "api:payments", "UTR 998877", T0 + 3 * MIN, 15).await.unwrap();
    assert_eq!(s.overdue_notices(T0 + 16 * 86_400_000).await.unwrap(), 0);
    assert_eq!(counted(s.count_by_state().await.unwrap()), [("paid", 1)]);
    assert_eq!(s.count_by_state().await.unwrap().len(), ChallanState::ALL.len(), "every state, zeros included");
    assert_eq!(s.transition("MH9999999999", ChallanState::Paid, "x", "", T0, 15).await.unwrap_err().kind(), ErrorKind::NotFound);
    let h = s.history(&no).await.unwrap();
    let steps: Vec<_> = h.iter().map(|t| (t.from.map(|f| f.as_str()), t.to.as_str(), t.actor.as_str())).collect();
    assert_eq!(
        steps,
        [(None, "pending_review", "system"), (Some("pending_review"), "issued", "reviewer:meera"), (Some("issued"), "notified", "system"), (Some("notified"), "paid", "api:payments")]
    );
}

/// Two sink processes on one database file: every read of a parked car goes to both at once.
/// One challan, and numbers stay unique and gapless under concurrent issue.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_sinks_on_one_store_issue_each_challan_once() {
    let mut w = World::new(ChallanConfig::default()).await;
    let path = w._dir.path().join("fleet.db");
    let rules = rules(w._dir.path());
    let other_store = Arc::new(EmbeddedStore::open(&path).unwrap());
    let other = ViolationStage::new(RuleEngine::build(&rules, w._dir.path()).unwrap(), ChallanConfig::default(), other_store.clone());
    let mut reads = Vec::new();
    for car in 0..20 {
        let plate = format!("MH12AB{:04}", 1000 + car);
        for i in 0..3 {
            reads.push(w.read(&plate, "bus-1", T0 + i * 3 * MIN, 19.0601, 72.8401));
        }
    }
    w.store.write(reads.clone()).await.unwrap();
    let (a, b) = tokio::join!(w.stage.process(&reads, T0 + 10 * MIN), other.process(&reads, T0 + 10 * MIN));
    let made = a.unwrap().challans.len() + b.unwrap().challans.len();
    assert_eq!(made, 20, "each car's challan was made by exactly one sink");
    let mut numbers: Vec<_> = w.challans().await.into_iter().map(|c| c.challan_no).collect();
    numbers.sort();
    let expected: Vec<_> = (1..=20).map(|n| format!("MH{n:010}")).collect();
    assert_eq!(numbers, expected);
}

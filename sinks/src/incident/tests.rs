//! The embedded incident store against a brute-force scan: random incidents around the places
//! where the index is most likely to be wrong (cell edges and vertices, day boundaries, the
//! antimeridian, the poles, pentagons), queried page by page.

use geo::{Destination, Haversine, Point};
use h3o::{CellIndex, LatLng};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::geo::{DAY_MS, RESOLUTION, distance_m};
use super::model::{Incident, IncidentKind, IncidentStore, NearQuery};
use crate::error::ErrorKind;
use crate::store::EmbeddedStore;

const KINDS: [IncidentKind; 3] = [IncidentKind::Violation, IncidentKind::Hotlist, IncidentKind::Alarm];
/// A day in 2024, the scenarios' time origin.
const DAY0: i64 = 19_800 * DAY_MS;

fn incident(n: usize, lat: f64, lon: f64, at_ms: i64, kind: IncidentKind, device: usize) -> Incident {
    Incident {
        schema_version: 1,
        incident_id: format!("inc-{n:04}"),
        kind,
        subtype: "no_parking".into(),
        device_id: format!("bus-{device}"),
        plate: Some("MH12AB1234".into()),
        at_ms,
        lat,
        lon,
        challan_no: None,
        event_ids: vec![format!("ev-{n}")],
        detail: "test".into(),
    }
}

/// All pages of `q`, concatenated; checks every page's size on the way.
async fn all_pages(store: &EmbeddedStore, mut q: NearQuery) -> Vec<Incident> {
    let mut out = Vec::new();
    loop {
        let page = store.incidents_near(q.clone()).await.unwrap();
        assert!(page.items.len() <= q.limit);
        out.extend(page.items);
        match page.next {
            Some(c) => {
                assert!(out.len().is_multiple_of(q.limit), "only full pages have a next one");
                q.cursor = Some(c);
            }
            None => return out,
        }
    }
}

/// What `q` should return: every incident in range, by (at_ms, id).
fn brute_force(all: &[Incident], q: &NearQuery) -> Vec<String> {
    let mut hits: Vec<&Incident> = all
        .iter()
        .filter(|i| i.at_ms >= q.from_ms && i.at_ms < q.to_ms)
        .filter(|i| q.kinds.is_empty() || q.kinds.contains(&i.kind))
        .filter(|i| q.devices.as_ref().is_none_or(|d| d.contains(&i.device_id)))
        .filter(|i| distance_m(q.lat, q.lon, i.lat, i.lon) <= q.radius_m)
        .collect();
    hits.sort_by(|a, b| (a.at_ms, &a.incident_id).cmp(&(b.at_ms, &b.incident_id)));
    hits.into_iter().map(|i| i.incident_id.clone()).collect()
}

/// One generated case: a centre and radius, points around it, times around day boundaries.
#[derive(Debug, Clone)]
struct Scenario {
    lat: f64,
    lon: f64,
    radius_m: f64,
    /// (bearing, distance as a fraction of the radius) of scattered points.
    scatter: Vec<(f64, f64)>,
    /// Time offsets from DAY0 of the incidents (cycled).
    times: Vec<i64>,
    from_ms: i64,
    window_ms: i64,
    kinds: Vec<IncidentKind>,
    devices: Option<Vec<usize>>,
    limit: usize,
}

fn centre() -> impl Strategy<Value = (f64, f64)> {
    let pentagons: Vec<(f64, f64)> = CellIndex::base_cells()
        .filter(|c| c.is_pentagon())
        .filter_map(|c| c.center_child(RESOLUTION))
        .map(|c| (LatLng::from(c).lat(), LatLng::from(c).lng()))
        .collect();
    prop_oneof![
        (-80.0..80.0f64, -180.0..180.0f64),
        (0..12usize).prop_map(move |i| pentagons[i]),
        (89.9..=90.0f64, -180.0..=180.0f64, any::<bool>()).prop_map(|(lat, lon, s)| (if s { -lat } else { lat }, lon)),
        (-60.0..60.0f64, 179.99..=180.0f64, any::<bool>()).prop_map(|(lat, lon, w)| (lat, if w { -lon } else { lon })),
    ]
}

/// Offsets from DAY0 that sit on, just before and just after day boundaries, or anywhere.
fn time() -> impl Strategy<Value = i64> {
    prop_oneof![(-1..3i64, -2..=2i64).prop_map(|(d, ms)| d * DAY_MS + ms), -DAY_MS..3 * DAY_MS]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        centre(),
        prop_oneof![20.0..1_500.0f64, 1_500.0..8_000.0f64],
        proptest::collection::vec((0.0..360.0f64, prop_oneof![0.0..2.0f64, 0.999_999..1.000_001f64]), 20..60),
        proptest::collection::vec(time(), 1..20),
        (time(), prop_oneof![1..=2i64, 1..2 * DAY_MS]),
        proptest::sample::subsequence(KINDS.to_vec(), 0..=3),
        proptest::option::of(proptest::collection::vec(0..4usize, 1..3)),
        1..12usize,
    )
        .prop_map(|((lat, lon), radius_m, scatter, times, (from_ms, window_ms), kinds, devices, limit)| Scenario {
            lat,
            lon,
            radius_m,
            scatter,
            times,
            from_ms,
            window_ms,
            kinds,
            devices,
            limit,
        })
}

/// The scenario's incidents: scattered points (some on the rim), and the boundary vertices of
/// the cells around the centre (exactly, and nudged by ~1 cm either way).
fn incidents(s: &Scenario) -> Vec<Incident> {
    let centre = Point::new(s.lon, s.lat);
    let mut points: Vec<(f64, f64)> = s.scatter.iter().map(|&(b, f)| Haversine.destination(centre, b, f * s.radius_m)).map(|p| (p.y(), p.x())).collect();
    let origin = LatLng::new(s.lat, s.lon).unwrap().to_cell(RESOLUTION);
    for cell in origin.grid_disk::<Vec<_>>(2) {
        for v in cell.boundary().iter() {
            for nudge in [-1e-7, 0.0, 1e-7] {
                points.push(((v.lat() + nudge).clamp(-90.0, 90.0), (v.lng() + nudge).clamp(-180.0, 180.0)));
            }
        }
    }
    points.into_iter().enumerate().map(|(n, (lat, lon))| incident(n, lat, lon, DAY0 + s.times[n % s.times.len()], KINDS[n % 3], n % 4)).collect()
}

fn check(rt: &tokio::runtime::Runtime, s: &Scenario) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(&dir.path().join("t.db")).unwrap();
    let all = incidents(s);
    let q = NearQuery {
        lat: s.lat,
        lon: s.lon,
        radius_m: s.radius_m,
        from_ms: DAY0 + s.from_ms,
        to_ms: DAY0 + s.from_ms + s.window_ms,
        kinds: s.kinds.clone(),
        devices: s.devices.as_ref().map(|d| d.iter().map(|n| format!("bus-{n}")).collect()),
        limit: s.limit,
        cursor: None,
    };
    let got = rt.block_on(async {
        store.write_incidents(all.clone()).await.unwrap();
        all_pages(&store, q.clone()).await
    });
    let got: Vec<String> = got.into_iter().map(|i| i.incident_id).collect();
    prop_assert_eq!(got, brute_force(&all, &q));
    Ok(())
}

#[test]
fn near_matches_a_brute_force_scan() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut runner = TestRunner::new(Config { cases: 96, ..Config::default() });
    runner.run(&scenario(), |s| check(&rt, &s)).unwrap();
}

#[tokio::test]
async fn pages_have_no_gaps_or_duplicates_and_writes_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(&dir.path().join("t.db")).unwrap();
    // 120 incidents at 40 ms-apart times, with ties on at_ms (pairs share a time).
    let all: Vec<Incident> = (0..120).map(|n| incident(n, 12.9716 + n as f64 * 1e-5, 77.5946, DAY0 + (n as i64 / 2) * 40, KINDS[n % 3], n % 4)).collect();
    assert_eq!(store.write_incidents(all.clone()).await.unwrap(), 120);
    assert_eq!(store.write_incidents(all.clone()).await.unwrap(), 0, "redelivery writes nothing");
    let q =
        NearQuery { lat: 12.9716, lon: 77.5946, radius_m: 1_000.0, from_ms: DAY0, to_ms: DAY0 + DAY_MS, kinds: vec![], devices: None, limit: 7, cursor: None };
    let first = store.incidents_near(q.clone()).await.unwrap();
    // serde_json parses floats to within an ulp (no `float_roundtrip`), so compare ids, and one
    // whole incident whose coordinates parse back exactly.
    let ids = |v: &[Incident]| v.iter().map(|i| i.incident_id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first.items), ids(&all[..7]), "(at_ms, id) order");
    assert_eq!(first.items[0], all[0], "the whole incident round-trips");
    let got = all_pages(&store, q.clone()).await;
    assert_eq!(ids(&got), ids(&all), "every incident once, in order");
    let alarms = all_pages(&store, NearQuery { kinds: vec![IncidentKind::Alarm], devices: Some(vec!["bus-2".into()]), ..q.clone() }).await;
    assert!(!alarms.is_empty() && alarms.iter().all(|i| i.kind == IncidentKind::Alarm && i.device_id == "bus-2"));
    let exact = store.incidents_near(NearQuery { limit: 120, ..q.clone() }).await.unwrap();
    assert_eq!((exact.items.len(), exact.next), (120, None), "a page that holds everything is the last");
}

#[tokio::test]
async fn bad_queries_and_incidents_are_invalid_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(&dir.path().join("t.db")).unwrap();
    let bad = incident(1, 95.0, 0.0, DAY0, IncidentKind::Alarm, 0);
    let e = store.write_incidents(vec![bad]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.to_string().contains("lat:"), "{e}");
    let late = incident(2, 0.0, 0.0, i64::MAX, IncidentKind::Alarm, 0);
    let e = store.write_incidents(vec![late]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.to_string().contains("at_ms:"), "{e}");
    let q = NearQuery { lat: 0.0, lon: 0.0, radius_m: 100_000.0, from_ms: 0, to_ms: 1, kinds: vec![], devices: None, limit: 10, cursor: None };
    let e = store.incidents_near(q).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.to_string().starts_with("radius_m:"), "{e}");
}

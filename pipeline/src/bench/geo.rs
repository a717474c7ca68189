//! `fleetsight bench geo`: N synthetic incidents into the embedded store, then the latency of
//! "what happened near here" for 1 km over 24 h and 5 km over 7 days.
//!
//! The incidents are spread like a fleet's: 70% over a 40 x 40 km metro (Bengaluru), half of
//! those around 300 junctions, and 30% over four other cities, uniformly over 30 days. Queries are
//! centred on incidents (people ask where things happen) at random times in those 30 days.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sinks::incident::{Incident, IncidentKind, IncidentStore, NearQuery, geo};

/// Incidents per write: one transaction each.
const BATCH: u64 = 100_000;
/// Days the incidents span.
const SPAN_DAYS: i64 = 30;
/// The first day: 2026-10-01 UTC.
const T0_MS: i64 = 20_727 * geo::DAY_MS;
/// The API's page size for the first-page figure.
const PAGE: usize = 100;
/// Where the junction hotspots are drawn from.
const HOTSPOTS: u64 = 300;

/// (lat, lon, half-side in km) of the metro and the other cities.
const METRO: (f64, f64, f64) = (12.9716, 77.5946, 20.0);
const CITIES: [(f64, f64, f64); 4] = [(19.0760, 72.8777, 10.0), (28.6139, 77.2090, 10.0), (13.0827, 80.2707, 10.0), (17.3850, 78.4867, 10.0)];

/// What `fleetsight bench geo` does.
#[derive(Debug, Clone)]
pub struct GeoOptions {
    /// Incidents to load.
    pub incidents: u64,
    /// The database; `None`: a fresh one in a temporary directory, removed afterwards.
    pub db: Option<PathBuf>,
    /// Queries per figure.
    pub queries: usize,
}

/// Latency of one kind of query.
#[derive(Debug, Clone)]
pub struct QueryFigures {
    /// The query, in words.
    pub what: String,
    /// First page (limit 100), p50 and p99.
    pub first_page_ms: (f64, f64),
    /// Every page (limit 1000) until the last, p50 and p99.
    pub all_pages_ms: (f64, f64),
    /// Mean incidents per query (all pages).
    pub mean_results: f64,
    /// Mean covering cells per query.
    pub mean_cells: f64,
}

/// Figures of `fleetsight bench geo`.
#[derive(Debug, Clone)]
pub struct GeoFigures {
    /// Incidents loaded.
    pub incidents: u64,
    /// Incidents per second into the store (wall).
    pub load_per_sec: f64,
    /// The database's size on disk (with its WAL), bytes.
    pub db_bytes: u64,
    /// One row per query kind.
    pub queries: Vec<QueryFigures>,
}

/// SplitMix64: a small deterministic generator, so incident `i` is the same in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(f64::MIN_POSITIVE), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Moves (`lat`, `lon`) by (`north_km`, `east_km`) (flat-earth: fine over tens of km).
fn offset((lat, lon): (f64, f64), north_km: f64, east_km: f64) -> (f64, f64) {
    (lat + north_km / 111.195, lon + east_km / (111.195 * lat.to_radians().cos()))
}

fn in_square(rng: &mut Rng, (lat, lon, half): (f64, f64, f64)) -> (f64, f64) {
    offset((lat, lon), (rng.unit() * 2.0 - 1.0) * half, (rng.unit() * 2.0 - 1.0) * half)
}

/// Where incident `i` happened.
fn place(rng: &mut Rng) -> (f64, f64) {
    let r = rng.unit();
    if r < 0.35 {
        in_square(rng, METRO)
    } else if r < 0.7 {
        // Around a junction: 300 fixed points in the metro, ~250 m spread.
        let junction = in_square(&mut Rng(rng.next() % HOTSPOTS), METRO);
        offset(junction, rng.normal() * 0.25, rng.normal() * 0.25)
    } else {
        let city = CITIES[(rng.next() % CITIES.len() as u64) as usize];
        in_square(rng, city)
    }
}

/// Incident `i`, the same in every run.
fn synthetic(i: u64) -> Incident {
    let mut rng = Rng(i);
    let (lat, lon) = place(&mut rng);
    let at_ms = T0_MS + (rng.unit() * (SPAN_DAYS * geo::DAY_MS) as f64) as i64;
    let device = format!("bus-{}", rng.next() % 5000);
    let (kind, subtype) = match rng.next() % 10 {
        0..=6 => (IncidentKind::Violation, "no_parking"),
        7 => (IncidentKind::Hotlist, "stolen"),
        _ => (IncidentKind::Alarm, "harsh_braking"),
    };
    let plate = (kind != IncidentKind::Alarm).then(|| format!("KA{:02}AB{:04}", 1 + rng.next() % 70, rng.next() % 10_000));
    let id = sinks::event::event_id(&["bench-geo", &i.to_string()]);
    Incident {
        schema_version: 1,
        event_ids: vec![sinks::event::event_id(&[&id, "read"])],
        incident_id: id,
        kind,
        subtype: subtype.into(),
        device_id: device,
        plate,
        at_ms,
        lat,
        lon,
        challan_no: None,
        detail: format!("{} seen by camera", kind.as_str()),
    }
}

fn db_bytes(db: &Path) -> u64 {
    ["", "-wal", "-shm"].iter().filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok()).map(|m| m.len()).sum()
}

fn percentiles(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort_unstable();
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99))
}

async fn load(store: &sinks::store::EmbeddedStore, n: u64) -> anyhow::Result<f64> {
    let t = Instant::now();
    let mut next_report = 1_000_000;
    for start in (0..n).step_by(BATCH as usize) {
        let batch: Vec<Incident> = (start..(start + BATCH).min(n)).map(synthetic).collect();
        store.write_incidents(batch).await?;
        if start + BATCH >= next_report {
            tracing::info!(loaded = start + BATCH, per_sec = ((start + BATCH) as f64 / t.elapsed().as_secs_f64()) as u64, "Loading incidents.");
            next_report += 1_000_000;
        }
    }
    Ok(n as f64 / t.elapsed().as_secs_f64())
}

/// Runs `queries` random queries of `radius_m` over `window_ms` against `store`.
async fn measure(store: &sinks::store::EmbeddedStore, n: u64, queries: usize, radius_m: f64, window_ms: i64, what: &str) -> anyhow::Result<QueryFigures> {
    let mut rng = Rng(0x9e0_u64 ^ radius_m as u64);
    let (mut first, mut all, mut results, mut cells) = (Vec::new(), Vec::new(), 0usize, 0usize);
    for _ in 0..queries {
        let centre = synthetic(rng.next() % n);
        let from_ms = T0_MS + (rng.unit() * (SPAN_DAYS * geo::DAY_MS - window_ms) as f64) as i64;
        let mut q = NearQuery {
            lat: centre.lat,
            lon: centre.lon,
            radius_m,
            from_ms,
            to_ms: from_ms + window_ms,
            kinds: vec![],
            devices: None,
            limit: PAGE,
            cursor: None,
        };
        cells += geo::covering_cells(q.lat, q.lon, radius_m)?.len();
        let t = Instant::now();
        store.incidents_near(q.clone()).await?;
        first.push(t.elapsed());
        q.limit = sinks::incident::MAX_LIMIT;
        let t = Instant::now();
        loop {
            let page = store.incidents_near(q.clone()).await?;
            results += page.items.len();
            match page.next {
                Some(c) => q.cursor = Some(c),
                None => break,
            }
        }
        all.push(t.elapsed());
    }
    Ok(QueryFigures {
        what: what.into(),
        first_page_ms: percentiles(first),
        all_pages_ms: percentiles(all),
        mean_results: results as f64 / queries as f64,
        mean_cells: cells as f64 / queries as f64,
    })
}

/// Loads the incidents and measures the queries.
pub async fn run(opts: &GeoOptions) -> anyhow::Result<GeoFigures> {
    anyhow::ensure!(opts.incidents > 0 && opts.queries > 0, "--incidents and --queries must be positive");
    let (db, temp) = match &opts.db {
        Some(db) => (db.clone(), None),
        None => {
            let dir = std::env::temp_dir().join(format!("fleetsight-bench-geo-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            (dir.join("incidents.db"), Some(dir))
        }
    };
    let store = sinks::store::EmbeddedStore::open(&db)?;
    let load_per_sec = load(&store, opts.incidents).await?;
    let db_bytes = db_bytes(&db);
    let queries = vec![
        measure(&store, opts.incidents, opts.queries, 1_000.0, geo::DAY_MS, "1 km, 24 h").await?,
        measure(&store, opts.incidents, opts.queries, 5_000.0, 7 * geo::DAY_MS, "5 km, 7 days").await?,
    ];
    drop(store);
    if let Some(dir) = temp {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(GeoFigures { incidents: opts.incidents, load_per_sec, db_bytes, queries })
}

/// What `fleetsight bench geo` prints.
pub fn render(f: &GeoFigures) -> String {
    let mut s = format!(
        "loaded {} incidents at {:.0}/s; database {:.2} GB (H3 resolution {})\n",
        f.incidents,
        f.load_per_sec,
        f.db_bytes as f64 / 1e9,
        u8::from(geo::RESOLUTION)
    );
    s += &format!("{:<14} {:>7} {:>17} {:>17} {:>17} {:>17} {:>12}\n", "query", "cells", "page p50 ms", "page p99 ms", "all p50 ms", "all p99 ms", "results");
    for q in &f.queries {
        s += &format!(
            "{:<14} {:>7.1} {:>17.2} {:>17.2} {:>17.2} {:>17.2} {:>12.1}\n",
            q.what, q.mean_cells, q.first_page_ms.0, q.first_page_ms.1, q.all_pages_ms.0, q.all_pages_ms.1, q.mean_results
        );
    }
    s + &format!("(page: the first {PAGE} by time; all: every page of {} until the last; results: mean per query)\n", sinks::incident::MAX_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incidents_are_deterministic_and_where_the_cities_are() {
        assert_eq!(synthetic(7), synthetic(7));
        assert_ne!(synthetic(7).incident_id, synthetic(8).incident_id);
        for i in 0..2_000 {
            let inc = synthetic(i);
            let near = std::iter::once(METRO).chain(CITIES).any(|(lat, lon, half)| geo::distance_m(lat, lon, inc.lat, inc.lon) < (half * 1.5 + 2.0) * 1e3);
            assert!(near, "incident {i} at ({}, {}) is in no city", inc.lat, inc.lon);
            assert!((T0_MS..T0_MS + SPAN_DAYS * geo::DAY_MS).contains(&inc.at_ms));
        }
    }

    #[tokio::test]
    async fn a_small_run_finds_incidents() {
        let dir = tempfile::tempdir().unwrap();
        let f = run(&GeoOptions { incidents: 20_000, db: Some(dir.path().join("g.db")), queries: 5 }).await.unwrap();
        assert_eq!(f.queries.len(), 2);
        assert!(f.queries.iter().all(|q| q.mean_results > 0.0 && q.mean_cells >= 1.0), "{}", render(&f));
        assert!(f.queries[1].mean_results > f.queries[0].mean_results, "5 km over 7 days holds more than 1 km over 24 h");
    }
}

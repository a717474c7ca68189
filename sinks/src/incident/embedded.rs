//! [`IncidentStore`] in the embedded store (SQLite): one table, idempotent on `incident_id`, and
//! one covering index led by (cell, day, at_ms) — the partitions of the shared index model.

use futures::future::BoxFuture;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Statement, params};

use super::geo;
use super::model::{Incident, IncidentStore, NearQuery, Page};
use super::query::{Candidate, Match, Plan};
use crate::error::{Error, ErrorKind, Result};
use crate::store::EmbeddedStore;
use crate::store::db_err;

/// The incidents table, run by [`EmbeddedStore::open`]. The index carries every column the
/// query filters on, so candidates are filtered without touching the table; only a page's
/// bodies are read from it.
pub(crate) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS incidents (
        incident_id TEXT PRIMARY KEY,
        cell INTEGER NOT NULL,
        day INTEGER NOT NULL,
        at_ms INTEGER NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        kind TEXT NOT NULL,
        device_id TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS incidents_by_cell_day ON incidents (cell, day, at_ms, incident_id, lat, lon, kind, device_id);
";

/// Cells per statement. Shorter chunks are padded with a repeated cell, so one cached statement
/// serves every query.
const CELLS_PER_STATEMENT: usize = 64;

const INSERT: &str =
    "INSERT OR IGNORE INTO incidents (incident_id, cell, day, at_ms, lat, lon, kind, device_id, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";


/// The SQL of one (cells chunk, day) read: `?1..?64` cells, then day, lo, hi.
fn select_sql() -> String {
    let cells = (1..=CELLS_PER_STATEMENT).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let n = CELLS_PER_STATEMENT;
    format!(
        "SELECT at_ms, incident_id, lat, lon, kind, device_id, rowid FROM incidents INDEXED BY incidents_by_cell_day \
         WHERE cell IN ({cells}) AND day = ?{} AND at_ms >= ?{} AND at_ms < ?{}",
        n + 1,
        n + 2,
        n + 3
    )
}

/// H3 indexes keep bit 63 zero, so they fit SQLite's signed integers unchanged.
fn cell_key(cell: u64) -> i64 {
    cell as i64
}

/// Inserts `incidents` with `tx`'s cached statement; returns how many were new.
fn insert(tx: &Connection, incidents: &[Incident]) -> Result<usize> {
    let mut stmt = tx.prepare_cached(INSERT).map_err(db_err)?;
    let mut new = 0;
    for i in incidents {
        let cell = geo::cell_of(i.lat, i.lon)
            .and_then(|cell| geo::check_time("at_ms", i.at_ms).map(|()| cell))
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("incident {}: {e}", i.incident_id)))?;
        let body = serde_json::to_string(i).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        new += stmt
            .execute(params![i.incident_id, cell_key(cell), geo::day_of(i.at_ms), i.at_ms, i.lat, i.lon, i.kind.as_str(), i.device_id, body])
            .map_err(db_err)?;
    }
    Ok(new)
}

/// Reads one chunk of cells in one day through `plan`'s filter into `matches`.
fn read_chunk(stmt: &mut Statement<'_>, cells: &[u64], day: i64, (lo, hi): (i64, i64), plan: &Plan, matches: &mut Vec<Match<i64>>) -> Result<()> {
    for i in 0..CELLS_PER_STATEMENT {
        stmt.raw_bind_parameter(i + 1, cell_key(*cells.get(i).unwrap_or(&cells[0]))).map_err(db_err)?;
    }
    let n = CELLS_PER_STATEMENT;
    stmt.raw_bind_parameter(n + 1, day).map_err(db_err)?;
    stmt.raw_bind_parameter(n + 2, lo).map_err(db_err)?;
    stmt.raw_bind_parameter(n + 3, hi).map_err(db_err)?;
    let mut rows = stmt.raw_query();
    while let Some(r) = rows.next().map_err(db_err)? {
        let text = |i: usize| -> Result<&str> {
            match r.get_ref(i).map_err(db_err)? {
                ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| Error::new(ErrorKind::Internal, format!("stored incident: {e}"))),
                _ => Err(Error::new(ErrorKind::Internal, "stored incident: a text column is not text")),
            }
        };
        let c = Candidate {
            at_ms: r.get(0).map_err(db_err)?,
            incident_id: text(1)?,
            lat: r.get(2).map_err(db_err)?,
            lon: r.get(3).map_err(db_err)?,
            kind: text(4)?,
            device_id: text(5)?,
            payload: r.get(6).map_err(db_err)?,
        };
        plan.offer(c, matches);
    }
    Ok(())
}

/// One page of `plan`, read day by day, oldest first.
fn near(c: &Connection, plan: &Plan) -> Result<Page<Incident>> {
    let mut stmt = c.prepare_cached(&select_sql()).map_err(db_err)?;
    let mut matches = Vec::new();
    for &day in &plan.days {
        let range = plan.range(day);
        if range.0 >= range.1 {
            continue;
        }
        for cells in plan.cells.chunks(CELLS_PER_STATEMENT) {
            read_chunk(&mut stmt, cells, day, range, plan, &mut matches)?;
        }
        if plan.is_full(&matches) {
            break;
        }
    }
    let (page, next) = plan.page(matches);
    let mut body = c.prepare_cached("SELECT body FROM incidents WHERE rowid = ?1").map_err(db_err)?;
    let items = page
        .iter()
        .map(|m| {
            let text: String = body.query_row([m.payload], |r| r.get(0)).map_err(db_err)?;
            serde_json::from_str(&text).map_err(|e| Error::new(ErrorKind::Internal, format!("stored incident does not parse: {e}")))
        })
        .collect::<Result<_>>()?;
    Ok(Page { items, next })
}

impl IncidentStore for EmbeddedStore {
    fn write_incidents(&self, incidents: Vec<Incident>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction().map_err(db_err)?;
            let new = insert(&tx, &incidents)?;
            tx.commit().map_err(db_err)?;
            Ok(new)
        }))
    }

    fn incidents_near(&self, q: NearQuery) -> BoxFuture<'_, Result<Page<Incident>>> {
        Box::pin(async move {
            let plan = Plan::new_blocking(q).await?;
            self.blocking(move |c| near(c, &plan)).await
        })
    }
}

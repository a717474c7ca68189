//! [`IncidentStore`] in ScyllaDB: `fleetsight.incidents_by_cell_day`, partitioned by
//! (cell, day) and clustered by (at, incident_id) (`deploy/cql/schema.cql`). A query reads its
//! partitions concurrently, one day at a time, and filters and pages like the embedded store.

use futures::future::BoxFuture;
use futures::{StreamExt, TryStreamExt};
use scylla::client::session::Session;
use scylla::statement::prepared::PreparedStatement;
use scylla::value::CqlTimestamp;

use super::geo;
use super::model::{Incident, IncidentStore, NearQuery, Page};
use super::query::{Candidate, Match, Plan};
use crate::error::{Error, ErrorKind, Result};
use crate::store::ScyllaStore;

/// Partitions (or writes) in flight per query (or batch): enough to hide a round trip per
/// partition, few enough not to flood one coordinator.
const CONCURRENCY: usize = 32;

/// A partition's row: at, incident_id, lat, lon, kind, device_id, body.
type Row = (CqlTimestamp, String, f64, f64, String, String, String);

/// The prepared incident statements, prepared by [`ScyllaStore::connect`].
pub(crate) struct ScyllaIncidents {
    insert: PreparedStatement,
    select: PreparedStatement,
}

fn unavailable(what: &'static str) -> impl Fn(String) -> Error {
    move |e| Error::new(ErrorKind::Unavailable, format!("scylla {what}: {e}"))
}

/// Day buckets are days since the epoch: an `int` column (times are checked against
/// [`geo::MAX_ABS_MS`], so every day fits).
fn day_key(day: i64) -> Result<i32> {
    i32::try_from(day).map_err(|_| Error::new(ErrorKind::Internal, format!("day {day} does not fit the day column")))
}

impl ScyllaIncidents {
    /// Prepares the statements (the table must exist).
    pub(crate) async fn prepare(session: &Session) -> Result<Self> {
        let prepare = |cql: &'static str| async move { session.prepare(cql).await.map_err(|e| unavailable("prepare")(e.to_string())) };
        Ok(Self {
            insert: prepare(
                "INSERT INTO fleetsight.incidents_by_cell_day (cell, day, at, incident_id, lat, lon, kind, device_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .await?,
            select: prepare(
                "SELECT at, incident_id, lat, lon, kind, device_id, body FROM fleetsight.incidents_by_cell_day WHERE cell = ? AND day = ? AND at >= ? AND at < ?",
            )
            .await?,
        })
    }
}

/// The bound values of one incident's upsert.
type Upsert = (i64, i32, CqlTimestamp, String, f64, f64, &'static str, String, String);

fn upsert_values(i: &Incident) -> Result<Upsert> {
    let cell = geo::cell_of(i.lat, i.lon)
        .and_then(|cell| geo::check_time("at_ms", i.at_ms).map(|()| cell))
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("incident {}: {e}", i.incident_id)))?;
    let body = serde_json::to_string(i).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
    // H3 indexes keep bit 63 zero: they fit a bigint unchanged.
    Ok((cell as i64, day_key(geo::day_of(i.at_ms))?, CqlTimestamp(i.at_ms), i.incident_id.clone(), i.lat, i.lon, i.kind.as_str(), i.device_id.clone(), body))
}

impl ScyllaStore {
    /// The rows of partition (`cell`, `day`) in `[lo, hi)`.
    async fn partition(&self, cell: u64, day: i32, (lo, hi): (i64, i64)) -> Result<Vec<Row>> {
        let values = (cell as i64, day, CqlTimestamp(lo), CqlTimestamp(hi));
        let pager = self.session().execute_iter(self.incidents().select.clone(), values).await.map_err(|e| unavailable("select")(e.to_string()))?;
        pager.rows_stream::<Row>().map_err(|e| unavailable("rows")(e.to_string()))?.try_collect().await.map_err(|e| unavailable("rows")(e.to_string()))
    }

    /// One day of `plan`: its partitions read concurrently, filtered into `matches`.
    async fn read_day(&self, plan: &Plan, day: i64, matches: &mut Vec<Match<String>>) -> Result<()> {
        let range = plan.range(day);
        if range.0 >= range.1 {
            return Ok(());
        }
        let day = day_key(day)?;
        // The futures are built before the stream (not by a closure inside it), which keeps the
        // boxed future `Send` for the compiler.
        let reads: Vec<_> = plan.cells.iter().map(|&cell| self.partition(cell, day, range)).collect();
        let mut parts = futures::stream::iter(reads).buffer_unordered(CONCURRENCY);
        while let Some(rows) = parts.next().await {
            for (at, id, lat, lon, kind, device, body) in rows? {
                plan.offer(Candidate { at_ms: at.0, incident_id: &id, lat, lon, kind: &kind, device_id: &device, payload: body }, matches);
            }
        }
        Ok(())
    }
}

impl IncidentStore for ScyllaStore {
    fn write_incidents(&self, incidents: Vec<Incident>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(async move {
            // Every incident is checked before any is written; upserts make a retry harmless, so
            // the count is of incidents written, not of new ones.
            let values = incidents.iter().map(upsert_values).collect::<Result<Vec<_>>>()?;
            let insert = &self.incidents().insert;
            let writes: Vec<_> = values.iter().map(|v| self.session().execute_unpaged(insert, v)).collect();
            futures::stream::iter(writes)
                .buffer_unordered(CONCURRENCY)
                .try_for_each(|_| async { Ok(()) })
                .await
                .map_err(|e| unavailable("insert")(e.to_string()))?;
            Ok(values.len())
        })
    }

    fn incidents_near(&self, q: NearQuery) -> BoxFuture<'_, Result<Page<Incident>>> {
        Box::pin(async move {
            let plan = Plan::new_blocking(q).await?;
            let mut matches = Vec::new();
            for &day in &plan.days {
                self.read_day(&plan, day, &mut matches).await?;
                if plan.is_full(&matches) {
                    break;
                }
            }
            let (page, next) = plan.page(matches);
            let items = page
                .into_iter()
                .map(|m| serde_json::from_str(&m.payload).map_err(|e| Error::new(ErrorKind::Internal, format!("stored incident does not parse: {e}"))))
                .collect::<Result<_>>()?;
            Ok(Page { items, next })
        })
    }
}

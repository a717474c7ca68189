use futures::TryStreamExt;
use futures::future::BoxFuture;
use scylla::client::session::Session;
use scylla::client::session_builder::SessionBuilder;
use scylla::statement::prepared::PreparedStatement;
use scylla::value::CqlTimestamp;

use crate::error::{Error, ErrorKind, Result};
use crate::event::PlateRead;
use crate::store::model::{Store, hour_bucket};

/// The CQL schema, applied by [`ScyllaStore::connect`] when asked to (`deploy/cql/schema.cql`).
const SCHEMA: &str = include_str!("../../../../deploy/cql/schema.cql");

/// Reads in ScyllaDB.
pub struct ScyllaStore {
    session: Session,
    insert_by_plate: PreparedStatement,
    insert_by_device_hour: PreparedStatement,
    select_by_plate: PreparedStatement,
    select_by_device_hour: PreparedStatement,
    incidents: crate::incident::ScyllaIncidents,
}

fn unavailable(what: &str) -> impl Fn(String) -> Error + '_ {
    move |e| Error::new(ErrorKind::Unavailable, format!("scylla {what}: {e}"))
}

/// The schema's statements, comments removed first (a `;` in a comment must not split one).
fn statements(schema: &str) -> Vec<String> {
    let code: String = schema.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    code.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

impl ScyllaStore {
    /// Connects to `nodes` (`host:port`), optionally applies the schema in `keyspace`
    /// `fleetsight` (with replication overridden by `replication_factor`), and prepares statements.
    pub async fn connect(nodes: &[String], apply_schema: Option<u32>) -> Result<Self> {
        let session = SessionBuilder::new().known_nodes(nodes).build().await.map_err(|e| unavailable("connect")(e.to_string()))?;
        if let Some(rf) = apply_schema {
            for stmt in statements(SCHEMA) {
                let stmt = stmt.replace("'replication_factor': 3", &format!("'replication_factor': {rf}"));
                session.query_unpaged(stmt, &[]).await.map_err(|e| unavailable("schema")(e.to_string()))?;
            }
            session.await_schema_agreement().await.map_err(|e| unavailable("schema agreement")(e.to_string()))?;
        }
        let prepare = |cql: &'static str| {
            let session = &session;
            async move { session.prepare(cql).await.map_err(|e| unavailable("prepare")(e.to_string())) }
        };
        Ok(Self {
            insert_by_plate: prepare("INSERT INTO fleetsight.plate_reads_by_plate (plate, captured_at, event_id, device_id, body) VALUES (?, ?, ?, ?, ?)").await?,
            insert_by_device_hour: prepare(
                "INSERT INTO fleetsight.plate_reads_by_device_hour (device_id, hour, captured_at, event_id, plate, body) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .await?,
            select_by_plate: prepare("SELECT body FROM fleetsight.plate_reads_by_plate WHERE plate = ? AND captured_at >= ? AND captured_at < ?").await?,
            select_by_device_hour: prepare("SELECT body FROM fleetsight.plate_reads_by_device_hour WHERE device_id = ? AND hour = ?").await?,
            incidents: crate::incident::ScyllaIncidents::prepare(&session).await?,
            session,
        })
    }

    /// The session, for the other components' tables.
    pub(crate) fn session(&self) -> &Session {
        &self.session
    }

    pub(crate) fn incidents(&self) -> &crate::incident::ScyllaIncidents {
        &self.incidents
    }

    async fn bodies(&self, stmt: &PreparedStatement, values: impl scylla::serialize::row::SerializeRow) -> Result<Vec<PlateRead>> {
        let pager = self.session.execute_iter(stmt.clone(), values).await.map_err(|e| unavailable("select")(e.to_string()))?;
        let rows: Vec<(String,)> =
            pager.rows_stream::<(String,)>().map_err(|e| unavailable("rows")(e.to_string()))?.try_collect().await.map_err(|e| unavailable("rows")(e.to_string()))?;
        rows.into_iter()
            .map(|(b,)| serde_json::from_str(&b).map_err(|e| Error::new(ErrorKind::Internal, format!("stored event does not parse: {e}"))))
            .collect()
    }
}

impl Store for ScyllaStore {
    fn write(&self, reads: Vec<PlateRead>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(async move {
            // Upserts: re-writing an event is a no-op on the data, so "new rows" is not known
            // without a read; the count of events written is returned.
            for r in &reads {
                let body = serde_json::to_string(r).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                let at = CqlTimestamp(r.evidence.captured_at_ms);
                let hour = CqlTimestamp(hour_bucket(r.evidence.captured_at_ms));
                self.session
                    .execute_unpaged(&self.insert_by_plate, (&r.plate, at, &r.event_id, &r.device_id, &body))
                    .await
                    .map_err(|e| unavailable("insert")(e.to_string()))?;
                self.session
                    .execute_unpaged(&self.insert_by_device_hour, (&r.device_id, hour, at, &r.event_id, &r.plate, &body))
                    .await
                    .map_err(|e| unavailable("insert")(e.to_string()))?;
            }
            Ok(reads.len())
        })
    }

    fn reads_by_plate(&self, plate: &str, from_ms: i64, to_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>> {
        let plate = plate.to_string();
        Box::pin(async move { self.bodies(&self.select_by_plate, (plate, CqlTimestamp(from_ms), CqlTimestamp(to_ms))).await })
    }

    fn reads_by_device_hour(&self, device_id: &str, hour_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>> {
        let device = device_id.to_string();
        Box::pin(async move { self.bodies(&self.select_by_device_hour, (device, CqlTimestamp(hour_ms))).await })
    }

    fn kind(&self) -> &'static str {
        "scylla"
    }

    fn count(&self) -> BoxFuture<'_, Result<u64>> {
        Box::pin(async move {
            // A full scan: for tests and small deployments, not for dashboards.
            let r = self
                .session
                .query_unpaged("SELECT COUNT(*) FROM fleetsight.plate_reads_by_plate", &[])
                .await
                .map_err(|e| unavailable("count")(e.to_string()))?;
            let rows = r.into_rows_result().map_err(|e| unavailable("count")(e.to_string()))?;
            let (n,): (i64,) = rows.single_row::<(i64,)>().map_err(|e| unavailable("count")(e.to_string()))?;
            Ok(n as u64)
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_splits_into_whole_statements() {
        let stmts = super::statements(super::SCHEMA);
        assert!(stmts.len() >= 10, "{stmts:?}");
        for s in &stmts {
            assert!(s.starts_with("CREATE KEYSPACE") || s.starts_with("CREATE TABLE"), "not a whole statement: {s}");
            assert_eq!(s.matches('(').count(), s.matches(')').count(), "unbalanced: {s}");
        }
        assert_eq!(super::statements("-- a; b\nCREATE TABLE t (a int); -- c; d"), ["CREATE TABLE t (a int)"]);
    }
}

use std::path::Path;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use rusqlite::{Connection, params};

use crate::error::{Error, ErrorKind, Result};
use crate::event::PlateRead;
use crate::store::model::{Store, hour_bucket};
use crate::store::db_err;

/// SQLite with one table and one index per access path. ScyllaDB denormalises the same two
/// access paths into two tables (`deploy/cql/`); the queries are the same.
const SCHEMA: &str = "
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS plate_reads (
        event_id TEXT PRIMARY KEY,
        plate TEXT NOT NULL,
        device_id TEXT NOT NULL,
        hour_ms INTEGER NOT NULL,
        captured_at_ms INTEGER NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS reads_by_plate ON plate_reads (plate, captured_at_ms);
    CREATE INDEX IF NOT EXISTS reads_by_device_hour ON plate_reads (device_id, hour_ms, captured_at_ms);
";

/// The embedded store. Cheap to clone; every operation runs on the blocking pool.
#[derive(Clone)]
pub struct EmbeddedStore {
    conn: Arc<Mutex<Connection>>,
}


impl EmbeddedStore {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path).map_err(|e| Error::new(ErrorKind::Unavailable, format!("cannot open {}: {e}", path.display())))?;
        // Before the schema: switching to WAL takes a lock that another process opening the
        // same file at the same moment may hold, and must wait for it rather than fail.
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(db_err)?;
        conn.execute_batch(SCHEMA).map_err(db_err)?;
        conn.execute_batch(crate::challan::SCHEMA_SQL).map_err(db_err)?;
        conn.execute_batch(crate::rules::SCHEMA_SQL).map_err(db_err)?;
        conn.execute_batch(crate::incident::EMBEDDED_SCHEMA).map_err(db_err)?;
        conn.execute_batch(crate::notify::EMBEDDED_SCHEMA).map_err(db_err)?;
        conn.execute_batch(crate::jobs::EMBEDDED_SCHEMA).map_err(db_err)?;
        conn.execute_batch(crate::evidence::EMBEDDED_SCHEMA).map_err(db_err)?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    pub(crate) async fn blocking<T: Send + 'static>(&self, f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static) -> Result<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut c = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut c)
        })
        .await
        .map_err(|e| Error::new(ErrorKind::Internal, format!("store task failed: {e}")))?
    }

    fn query(c: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<PlateRead>> {
        let mut stmt = c.prepare_cached(sql).map_err(db_err)?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(0)).map_err(db_err)?;
        rows.map(|r| {
            let body = r.map_err(db_err)?;
            serde_json::from_str(&body).map_err(|e| Error::new(ErrorKind::Internal, format!("stored event does not parse: {e}")))
        })
        .collect()
    }
}

impl Store for EmbeddedStore {
    fn write(&self, reads: Vec<PlateRead>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction().map_err(db_err)?;
            let mut new = 0;
            {
                let mut stmt = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO plate_reads (event_id, plate, device_id, hour_ms, captured_at_ms, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .map_err(db_err)?;
                for r in &reads {
                    let body = serde_json::to_string(r).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                    let at = r.evidence.captured_at_ms;
                    new += stmt.execute(params![r.event_id, r.plate, r.device_id, hour_bucket(at), at, body]).map_err(db_err)?;
                }
            }
            tx.commit().map_err(db_err)?;
            Ok(new)
        }))
    }

    fn reads_by_plate(&self, plate: &str, from_ms: i64, to_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>> {
        let plate = plate.to_string();
        Box::pin(self.blocking(move |c| {
            Self::query(
                c,
                "SELECT body FROM plate_reads WHERE plate = ?1 AND captured_at_ms >= ?2 AND captured_at_ms < ?3 ORDER BY captured_at_ms",
                params![plate, from_ms, to_ms],
            )
        }))
    }

    fn reads_by_device_hour(&self, device_id: &str, hour_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>> {
        let device = device_id.to_string();
        Box::pin(self.blocking(move |c| {
            Self::query(c, "SELECT body FROM plate_reads WHERE device_id = ?1 AND hour_ms = ?2 ORDER BY captured_at_ms", params![device, hour_ms])
        }))
    }

    fn kind(&self) -> &'static str {
        "embedded"
    }

    fn count(&self) -> BoxFuture<'_, Result<u64>> {
        Box::pin(self.blocking(|c| c.query_row("SELECT COUNT(*) FROM plate_reads", [], |r| r.get::<_, i64>(0)).map(|n| n as u64).map_err(db_err)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::PlateRead;

    /// Processes (here: threads with their own connections) opening one database while
    /// another writes to it all succeed: none sees "database is locked".
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn opens_wait_for_a_busy_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let writer = EmbeddedStore::open(&path).unwrap();
        let p = path.clone();
        let opens = std::thread::spawn(move || (0..40).map(|_| EmbeddedStore::open(&p).map(|_| ())).collect::<Result<Vec<_>>>());
        for i in 0..200 {
            let batch = (0..50).map(|j| read(&format!("{i}-{j}"), "MH12AB1234", "bus-1", i * 1000 + j)).collect();
            writer.write(batch).await.unwrap();
        }
        opens.join().unwrap().unwrap();
    }

    fn read(id: &str, plate: &str, device: &str, at: i64) -> PlateRead {
        PlateRead::example(id, plate, device, at)
    }

    #[tokio::test]
    async fn writes_are_idempotent_and_both_access_paths_work() {
        let dir = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(&dir.path().join("t.db")).unwrap();
        let h = 1_732_190_400_000; // an hour boundary
        let batch = vec![read("a", "MH12AB1234", "bus-1", h + 10), read("b", "MH12AB1234", "bus-2", h + 20), read("c", "KA05MN6789", "bus-1", h + 3_600_000)];
        assert_eq!(store.write(batch.clone()).await.unwrap(), 3);
        assert_eq!(store.write(batch).await.unwrap(), 0, "redelivery inserts nothing");
        assert_eq!(store.count().await.unwrap(), 3);
        let by_plate = store.reads_by_plate("MH12AB1234", h, h + 100).await.unwrap();
        assert_eq!(by_plate.iter().map(|r| r.event_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(by_plate[0], read("a", "MH12AB1234", "bus-1", h + 10), "round-trips the whole event");
        let by_hour = store.reads_by_device_hour("bus-1", h).await.unwrap();
        assert_eq!(by_hour.len(), 1);
        assert_eq!(store.reads_by_device_hour("bus-1", h + 3_600_000).await.unwrap()[0].event_id, "c");
    }
}

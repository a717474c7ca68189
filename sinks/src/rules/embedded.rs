use futures::future::BoxFuture;
use rusqlite::{OptionalExtension, params};

use super::hotlist::{HotlistEntry, HotlistStore};
use crate::error::{Error, ErrorKind, Result};
use crate::store::EmbeddedStore;
use crate::store::{db_err, from_json};

/// The hotlist in SQLite.
pub(crate) const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS hotlist (plate TEXT PRIMARY KEY, body TEXT NOT NULL);";



impl HotlistStore for EmbeddedStore {
    fn hotlist_put(&self, entries: Vec<HotlistEntry>) -> BoxFuture<'_, Result<()>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction().map_err(db_err)?;
            for e in &entries {
                let body = serde_json::to_string(e).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                tx.execute("INSERT OR REPLACE INTO hotlist (plate, body) VALUES (?1, ?2)", params![e.plate, body]).map_err(db_err)?;
            }
            tx.commit().map_err(db_err)
        }))
    }

    fn hotlist_delete(&self, plate: &str) -> BoxFuture<'_, Result<bool>> {
        let plate = plate.to_string();
        Box::pin(self.blocking(move |c| c.execute("DELETE FROM hotlist WHERE plate = ?1", [plate]).map(|n| n > 0).map_err(db_err)))
    }

    fn hotlist_get(&self, plate: &str) -> BoxFuture<'_, Result<Option<HotlistEntry>>> {
        let plate = plate.to_string();
        Box::pin(self.blocking(move |c| {
            let body: Option<String> = c.query_row("SELECT body FROM hotlist WHERE plate = ?1", [plate], |r| r.get(0)).optional().map_err(db_err)?;
            body.as_deref().map(from_json).transpose()
        }))
    }

    fn hotlist_list(&self, after: Option<String>, limit: usize) -> BoxFuture<'_, Result<Vec<HotlistEntry>>> {
        Box::pin(self.blocking(move |c| {
            let mut stmt = c.prepare_cached("SELECT body FROM hotlist WHERE plate > ?1 ORDER BY plate LIMIT ?2").map_err(db_err)?;
            let rows = stmt.query_map(params![after.unwrap_or_default(), limit as i64], |r| r.get::<_, String>(0)).map_err(db_err)?;
            rows.map(|b| from_json(&b.map_err(db_err)?)).collect()
        }))
    }
}

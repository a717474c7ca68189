use futures::future::BoxFuture;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::log::{EvidenceLog, LogEntry, LogRecord};
use crate::error::Result;
use crate::store::{EmbeddedStore, db_err};

/// The evidence log in SQLite: one row per record, `seq` the primary key. Appends run in an
/// immediate transaction, so two processes on one database file never both take a number.
pub(crate) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS evidence_log (
        seq INTEGER PRIMARY KEY,
        reference TEXT NOT NULL,
        prefix TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
";

impl EvidenceLog for EmbeddedStore {
    fn append(&self, entry: LogEntry) -> BoxFuture<'_, Result<LogRecord>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let head: Option<(i64, String)> =
                tx.query_row("SELECT seq, hash FROM evidence_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(db_err)?;
            let r = LogRecord::next(head.as_ref().map(|(s, h)| (*s, h.as_str())), entry);
            tx.execute(
                "INSERT INTO evidence_log (seq, reference, prefix, manifest_sha256, at_ms, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![r.seq, r.reference, r.prefix, r.manifest_sha256, r.at_ms, r.prev_hash, r.hash],
            )
            .map_err(db_err)?;
            tx.commit().map_err(db_err)?;
            Ok(r)
        }))
    }

    fn records(&self, after: i64, limit: usize) -> BoxFuture<'_, Result<Vec<LogRecord>>> {
        Box::pin(self.blocking(move |c| {
            let mut stmt = c
                .prepare_cached("SELECT seq, reference, prefix, manifest_sha256, at_ms, prev_hash, hash FROM evidence_log WHERE seq > ?1 ORDER BY seq LIMIT ?2")
                .map_err(db_err)?;
            let rows = stmt
                .query_map(params![after, limit as i64], |r| {
                    Ok(LogRecord {
                        seq: r.get(0)?,
                        reference: r.get(1)?,
                        prefix: r.get(2)?,
                        manifest_sha256: r.get(3)?,
                        at_ms: r.get(4)?,
                        prev_hash: r.get(5)?,
                        hash: r.get(6)?,
                    })
                })
                .map_err(db_err)?;
            rows.map(|r| r.map_err(db_err)).collect()
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::evidence::{all_records, check_chain};

    fn entry(i: usize) -> LogEntry {
        LogEntry { reference: format!("R{i}"), prefix: format!("challans/R{i}"), manifest_sha256: format!("{i:064x}"), at_ms: i as i64 }
    }

    /// Two stores on one file (two sink processes) appending at once make one gapless chain.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_appends_make_one_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fleet.db");
        let (a, b) = (Arc::new(EmbeddedStore::open(&path).unwrap()), Arc::new(EmbeddedStore::open(&path).unwrap()));
        let mut tasks = Vec::new();
        for i in 0..40 {
            let s = if i % 2 == 0 { a.clone() } else { b.clone() };
            tasks.push(tokio::spawn(async move { s.append(entry(i)).await.unwrap() }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let all = all_records(a.as_ref()).await.unwrap();
        assert_eq!(all.len(), 40);
        assert!(check_chain(&all).is_empty(), "{:?}", check_chain(&all));
        assert_eq!(a.records(38, 10).await.unwrap().iter().map(|r| r.seq).collect::<Vec<_>>(), [39, 40]);
    }
}

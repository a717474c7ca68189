//! The evidence log in ScyllaDB (`deploy/cql/schema.cql`, `evidence_log`): one partition, the
//! chain, clustered by sequence number. An append is a lightweight transaction on the next
//! number (`INSERT … IF NOT EXISTS`), so of two sinks appending at once exactly one gets it and
//! the other retries from the new head. Appends are one per challan: not a hot path, and the
//! one partition grows by one small row per challan.

use futures::future::BoxFuture;
use scylla::response::query_result::QueryResult;
use scylla::serialize::row::SerializeRow;
use scylla::value::{CqlTimestamp, CqlValue, Row};

use super::log::{EvidenceLog, LogEntry, LogRecord};
use crate::error::{Error, ErrorKind, Result};
use crate::store::ScyllaStore;

/// The partition key of the one chain.
const CHAIN: &str = "evidence";

/// Appends that lose the race this many times in a row give up (`Unavailable`, retried by the
/// caller's policy): a bound, not an expected path.
const MAX_RACES: usize = 32;

type LogRow = (i64, String, String, String, CqlTimestamp, String, String);

fn unavailable(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unavailable, format!("scylla evidence log {what}: {e}"))
}

async fn run(store: &ScyllaStore, what: &str, cql: &str, values: impl SerializeRow) -> Result<QueryResult> {
    store.session().query_unpaged(cql, values).await.map_err(|e| unavailable(what, e))
}

async fn head(store: &ScyllaStore) -> Result<Option<(i64, String)>> {
    let r = run(store, "head", "SELECT seq, hash FROM fleetsight.evidence_log WHERE chain = ? ORDER BY seq DESC LIMIT 1", (CHAIN,)).await?;
    r.into_rows_result().map_err(|e| unavailable("head", e))?.maybe_first_row::<(i64, String)>().map_err(|e| unavailable("head", e))
}

impl EvidenceLog for ScyllaStore {
    fn append(&self, entry: LogEntry) -> BoxFuture<'_, Result<LogRecord>> {
        Box::pin(async move {
            for _ in 0..MAX_RACES {
                let head = head(self).await?;
                let r = LogRecord::next(head.as_ref().map(|(s, h)| (*s, h.as_str())), entry.clone());
                let cql = "INSERT INTO fleetsight.evidence_log (chain, seq, reference, prefix, manifest_sha256, at, prev_hash, hash) \
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS";
                let values = (CHAIN, r.seq, &r.reference, &r.prefix, &r.manifest_sha256, CqlTimestamp(r.at_ms), &r.prev_hash, &r.hash);
                let rows = run(self, "append", cql, values).await?.into_rows_result().map_err(|e| unavailable("append", e))?;
                let row: Option<Row> = rows.maybe_first_row::<Row>().map_err(|e| unavailable("append", e))?;
                if matches!(row.as_ref().and_then(|r| r.columns.first()), Some(Some(CqlValue::Boolean(true)))) {
                    return Ok(r);
                }
            }
            Err(unavailable("append", format!("lost the race for the next number {MAX_RACES} times")))
        })
    }

    fn records(&self, after: i64, limit: usize) -> BoxFuture<'_, Result<Vec<LogRecord>>> {
        Box::pin(async move {
            let cql = "SELECT seq, reference, prefix, manifest_sha256, at, prev_hash, hash FROM fleetsight.evidence_log WHERE chain = ? AND seq > ? ORDER BY seq ASC LIMIT ?";
            let rows = run(self, "select", cql, (CHAIN, after, limit.min(i32::MAX as usize) as i32))
                .await?
                .into_rows_result()
                .map_err(|e| unavailable("select", e))?;
            rows.rows::<LogRow>()
                .map_err(|e| unavailable("select", e))?
                .map(|r| {
                    let (seq, reference, prefix, manifest_sha256, at, prev_hash, hash) = r.map_err(|e| unavailable("select", e))?;
                    Ok(LogRecord { seq, reference, prefix, manifest_sha256, at_ms: at.0, prev_hash, hash })
                })
                .collect()
        })
    }
}

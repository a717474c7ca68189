//! The outbox in the embedded store: one table, a partial index over what is still to send.

use futures::future::BoxFuture;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use crate::error::Result;
use crate::notify::notice::{Channel, Notice, NoticeRecord, NoticeState, NoticeStore};
use crate::store::EmbeddedStore;
use crate::store::db_err;

/// Applied by [`EmbeddedStore::open`].
pub(crate) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS notices (
        notice_id TEXT PRIMARY KEY,
        challan_no TEXT NOT NULL,
        channel TEXT NOT NULL,
        to_addr TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at_ms INTEGER NOT NULL,
        provider_sid TEXT,
        last_error TEXT,
        sent_at_ms INTEGER
    );
    CREATE INDEX IF NOT EXISTS notices_due ON notices (next_attempt_at_ms) WHERE state IN ('pending', 'sending');
    CREATE INDEX IF NOT EXISTS notices_by_challan ON notices (challan_no);
";

const COLUMNS: &str = "notice_id, challan_no, channel, to_addr, body, created_at_ms, state, attempts, next_attempt_at_ms, provider_sid, last_error, sent_at_ms";


/// A row as SQLite returns it, in [`COLUMNS`] order; names are parsed by [`parse_record`].
type RawRow = (String, String, String, String, String, i64, String, u32, i64, Option<String>, Option<String>, Option<i64>);

fn raw(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?))
}

fn parse_record(r: RawRow) -> Result<NoticeRecord> {
    let (notice_id, challan_no, channel, to, body, created_at_ms, state, attempts, next_attempt_at_ms, provider_sid, last_error, sent_at_ms) = r;
    Ok(NoticeRecord {
        notice: Notice { notice_id, challan_no, channel: Channel::parse(&channel)?, to, body, created_at_ms },
        state: NoticeState::parse(&state)?,
        attempts,
        next_attempt_at_ms,
        provider_sid,
        last_error,
        sent_at_ms,
    })
}

fn get(c: &Connection, notice_id: &str) -> Result<Option<NoticeRecord>> {
    let row = c.query_row(&format!("SELECT {COLUMNS} FROM notices WHERE notice_id = ?1"), [notice_id], raw).optional().map_err(db_err)?;
    row.map(parse_record).transpose()
}

/// Moves a `sending` notice on; false when it was not `sending`.
fn finish(c: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<bool> {
    Ok(c.execute(sql, params).map_err(db_err)? == 1)
}

impl NoticeStore for EmbeddedStore {
    fn enqueue(&self, notice: &Notice) -> BoxFuture<'_, Result<bool>> {
        let n = notice.clone();
        Box::pin(self.blocking(move |c| {
            let added = c
                .execute(
                    "INSERT OR IGNORE INTO notices (notice_id, challan_no, channel, to_addr, body, created_at_ms, state, attempts, next_attempt_at_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?6)",
                    params![n.notice_id, n.challan_no, n.channel.as_str(), n.to, n.body, n.created_at_ms],
                )
                .map_err(db_err)?;
            Ok(added == 1)
        }))
    }

    fn claim_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, Result<Vec<NoticeRecord>>> {
        Box::pin(self.blocking(move |c| {
            // IMMEDIATE: the write lock is taken before the read, so two processes on one file
            // cannot claim the same notice.
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let ids: Vec<String> = {
                let mut stmt = tx
                    .prepare_cached(
                        "SELECT notice_id FROM notices WHERE state IN ('pending', 'sending') AND next_attempt_at_ms <= ?1 ORDER BY next_attempt_at_ms LIMIT ?2",
                    )
                    .map_err(db_err)?;
                let rows = stmt.query_map(params![now_ms, limit as i64], |r| r.get(0)).map_err(db_err)?;
                rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
            };
            let mut claimed = Vec::with_capacity(ids.len());
            for id in ids {
                tx.execute(
                    "UPDATE notices SET state = 'sending', attempts = attempts + 1, next_attempt_at_ms = ?2 WHERE notice_id = ?1",
                    params![id, lease_until_ms],
                )
                .map_err(db_err)?;
                claimed.extend(get(&tx, &id)?);
            }
            tx.commit().map_err(db_err)?;
            Ok(claimed)
        }))
    }

    fn mark_sent(&self, notice_id: &str, provider_sid: Option<&str>, sent_at_ms: i64) -> BoxFuture<'_, Result<bool>> {
        let (id, sid) = (notice_id.to_string(), provider_sid.map(str::to_string));
        Box::pin(self.blocking(move |c| {
            finish(
                c,
                "UPDATE notices SET state = 'sent', provider_sid = ?2, sent_at_ms = ?3, last_error = NULL WHERE notice_id = ?1 AND state = 'sending'",
                params![id, sid, sent_at_ms],
            )
        }))
    }

    fn reschedule(&self, notice_id: &str, next_attempt_at_ms: i64, error: &str) -> BoxFuture<'_, Result<bool>> {
        let (id, error) = (notice_id.to_string(), error.to_string());
        Box::pin(self.blocking(move |c| {
            finish(
                c,
                "UPDATE notices SET state = 'pending', next_attempt_at_ms = ?2, last_error = ?3 WHERE notice_id = ?1 AND state = 'sending'",
                params![id, next_attempt_at_ms, error],
            )
        }))
    }

    fn mark_failed(&self, notice_id: &str, error: &str) -> BoxFuture<'_, Result<bool>> {
        let (id, error) = (notice_id.to_string(), error.to_string());
        Box::pin(self.blocking(move |c| {
            finish(c, "UPDATE notices SET state = 'failed', last_error = ?2 WHERE notice_id = ?1 AND state = 'sending'", params![id, error])
        }))
    }

    fn notice(&self, notice_id: &str) -> BoxFuture<'_, Result<Option<NoticeRecord>>> {
        let id = notice_id.to_string();
        Box::pin(self.blocking(move |c| get(c, &id)))
    }

    fn outbox_depth(&self) -> BoxFuture<'_, Result<u64>> {
        Box::pin(self.blocking(|c| {
            c.query_row("SELECT COUNT(*) FROM notices WHERE state IN ('pending', 'sending')", [], |r| r.get::<_, i64>(0)).map(|n| n as u64).map_err(db_err)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn claims_are_exclusive_until_the_lease_ends() {
        let dir = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(&dir.path().join("t.db")).unwrap();
        let n = Notice::new("C-1", Channel::Sms, "+919812345678", "hello", 1_000).unwrap();
        assert!(store.enqueue(&n).await.unwrap());
        assert!(!store.enqueue(&n).await.unwrap(), "enqueue is idempotent");
        assert!(store.claim_due(999, 2_000, 10).await.unwrap().is_empty(), "not due before it was created");
        let claimed = store.claim_due(1_000, 5_000, 10).await.unwrap();
        assert_eq!((claimed.len(), claimed[0].state, claimed[0].attempts), (1, NoticeState::Sending, 1));
        assert_eq!(claimed[0].notice, n);
        assert!(store.claim_due(4_999, 9_000, 10).await.unwrap().is_empty(), "held while the lease runs");
        let again = store.claim_due(5_000, 9_000, 10).await.unwrap();
        assert_eq!(again[0].attempts, 2, "a lapsed lease is claimed again");
        assert_eq!(store.outbox_depth().await.unwrap(), 1);
        assert!(store.mark_sent(&n.notice_id, Some("SM1"), 5_100).await.unwrap());
        assert!(!store.mark_sent(&n.notice_id, Some("SM2"), 5_200).await.unwrap(), "only a sending notice is finished");
        assert!(!store.reschedule(&n.notice_id, 6_000, "x").await.unwrap());
        let rec = store.notice(&n.notice_id).await.unwrap().unwrap();
        assert_eq!((rec.state, rec.provider_sid.as_deref(), rec.sent_at_ms), (NoticeState::Sent, Some("SM1"), Some(5_100)));
        assert_eq!(store.outbox_depth().await.unwrap(), 0);
        assert!(store.claim_due(i64::MAX, i64::MAX, 10).await.unwrap().is_empty());
    }
}

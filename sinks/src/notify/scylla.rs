//! The outbox in ScyllaDB (`deploy/cql/schema.cql`): `notices` holds each notice and its state,
//! changed only by lightweight transactions (`IF state = …`), so concurrent notifiers never both
//! claim one; `notice_outbox` lists the notices not yet finished, one small partition the
//! notifiers scan. Statements are prepared on use by the driver: notices are a few per challan,
//! not a hot path.

use futures::TryStreamExt;
use futures::future::BoxFuture;
use scylla::response::query_result::QueryResult;
use scylla::serialize::row::SerializeRow;
use scylla::value::{CqlTimestamp, CqlValue, Row};

use crate::error::{Error, ErrorKind, Result};
use crate::notify::notice::{Channel, Notice, NoticeRecord, NoticeState, NoticeStore};
use crate::store::ScyllaStore;

/// The one partition of `notice_outbox`: it holds only unfinished notices, so it stays small;
/// finished ones are deleted from it.
const OUTBOX_BUCKET: i32 = 0;

type NoticeRow = (String, String, String, String, String, CqlTimestamp, String, i32, CqlTimestamp, Option<String>, Option<String>, Option<CqlTimestamp>);

const SELECT: &str = "SELECT notice_id, challan_no, channel, to_addr, body, created_at, state, attempts, next_attempt_at, provider_sid, last_error, sent_at \
                      FROM fleetsight.notices WHERE notice_id = ?";

fn unavailable(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unavailable, format!("scylla notice outbox {what}: {e}"))
}

fn to_record(r: NoticeRow) -> Result<NoticeRecord> {
    let (notice_id, challan_no, channel, to, body, created, state, attempts, next, provider_sid, last_error, sent_at) = r;
    Ok(NoticeRecord {
        notice: Notice { notice_id, challan_no, channel: Channel::parse(&channel)?, to, body, created_at_ms: created.0 },
        state: NoticeState::parse(&state)?,
        attempts: attempts.max(0) as u32,
        next_attempt_at_ms: next.0,
        provider_sid,
        last_error,
        sent_at_ms: sent_at.map(|t| t.0),
    })
}

/// Whether a conditional statement was applied (its first column, `[applied]`).
fn applied(r: QueryResult) -> Result<bool> {
    let rows = r.into_rows_result().map_err(|e| unavailable("lwt", e))?;
    let row: Option<Row> = rows.maybe_first_row::<Row>().map_err(|e| unavailable("lwt", e))?;
    Ok(matches!(row.as_ref().and_then(|r| r.columns.first()), Some(Some(CqlValue::Boolean(true)))))
}

impl ScyllaStore {
    async fn run(&self, what: &str, cql: &str, values: impl SerializeRow) -> Result<QueryResult> {
        self.session().query_unpaged(cql, values).await.map_err(|e| unavailable(what, e))
    }

    async fn get_notice(&self, notice_id: &str) -> Result<Option<NoticeRecord>> {
        let r = self.run("select", SELECT, (notice_id,)).await?;
        let rows = r.into_rows_result().map_err(|e| unavailable("select", e))?;
        rows.maybe_first_row::<NoticeRow>().map_err(|e| unavailable("select", e))?.map(to_record).transpose()
    }

    /// `sending` → `state`, then out of the outbox. The outbox row goes second: a crash in
    /// between leaves a finished notice listed, which the next claim pass removes.
    async fn finish(&self, notice_id: &str, cql: &str, values: impl SerializeRow) -> Result<bool> {
        let done = applied(self.run("update", cql, values).await?)?;
        if done {
            self.unlist(notice_id).await?;
        }
        Ok(done)
    }

    async fn unlist(&self, notice_id: &str) -> Result<()> {
        self.run("outbox delete", "DELETE FROM fleetsight.notice_outbox WHERE bucket = ? AND notice_id = ?", (OUTBOX_BUCKET, notice_id)).await?;
        Ok(())
    }

    async fn claim(&self, rec: &NoticeRecord, lease_until_ms: i64) -> Result<bool> {
        let cql = "UPDATE fleetsight.notices SET state = 'sending', attempts = ?, next_attempt_at = ? WHERE notice_id = ? IF state = ? AND next_attempt_at = ?";
        let values = (rec.attempts as i32 + 1, CqlTimestamp(lease_until_ms), &rec.notice.notice_id, rec.state.as_str(), CqlTimestamp(rec.next_attempt_at_ms));
        applied(self.run("claim", cql, values).await?)
    }
}

impl NoticeStore for ScyllaStore {
    fn enqueue(&self, notice: &Notice) -> BoxFuture<'_, Result<bool>> {
        let n = notice.clone();
        Box::pin(async move {
            // Listed first: a crash between the two writes leaves a listing without a notice
            // (skipped by claims), never a pending notice nobody will find.
            self.run("outbox insert", "INSERT INTO fleetsight.notice_outbox (bucket, notice_id) VALUES (?, ?)", (OUTBOX_BUCKET, &n.notice_id)).await?;
            let cql = "INSERT INTO fleetsight.notices (notice_id, challan_no, channel, to_addr, body, created_at, state, attempts, next_attempt_at) \
                       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?) IF NOT EXISTS";
            let at = CqlTimestamp(n.created_at_ms);
            let added = applied(self.run("insert", cql, (&n.notice_id, &n.challan_no, n.channel.as_str(), &n.to, &n.body, at, at)).await?)?;
            if !added && self.get_notice(&n.notice_id).await?.is_some_and(|r| matches!(r.state, NoticeState::Sent | NoticeState::Failed)) {
                self.unlist(&n.notice_id).await?;
            }
            Ok(added)
        })
    }

    fn claim_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, Result<Vec<NoticeRecord>>> {
        Box::pin(async move {
            let pager = self
                .session()
                .query_iter("SELECT notice_id FROM fleetsight.notice_outbox WHERE bucket = ?", (OUTBOX_BUCKET,))
                .await
                .map_err(|e| unavailable("outbox scan", e))?;
            let ids: Vec<(String,)> =
                pager.rows_stream::<(String,)>().map_err(|e| unavailable("outbox scan", e))?.try_collect().await.map_err(|e| unavailable("outbox scan", e))?;
            let mut claimed = Vec::new();
            for (id,) in ids {
                if claimed.len() == limit {
                    break;
                }
                let Some(rec) = self.get_notice(&id).await? else { continue };
                match rec.state {
                    NoticeState::Sent | NoticeState::Failed => self.unlist(&id).await?,
                    _ if rec.next_attempt_at_ms > now_ms => {}
                    _ => {
                        if self.claim(&rec, lease_until_ms).await? {
                            claimed.extend(self.get_notice(&id).await?);
                        }
                    }
                }
            }
            Ok(claimed)
        })
    }

    fn mark_sent(&self, notice_id: &str, provider_sid: Option<&str>, sent_at_ms: i64) -> BoxFuture<'_, Result<bool>> {
        let (id, sid) = (notice_id.to_string(), provider_sid.map(str::to_string));
        Box::pin(async move {
            let cql = "UPDATE fleetsight.notices SET state = 'sent', provider_sid = ?, sent_at = ?, last_error = null WHERE notice_id = ? IF state = 'sending'";
            self.finish(&id, cql, (sid, CqlTimestamp(sent_at_ms), &id)).await
        })
    }

    fn reschedule(&self, notice_id: &str, next_attempt_at_ms: i64, error: &str) -> BoxFuture<'_, Result<bool>> {
        let (id, error) = (notice_id.to_string(), error.to_string());
        Box::pin(async move {
            let cql = "UPDATE fleetsight.notices SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE notice_id = ? IF state = 'sending'";
            applied(self.run("update", cql, (CqlTimestamp(next_attempt_at_ms), error, &id)).await?)
        })
    }

    fn mark_failed(&self, notice_id: &str, error: &str) -> BoxFuture<'_, Result<bool>> {
        let (id, error) = (notice_id.to_string(), error.to_string());
        Box::pin(async move {
            let cql = "UPDATE fleetsight.notices SET state = 'failed', last_error = ? WHERE notice_id = ? IF state = 'sending'";
            self.finish(&id, cql, (error, &id)).await
        })
    }

    fn notice(&self, notice_id: &str) -> BoxFuture<'_, Result<Option<NoticeRecord>>> {
        let id = notice_id.to_string();
        Box::pin(async move { self.get_notice(&id).await })
    }

    fn outbox_depth(&self) -> BoxFuture<'_, Result<u64>> {
        Box::pin(async move {
            let r = self.run("count", "SELECT COUNT(*) FROM fleetsight.notice_outbox WHERE bucket = ?", (OUTBOX_BUCKET,)).await?;
            let rows = r.into_rows_result().map_err(|e| unavailable("count", e))?;
            let (n,): (i64,) = rows.single_row::<(i64,)>().map_err(|e| unavailable("count", e))?;
            Ok(n.max(0) as u64)
        })
    }
}

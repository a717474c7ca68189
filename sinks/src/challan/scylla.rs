use futures::future::BoxFuture;
use scylla::response::query_result::QueryRowsResult;
use scylla::serialize::row::SerializeRow;
use scylla::value::{CqlTimestamp, Row};


use super::model::{Challan, ChallanDraft, ChallanFilter, ChallanState, ChallanStore, Issued, Transition};
use super::registry::Vehicle;
use crate::error::{Error, ErrorKind, Result};
use crate::event::event_id;
use crate::incident::Page;
use crate::store::ScyllaStore;
use crate::store::{from_json, to_json};

/// A claim on a dedup key older than this, still without a number, was left by a sink that
/// died mid-issue: another sink takes it over.
const STALE_CLAIM_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

fn err(what: &str) -> impl Fn(String) -> Error + '_ {
    move |e| Error::new(ErrorKind::Unavailable, format!("scylla {what}: {e}"))
}



impl ScyllaStore {
    async fn rows(&self, cql: &str, values: impl SerializeRow) -> Result<QueryRowsResult> {
        let r = self.session().query_unpaged(cql, values).await.map_err(|e| err("query")(e.to_string()))?;
        r.into_rows_result().map_err(|e| err("rows")(e.to_string()))
    }

    async fn exec(&self, cql: &str, values: impl SerializeRow) -> Result<()> {
        self.session().query_unpaged(cql, values).await.map(|_| ()).map_err(|e| err("write")(e.to_string()))
    }

    /// Runs a lightweight transaction: whether it applied, and the row it saw.
    async fn lwt(&self, cql: &str, values: impl SerializeRow) -> Result<(bool, Row)> {
        let rows = self.rows(cql, values).await?;
        let row: Row = rows.first_row::<Row>().map_err(|e| err("lwt")(e.to_string()))?;
        let applied = row.columns.first().and_then(|c| c.as_ref()).and_then(|v| v.as_boolean()).unwrap_or(false);
        Ok((applied, row))
    }

    async fn text(&self, cql: &str, values: impl SerializeRow) -> Result<Option<String>> {
        let rows = self.rows(cql, values).await?;
        Ok(rows.maybe_first_row::<(Option<String>,)>().map_err(|e| err("rows")(e.to_string()))?.and_then(|(s,)| s))
    }

    async fn next_number(&self, prefix: &str) -> Result<i64> {
        loop {
            let cur: Option<(Option<i64>,)> =
                self.rows("SELECT n FROM fleetsight.challan_seq WHERE prefix = ?", (prefix,)).await?.maybe_first_row().map_err(|e| err("seq")(e.to_string()))?;
            let (applied, _) = match cur.and_then(|(n,)| n) {
                None => self.lwt("INSERT INTO fleetsight.challan_seq (prefix, n) VALUES (?, 1) IF NOT EXISTS", (prefix,)).await.map(|(a, r)| (a.then_some(1), r))?,
                Some(n) => self.lwt("UPDATE fleetsight.challan_seq SET n = ? WHERE prefix = ? IF n = ?", (n + 1, prefix, n)).await.map(|(a, r)| (a.then_some(n + 1), r))?,
            };
            if let Some(n) = applied {
                return Ok(n);
            }
        }
    }

    /// Writes the indexes of a challan (and its body when it is new).
    async fn save(&self, ch: &Challan, old_state: Option<ChallanState>) -> Result<()> {
        if old_state.is_none() {
            self.exec("INSERT INTO fleetsight.challans (challan_no, body) VALUES (?, ?)", (&ch.challan_no, to_json(ch)?)).await?;
        }
        if let Some(old) = old_state.filter(|s| *s != ch.state) {
            self.exec("DELETE FROM fleetsight.challans_by_state WHERE state = ? AND challan_no = ?", (old.as_str(), &ch.challan_no)).await?;
        }
        let due = ch.notice_due_ms.map(CqlTimestamp);
        self.exec("INSERT INTO fleetsight.challans_by_state (state, challan_no, notice_due) VALUES (?, ?, ?)", (ch.state.as_str(), &ch.challan_no, due)).await
    }

    async fn record(&self, t: &Transition) -> Result<()> {
        let id = event_id(&[&t.challan_no, t.to.as_str(), &t.at_ms.to_string(), &t.actor]);
        self.exec("INSERT INTO fleetsight.challan_transitions (challan_no, at, id, body) VALUES (?, ?, ?, ?)", (&t.challan_no, CqlTimestamp(t.at_ms), id, to_json(t)?)).await
    }

    async fn issue_draft(&self, draft: ChallanDraft) -> Result<Issued> {
        let now = draft.challan.created_ms;
        let (claimed, _) = self
            .lwt("INSERT INTO fleetsight.challan_keys (dedup_key, challan_no, claimed_at) VALUES (?, '', ?) IF NOT EXISTS", (&draft.dedup_key, CqlTimestamp(now)))
            .await?;
        if !claimed {
            let seen: Option<(Option<String>, Option<CqlTimestamp>)> = self
                .rows("SELECT challan_no, claimed_at FROM fleetsight.challan_keys WHERE dedup_key = ?", (&draft.dedup_key,))
                .await?
                .maybe_first_row()
                .map_err(|e| err("rows")(e.to_string()))?;
            let (no, at) = seen.unwrap_or((None, None));
            if let Some(no) = no.filter(|n| !n.is_empty()) {
                return Ok(Issued::Duplicate(no));
            }
            if now - at.map_or(now, |t| t.0) < STALE_CLAIM_MS {
                return Err(Error::new(ErrorKind::Unavailable, format!("challan key {} is being issued by another sink; retry", draft.dedup_key)));
            }
        }
        let n = self.next_number(&draft.prefix).await?;
        let mut ch = draft.challan;
        ch.challan_no = super::stage::number(&draft.prefix, n);
        let (won, _) = self.lwt("UPDATE fleetsight.challan_keys SET challan_no = ? WHERE dedup_key = ? IF challan_no = ''", (&ch.challan_no, &draft.dedup_key)).await?;
        if !won {
            let no = self.text("SELECT challan_no FROM fleetsight.challan_keys WHERE dedup_key = ?", (&draft.dedup_key,)).await?.unwrap_or_default();
            return Ok(Issued::Duplicate(no));
        }
        self.save(&ch, None).await?;
        self.exec(
            "INSERT INTO fleetsight.challans_by_day (day, created_at, challan_no) VALUES (?, ?, ?)",
            (ch.created_ms.div_euclid(DAY_MS), CqlTimestamp(ch.created_ms), &ch.challan_no),
        )
        .await?;
        self.record(&Transition { challan_no: ch.challan_no.clone(), from: None, to: ch.state, actor: "system".into(), reason: ch.review_reasons.join("; "), at_ms: ch.created_ms })
            .await?;
        Ok(Issued::New(ch))
    }

    async fn load(&self, no: &str) -> Result<Option<Challan>> {
        Ok(self.load_raw(no).await?.map(|(_, ch)| ch))
    }

    /// The challan and its stored JSON (the compare-and-set value of a state change).
    async fn load_raw(&self, no: &str) -> Result<Option<(String, Challan)>> {
        match self.text("SELECT body FROM fleetsight.challans WHERE challan_no = ?", (no,)).await? {
            Some(b) => Ok(Some((b.clone(), from_json(&b)?))),
            None => Ok(None),
        }
    }

    async fn move_to(&self, no: &str, to: ChallanState, actor: &str, reason: &str, at_ms: i64, notice_days: u32) -> Result<Challan> {
        let (stored, mut ch) = self.load_raw(no).await?.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("challan {no} not found")))?;
        if !ch.state.can_become(to) {
            return Err(Error::new(ErrorKind::Conflict, format!("challan {no} is {} and cannot become {}", ch.state.as_str(), to.as_str())));
        }
        // Compare-and-set on the state, so two reviewers cannot both move the same challan.
        let from = ch.state;
        ch.state = to;
        ch.updated_ms = at_ms;
        if to == ChallanState::Issued {
            ch.notice_due_ms = Some(at_ms + notice_days as i64 * DAY_MS);
        }
        let (applied, _) = self
            .lwt("UPDATE fleetsight.challans SET body = ? WHERE challan_no = ? IF body = ?", (to_json(&ch)?, no, stored))
            .await?;
        if !applied {
            return Err(Error::new(ErrorKind::Conflict, format!("challan {no} changed while moving it; read it again")));
        }
        self.save(&ch, Some(from)).await?;
        self.record(&Transition { challan_no: no.into(), from: Some(from), to, actor: actor.into(), reason: reason.into(), at_ms }).await?;
        Ok(ch)
    }

    async fn list(&self, f: ChallanFilter) -> Result<Page<Challan>> {
        let (mut cur_ms, mut cur_no) = match &f.cursor {
            Some(s) => {
                let (ms, no) = s.split_once(':').ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "cursor: malformed"))?;
                (ms.parse::<i64>().map_err(|_| Error::new(ErrorKind::InvalidArgument, "cursor: malformed"))?, no.to_string())
            }
            None => (f.to_ms.unwrap_or_else(|| chrono::Utc::now().timestamp_millis() + DAY_MS), "~".to_string()),
        };
        let from = f.from_ms.unwrap_or(cur_ms - 90 * DAY_MS);
        let limit = f.limit.max(1);
        let mut items = Vec::new();
        let mut day = cur_ms.div_euclid(DAY_MS);
        while day >= from.div_euclid(DAY_MS) {
            let rows = self
                .rows("SELECT created_at, challan_no FROM fleetsight.challans_by_day WHERE day = ? AND (created_at, challan_no) < (?, ?)", (day, CqlTimestamp(cur_ms), &cur_no))
                .await?;
            for r in rows.rows::<(CqlTimestamp, String)>().map_err(|e| err("rows")(e.to_string()))? {
                let (at, no) = r.map_err(|e| err("rows")(e.to_string()))?;
                if at.0 < from {
                    return Ok(Page { items, next: None });
                }
                let Some(ch) = self.load(&no).await? else { continue };
                let keep = f.state.is_none_or(|s| s == ch.state) && f.plate.as_ref().is_none_or(|p| p == &ch.plate) && f.devices.as_ref().is_none_or(|d| d.contains(&ch.device_id));
                if keep {
                    if items.len() == limit {
                        let last: &Challan = items.last().expect("limit >= 1");
                        return Ok(Page { next: Some(format!("{}:{}", last.created_ms, last.challan_no)), items });
                    }
                    items.push(ch);
                }
            }
            day -= 1;
            (cur_ms, cur_no) = ((day + 1) * DAY_MS, "~".to_string());
        }
        Ok(Page { items, next: None })
    }
}

impl ChallanStore for ScyllaStore {
    fn issue(&self, draft: ChallanDraft) -> BoxFuture<'_, Result<Issued>> {
        Box::pin(self.issue_draft(draft))
    }

    fn challan(&self, challan_no: &str) -> BoxFuture<'_, Result<Option<Challan>>> {
        let no = challan_no.to_string();
        Box::pin(async move { self.load(&no).await })
    }

    fn challans(&self, filter: ChallanFilter) -> BoxFuture<'_, Result<Page<Challan>>> {
        Box::pin(self.list(filter))
    }

    fn transition(&self, challan_no: &str, to: ChallanState, actor: &str, reason: &str, at_ms: i64, notice_days: u32) -> BoxFuture<'_, Result<Challan>> {
        let (no, actor, reason) = (challan_no.to_string(), actor.to_string(), reason.to_string());
        Box::pin(async move { self.move_to(&no, to, &actor, &reason, at_ms, notice_days).await })
    }

    fn set_evidence(&self, challan_no: &str, prefix: &str) -> BoxFuture<'_, Result<()>> {
        let (no, prefix) = (challan_no.to_string(), prefix.to_string());
        Box::pin(async move {
            let mut ch = self.load(&no).await?.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("challan {no} not found")))?;
            ch.evidence = Some(prefix);
            self.exec("INSERT INTO fleetsight.challans (challan_no, body) VALUES (?, ?)", (&no, to_json(&ch)?)).await
        })
    }

    fn history(&self, challan_no: &str) -> BoxFuture<'_, Result<Vec<Transition>>> {
        let no = challan_no.to_string();
        Box::pin(async move {
            let rows = self.rows("SELECT body FROM fleetsight.challan_transitions WHERE challan_no = ?", (&no,)).await?;
            rows.rows::<(String,)>().map_err(|e| err("rows")(e.to_string()))?.map(|r| from_json(&r.map_err(|e| err("rows")(e.to_string()))?.0)).collect()
        })
    }

    fn overdue_notices(&self, now_ms: i64) -> BoxFuture<'_, Result<u64>> {
        Box::pin(async move {
            let rows = self.rows("SELECT notice_due FROM fleetsight.challans_by_state WHERE state = 'issued'", ()).await?;
            let mut n = 0;
            for r in rows.rows::<(Option<CqlTimestamp>,)>().map_err(|e| err("rows")(e.to_string()))? {
                n += r.map_err(|e| err("rows")(e.to_string()))?.0.is_some_and(|t| t.0 < now_ms) as u64;
            }
            Ok(n)
        })
    }

    fn count_by_state(&self) -> BoxFuture<'_, Result<Vec<(ChallanState, u64)>>> {
        Box::pin(async move {
            let mut out = Vec::new();
            for s in ChallanState::ALL {
                let rows = self.rows("SELECT COUNT(*) FROM fleetsight.challans_by_state WHERE state = ?", (s.as_str(),)).await?;
                let (n,): (i64,) = rows.single_row().map_err(|e| err("rows")(e.to_string()))?;
                out.push((s, n as u64));
            }
            Ok(out)
        })
    }

    fn put_vehicles(&self, vehicles: Vec<Vehicle>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(async move {
            for v in &vehicles {
                self.exec("INSERT INTO fleetsight.vehicles (plate, body) VALUES (?, ?)", (&v.plate, to_json(v)?)).await?;
            }
            Ok(vehicles.len())
        })
    }

    fn vehicle(&self, plate: &str) -> BoxFuture<'_, Result<Option<Vehicle>>> {
        let plate = plate.to_string();
        Box::pin(async move { self.text("SELECT body FROM fleetsight.vehicles WHERE plate = ?", (&plate,)).await?.map(|b| from_json(&b)).transpose() })
    }
}

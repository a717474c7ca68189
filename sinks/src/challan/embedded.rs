use futures::future::BoxFuture;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::model::{Challan, ChallanDraft, ChallanFilter, ChallanState, ChallanStore, Issued, Transition};
use super::registry::Vehicle;
use crate::error::{Error, ErrorKind, Result};
use crate::incident::Page;
use crate::store::EmbeddedStore;
use crate::store::{db_err, from_json, to_json};

/// Challans in SQLite. `challan_keys.dedup_key` is the unique constraint that makes issuing
/// idempotent; the sequence row is bumped in the same write transaction, so numbers are
/// unique and gapless even with several processes on one database file.
pub(crate) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS challan_keys (dedup_key TEXT PRIMARY KEY, challan_no TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS challan_seq (prefix TEXT PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS challans (
        challan_no TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        plate TEXT NOT NULL,
        device_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        notice_due_ms INTEGER,
        body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS challans_by_created ON challans (created_ms, challan_no);
    CREATE INDEX IF NOT EXISTS challans_by_state ON challans (state, notice_due_ms);
    CREATE TABLE IF NOT EXISTS challan_transitions (
        challan_no TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (challan_no, seq)
    );
    CREATE TABLE IF NOT EXISTS vehicles (plate TEXT PRIMARY KEY, body TEXT NOT NULL);
";




fn load(c: &Connection, no: &str) -> Result<Option<Challan>> {
    let body: Option<String> = c.query_row("SELECT body FROM challans WHERE challan_no = ?1", [no], |r| r.get(0)).optional().map_err(db_err)?;
    body.map(|b| from_json(&b)).transpose()
}

fn save(c: &Connection, ch: &Challan) -> Result<()> {
    c.execute(
        "INSERT OR REPLACE INTO challans (challan_no, state, plate, device_id, created_ms, notice_due_ms, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ch.challan_no, ch.state.as_str(), ch.plate, ch.device_id, ch.created_ms, ch.notice_due_ms, to_json(ch)?],
    )
    .map_err(db_err)?;
    Ok(())
}

fn record(c: &Connection, t: &Transition) -> Result<()> {
    c.execute(
        "INSERT INTO challan_transitions (challan_no, seq, body) VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM challan_transitions WHERE challan_no = ?1), ?2)",
        params![t.challan_no, to_json(t)?],
    )
    .map_err(db_err)?;
    Ok(())
}

fn issue(c: &mut Connection, draft: ChallanDraft) -> Result<Issued> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
    if let Some(no) = tx.query_row("SELECT challan_no FROM challan_keys WHERE dedup_key = ?1", [&draft.dedup_key], |r| r.get(0)).optional().map_err(db_err)? {
        return Ok(Issued::Duplicate(no));
    }
    tx.execute("INSERT INTO challan_seq (prefix, n) VALUES (?1, 0) ON CONFLICT (prefix) DO NOTHING", [&draft.prefix]).map_err(db_err)?;
    let n: i64 = tx.query_row("UPDATE challan_seq SET n = n + 1 WHERE prefix = ?1 RETURNING n", [&draft.prefix], |r| r.get(0)).map_err(db_err)?;
    let mut ch = draft.challan;
    ch.challan_no = super::stage::number(&draft.prefix, n);
    tx.execute("INSERT INTO challan_keys (dedup_key, challan_no) VALUES (?1, ?2)", params![draft.dedup_key, ch.challan_no]).map_err(db_err)?;
    save(&tx, &ch)?;
    record(&tx, &Transition { challan_no: ch.challan_no.clone(), from: None, to: ch.state, actor: "system".into(), reason: ch.review_reasons.join("; "), at_ms: ch.created_ms })?;
    tx.commit().map_err(db_err)?;
    Ok(Issued::New(ch))
}

fn transition(c: &mut Connection, no: &str, to: ChallanState, actor: &str, reason: &str, at_ms: i64, notice_days: u32) -> Result<Challan> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
    let mut ch = load(&tx, no)?.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("challan {no} not found")))?;
    if !ch.state.can_become(to) {
        return Err(Error::new(ErrorKind::Conflict, format!("challan {no} is {} and cannot become {}", ch.state.as_str(), to.as_str())));
    }
    let from = ch.state;
    ch.state = to;
    ch.updated_ms = at_ms;
    if to == ChallanState::Issued {
        ch.notice_due_ms = Some(at_ms + notice_days as i64 * 86_400_000);
    }
    save(&tx, &ch)?;
    record(&tx, &Transition { challan_no: no.into(), from: Some(from), to, actor: actor.into(), reason: reason.into(), at_ms })?;
    tx.commit().map_err(db_err)?;
    Ok(ch)
}

fn list(c: &Connection, f: &ChallanFilter) -> Result<Page<Challan>> {
    // Keyset paging on (created_ms, challan_no), newest first; filters are applied in SQL
    // where indexed and in Rust for the device list.
    let (cur_ms, cur_no) = match &f.cursor {
        Some(s) => {
            let (ms, no) = s.split_once(':').ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "cursor: malformed"))?;
            (ms.parse::<i64>().map_err(|_| Error::new(ErrorKind::InvalidArgument, "cursor: malformed"))?, no.to_string())
        }
        None => (i64::MAX, String::new()),
    };
    let mut stmt = c
        .prepare_cached(
            "SELECT body FROM challans WHERE (created_ms < ?1 OR (created_ms = ?1 AND challan_no < ?2 AND ?2 != ''))
             AND (?3 IS NULL OR state = ?3) AND (?4 IS NULL OR plate = ?4) AND created_ms >= ?5 AND created_ms < ?6
             ORDER BY created_ms DESC, challan_no DESC",
        )
        .map_err(db_err)?;
    let rows = stmt
        .query_map(params![cur_ms, cur_no, f.state.map(|s| s.as_str()), f.plate, f.from_ms.unwrap_or(i64::MIN), f.to_ms.unwrap_or(i64::MAX)], |r| r.get::<_, String>(0))
        .map_err(db_err)?;
    let limit = f.limit.max(1);
    let mut items = Vec::new();
    for body in rows {
        let ch: Challan = from_json(&body.map_err(db_err)?)?;
        if f.devices.as_ref().is_some_and(|d| !d.contains(&ch.device_id)) {
            continue;
        }
        if items.len() == limit {
            let last: &Challan = items.last().expect("limit >= 1");
            return Ok(Page { next: Some(format!("{}:{}", last.created_ms, last.challan_no)), items });
        }
        items.push(ch);
    }
    Ok(Page { items, next: None })
}

impl ChallanStore for EmbeddedStore {
    fn issue(&self, draft: ChallanDraft) -> BoxFuture<'_, Result<Issued>> {
        Box::pin(self.blocking(move |c| issue(c, draft)))
    }

    fn challan(&self, challan_no: &str) -> BoxFuture<'_, Result<Option<Challan>>> {
        let no = challan_no.to_string();
        Box::pin(self.blocking(move |c| load(c, &no)))
    }

    fn challans(&self, filter: ChallanFilter) -> BoxFuture<'_, Result<Page<Challan>>> {
        Box::pin(self.blocking(move |c| list(c, &filter)))
    }

    fn transition(&self, challan_no: &str, to: ChallanState, actor: &str, reason: &str, at_ms: i64, notice_days: u32) -> BoxFuture<'_, Result<Challan>> {
        let (no, actor, reason) = (challan_no.to_string(), actor.to_string(), reason.to_string());
        Box::pin(self.blocking(move |c| transition(c, &no, to, &actor, &reason, at_ms, notice_days)))
    }

    fn set_evidence(&self, challan_no: &str, prefix: &str) -> BoxFuture<'_, Result<()>> {
        let (no, prefix) = (challan_no.to_string(), prefix.to_string());
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let mut ch = load(&tx, &no)?.ok_or_else(|| Error::new(ErrorKind::NotFound, format!("challan {no} not found")))?;
            ch.evidence = Some(prefix);
            save(&tx, &ch)?;
            tx.commit().map_err(db_err)
        }))
    }

    fn history(&self, challan_no: &str) -> BoxFuture<'_, Result<Vec<Transition>>> {
        let no = challan_no.to_string();
        Box::pin(self.blocking(move |c| {
            let mut stmt = c.prepare_cached("SELECT body FROM challan_transitions WHERE challan_no = ?1 ORDER BY seq").map_err(db_err)?;
            let rows = stmt.query_map([no], |r| r.get::<_, String>(0)).map_err(db_err)?;
            rows.map(|b| from_json(&b.map_err(db_err)?)).collect()
        }))
    }

    fn overdue_notices(&self, now_ms: i64) -> BoxFuture<'_, Result<u64>> {
        Box::pin(self.blocking(move |c| {
            c.query_row("SELECT COUNT(*) FROM challans WHERE state = 'issued' AND notice_due_ms < ?1", [now_ms], |r| r.get::<_, i64>(0)).map(|n| n as u64).map_err(db_err)
        }))
    }

    fn count_by_state(&self) -> BoxFuture<'_, Result<Vec<(ChallanState, u64)>>> {
        Box::pin(self.blocking(|c| {
            let mut stmt = c.prepare_cached("SELECT state, COUNT(*) FROM challans GROUP BY state").map_err(db_err)?;
            let rows: Vec<(String, i64)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(db_err)?.collect::<rusqlite::Result<_>>().map_err(db_err)?;
            Ok(ChallanState::ALL.map(|s| (s, rows.iter().find(|(n, _)| n == s.as_str()).map_or(0, |(_, k)| *k as u64))).to_vec())
        }))
    }

    fn put_vehicles(&self, vehicles: Vec<Vehicle>) -> BoxFuture<'_, Result<usize>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction().map_err(db_err)?;
            for v in &vehicles {
                tx.execute("INSERT OR REPLACE INTO vehicles (plate, body) VALUES (?1, ?2)", params![v.plate, to_json(v)?]).map_err(db_err)?;
            }
            tx.commit().map_err(db_err)?;
            Ok(vehicles.len())
        }))
    }

    fn vehicle(&self, plate: &str) -> BoxFuture<'_, Result<Option<Vehicle>>> {
        let plate = plate.to_string();
        Box::pin(self.blocking(move |c| {
            let body: Option<String> = c.query_row("SELECT body FROM vehicles WHERE plate = ?1", [plate], |r| r.get(0)).optional().map_err(db_err)?;
            body.map(|b| from_json(&b)).transpose()
        }))
    }
}

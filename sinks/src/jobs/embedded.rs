//! [`JobStore`] in the embedded store (SQLite): one table; claiming is one transaction, so a job
//! is never claimed twice.

use futures::future::BoxFuture;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Job, JobOutcome, JobState, JobStore};
use crate::error::{Error, ErrorKind, Result};
use crate::store::EmbeddedStore;
use crate::store::{db_err, to_json};

/// The jobs table, run by [`EmbeddedStore::open`].
pub(crate) const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS upload_jobs (
        job_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        device_id TEXT NOT NULL,
        clip_path TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        reads TEXT NOT NULL,
        incident_ids TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS upload_jobs_by_state ON upload_jobs (state, created_ms);
";

const COLUMNS: &str = "job_id, tenant, device_id, clip_path, state, reason, created_ms, updated_ms, reads, incident_ids";


fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn row(r: &Row<'_>) -> rusqlite::Result<Job> {
    let state: String = r.get(4)?;
    let state = JobState::parse(&state).ok_or_else(|| rusqlite::Error::InvalidColumnType(4, state, rusqlite::types::Type::Text))?;
    Ok(Job {
        job_id: r.get(0)?,
        tenant: r.get(1)?,
        device_id: r.get(2)?,
        clip_path: r.get(3)?,
        state,
        reason: r.get(5)?,
        created_ms: r.get(6)?,
        updated_ms: r.get(7)?,
        reads: from_json(&r.get::<_, String>(8)?)?,
        incident_ids: from_json(&r.get::<_, String>(9)?)?,
    })
}

fn get(c: &Connection, job_id: &str) -> Result<Option<Job>> {
    c.query_row(&format!("SELECT {COLUMNS} FROM upload_jobs WHERE job_id = ?1"), [job_id], row).optional().map_err(db_err)
}


impl JobStore for EmbeddedStore {
    fn enqueue(&self, job: Job) -> BoxFuture<'_, Result<()>> {
        Box::pin(self.blocking(move |c| {
            let added = c
                .execute(
                    "INSERT OR IGNORE INTO upload_jobs VALUES (?1, ?2, ?3, ?4, 'queued', NULL, ?5, ?5, '[]', '[]')",
                    params![job.job_id, job.tenant, job.device_id, job.clip_path, job.created_ms],
                )
                .map_err(db_err)?;
            if added == 0 {
                return Err(Error::new(ErrorKind::InvalidArgument, format!("job_id: `{}` exists", job.job_id)));
            }
            Ok(())
        }))
    }

    fn job(&self, job_id: &str) -> BoxFuture<'_, Result<Option<Job>>> {
        let job_id = job_id.to_string();
        Box::pin(self.blocking(move |c| get(c, &job_id)))
    }

    fn claim_next(&self, now_ms: i64) -> BoxFuture<'_, Result<Option<Job>>> {
        Box::pin(self.blocking(move |c| {
            let tx = c.transaction().map_err(db_err)?;
            let next: Option<String> = tx
                .query_row("SELECT job_id FROM upload_jobs WHERE state = 'queued' ORDER BY created_ms, job_id LIMIT 1", [], |r| r.get(0))
                .optional()
                .map_err(db_err)?;
            let Some(id) = next else { return Ok(None) };
            tx.execute("UPDATE upload_jobs SET state = 'running', updated_ms = ?2 WHERE job_id = ?1", params![id, now_ms]).map_err(db_err)?;
            let job = get(&tx, &id)?;
            tx.commit().map_err(db_err)?;
            Ok(job)
        }))
    }

    fn finish(&self, job_id: &str, outcome: JobOutcome, now_ms: i64) -> BoxFuture<'_, Result<()>> {
        let job_id = job_id.to_string();
        Box::pin(self.blocking(move |c| {
            let (state, reason, reads, incidents) = match &outcome {
                JobOutcome::Done { reads, incident_ids } => (JobState::Done, None, to_json(reads)?, to_json(incident_ids)?),
                JobOutcome::Failed(why) => (JobState::Failed, Some(why.as_str()), "[]".to_string(), "[]".to_string()),
            };
            let changed = c
                .execute(
                    "UPDATE upload_jobs SET state = ?2, reason = ?3, reads = ?4, incident_ids = ?5, updated_ms = ?6 WHERE job_id = ?1 AND state = 'running'",
                    params![job_id, state.as_str(), reason, reads, incidents, now_ms],
                )
                .map_err(db_err)?;
            if changed == 0 {
                return Err(Error::new(ErrorKind::InvalidArgument, format!("job_id: `{job_id}` is not running")));
            }
            Ok(())
        }))
    }

    fn requeue_running(&self, now_ms: i64) -> BoxFuture<'_, Result<usize>> {
        Box::pin(
            self.blocking(move |c| c.execute("UPDATE upload_jobs SET state = 'queued', updated_ms = ?1 WHERE state = 'running'", [now_ms]).map_err(db_err)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, created_ms: i64) -> Job {
        Job {
            job_id: id.into(),
            tenant: "acme".into(),
            device_id: "bus-1".into(),
            clip_path: format!("/uploads/{id}.264"),
            state: JobState::Queued,
            reason: None,
            created_ms,
            updated_ms: created_ms,
            reads: vec![],
            incident_ids: vec![],
        }
    }

    #[tokio::test]
    async fn jobs_run_in_order_and_end_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(&dir.path().join("s.db")).unwrap();
        store.enqueue(job("b", 20)).await.unwrap();
        store.enqueue(job("a", 10)).await.unwrap();
        assert_eq!(store.enqueue(job("a", 30)).await.unwrap_err().kind(), ErrorKind::InvalidArgument);
        let first = store.claim_next(40).await.unwrap().unwrap();
        assert_eq!((first.job_id.as_str(), first.state, first.updated_ms), ("a", JobState::Running, 40));
        let read = crate::PlateRead::example("r1", "MH12AB1234", "bus-1", 45);
        let done = JobOutcome::Done { reads: vec![read.clone()], incident_ids: vec!["i1".into()] };
        store.finish("a", done.clone(), 50).await.unwrap();
        assert_eq!(store.finish("a", done, 51).await.unwrap_err().kind(), ErrorKind::InvalidArgument, "a job ends once");
        let a = store.job("a").await.unwrap().unwrap();
        assert_eq!((a.state, a.reads, a.incident_ids), (JobState::Done, vec![read], vec!["i1".to_string()]));
        assert_eq!(store.claim_next(60).await.unwrap().unwrap().job_id, "b");
        store.finish("b", JobOutcome::Failed("not H.264".into()), 70).await.unwrap();
        let b = store.job("b").await.unwrap().unwrap();
        assert_eq!((b.state, b.reason.as_deref()), (JobState::Failed, Some("not H.264")));
        assert!(store.claim_next(80).await.unwrap().is_none());
        assert!(store.job("nope").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_running_job_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        {
            let store = EmbeddedStore::open(&path).unwrap();
            store.enqueue(job("a", 10)).await.unwrap();
            store.claim_next(20).await.unwrap().unwrap();
        }
        let store = EmbeddedStore::open(&path).unwrap();
        assert!(store.claim_next(30).await.unwrap().is_none(), "still marked running");
        assert_eq!(store.requeue_running(40).await.unwrap(), 1);
        let again = store.claim_next(50).await.unwrap().unwrap();
        assert_eq!((again.job_id.as_str(), again.state), ("a", JobState::Running));
    }
}

use futures::future::BoxFuture;

use super::hotlist::{HotlistEntry, HotlistStore};
use crate::error::{Error, ErrorKind, Result};
use crate::store::ScyllaStore;
use crate::store::from_json;

fn err(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unavailable, format!("scylla hotlist: {e}"))
}


impl HotlistStore for ScyllaStore {
    fn hotlist_put(&self, entries: Vec<HotlistEntry>) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            for e in &entries {
                let body = serde_json::to_string(e).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                self.session().query_unpaged("INSERT INTO fleetsight.hotlist (plate, body) VALUES (?, ?)", (&e.plate, body)).await.map_err(err)?;
            }
            Ok(())
        })
    }

    fn hotlist_delete(&self, plate: &str) -> BoxFuture<'_, Result<bool>> {
        let plate = plate.to_string();
        Box::pin(async move {
            let r = self.session().query_unpaged("DELETE FROM fleetsight.hotlist WHERE plate = ? IF EXISTS", (&plate,)).await.map_err(err)?;
            let row: scylla::value::Row = r.into_rows_result().map_err(err)?.first_row().map_err(err)?;
            Ok(row.columns.first().and_then(|c| c.as_ref()).and_then(|v| v.as_boolean()).unwrap_or(false))
        })
    }

    fn hotlist_get(&self, plate: &str) -> BoxFuture<'_, Result<Option<HotlistEntry>>> {
        let plate = plate.to_string();
        Box::pin(async move {
            let r = self.session().query_unpaged("SELECT body FROM fleetsight.hotlist WHERE plate = ?", (&plate,)).await.map_err(err)?;
            let row: Option<(String,)> = r.into_rows_result().map_err(err)?.maybe_first_row().map_err(err)?;
            row.map(|(b,)| from_json(&b)).transpose()
        })
    }

    fn hotlist_list(&self, after: Option<String>, limit: usize) -> BoxFuture<'_, Result<Vec<HotlistEntry>>> {
        Box::pin(async move {
            // The hotlist is small (thousands): a scan sorted here; token order is not plate order.
            let r = self.session().query_unpaged("SELECT body FROM fleetsight.hotlist", ()).await.map_err(err)?;
            let rows = r.into_rows_result().map_err(err)?;
            let mut all = rows.rows::<(String,)>().map_err(err)?.map(|r| from_json(&r.map_err(err)?.0)).collect::<Result<Vec<HotlistEntry>>>()?;
            all.sort_by(|a, b| a.plate.cmp(&b.plate));
            let after = after.unwrap_or_default();
            Ok(all.into_iter().filter(|e| e.plate > after).take(limit).collect())
        })
    }
}

//! Administrative commands on the store: registry and hotlist imports, challan listing and
//! review. The same operations are on the HTTP API; these serve a single box and scripts.

use std::path::Path;

use anyhow::Context;
use sinks::challan::{ChallanFilter, ChallanState, Vehicle};
use sinks::rules::HotlistEntry;

use crate::config::Config;

/// Imports a vehicle registry CSV (`plate,owner_name,phone,email`); all rows or none.
pub async fn import_registry(config: &Config, csv: &Path) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(csv).with_context(|| format!("cannot read {}", csv.display()))?;
    let rows = Vehicle::parse_csv(&text).with_context(|| csv.display().to_string())?;
    let store = crate::runtime::open_store(config).await?;
    Ok(store.put_vehicles(rows).await?)
}

/// Imports a hotlist CSV (`plate,reason,note`); all rows or none.
pub async fn import_hotlist(config: &Config, csv: &Path, by: &str) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(csv).with_context(|| format!("cannot read {}", csv.display()))?;
    let rows = HotlistEntry::parse_csv(&text, by, crate::analysis::unix_now_ms()).with_context(|| csv.display().to_string())?;
    let n = rows.len();
    crate::runtime::open_store(config).await?.hotlist_put(rows).await?;
    Ok(n)
}

/// One line per challan, newest first.
pub async fn list_challans(config: &Config, state: Option<ChallanState>, limit: usize) -> anyhow::Result<String> {
    let store = crate::runtime::open_store(config).await?;
    let page = store.challans(ChallanFilter { state, limit, ..Default::default() }).await?;
    let mut out = format!("{:<14} {:<15} {:<12} {:<13} {:>6} {:<10} {}\n", "challan", "state", "plate", "offence", "fine", "device", "review");
    for c in page.items {
        out += &format!(
            "{:<14} {:<15} {:<12} {:<13} {:>6} {:<10} {}\n",
            c.challan_no,
            c.state.as_str(),
            c.plate,
            c.offence,
            c.fine_inr,
            c.device_id,
            c.review_reasons.join("; ")
        );
    }
    Ok(out)
}

/// A challan as JSON, with its history.
pub async fn show_challan(config: &Config, no: &str) -> anyhow::Result<String> {
    let store = crate::runtime::open_store(config).await?;
    let challan = store.challan(no).await?.with_context(|| format!("challan {no} not found"))?;
    let history = store.history(no).await?;
    Ok(serde_json::to_string_pretty(&serde_json::json!({ "challan": challan, "history": history }))? + "\n")
}

/// Moves a challan (review: `issued` or `rejected`; later: `notified`, `paid`, ...).
pub async fn move_challan(config: &Config, no: &str, to: ChallanState, by: &str, reason: &str) -> anyhow::Result<String> {
    let store = crate::runtime::open_store(config).await?;
    let c = store.transition(no, to, by, reason, crate::analysis::unix_now_ms(), config.challans.notice_days).await?;
    Ok(format!("{} is now {}\n", c.challan_no, c.state.as_str()))
}

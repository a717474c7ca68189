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

/// Moves a challan (review: `issued` or `rejected`; later: `notified`, `paid`, ...). An issued
/// challan's notices are queued for the running sink's notifier.
pub async fn move_challan(config: &Config, no: &str, to: ChallanState, by: &str, reason: &str) -> anyhow::Result<String> {
    let store = crate::runtime::open_store(config).await?;
    let now = crate::analysis::unix_now_ms();
    let c = store.transition(no, to, by, reason, now, config.challans.notice_days).await?;
    let queued = match &config.notify {
        Some(notify) => sinks::challan::enqueue_notices(&c, notify, store.as_ref(), now).await?,
        None => 0,
    };
    Ok(format!("{} is now {}{}\n", c.challan_no, c.state.as_str(), if queued > 0 { format!(" ({queued} notices queued)") } else { String::new() }))
}

/// `fleetsight evidence verify`: re-hashes the package of `reference` (a challan number or a
/// package prefix) and checks the whole evidence log, or with `None` the log and every package
/// it records. Returns the report and whether everything is intact.
pub async fn verify_evidence(config: &Config, reference: Option<&str>) -> anyhow::Result<(String, bool)> {
    let store = crate::runtime::open_store(config).await?;
    let evidence = sinks::evidence::EvidenceStore::new(&config.evidence).context("evidence")?;
    let v = match reference {
        Some(r) => sinks::evidence::verify_reference(&evidence, store.as_ref(), store.as_ref(), r).await?,
        None => sinks::evidence::verify_all(&evidence, store.as_ref(), store.as_ref()).await?,
    };
    Ok((v.render(), v.is_intact()))
}

#[cfg(test)]
mod tests {
    use sinks::challan::{Challan, ChallanDraft, ChallanState, Vehicle};

    /// `fleetsight evidence verify` finds a logged package intact, then names a flipped byte.
    #[tokio::test]
    async fn evidence_verify_reports_a_flipped_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fleet.toml");
        let toml = format!("[store]\npath = \"{}\"\n[evidence]\ntype = \"local\"\nroot = \"{}\"\n", dir.path().join("s.db").display(), dir.path().join("ev").display());
        std::fs::write(&path, toml).unwrap();
        let config = crate::Config::load_for_admin(&path).unwrap();
        let store = crate::runtime::open_store(&config).await.unwrap();
        let evidence = sinks::evidence::EvidenceStore::new(&config.evidence).unwrap();
        let files = vec![sinks::evidence::PackageFile { name: "frame.jpg".into(), content_type: "image/jpeg".into(), data: b"jpeg bytes".to_vec() }];
        let info = sinks::evidence::PackageInfo {
            reference: "MH0000000001".into(),
            provisions: vec![],
            models: sinks::event::ModelVersions { detector: "d".into(), reader: "r".into() },
            device: sinks::evidence::DeviceDirectory::default().identity("bus-1", None),
            location: None,
            captured_at_ms: 0,
            source_frame_sha256: "0".repeat(64),
        };
        let p = evidence.put_package("challans/MH0000000001", files, info).await.unwrap();
        let entry = sinks::evidence::LogEntry { reference: "MH0000000001".into(), prefix: p.prefix.clone(), manifest_sha256: sinks::evidence::sha256_hex(&p.to_bytes().unwrap()), at_ms: 0 };
        store.append(entry).await.unwrap();
        let (report, intact) = super::verify_evidence(&config, Some("MH0000000001")).await.unwrap();
        assert!(intact, "{report}");
        std::fs::write(dir.path().join("ev/challans/MH0000000001/frame.jpg"), b"jpeg bytez").unwrap();
        let (report, intact) = super::verify_evidence(&config, None).await.unwrap();
        assert!(!intact);
        assert!(report.contains("FAIL  package `challans/MH0000000001` (log record 1): frame.jpg hashes to"), "{report}");
    }

    /// Approving a challan from the command line queues its notices (one per channel).
    #[tokio::test]
    async fn a_challan_issued_from_the_cli_queues_its_notices() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fleet.toml");
        let toml = format!(
            "[store]\npath = \"{}\"\n[notify]\naccount_sid = \"AC0123456789abcdef0123456789abcdef\"\nauth_token = \"t\"\nfrom_sms = \"+15005550006\"\nfrom_whatsapp = \"+14155238886\"\n",
            dir.path().join("s.db").display()
        );
        std::fs::write(&path, toml).unwrap();
        let config = crate::Config::load_for_admin(&path).unwrap();
        let store = crate::runtime::open_store(&config).await.unwrap();
        let owner = Vehicle { plate: "MH12AB1234".into(), owner_name: "Asha Patil".into(), phone: "+919812345678".into(), email: String::new() };
        let challan = Challan {
            schema_version: 1,
            challan_no: String::new(),
            incident_id: "i".into(),
            offence: "no_parking".into(),
            section: "s.122 r/w s.177 MV Act".into(),
            fine_inr: 500,
            plate: "MH12AB1234".into(),
            device_id: "bus-1".into(),
            at_ms: 1_763_350_200_000,
            lat: 19.0,
            lon: 72.8,
            event_ids: vec![],
            read_confidence: 0.6,
            detail: String::new(),
            state: ChallanState::PendingReview,
            review_reasons: vec!["read confidence 0.60 below 0.80".into()],
            owner: Some(owner),
            evidence: None,
            created_ms: 1_763_350_200_000,
            notice_due_ms: None,
            updated_ms: 1_763_350_200_000,
        };
        store.issue(ChallanDraft { dedup_key: "k".into(), prefix: "MH".into(), challan }).await.unwrap();
        assert_eq!(store.outbox_depth().await.unwrap(), 0, "nothing is sent while it waits for review");
        let out = super::move_challan(&config, "MH0000000001", ChallanState::Issued, "reviewer:meera", "plate checked").await.unwrap();
        assert_eq!(out, "MH0000000001 is now issued (2 notices queued)\n");
        assert_eq!(store.outbox_depth().await.unwrap(), 2);
    }
}

use super::log::{EvidenceLog, LogRecord, all_records, check_chain};
use super::package::FileCheck;
use super::render::sha256_hex;
use super::store::EvidenceStore;
use crate::challan::{ChallanFilter, ChallanStore};
use crate::error::{ErrorKind, Result};

/// Challans per page when cross-checking every challan against the log.
const CHALLAN_PAGE: usize = 500;

/// What a verification checked and what it found wrong. Each line names the package, file or
/// log record it is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// What was found intact.
    pub checked: Vec<String>,
    /// What was not.
    pub problems: Vec<String>,
}

impl Verification {
    /// Whether nothing was found wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// One line per check, `ok` or `FAIL`, and a verdict.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for c in &self.checked {
            out += &format!("ok    {c}\n");
        }
        for p in &self.problems {
            out += &format!("FAIL  {p}\n");
        }
        out += &if self.is_intact() {
            "evidence intact\n".to_string()
        } else {
            format!("evidence NOT intact: {} problem{}\n", self.problems.len(), if self.problems.len() == 1 { "" } else { "s" })
        };
        out
    }
}

/// Verifies the package of `reference` (a challan number, or a package prefix) and the whole
/// evidence log: every file's hash against the manifest, the manifest's hash against its log
/// record, the chain from its first record to its head, and (for a challan) that the package
/// it names has a log record at all, so deleting the head record is caught too.
pub async fn verify_reference(store: &EvidenceStore, log: &dyn EvidenceLog, challans: &dyn ChallanStore, reference: &str) -> Result<Verification> {
    let records = all_records(log).await?;
    let mut v = chain(&records);
    let challan = challans.challan(reference).await?;
    let prefix = challan.as_ref().and_then(|c| c.evidence.clone());
    let matching: Vec<&LogRecord> =
        records.iter().filter(|r| r.reference == reference || r.prefix == reference || Some(&r.prefix) == prefix.as_ref()).collect();
    match (&challan, &prefix) {
        (Some(_), None) => v.problems.push(format!("challan {reference} has no evidence package")),
        (Some(_), Some(p)) if !matching.iter().any(|r| &r.prefix == p) => {
            v.problems.push(format!("challan {reference}: its package `{p}` has no record in the evidence log (the record was deleted, or never written)"))
        }
        (None, _) if matching.is_empty() => v.problems.push(format!("no challan and no evidence log record for `{reference}`")),
        _ => {}
    }
    for r in matching {
        check_package(store, r, &mut v).await?;
    }
    Ok(v)
}

/// Verifies the whole evidence log, every package it records, and that every challan with a
/// package has a record of it.
pub async fn verify_all(store: &EvidenceStore, log: &dyn EvidenceLog, challans: &dyn ChallanStore) -> Result<Verification> {
    let records = all_records(log).await?;
    let mut v = chain(&records);
    for r in &records {
        check_package(store, r, &mut v).await?;
    }
    let mut cursor = None;
    loop {
        let page = challans.challans(ChallanFilter { limit: CHALLAN_PAGE, cursor, ..Default::default() }).await?;
        for c in &page.items {
            if let Some(p) = &c.evidence {
                if !records.iter().any(|r| &r.prefix == p) {
                    v.problems.push(format!(
                        "challan {}: its package `{p}` has no record in the evidence log (the record was deleted, or never written)",
                        c.challan_no
                    ));
                }
            }
        }
        cursor = page.next;
        if cursor.is_none() {
            return Ok(v);
        }
    }
}

fn chain(records: &[LogRecord]) -> Verification {
    let problems: Vec<String> = check_chain(records).into_iter().map(|p| format!("evidence log: {p}")).collect();
    let checked = if problems.is_empty() { vec![format!("evidence log: {} records, chain intact", records.len())] } else { vec![] };
    Verification { checked, problems }
}

/// The package a record names: its manifest's bytes against the record, each file against the
/// manifest.
async fn check_package(store: &EvidenceStore, r: &LogRecord, v: &mut Verification) -> Result<()> {
    let at = format!("package `{}` (log record {})", r.prefix, r.seq);
    let Some(bytes) = store.manifest_bytes(&r.prefix).await? else {
        v.problems.push(format!("{at}: manifest.json is missing"));
        return Ok(());
    };
    let sha = sha256_hex(&bytes);
    if sha == r.manifest_sha256 {
        v.checked.push(format!("{at}: manifest.json matches the log"));
    } else {
        v.problems.push(format!("{at}: manifest.json hashes to {sha}, the log records {}: the manifest was altered", r.manifest_sha256));
    }
    let report = match store.verify_package(&r.prefix).await {
        Ok(report) => report,
        Err(e) if e.kind() == ErrorKind::InvalidArgument => {
            v.problems.push(format!("{at}: {e}"));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    if report.manifest.info.reference != r.reference {
        v.problems.push(format!("{at}: the manifest is for `{}`, the log record for `{}`", report.manifest.info.reference, r.reference));
    }
    for ((name, check), listed) in report.files.iter().zip(&report.manifest.files) {
        match check {
            FileCheck::Intact => v.checked.push(format!("{at}: {name} matches the manifest")),
            FileCheck::Missing => v.problems.push(format!("{at}: {name} is missing")),
            FileCheck::ForeignKey => v.problems.push(format!("{at}: {name} is listed under a key outside the package (`{}`)", listed.key)),
            FileCheck::Mismatch { sha256, bytes } => v.problems.push(format!(
                "{at}: {name} hashes to {sha256} ({bytes} bytes), the manifest records {} ({} bytes): the file was altered",
                listed.sha256, listed.bytes
            )),
        }
    }
    Ok(())
}

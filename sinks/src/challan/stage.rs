use std::sync::Arc;

use super::config::ChallanConfig;
use super::model::{Challan, ChallanDraft, ChallanState, ChallanStore, Issued};
use crate::error::Result;
use crate::event::{PlateRead, SCHEMA_VERSION, event_id};
use crate::evidence::{EvidenceLog, EvidencePackage, EvidenceStore, LogEntry, PackageFile, PackageInfo, sha256_hex};
use crate::incident::{Incident, IncidentKind, IncidentStore};
use crate::notify::{NoticeStore, NotifyConfig};
use crate::rules::{Finding, HotlistStore, RuleEngine, Violation};
use crate::store::Store;
use crate::telemetry::ChallanMetrics;

/// Everything the violation stage reads and writes: one store, every table.
pub trait SinkStore: Store + IncidentStore + ChallanStore + HotlistStore + NoticeStore + EvidenceLog {}
impl<T: Store + IncidentStore + ChallanStore + HotlistStore + NoticeStore + EvidenceLog> SinkStore for T {}

/// Queues the notices of an issued challan (one per enabled channel) when its owner has a
/// phone number. Idempotent: a notice's id derives from the challan and channel.
pub async fn enqueue_notices(challan: &Challan, notify: &NotifyConfig, store: &dyn NoticeStore, now_ms: i64) -> Result<usize> {
    let Some(phone) = challan.owner.as_ref().map(|o| o.phone.as_str()).filter(|p| !p.is_empty()) else { return Ok(0) };
    if challan.state != ChallanState::Issued {
        return Ok(0);
    }
    let when = chrono::DateTime::from_timestamp_millis(challan.at_ms + 330 * 60_000).map_or(String::new(), |t| t.format("%d-%m-%Y %H:%M IST").to_string());
    let body = format!(
        "e-Challan {}: vehicle {} - {} ({}) at {} near {:.5},{:.5}. Fine Rs {}. Pay or contest quoting the challan number.",
        challan.challan_no, challan.plate, challan.offence, challan.section, when, challan.lat, challan.lon, challan.fine_inr
    );
    let mut n = 0;
    for notice in notify.notices_for(&challan.challan_no, phone, &body, now_ms)? {
        n += store.enqueue(&notice).await? as usize;
    }
    Ok(n)
}

/// The challan number of sequence `n` under `prefix`: stable, sortable, unique per prefix.
pub(crate) fn number(prefix: &str, n: i64) -> String {
    format!("{prefix}{n:010}")
}

/// What one batch of reads produced.
#[derive(Debug, Default)]
pub struct StageOutcome {
    /// Incidents written (new or re-derived: ids are deterministic, rows idempotent).
    pub incidents: Vec<Incident>,
    /// Challans made by this batch (not the duplicates of earlier ones).
    pub challans: Vec<Challan>,
    /// Findings on reads without a location (no incident can be placed).
    pub unlocated: u64,
}

/// The sink stage after the store: each stored read is run through the rules; hotlist hits
/// and violations become incidents, violations become challans. Idempotent: a redelivered
/// read re-derives the same incident ids and dedup keys, so it adds nothing.
pub struct ViolationStage {
    rules: RuleEngine,
    config: ChallanConfig,
    store: Arc<dyn SinkStore>,
    evidence: Option<EvidenceStore>,
    notify: Option<NotifyConfig>,
    metrics: ChallanMetrics,
}

impl ViolationStage {
    /// A stage over `store`. `config` must have passed `validate` against the rules.
    pub fn new(rules: RuleEngine, config: ChallanConfig, store: Arc<dyn SinkStore>) -> Self {
        Self { rules, config, store, evidence: None, notify: None, metrics: ChallanMetrics::detached() }
    }

    /// Writes each new challan's evidence package (`challans/<number>`) from its reads' packages.
    pub fn with_evidence(mut self, evidence: EvidenceStore) -> Self {
        self.evidence = Some(evidence);
        self
    }

    /// Queues notices for each challan issued without review.
    pub fn with_notices(mut self, notify: NotifyConfig) -> Self {
        self.notify = Some(notify);
        self
    }

    /// Counts into `metrics` (exported ones) instead of detached ones.
    pub fn with_metrics(mut self, metrics: ChallanMetrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// The challan settings.
    pub fn config(&self) -> &ChallanConfig {
        &self.config
    }

    /// Runs the rules on reads already written to the store.
    pub async fn process(&self, reads: &[PlateRead], now_ms: i64) -> Result<StageOutcome> {
        let mut out = StageOutcome::default();
        for read in reads {
            for finding in self.rules.evaluate(read, self.store.as_ref(), self.store.as_ref()).await? {
                match finding {
                    Finding::Hotlist(entry) => match hotlist_incident(read, &entry.reason, &entry.note) {
                        Some(i) => out.incidents.push(i),
                        None => {
                            out.unlocated += 1;
                            self.metrics.unlocated.inc();
                            tracing::warn!(plate = %read.plate, device = %read.device_id, reason = %entry.reason, "Hotlisted plate seen, but the read has no location.");
                        }
                    },
                    Finding::Violation(v) => {
                        let (incident, challan) = self.violation(read, v, now_ms).await?;
                        out.incidents.push(incident);
                        out.challans.extend(challan);
                    }
                }
            }
        }
        if !out.incidents.is_empty() {
            self.store.write_incidents(out.incidents.clone()).await?;
            for i in &out.incidents {
                self.metrics.incidents.with_label_values(&[i.kind.as_str()]).inc();
            }
        }
        for c in &mut out.challans {
            self.metrics.created.with_label_values(&[&c.offence, c.state.as_str()]).inc();
            self.package(c, now_ms).await;
            if let Some(notify) = &self.notify {
                enqueue_notices(c, notify, self.store.as_ref(), now_ms).await?;
            }
        }
        Ok(out)
    }

    async fn violation(&self, read: &PlateRead, v: Violation, now_ms: i64) -> Result<(Incident, Option<Challan>)> {
        let window_ms = self.config.dedup_window_minutes as i64 * 60_000;
        let dedup_key = event_id(&[&v.plate, &v.offence, &v.anchor_ms.div_euclid(window_ms).to_string()]);
        let incident_id = event_id(&["violation", &dedup_key]);
        let offence = self.config.offence(&v.offence).cloned().unwrap_or_else(|| super::Offence {
            code: v.offence.clone(),
            section: "unknown: add it to the offence table".into(),
            fine_inr: 0,
            description: String::new(),
        });
        let owner = self.store.vehicle(&v.plate).await?;
        let reasons = self.review_reasons(read, owner.is_some());
        let state = if reasons.is_empty() { ChallanState::Issued } else { ChallanState::PendingReview };
        let challan = Challan {
            schema_version: SCHEMA_VERSION,
            challan_no: String::new(),
            incident_id: incident_id.clone(),
            offence: offence.code,
            section: offence.section,
            fine_inr: offence.fine_inr,
            plate: v.plate.clone(),
            device_id: v.device_id.clone(),
            at_ms: v.at_ms,
            lat: v.lat,
            lon: v.lon,
            event_ids: v.event_ids.clone(),
            read_confidence: read.confidence,
            detail: v.detail.clone(),
            state,
            review_reasons: reasons,
            owner,
            evidence: None,
            created_ms: now_ms,
            notice_due_ms: (state == ChallanState::Issued).then_some(now_ms + self.config.notice_days as i64 * 86_400_000),
            updated_ms: now_ms,
        };
        let (no, new) = match self.store.issue(ChallanDraft { dedup_key, prefix: self.config.state_prefix.clone(), challan }).await? {
            Issued::New(c) => (c.challan_no.clone(), Some(c)),
            Issued::Duplicate(no) => (no, None),
        };
        let incident = Incident {
            schema_version: SCHEMA_VERSION,
            incident_id,
            kind: IncidentKind::Violation,
            subtype: v.offence,
            device_id: v.device_id,
            plate: Some(v.plate),
            at_ms: v.at_ms,
            lat: v.lat,
            lon: v.lon,
            challan_no: Some(no),
            event_ids: v.event_ids,
            detail: v.detail,
        };
        Ok((incident, new))
    }

    /// Writes the challan's evidence package: the images of each read behind it, copied from
    /// the reads' packages, under a manifest naming the provisions, then appends it to the
    /// evidence log; only then is it recorded on the challan, so a challan's package always has
    /// a log record. A failure is logged and counted; the challan stands without a package and
    /// review sees that.
    async fn package(&self, challan: &mut Challan, now_ms: i64) {
        let Some(ev) = &self.evidence else { return };
        let result = match self.package_files(ev, challan).await {
            Ok(Some((files, info))) => self.put_logged(ev, &challan.challan_no, files, info, now_ms).await.map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        let outcome = match result {
            Ok(Some(p)) => match self.store.set_evidence(&challan.challan_no, &p.prefix).await {
                Ok(()) => {
                    challan.evidence = Some(p.prefix);
                    "written"
                }
                Err(e) => {
                    tracing::warn!(challan = %challan.challan_no, error = %e, "Evidence package written but not recorded.");
                    "failed"
                }
            },
            Ok(None) => "no_images",
            Err(e) => {
                tracing::warn!(challan = %challan.challan_no, error = %e, "Evidence package not written.");
                "failed"
            }
        };
        self.metrics.evidence.with_label_values(&[outcome]).inc();
    }

    async fn put_logged(&self, ev: &EvidenceStore, challan_no: &str, files: Vec<PackageFile>, info: PackageInfo, now_ms: i64) -> Result<EvidencePackage> {
        let p = ev.put_package(&format!("challans/{challan_no}"), files, info).await?;
        let entry = LogEntry { reference: challan_no.to_string(), prefix: p.prefix.clone(), manifest_sha256: sha256_hex(&p.to_bytes()?), at_ms: now_ms };
        let record = self.store.append(entry).await?;
        tracing::info!(challan = %challan_no, seq = record.seq, "Evidence package logged.");
        Ok(p)
    }

    async fn package_files(&self, ev: &EvidenceStore, challan: &Challan) -> Result<Option<(Vec<PackageFile>, PackageInfo)>> {
        let window = self.store.reads_by_plate(&challan.plate, challan.at_ms - 2 * 86_400_000, challan.at_ms + 1).await?;
        let reads: Vec<&PlateRead> = challan.event_ids.iter().filter_map(|id| window.iter().find(|r| &r.event_id == id)).collect();
        let mut files = Vec::new();
        let mut last = None;
        for (i, read) in reads.iter().enumerate() {
            let Some(prefix) = &read.evidence.package else { continue };
            let manifest = ev.manifest(prefix).await?;
            for f in &manifest.files {
                let data = ev.file(f).await?;
                files.push(PackageFile { name: format!("read{}-{}", i + 1, f.name), content_type: f.content_type.clone(), data });
            }
            last = Some((read, manifest.info));
        }
        // The device and the source frame are the last read's, as its package recorded them
        // (the edge fills in the serial and IMEI from `[[devices]]`).
        let Some((read, read_info)) = last else { return Ok(None) };
        let info = PackageInfo {
            reference: challan.challan_no.clone(),
            provisions: vec![challan.section.clone()],
            models: read.models.clone(),
            device: read_info.device,
            location: Some((challan.lat, challan.lon)),
            captured_at_ms: read.evidence.captured_at_ms,
            source_frame_sha256: read_info.source_frame_sha256,
        };
        Ok(Some((files, info)))
    }

    /// Why a challan must be reviewed before it is issued; empty when it need not be.
    fn review_reasons(&self, read: &PlateRead, has_owner: bool) -> Vec<String> {
        let mut why = Vec::new();
        if self.config.mandatory_review {
            why.push("review is mandatory".to_string());
        }
        if !has_owner {
            why.push("no registered owner".to_string());
        }
        if read.confidence < self.config.review_confidence {
            why.push(format!("read confidence {:.2} below {:.2}", read.confidence, self.config.review_confidence));
        }
        if let Some(second) = read.candidates.iter().filter(|c| c.text != read.plate).map(|c| c.score).reduce(f32::max) {
            if second >= self.config.split_vote_share {
                why.push(format!("vote split: another reading has {:.0}% of the votes", second * 100.0));
            }
        }
        why
    }
}

fn hotlist_incident(read: &PlateRead, reason: &str, note: &str) -> Option<Incident> {
    let loc = read.location.as_ref()?;
    Some(Incident {
        schema_version: SCHEMA_VERSION,
        incident_id: event_id(&["hotlist", &read.event_id]),
        kind: IncidentKind::Hotlist,
        subtype: reason.into(),
        device_id: read.device_id.clone(),
        plate: Some(read.plate.clone()),
        at_ms: read.evidence.captured_at_ms,
        lat: loc.lat,
        lon: loc.lon,
        challan_no: None,
        event_ids: vec![read.event_id.clone()],
        detail: if note.is_empty() { format!("{} ({reason}) seen", read.plate) } else { format!("{} ({reason}) seen: {note}", read.plate) },
    })
}

use std::sync::Arc;

use super::config::ChallanConfig;
use super::model::{Challan, ChallanDraft, ChallanState, ChallanStore, Issued};
use crate::error::Result;
use crate::event::{PlateRead, SCHEMA_VERSION, event_id};
use crate::incident::{Incident, IncidentKind, IncidentStore};
use crate::rules::{Finding, HotlistStore, RuleEngine, Violation};
use crate::store::Store;

/// Everything the violation stage reads and writes: one store, every table.
pub trait SinkStore: Store + IncidentStore + ChallanStore + HotlistStore {}
impl<T: Store + IncidentStore + ChallanStore + HotlistStore> SinkStore for T {}

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
}

impl ViolationStage {
    /// A stage over `store`. `config` must have passed `validate` against the rules.
    pub fn new(rules: RuleEngine, config: ChallanConfig, store: Arc<dyn SinkStore>) -> Self {
        Self { rules, config, store }
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
                        None => out.unlocated += 1,
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

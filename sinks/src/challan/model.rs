use futures::future::BoxFuture;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::registry::Vehicle;
use crate::error::Result;
use crate::incident::Page;

/// The Kafka topic of [`Challan`]s (every new challan and every state change). Key: the
/// challan number.
pub const TOPIC_CHALLANS: &str = "fleetsight.challans.v1";

/// Where a challan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChallanState {
    /// Waiting for a reviewer (no owner, a doubtful read, or review is mandatory).
    PendingReview,
    /// Issued; the notice is due within the notice period.
    Issued,
    /// The owner was notified.
    Notified,
    /// Paid.
    Paid,
    /// The owner contests it.
    Contested,
    /// Closed by the authority (withdrawn, settled in court).
    Disposed,
    /// A reviewer rejected it (a misread, an exempt vehicle).
    Rejected,
}

impl ChallanState {
    /// Every state, in lifecycle order.
    pub const ALL: [ChallanState; 7] = [
        ChallanState::PendingReview,
        ChallanState::Issued,
        ChallanState::Notified,
        ChallanState::Paid,
        ChallanState::Contested,
        ChallanState::Disposed,
        ChallanState::Rejected,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChallanState::PendingReview => "pending_review",
            ChallanState::Issued => "issued",
            ChallanState::Notified => "notified",
            ChallanState::Paid => "paid",
            ChallanState::Contested => "contested",
            ChallanState::Disposed => "disposed",
            ChallanState::Rejected => "rejected",
        }
    }

    /// Whether the lifecycle allows going from `self` to `to`.
    pub fn can_become(self, to: ChallanState) -> bool {
        use ChallanState::*;
        matches!(
            (self, to),
            (PendingReview, Issued | Rejected) | (Issued, Notified | Paid | Contested | Disposed) | (Notified, Paid | Contested | Disposed) | (Contested, Paid | Disposed)
        )
    }
}

impl std::str::FromStr for ChallanState {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        use ChallanState::*;
        [PendingReview, Issued, Notified, Paid, Contested, Disposed, Rejected]
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| format!("unknown challan state `{s}`"))
    }
}

/// What a violation becomes before the store numbers it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChallanDraft {
    /// Plate, offence and window: the store keeps one challan per key.
    pub dedup_key: String,
    /// The number prefix (the issuing state).
    pub prefix: String,
    /// Everything else; `challan_no` is filled in by the store.
    pub challan: Challan,
}

/// Whether [`ChallanStore::issue`] made a new challan.
#[derive(Debug, Clone, PartialEq)]
pub enum Issued {
    /// A new challan, numbered.
    New(Challan),
    /// The key already had one: its number.
    Duplicate(String),
}

/// An e-challan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Challan {
    /// Schema version (see `deploy/schemas/`).
    pub schema_version: u32,
    /// Unique and stable: the state prefix and a sequence (`MH0000000042`).
    pub challan_no: String,
    /// The incident this challan is for.
    pub incident_id: String,
    /// The offence code.
    pub offence: String,
    /// The provisions violated.
    pub section: String,
    /// The fine, rupees.
    pub fine_inr: u32,
    /// The plate.
    pub plate: String,
    /// The device whose camera read it.
    pub device_id: String,
    /// When the offence was completed, Unix ms.
    pub at_ms: i64,
    /// Where, WGS84.
    pub lat: f64,
    /// Where, WGS84.
    pub lon: f64,
    /// The plate reads that prove it (evidence references), oldest first.
    pub event_ids: Vec<String>,
    /// The voted read's confidence, 0..1.
    pub read_confidence: f32,
    /// One line for people.
    pub detail: String,
    /// Now.
    pub state: ChallanState,
    /// Why it needs review (empty when it went straight to issue).
    pub review_reasons: Vec<String>,
    /// The registered owner, when the registry knows the plate.
    pub owner: Option<Vehicle>,
    /// The evidence package's prefix in the evidence store, once written.
    pub evidence: Option<String>,
    /// Created, Unix ms.
    pub created_ms: i64,
    /// The notice must go out by then (set on issue), Unix ms.
    pub notice_due_ms: Option<i64>,
    /// Last change, Unix ms.
    pub updated_ms: i64,
}

/// One recorded change of state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Transition {
    /// The challan.
    pub challan_no: String,
    /// Before (`None` at creation).
    pub from: Option<ChallanState>,
    /// After.
    pub to: ChallanState,
    /// Who: a user's subject, an API key's name, or `system`.
    pub actor: String,
    /// Why (a reviewer's reason, a payment reference).
    pub reason: String,
    /// When, Unix ms.
    pub at_ms: i64,
}

/// Which challans to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChallanFilter {
    /// Only in this state.
    pub state: Option<ChallanState>,
    /// Only this plate.
    pub plate: Option<String>,
    /// Only these devices' (a tenant's fleet); `None`: all.
    pub devices: Option<Vec<String>>,
    /// Created at or after, Unix ms.
    pub from_ms: Option<i64>,
    /// Created before, Unix ms.
    pub to_ms: Option<i64>,
    /// Page size.
    pub limit: usize,
    /// The previous page's cursor.
    pub cursor: Option<String>,
}

/// Challans, their history, and the vehicle registry, in a store.
pub trait ChallanStore: Send + Sync {
    /// Numbers and stores a challan, unless its dedup key already has one. Safe under
    /// concurrency: of two sinks issuing the same key at once, exactly one makes a challan.
    fn issue(&self, draft: ChallanDraft) -> BoxFuture<'_, Result<Issued>>;
    /// One challan.
    fn challan(&self, challan_no: &str) -> BoxFuture<'_, Result<Option<Challan>>>;
    /// A page of challans, newest first.
    fn challans(&self, filter: ChallanFilter) -> BoxFuture<'_, Result<Page<Challan>>>;
    /// Moves a challan to `to` if the lifecycle allows it from its current state, recording
    /// who and why. NotFound for an unknown number, Conflict for a move the lifecycle forbids.
    fn transition(&self, challan_no: &str, to: ChallanState, actor: &str, reason: &str, at_ms: i64, notice_days: u32) -> BoxFuture<'_, Result<Challan>>;
    /// Records where the evidence package was written.
    fn set_evidence(&self, challan_no: &str, prefix: &str) -> BoxFuture<'_, Result<()>>;
    /// Every transition of a challan, oldest first.
    fn history(&self, challan_no: &str) -> BoxFuture<'_, Result<Vec<Transition>>>;
    /// Issued challans whose notice is past due at `now_ms`.
    fn overdue_notices(&self, now_ms: i64) -> BoxFuture<'_, Result<u64>>;
    /// How many challans are in each state (every state, zeros included).
    fn count_by_state(&self) -> BoxFuture<'_, Result<Vec<(ChallanState, u64)>>>;
    /// Adds or replaces registry rows; returns how many.
    fn put_vehicles(&self, vehicles: Vec<Vehicle>) -> BoxFuture<'_, Result<usize>>;
    /// The owner of a plate.
    fn vehicle(&self, plate: &str) -> BoxFuture<'_, Result<Option<Vehicle>>>;
}

#[cfg(test)]
mod tests {
    use super::ChallanState::*;

    #[test]
    fn the_lifecycle_allows_only_its_edges() {
        assert!(PendingReview.can_become(Issued));
        assert!(PendingReview.can_become(Rejected));
        assert!(!PendingReview.can_become(Notified), "a notice needs an issued challan");
        assert!(Issued.can_become(Notified));
        assert!(Notified.can_become(Paid));
        assert!(Contested.can_become(Disposed));
        for end in [Paid, Disposed, Rejected] {
            assert!([PendingReview, Issued, Notified, Paid, Contested, Disposed, Rejected].iter().all(|s| !end.can_become(*s)), "{end:?} is final");
        }
        assert_eq!("pending_review".parse::<super::ChallanState>(), Ok(PendingReview));
    }
}

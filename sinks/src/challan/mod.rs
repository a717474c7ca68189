//! Challans: violations turned into e-challans, deduplicated in the store (a unique key in
//! SQLite, a lightweight transaction in ScyllaDB), numbered, routed to review or issued, and
//! moved through their lifecycle with every transition recorded.

mod config;
mod embedded;
mod model;
mod registry;
mod scylla;
mod stage;

pub(crate) use embedded::SCHEMA as SCHEMA_SQL;
pub use config::{ChallanConfig, Offence};
pub use model::{TOPIC_CHALLANS, Challan, ChallanDraft, ChallanFilter, ChallanState, ChallanStore, Issued, Transition};
pub use registry::Vehicle;
pub use stage::{SinkStore, StageOutcome, ViolationStage, enqueue_notices};

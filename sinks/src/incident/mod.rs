//! Incidents: every violation, hotlist hit and MDVR alarm, with a location, indexed by
//! (H3 cell, day) in every store so "what happened near here, then" is a few partition reads.
//!
//! - `model`: the wire type and the [`IncidentStore`] contract.
//! - [`geo`]: the index model both stores share (cells, days, covering, distance, input checks).
//! - `query`: a query checked and planned once: cells × days, the filter, keyset paging.
//! - `embedded`, `scylla`: the two stores.

mod embedded;
pub mod geo;
mod model;
mod query;
mod scylla;
#[cfg(test)]
mod tests;

pub(crate) use embedded::SCHEMA as EMBEDDED_SCHEMA;
pub use model::{Incident, IncidentKind, IncidentStore, NearQuery, Page, TOPIC_INCIDENTS};
pub use query::MAX_LIMIT;
pub(crate) use scylla::ScyllaIncidents;

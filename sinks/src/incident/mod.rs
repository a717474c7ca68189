//! Incidents: every violation, hotlist hit and MDVR alarm, with a location, indexed by
//! (H3 cell, day) in every store so "what happened near here, then" is a few partition reads.

mod model;

pub use model::{Incident, IncidentKind, IncidentStore, NearQuery, Page, TOPIC_INCIDENTS};

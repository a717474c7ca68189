//! Violation rules: which plate reads are offences. Zones are GeoJSON files; the state the rules
//! need across sink instances (earlier sightings of a plate) is read from the store, never kept
//! in memory, so any sink instance reaches the same verdict. The hotlist lives in the store too.

mod config;
mod embedded;
mod engine;
mod hotlist;
mod scylla;
mod zone;

pub(crate) use embedded::SCHEMA as SCHEMA_SQL;
pub use config::{BusLaneConfig, ClonedPlateConfig, HoursSpec, RulesConfig, ZoneRuleConfig};
pub use engine::{Finding, RuleEngine, Violation};
pub use hotlist::{HotlistEntry, HotlistStore};
pub use zone::Zone;

//! The wire schema: what fleetsight publishes and stores.

mod gps;
mod id;
mod plate_read;
mod schema;

pub use gps::{GpsFix, Location, LocationStatus};
pub use id::event_id;
pub use plate_read::{Candidate, Evidence, ModelVersions, PlateRead, TOPIC_PLATE_READS};
pub use schema::{SCHEMA_VERSION, schemas};

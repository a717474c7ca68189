//! The wire schema: what fleetsight publishes and stores.

mod gps;
mod id;
mod plate_read;
mod schema;

pub use gps::{GpsFix, Location, LocationStatus};
pub use id::event_id;
pub use plate_read::{Candidate, Evidence, ModelVersions, PlateRead, TOPIC_PLATE_READS};
pub use schema::{SCHEMA_VERSION, schemas};

/// Now, in milliseconds since the Unix epoch (0 on a clock before 1970).
pub fn unix_now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

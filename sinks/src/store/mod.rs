//! Stores: one data model, two engines: the embedded default (SQLite) and ScyllaDB.

mod embedded;
mod model;
mod scylladb;

pub use embedded::{EmbeddedStore, EmbeddedStoreConfig};
pub use model::{Store, hour_bucket};
pub use scylladb::{ScyllaStore, ScyllaStoreConfig};

#[cfg(test)]
pub(crate) mod tests_support {
    use crate::event::*;

    pub(crate) fn read(id: &str, plate: &str, device: &str, at: i64) -> PlateRead {
        PlateRead {
            schema_version: SCHEMA_VERSION,
            event_id: id.into(),
            device_id: device.into(),
            stream_id: format!("{device}-front"),
            channel: 1,
            plate: plate.into(),
            plate_kind: "standard".into(),
            confidence: 0.9,
            first_seen_ms: at - 1000,
            last_seen_ms: at + 1000,
            frames: 10,
            reads: 8,
            candidates: vec![Candidate { text: plate.into(), score: 1.0, reads: 8 }],
            evidence: Evidence { captured_at_ms: at, pts_90k: 0, bbox: [1.0, 2.0, 3.0, 4.0], frame_width: 1280, frame_height: 720, text: plate.into(), confidence: 0.9 },
            location: None,
            location_status: LocationStatus::NoFix,
            models: ModelVersions { detector: "d".into(), reader: "r".into() },
        }
    }

}

use ingest::StreamIdentity;
use models::weights::versions;
use models::{DetectorKind, PlateText};
use sinks::event::{Candidate, Evidence, Location, LocationStatus, ModelVersions, PlateRead, SCHEMA_VERSION, event_id};

use super::config::StaticLocation;
use crate::gps::GpsBuffer;
use crate::track::{FinishedTrack, Vote};

/// Turns a read track and its vote into the one `PlateRead` of its vehicle pass, located at the
/// evidence frame's capture time. `None` if the voted text is not a valid mark.
pub fn build_read(identity: &StreamIdentity, track: &FinishedTrack, v: Vote, gps: &GpsBuffer, fixed: Option<&StaticLocation>, detector: DetectorKind) -> Option<PlateRead> {
    let plate = PlateText::parse(&v.text).ok()?;
    let best = &track.best;
    let (location, location_status) = match fixed {
        Some(s) => (Some(Location { lat: s.lat, lon: s.lon, heading_deg: s.heading_deg, speed_kmh: None, fix_age_ms: 0 }), LocationStatus::Static),
        None => gps.locate(&identity.device_id, best.capture_ms),
    };
    let detector = match detector {
        DetectorKind::Plate => versions::PLATE_DETECTOR,
        DetectorKind::Text => versions::TEXT_DETECTOR,
    };
    Some(PlateRead {
        schema_version: SCHEMA_VERSION,
        event_id: event_id(&[&identity.device_id, &identity.stream_id, &track.first_seen_ms.to_string(), &track.track_id.to_string()]),
        device_id: identity.device_id.to_string(),
        stream_id: identity.stream_id.to_string(),
        channel: identity.channel,
        plate: plate.as_str().to_string(),
        plate_kind: match plate.kind() {
            models::PlateKind::Standard => "standard",
            models::PlateKind::Bharat => "bharat",
        }
        .into(),
        confidence: v.confidence,
        first_seen_ms: track.first_seen_ms,
        last_seen_ms: track.last_seen_ms,
        frames: track.frames,
        reads: track.reads.len() as u32,
        candidates: v.candidates.into_iter().map(|(text, score, reads)| Candidate { text, score, reads }).collect(),
        evidence: Evidence {
            captured_at_ms: best.capture_ms,
            pts_90k: best.pts_90k,
            bbox: [best.rect.x, best.rect.y, best.rect.w, best.rect.h],
            frame_width: best.frame_size.0,
            frame_height: best.frame_size.1,
            text: best.text.clone(),
            confidence: best.chars.iter().map(|c| c.confidence).fold(1.0, f32::min),
            package: None,
        },
        location,
        location_status,
        models: ModelVersions { detector: detector.into(), reader: versions::READER.into() },
    })
}

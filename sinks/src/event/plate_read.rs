use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::gps::{Location, LocationStatus};

/// The Kafka topic of [`PlateRead`] events. Key: the device id, so each device's events stay in
/// order on one partition.
pub const TOPIC_PLATE_READS: &str = "fleetsight.plate_reads.v1";

/// One vehicle pass: a tracked plate, read over several frames and voted into one text.
/// Exactly one is emitted per pass, when the track ends or after the configured maximum delay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlateRead {
    /// Schema version of this event (see `deploy/schemas/`).
    pub schema_version: u32,
    /// Deterministic id: redelivery of the same pass never makes a second row.
    pub event_id: String,
    /// The device (MDVR).
    pub device_id: String,
    /// The stream (camera) on the device.
    pub stream_id: String,
    /// The camera channel.
    pub channel: u16,
    /// The voted registration mark, normalized (`MH12AB1234`).
    pub plate: String,
    /// `standard` or `bharat`.
    pub plate_kind: String,
    /// Confidence of the voted text, 0..1 (the weakest character's voted share).
    pub confidence: f32,
    /// Capture time of the first frame of the track, Unix ms.
    pub first_seen_ms: i64,
    /// Capture time of the last frame of the track, Unix ms.
    pub last_seen_ms: i64,
    /// Frames in which the plate was detected.
    pub frames: u32,
    /// Reads that passed the grammar and took part in the vote.
    pub reads: u32,
    /// Every distinct text read, with its vote share, best first.
    pub candidates: Vec<Candidate>,
    /// The best evidence frame.
    pub evidence: Evidence,
    /// Where, when known.
    pub location: Option<Location>,
    /// How `location` was obtained.
    pub location_status: LocationStatus,
    /// The models that produced the read.
    pub models: ModelVersions,
}

/// One distinct text among a track's reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Candidate {
    /// The text (valid under the grammar).
    pub text: String,
    /// Confidence-weighted share of the votes, 0..1.
    pub score: f32,
    /// Number of reads giving exactly this text.
    pub reads: u32,
}

/// A reference to the frame that best shows the plate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// Capture time of the frame, Unix ms.
    pub captured_at_ms: i64,
    /// The frame's PTS in its stream session, 90 kHz.
    pub pts_90k: i64,
    /// The plate's box in the frame, `[x, y, width, height]` in pixels.
    pub bbox: [f32; 4],
    /// Frame width.
    pub frame_width: u32,
    /// Frame height.
    pub frame_height: u32,
    /// The read in this frame.
    pub text: String,
    /// Weakest character confidence of the read in this frame.
    pub confidence: f32,
    /// The evidence package of this frame in the evidence store (`reads/<event_id>`: the
    /// frame with the plate box and stamp, the plate crop, a manifest with their SHA-256),
    /// when the edge wrote one.
    #[serde(default)]
    pub package: Option<String>,
}

/// Model names and versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModelVersions {
    /// The plate detector.
    pub detector: String,
    /// The plate reader.
    pub reader: String,
}

impl PlateRead {
    /// A read from the wire (a Kafka payload): JSON that must also [`validate`](Self::validate).
    pub fn from_wire(payload: &[u8]) -> Result<Self, String> {
        let read: PlateRead = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
        read.validate().map_err(|e| format!("invalid plate read: {e}"))?;
        Ok(read)
    }

    /// Checks what is clearly invalid in a read from the wire: empty ids or plate, a confidence
    /// outside 0..=1, a track that ends before it starts, a location off the globe. The message
    /// names the field.
    pub fn validate(&self) -> Result<(), String> {
        for (name, v) in [("event_id", &self.event_id), ("device_id", &self.device_id), ("plate", &self.plate)] {
            if v.is_empty() {
                return Err(format!("{name}: must not be empty"));
            }
        }
        if !(0.0..=1.0).contains(&self.confidence) {
            return Err(format!("confidence: must be in [0, 1], got {}", self.confidence));
        }
        // JSON has no infinity: a number too large for an f32 parses as one, and would be stored
        // as `null`, a row that no longer parses (found by fuzzing).
        let scores = self.candidates.iter().map(|c| ("candidates.score", c.score));
        let evidence = self.evidence.bbox.iter().map(|&v| ("evidence.bbox", v)).chain([("evidence.confidence", self.evidence.confidence)]);
        if let Some((name, v)) = scores.chain(evidence).find(|(_, v)| !v.is_finite()) {
            return Err(format!("{name}: must be a finite number, got {v}"));
        }
        if self.first_seen_ms > self.last_seen_ms {
            return Err(format!("first_seen_ms: {} is after last_seen_ms {}", self.first_seen_ms, self.last_seen_ms));
        }
        if let Some(l) = &self.location {
            if !(l.lat.is_finite() && (-90.0..=90.0).contains(&l.lat)) {
                return Err(format!("location.lat: must be in [-90, 90], got {}", l.lat));
            }
            if !(l.lon.is_finite() && (-180.0..=180.0).contains(&l.lon)) {
                return Err(format!("location.lon: must be in [-180, 180], got {}", l.lon));
            }
        }
        Ok(())
    }

    /// A complete, valid read for tests, examples and benchmarks: `plate` seen by `device_id`'s
    /// front camera at `captured_at_ms`, identified by `event_id`.
    ///
    /// ```
    /// let r = sinks::PlateRead::example("e1", "MH12AB1234", "bus-1", 1_732_190_400_000);
    /// assert_eq!(r.stream_id, "bus-1-front");
    /// ```
    pub fn example(event_id: &str, plate: &str, device_id: &str, captured_at_ms: i64) -> Self {
        PlateRead {
            schema_version: super::SCHEMA_VERSION,
            event_id: event_id.into(),
            device_id: device_id.into(),
            stream_id: format!("{device_id}-front"),
            channel: 1,
            plate: plate.into(),
            plate_kind: "standard".into(),
            confidence: 0.9,
            first_seen_ms: captured_at_ms - 1000,
            last_seen_ms: captured_at_ms + 1000,
            frames: 10,
            reads: 8,
            candidates: vec![Candidate { text: plate.into(), score: 1.0, reads: 8 }],
            evidence: Evidence {
                captured_at_ms,
                pts_90k: 0,
                bbox: [1.0, 2.0, 3.0, 4.0],
                frame_width: 1280,
                frame_height: 720,
                text: plate.into(),
                confidence: 0.9,
                package: None,
            },
            location: None,
            location_status: LocationStatus::NoFix,
            models: ModelVersions { detector: "d".into(), reader: "r".into() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_names_the_bad_field() {
        let ok = PlateRead::example("e1", "MH12AB1234", "bus-1", 1_732_190_400_000);
        assert_eq!(ok.validate(), Ok(()));
        let loc = |lat, lon| Some(Location { lat, lon, heading_deg: None, speed_kmh: None, fix_age_ms: 0 });
        let cases: [(&str, fn(&mut PlateRead)); 7] = [
            ("event_id", |r| r.event_id.clear()),
            ("plate", |r| r.plate.clear()),
            ("confidence", |r| r.confidence = f32::NAN),
            ("first_seen_ms", |r| r.first_seen_ms = r.last_seen_ms + 1),
            ("location.lat", |r| r.location = Some(Location { lat: 95.0, lon: 0.0, heading_deg: None, speed_kmh: None, fix_age_ms: 0 })),
            ("location.lat", |r| r.location = Some(Location { lat: f64::NAN, lon: 0.0, heading_deg: None, speed_kmh: None, fix_age_ms: 0 })),
            ("location.lon", |r| r.location = Some(Location { lat: 0.0, lon: -181.0, heading_deg: None, speed_kmh: None, fix_age_ms: 0 })),
        ];
        for (field, spoil) in cases {
            let mut r = ok.clone();
            spoil(&mut r);
            assert!(r.validate().unwrap_err().starts_with(field), "{field}: {:?}", r.validate());
        }
        let stored = serde_json::to_string(&ok).unwrap().replace(r#""confidence":0.9,"package""#, r#""confidence":1e39,"package""#);
        let err = PlateRead::from_wire(stored.as_bytes()).unwrap_err();
        // Refused by the parser (out of range for an f32) or, were it parsed as infinity, by `validate`.
        assert!(err.contains("evidence.confidence") || err.contains("number out of range"), "an f32 overflow is refused: {err}");
        let mut edge = ok.clone();
        edge.location = loc(-90.0, 180.0);
        assert_eq!(edge.validate(), Ok(()), "the bounds themselves are valid");
    }
}

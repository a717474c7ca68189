use serde::{Deserialize, Serialize};

use crate::event::ModelVersions;

/// Version of the manifest format.
pub const MANIFEST_VERSION: u32 = 1;

/// One file to put in a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    /// The file name in the package (`frame.jpg`): letters, digits, `.`, `_`, `-`.
    pub name: String,
    /// Its MIME type (`image/jpeg`).
    pub content_type: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// The device that captured the evidence: the certificate under BSA 2023 s.63 asks for the
/// device's identity (serial, IMEI) and the hash of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceIdentity {
    /// The fleetsight device id (MDVR).
    pub device_id: String,
    /// The camera channel on the device, when known.
    #[serde(default)]
    pub channel: Option<u16>,
    /// The device's serial number, when known (`[[devices]]` in the config). The manifest
    /// says `"unknown"` when it is not.
    #[serde(default, with = "known")]
    pub serial: Option<String>,
    /// The device's IMEI, when known. The manifest says `"unknown"` when it is not.
    #[serde(default, with = "known")]
    pub imei: Option<String>,
}

/// An identity field that may be unknown: written as `"unknown"` rather than left out or
/// `null`, so a reader of the manifest sees plainly that it was not recorded; read back from
/// `"unknown"`, `null` or absence (manifests written before).
mod known {
    use serde::{Deserialize, Deserializer, Serializer};

    /// What the manifest says for a value nobody configured.
    pub const UNKNOWN: &str = "unknown";

    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.as_deref().unwrap_or(UNKNOWN))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.filter(|v| v != UNKNOWN))
    }
}

/// What the manifest says besides its files: filled in by the caller (the challan code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageInfo {
    /// What the package is evidence for: a challan number, or a read's event id.
    pub reference: String,
    /// The provisions violated (`MV Act s.122 r/w s.177`).
    pub provisions: Vec<String>,
    /// The models that read the plate.
    pub models: ModelVersions,
    /// The capturing device.
    pub device: DeviceIdentity,
    /// Where, WGS84 degrees `(lat, lon)`, when known.
    pub location: Option<(f64, f64)>,
    /// When the frame was captured, Unix ms.
    pub captured_at_ms: i64,
    /// SHA-256 of the raw RGB frame the images were made from, hex.
    pub source_frame_sha256: String,
}

/// A file as stored, with its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The file name in the package.
    pub name: String,
    /// The object key (`{prefix}/{name}`).
    pub key: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// MIME type.
    pub content_type: String,
}

/// The manifest (`{prefix}/manifest.json`), written after every file it lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidencePackage {
    /// [`MANIFEST_VERSION`].
    pub manifest_version: u32,
    /// Where the package is (its object-key prefix).
    pub prefix: String,
    /// What it says.
    #[serde(flatten)]
    pub info: PackageInfo,
    /// The files, each with its hash.
    pub files: Vec<EvidenceFile>,
}

impl EvidencePackage {
    /// The manifest's bytes exactly as [`crate::evidence::EvidenceStore::put_package`] stores
    /// them (pretty JSON).
    pub fn to_bytes(&self) -> crate::error::Result<Vec<u8>> {
        serde_json::to_vec_pretty(self).map_err(|e| crate::error::Error::new(crate::error::ErrorKind::Internal, format!("evidence manifest: {e}")))
    }
}

/// One file's check by [`crate::evidence::EvidenceStore::verify_package`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileCheck {
    /// The bytes hash to the recorded SHA-256 and size.
    Intact,
    /// The object is gone.
    Missing,
    /// The bytes differ from the record.
    Mismatch {
        /// SHA-256 of what is stored now.
        sha256: String,
        /// Size of what is stored now.
        bytes: u64,
    },
    /// The manifest lists a key outside the package (a tampered manifest).
    ForeignKey,
}

/// The result of re-reading a package.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifyReport {
    /// The manifest as stored.
    pub manifest: EvidencePackage,
    /// Each listed file by name, in manifest order.
    pub files: Vec<(String, FileCheck)>,
}

impl VerifyReport {
    /// Whether every file is present and unchanged.
    pub fn is_intact(&self) -> bool {
        self.files.iter().all(|(_, c)| *c == FileCheck::Intact)
    }
}

//! Evidence packages for challans (CMVR Rule 167A): the full frame with the plate box drawn
//! and the plate crop (JPEG), location, date and time stamped on the image, and a manifest of
//! the provisions violated, the model versions, the device (serial, IMEI) and the SHA-256 of
//! every file, stored with `object_store` (local filesystem by default, S3-compatible at
//! scale). Every challan package stored is appended to a hash-chained evidence log in the
//! store, which `verify` checks end to end.

mod config;
mod device;
mod embedded;
mod log;
mod package;
mod render;
mod scylla;
mod store;
mod verify;

pub(crate) use embedded::SCHEMA as EMBEDDED_SCHEMA;
pub use config::{EvidenceStoreConfig, Secret};
pub use device::{DeviceConfig, DeviceDirectory};
pub use log::{EvidenceLog, GENESIS_HASH, LogEntry, LogRecord, all_records, check_chain};
pub use package::{DeviceIdentity, EvidenceFile, EvidencePackage, FileCheck, PackageFile, PackageInfo, VerifyReport};
pub use render::{EvidenceImages, PlateBox, RgbFrame, StampInfo, annotate, crop_plate, encode_jpeg, render, sha256_hex, stamp_lines};
pub use store::EvidenceStore;
pub use verify::{Verification, verify_all, verify_reference};

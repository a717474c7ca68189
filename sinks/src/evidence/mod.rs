//! Evidence packages for challans (CMVR Rule 167A): the full frame with the plate box drawn
//! and the plate crop (JPEG), location, date and time stamped on the image, and a manifest of
//! the provisions violated, the model versions, the device and the SHA-256 of every file, stored
//! with `object_store` (local filesystem by default, S3-compatible at scale).

mod config;
mod package;
mod render;
mod store;

pub use config::{EvidenceStoreConfig, Secret};
pub use package::{DeviceIdentity, EvidenceFile, EvidencePackage, FileCheck, PackageFile, PackageInfo, VerifyReport};
pub use render::{EvidenceImages, PlateBox, RgbFrame, StampInfo, annotate, crop_plate, encode_jpeg, render, sha256_hex, stamp_lines};
pub use store::EvidenceStore;

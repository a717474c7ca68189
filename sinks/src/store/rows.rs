//! What every component's store code shares: one error for a failed SQLite call, and the JSON
//! bodies every table keeps.

use crate::error::{Error, ErrorKind, Result};

/// A failed embedded-store call: retryable (the file may be locked or the disk full).
pub(crate) fn db_err(e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::Unavailable, format!("embedded store: {e}"))
}

/// A row body as JSON.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::new(ErrorKind::Internal, format!("row body does not serialize: {e}")))
}

/// A stored row body back.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::new(ErrorKind::Internal, format!("stored row does not parse: {e}")))
}

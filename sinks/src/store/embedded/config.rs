use std::path::PathBuf;

use serde::Deserialize;

/// The embedded store.
///
/// ```toml
/// [store]
/// path = "/var/lib/fleetsight/fleetsight.db"
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddedStoreConfig {
    /// The SQLite database file (created if missing).
    #[serde(default = "default_path")]
    pub path: PathBuf,
}

fn default_path() -> PathBuf {
    PathBuf::from("fleetsight.db")
}

impl Default for EmbeddedStoreConfig {
    fn default() -> Self {
        Self { path: default_path() }
    }
}

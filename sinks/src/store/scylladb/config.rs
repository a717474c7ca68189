use serde::Deserialize;

/// ScyllaDB as the store.
///
/// ```toml
/// [scylla]
/// nodes = ["10.0.0.21:9042", "10.0.0.22:9042"]
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScyllaStoreConfig {
    /// Contact points, `host:port`.
    pub nodes: Vec<String>,
    /// Create the keyspace and tables at start (`deploy/cql/schema.cql`) with this replication
    /// factor. Leave unset where the schema is managed separately.
    #[serde(default)]
    pub apply_schema_replication: Option<u32>,
}

impl ScyllaStoreConfig {
    /// Checks the values; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.nodes.is_empty() {
            return Err("nodes: at least one host:port".into());
        }
        if let Some(n) = self.nodes.iter().find(|n| n.rsplit_once(':').is_none_or(|(h, p)| h.is_empty() || p.parse::<u16>().is_err())) {
            return Err(format!("nodes: `{n}` is not host:port"));
        }
        if self.apply_schema_replication.is_some_and(|r| r == 0 || r > 10) {
            return Err("apply_schema_replication: must be between 1 and 10".into());
        }
        Ok(())
    }
}

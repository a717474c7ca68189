use std::collections::BTreeMap;
use std::path::PathBuf;

use rdkafka::ClientConfig;
use serde::Deserialize;

use crate::event::TOPIC_PLATE_READS;

/// Kafka, for both the producer (`fleetsight run`) and the consumer (`fleetsight sink`).
///
/// ```toml
/// [kafka]
/// brokers = "10.0.0.10:9092,10.0.0.11:9092"
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaConfig {
    /// Bootstrap servers, comma-separated `host:port`.
    pub brokers: String,
    /// Topic of plate reads (key: device id).
    #[serde(default = "default_topic")]
    pub topic: String,
    /// Where messages that do not parse go (consumer side).
    #[serde(default = "default_dlq")]
    pub dead_letter_topic: String,
    /// Consumer group of `fleetsight sink`.
    #[serde(default = "default_group")]
    pub group_id: String,
    /// `none`, `gzip`, `snappy` or `lz4`.
    #[serde(default = "default_compression")]
    pub compression: String,
    /// How long the producer tries to deliver before an event goes to the spool, seconds.
    #[serde(default = "default_delivery_timeout")]
    pub delivery_timeout_secs: f64,
    /// Directory of the durable spool for undelivered events.
    #[serde(default = "default_spool_dir")]
    pub spool_dir: PathBuf,
    /// Spool bound in bytes. When full, new events are refused and retried in memory, and the
    /// pressure goes upstream to the frame queue (frames drop, counted; reads never do).
    #[serde(default = "default_spool_max")]
    pub spool_max_bytes: u64,
    /// A stable name for this `fleetsight sink` process within its group (Kafka static
    /// membership, `group.instance.id`): the StatefulSet pod name, the host name. A sink
    /// restarted under the same name takes its partitions back at once instead of waiting out
    /// the dead member's session (and on a broker that never expires dead members, such as
    /// Tansu 0.6.0, at all). Two running sinks must never share one: the broker fences the older.
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Extra librdkafka settings (`"socket.keepalive.enable" = "true"`, security settings).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

fn default_topic() -> String {
    TOPIC_PLATE_READS.into()
}
fn default_dlq() -> String {
    format!("{TOPIC_PLATE_READS}.dlq")
}
fn default_group() -> String {
    "fleetsight-sink".into()
}
fn default_compression() -> String {
    "lz4".into()
}
const fn default_delivery_timeout() -> f64 {
    10.0
}
fn default_spool_dir() -> PathBuf {
    PathBuf::from("fleetsight-spool")
}
const fn default_spool_max() -> u64 {
    256 * 1024 * 1024
}

impl KafkaConfig {
    /// Checks the values without I/O; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.brokers.split(',').any(|b| b.trim().rsplit_once(':').is_none_or(|(h, p)| h.is_empty() || p.parse::<u16>().is_err())) {
            return Err(format!("brokers: `{}` must be comma-separated host:port", self.brokers));
        }
        for (name, t) in [("topic", &self.topic), ("dead_letter_topic", &self.dead_letter_topic)] {
            if t.is_empty() || t.len() > 249 || !t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
                return Err(format!("{name}: `{t}` is not a valid Kafka topic name"));
            }
        }
        if let Some(id) = &self.instance_id
            && (id.is_empty() || id.len() > 249 || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            return Err(format!("instance_id: `{id}` must be 1-249 characters of A-Z, a-z, 0-9, `.`, `_`, `-`"));
        }
        if !matches!(self.compression.as_str(), "none" | "gzip" | "snappy" | "lz4") {
            return Err(format!("compression: `{}` must be none, gzip, snappy or lz4", self.compression));
        }
        if !(self.delivery_timeout_secs >= 1.0 && self.delivery_timeout_secs <= 3600.0) {
            return Err(format!("delivery_timeout_secs: must be in [1, 3600], got {}", self.delivery_timeout_secs));
        }
        if self.spool_max_bytes < 1024 * 1024 {
            return Err(format!("spool_max_bytes: at least 1 MiB, got {}", self.spool_max_bytes));
        }
        Ok(())
    }

    /// A client config with the brokers and every extra `options` setting (security included):
    /// the base of every producer and consumer fleetsight makes.
    pub fn client(&self) -> ClientConfig {
        let mut c = ClientConfig::new();
        c.set("bootstrap.servers", &self.brokers);
        for (k, v) in &self.options {
            c.set(k, v);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_id_must_be_a_plain_name() {
        let mut c: KafkaConfig = serde_json::from_str(r#"{"brokers": "127.0.0.1:9092", "instance_id": "sink-0.edge_a"}"#).unwrap();
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(c.client().get("group.instance.id"), None, "only the group consumer gets it");
        for bad in ["", "sink 0", "sink/0"] {
            c.instance_id = Some(bad.into());
            assert!(c.validate().unwrap_err().starts_with("instance_id:"), "{bad:?}");
        }
    }
}

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ingest::SupervisorConfig;
use serde::Deserialize;
use sinks::challan::ChallanConfig;
use sinks::evidence::{DeviceConfig, EvidenceStoreConfig};
use sinks::notify::NotifyConfig;
use sinks::kafka::KafkaConfig;
use sinks::rules::RulesConfig;
use sinks::store::{EmbeddedStoreConfig, ScyllaStoreConfig};

use super::error::ConfigError;
use super::shard::ShardingConfig;
use super::stream::StreamConfig;
use crate::analysis::AnalysisConfig;
use crate::api::ApiConfig;
use crate::gps::GpsConfig;
use crate::track::TrackerConfig;

/// The whole configuration file.
///
/// ```
/// let cfg = pipeline::Config::from_toml_str(r#"
///     [[streams]]
///     id = "bus-101-front"
///     device_id = "bus-101"
///     rtsp = { url = "rtsp://10.0.0.5:554/ch1" }
/// "#, "example.toml".as_ref()).unwrap();
/// assert_eq!(cfg.streams[0].channel, 0);
/// assert_eq!(cfg.api.listen.port(), 9900);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The HTTP endpoint: metrics, health, and the API with its keys, tokens and tenants.
    #[serde(default)]
    pub api: ApiConfig,
    /// Supervision defaults for every stream.
    #[serde(default)]
    pub supervisor: SupervisorConfig,
    /// The hand-off from ingest to analysis, and plate analysis itself.
    #[serde(default)]
    pub analysis: AnalysisConfig,
    /// Plate tracking and when reads are emitted.
    #[serde(default)]
    pub tracking: TrackerConfig,
    /// GPS fixes and how they are joined to reads.
    #[serde(default)]
    pub gps: GpsConfig,
    /// The embedded store: where `fleetsight run` writes reads when there is no `[kafka]`, and
    /// where `fleetsight sink` writes what it consumes.
    #[serde(default)]
    pub store: EmbeddedStoreConfig,
    /// ScyllaDB. When set, it replaces the embedded store (for `fleetsight sink`, and for
    /// `fleetsight run` without Kafka).
    #[serde(default)]
    pub scylla: Option<ScyllaStoreConfig>,
    /// Kafka. When set, `fleetsight run` publishes reads to it instead of the embedded store, and
    /// `fleetsight sink` consumes them.
    #[serde(default)]
    pub kafka: Option<KafkaConfig>,
    /// The streams to ingest.
    #[serde(default)]
    pub streams: Vec<StreamConfig>,
    /// Splitting the streams across edge replicas: each `fleetsight run` runs only its shard's
    /// share (index from `--shard-index` or `FLEETSIGHT_SHARD_INDEX`). All streams when unset.
    #[serde(default)]
    pub sharding: Option<ShardingConfig>,
    /// Violation rules: zones, bus lanes, the cloned-plate check, the hotlist.
    #[serde(default)]
    pub rules: RulesConfig,
    /// How violations become challans: numbering, dedup, review, the offence table.
    #[serde(default)]
    pub challans: ChallanConfig,
    /// Where evidence packages go: each read's frame and crop (written by the edge), each
    /// challan's package (written by the sink). Local directory by default; S3 to scale out.
    #[serde(default)]
    pub evidence: EvidenceStoreConfig,
    /// The devices' (MDVRs') hardware identities: serial and IMEI by `device_id`, recorded in
    /// every evidence package they produce (a device not listed is recorded as `unknown`).
    #[serde(default)]
    pub devices: Vec<DeviceConfig>,
    /// MDVR alarms from Kafka (`fleetsight sink` consumes them into incidents).
    #[serde(default)]
    pub alarms: AlarmsConfig,
    /// SMS and WhatsApp notices of issued challans (Twilio's API); none are sent when absent.
    #[serde(default)]
    pub notify: Option<NotifyConfig>,
    /// The directory of the config file: relative paths in it (zone files) resolve here.
    #[serde(skip)]
    pub base_dir: PathBuf,
}

/// Where MDVR alarms come from besides `POST /v1/alarms`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlarmsConfig {
    /// The Kafka topic of alarms (`fleetsight.alarms.v1`); needs `[kafka]`. Off when unset.
    #[serde(default)]
    pub kafka_topic: Option<String>,
}

fn base_dir(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

impl Config {
    /// Reads, parses and validates a config for `fleetsight sink`: `[kafka]` and `[store]`
    /// matter, streams are not needed.
    pub fn load_for_sink(path: &Path) -> Result<Self, ConfigError> {
        let config = Self::load_for_admin(path)?;
        if config.kafka.is_none() {
            return Err(ConfigError::Invalid { path: path.to_owned(), problems: vec!["kafka: `fleetsight sink` needs a [kafka] section".into()] });
        }
        Ok(config)
    }

    /// Reads, parses and validates a config for the administrative commands (registry,
    /// hotlist, challans): only the store matters, streams are not needed.
    pub fn load_for_admin(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        let mut config: Config =
            toml::from_str(&text).map_err(|e| ConfigError::parse(path.to_owned(), &text, e))?;
        config.base_dir = base_dir(path);
        let problems: Vec<String> = config.validate().into_iter().filter(|p| !p.starts_with("streams")).collect();
        if problems.is_empty() { Ok(config) } else { Err(ConfigError::Invalid { path: path.to_owned(), problems }) }
    }

    /// Reads, parses and validates `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        Self::from_toml_str(&text, path)
    }

    /// Parses and validates TOML text; `path` is only used in messages.
    pub fn from_toml_str(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut config: Config =
            toml::from_str(text).map_err(|e| ConfigError::parse(path.to_owned(), text, e))?;
        config.base_dir = base_dir(path);
        let problems = config.validate();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError::Invalid { path: PathBuf::from(path), problems })
        }
    }

    /// Every problem, each as `field: message`. Pure: no file system or network access.
    pub fn validate(&self) -> Vec<String> {
        let mut problems: Vec<String> = self.api.validate().into_iter().map(|p| format!("api.{p}")).collect();
        if let Err(e) = self.supervisor.validate() {
            problems.push(format!("supervisor.{e}"));
        }
        for (section, r) in [("analysis", self.analysis.validate()), ("tracking", self.tracking.validate()), ("gps", self.gps.validate())] {
            if let Err(e) = r {
                problems.push(format!("{section}.{e}"));
            }
        }
        if let Some(Err(e)) = self.kafka.as_ref().map(KafkaConfig::validate) {
            problems.push(format!("kafka.{e}"));
        }
        if self.alarms.kafka_topic.is_some() && self.kafka.is_none() {
            problems.push("alarms.kafka_topic: needs a [kafka] section for the brokers".into());
        }
        if self.gps.kafka_topic.is_some() && self.kafka.is_none() {
            problems.push("gps.kafka_topic: needs a [kafka] section for the brokers".into());
        }
        if let Some(Err(e)) = self.scylla.as_ref().map(ScyllaStoreConfig::validate) {
            problems.push(format!("scylla.{e}"));
        }
        if let Err(e) = self.rules.validate() {
            problems.push(format!("rules.{e}"));
        }
        if let Err(e) = self.challans.validate(&self.rules.offences()) {
            problems.push(format!("challans.{e}"));
        }
        if let Err(e) = self.evidence.validate() {
            problems.push(format!("evidence.{e}"));
        }
        if let Some(Err(e)) = self.notify.as_ref().map(NotifyConfig::validate) {
            problems.push(format!("notify.{e}"));
        }
        let mut device_ids = HashSet::new();
        for (i, d) in self.devices.iter().enumerate() {
            if let Err(e) = d.validate() {
                problems.push(format!("devices[{i}].{e}"));
            }
            if !device_ids.insert(d.id.as_str()) {
                problems.push(format!("devices[{i}].id: `{}` is listed by an earlier entry", d.id));
            }
        }
        if self.streams.is_empty() {
            problems.push("streams: at least one [[streams]] entry is required".into());
        }
        let mut seen = HashSet::new();
        for (i, s) in self.streams.iter().enumerate() {
            for p in s.validate() {
                problems.push(format!("streams[{i}].{p}"));
            }
            if !seen.insert(s.id.as_str()) {
                problems.push(format!("streams[{i}].id: `{}` is used by an earlier stream", s.id));
            }
        }
        if let Some(sharding) = &self.sharding {
            let ids: Vec<&str> = self.streams.iter().map(|s| s.id.as_str()).collect();
            problems.extend(sharding.validate(&ids).into_iter().map(|p| format!("sharding.{p}")));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml_str(text, Path::new("test.toml"))
    }

    const ONE: &str = r#"
        [[streams]]
        id = "cam0"
        device_id = "bus-1"
        rtsp = { url = "rtsp://127.0.0.1:8554/cam0" }
    "#;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse(ONE).unwrap();
        assert_eq!(c.supervisor, SupervisorConfig::default());
        assert_eq!(c.analysis.queue, 64);
    }

    #[test]
    fn devices_are_validated_with_their_field() {
        let ok = parse(&format!("{ONE}\n[[devices]]\nid = \"bus-1\"\nserial = \"MDVR-SN-0042\"\nimei = \"356938035643809\"")).unwrap();
        assert_eq!(ok.devices[0].imei.as_deref(), Some("356938035643809"));
        let err = parse(&format!("{ONE}\n[[devices]]\nid = \"bus-1\"\nimei = \"356938035643808\"\n[[devices]]\nid = \"bus-1\"\nserial = \"S\""))
            .unwrap_err()
            .to_string();
        assert!(err.contains("devices[0].imei:") && err.contains("devices[1].id: `bus-1` is listed by an earlier entry"), "{err}");
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse(&format!("{ONE}\nbogus_key = 1")).unwrap_err().to_string();
        assert!(err.contains("test.toml") && err.contains("bogus_key"), "{err}");
    }

    #[test]
    fn sharding_is_validated_at_load_with_its_field() {
        let err = parse(&format!("{ONE}\n[sharding]\nreplicas = 2\nassign = {{ cam0 = 2, ghost = 0 }}")).unwrap_err().to_string();
        for needle in ["sharding.assign.cam0: shard 2 is not below replicas = 2", "sharding.assign.ghost: no [[streams]]"] {
            assert!(err.contains(needle), "missing {needle} in {err}");
        }
        assert!(parse(&format!("{ONE}\n[sharding]\nreplicas = 0")).unwrap_err().to_string().contains("sharding.replicas: must be at least 1"));
        assert_eq!(parse(&format!("{ONE}\n[sharding]\nreplicas = 3")).unwrap().sharding.unwrap().replicas, 3);
    }

    #[test]
    fn bad_values_are_all_reported_with_their_field() {
        let text = r#"
            [supervisor]
            backoff_max_secs = 0.1
            [[streams]]
            id = "cam0"
            device_id = "bus-1"
            rtsp = { url = "http://nope" }
            [[streams]]
            id = "cam0"
            device_id = ""
            file = { path = "clip.avi" }
        "#;
        let err = parse(text).unwrap_err().to_string();
        for needle in [
            "supervisor.backoff_max_secs",
            "streams[0].rtsp.url",
            "streams[1].id: `cam0` is used",
            "streams[1].device_id",
            "streams[1].file.path",
        ] {
            assert!(err.contains(needle), "missing {needle} in {err}");
        }
    }

    /// Structure-aware fuzzing of the config loader: the shipped configs, mutated line by line
    /// (a value swapped for a hostile one, a line dropped, duplicated or cut, a section header
    /// moved), `FLEETSIGHT_CONFIG_FUZZ_CASES` times (default 3000). The loader must answer
    /// every one with a config that validates clean or an error that names a place, never a
    /// panic. The seed is printed on failure (`FLEETSIGHT_FUZZ_SEED` replays it).
    #[test]
    fn mutated_configs_load_or_are_refused_without_panicking() {
        use rand::{Rng, SeedableRng};
        let seeds = [
            include_str!("../../../deploy/demo/fleetsight.toml"),
            include_str!("../../../deploy/kubernetes/config/edge.toml"),
            include_str!("../../../deploy/compose/edge.toml"),
            include_str!("../../../deploy/systemd/fleetsight.toml"),
        ];
        let hostile = ["-1", "0", "1e309", "nan", "-inf", "9223372036854775808", "\"\"", "\"\\u0000\"", "[]", "{}", "true", "\"rtsp://u:p@[::1\"", "\"../../etc/passwd\""];
        let seed = std::env::var("FLEETSIGHT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64));
        let cases: usize = std::env::var("FLEETSIGHT_CONFIG_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000);
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let (mut loaded, mut refused) = (0, 0);
        for _ in 0..cases {
            let mut lines: Vec<String> = seeds[rng.random_range(0..seeds.len())].lines().map(String::from).collect();
            for _ in 0..rng.random_range(1..4) {
                let i = rng.random_range(0..lines.len());
                match rng.random_range(0..5) {
                    0 => {
                        if let Some((key, _)) = lines[i].split_once('=') {
                            lines[i] = format!("{key}= {}", hostile[rng.random_range(0..hostile.len())]);
                        }
                    }
                    1 => drop(lines.remove(i)),
                    2 => lines.insert(i, lines[i].clone()),
                    3 => {
                        let cut = rng.random_range(0..=lines[i].len());
                        lines[i] = String::from_utf8_lossy(&lines[i].as_bytes()[..cut]).into_owned();
                    }
                    _ => {
                        let header = lines.iter().find(|l| l.starts_with('[')).cloned().unwrap_or_default();
                        lines.insert(i, header);
                    }
                }
            }
            let text = lines.join("\n");
            let outcome = std::panic::catch_unwind(|| parse(&text));
            match outcome {
                Ok(Ok(c)) => {
                    assert_eq!(c.validate(), Vec::<String>::new(), "seed {seed}: a loaded config must validate:\n{text}");
                    loaded += 1;
                }
                Ok(Err(e)) => {
                    assert!(!e.to_string().trim().is_empty(), "seed {seed}: an empty error for:\n{text}");
                    refused += 1;
                }
                Err(_) => panic!("seed {seed}: the loader panicked on:\n{text}"),
            }
        }
        assert!(loaded > 0 && refused > 0, "seed {seed}: {loaded} loaded, {refused} refused: the mutations should do both");
    }
}

//! Sharding `[[streams]]` across edge replicas: every replica loads the same config and runs
//! only its share, so a Kubernetes StatefulSet (or N boxes) splits a fleet without a config per
//! replica.
//!
//! A stream's shard is its explicit placement in `[sharding] assign` if it has one, else
//! `fold(FNV-1a 64(id)) mod replicas`: FNV-1a 64 (offset basis 0xcbf29ce484222325, prime
//! 0x100000001b3) over the id's UTF-8 bytes, folded as `h ^ (h >> 32)` so the well-mixed high
//! bits reach the low ones (FNV's low k bits depend only on the low k bits of each byte). The
//! hash is written out here, not taken from `std` (whose `DefaultHasher` output is unspecified
//! and may change between releases), so a plan printed by one build holds for every build and
//! platform; a test pins it. Changing `replicas` moves most streams (modulo, not consistent
//! hashing): a rollout restarts every edge anyway.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use super::stream::StreamConfig;

/// The environment variable a replica reads its shard index from when `--shard-index` is not
/// given (a StatefulSet sets it from the pod's `apps.kubernetes.io/pod-index` label).
pub const SHARD_INDEX_ENV: &str = "FLEETSIGHT_SHARD_INDEX";

/// How the streams are split across edge replicas.
///
/// ```toml
/// [sharding]
/// replicas = 3
/// assign = { "bus-101-front" = 0 }   # explicit placements; every other stream by hash
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardingConfig {
    /// How many edge replicas share the streams (at least 1). Must match the StatefulSet's
    /// `replicas`.
    pub replicas: u32,
    /// Explicit placements, stream id → shard index (below `replicas`); they override the hash,
    /// e.g. to keep a heavy camera away from others or pin a site to one replica.
    #[serde(default)]
    pub assign: BTreeMap<String, u32>,
}

/// Where one stream runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The stream id.
    pub stream: String,
    /// The shard (replica index) that runs it.
    pub shard: u32,
    /// Placed by `[sharding] assign` rather than by hash.
    pub explicit: bool,
}

/// FNV-1a 64 of `bytes` (the standard parameters; see the module docs).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The shard a stream id hashes to among `replicas` (≥ 1).
pub fn hash_shard(id: &str, replicas: u32) -> u32 {
    let h = fnv1a64(id.as_bytes());
    // The remainder is below `replicas`, a u32.
    ((h ^ (h >> 32)) % u64::from(replicas.max(1))) as u32
}

impl ShardingConfig {
    /// Problems, each as `field: message` relative to `[sharding]`; `stream_ids` are the
    /// configured streams. Pure.
    pub fn validate(&self, stream_ids: &[&str]) -> Vec<String> {
        let mut p = Vec::new();
        if self.replicas == 0 {
            p.push("replicas: must be at least 1".into());
        }
        for (id, &shard) in &self.assign {
            if shard >= self.replicas {
                p.push(format!("assign.{id}: shard {shard} is not below replicas = {}", self.replicas));
            }
            if !stream_ids.contains(&id.as_str()) {
                p.push(format!("assign.{id}: no [[streams]] entry has this id"));
            }
        }
        p
    }

    /// The shard that runs stream `id`.
    pub fn shard_of(&self, id: &str) -> u32 {
        self.assign.get(id).copied().unwrap_or_else(|| hash_shard(id, self.replicas))
    }

    /// Where every stream runs, in config order.
    pub fn plan(&self, streams: &[StreamConfig]) -> Vec<Assignment> {
        streams.iter().map(|s| Assignment { stream: s.id.clone(), shard: self.shard_of(&s.id), explicit: self.assign.contains_key(&s.id) }).collect()
    }

    /// Keeps only shard `index`'s streams; returns how many were dropped. The message of an
    /// impossible index names where it came from.
    pub fn retain(&self, index: u32, streams: &mut Vec<StreamConfig>) -> Result<usize, String> {
        if index >= self.replicas {
            return Err(format!("shard index {index} is not below sharding.replicas = {}", self.replicas));
        }
        let before = streams.len();
        streams.retain(|s| self.shard_of(&s.id) == index);
        Ok(before - streams.len())
    }
}

/// This replica's shard index: `flag` (`--shard-index`), else `env` (the value of
/// [`SHARD_INDEX_ENV`]), else the trailing `-N` of `hostname` (a StatefulSet pod is
/// `<name>-<ordinal>`). Returns the index and where it came from, for the start-up log.
pub fn resolve_index(flag: Option<u32>, env: Option<&str>, hostname: Option<&str>) -> Result<(u32, &'static str), String> {
    if let Some(i) = flag {
        return Ok((i, "--shard-index"));
    }
    if let Some(v) = env.map(str::trim).filter(|v| !v.is_empty()) {
        return v.parse().map(|i| (i, SHARD_INDEX_ENV)).map_err(|_| format!("{SHARD_INDEX_ENV}: `{v}` is not a shard index (0, 1, ...)"));
    }
    hostname
        .and_then(|h| h.trim().rsplit_once('-'))
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|(_, n)| n.parse().ok())
        .map(|i| (i, "hostname"))
        .ok_or_else(|| format!("[sharding] is set: give --shard-index or {SHARD_INDEX_ENV}, or run on a host named <name>-<N>"))
}

/// The plan as a table (shard, stream, how placed) and one line per shard with its count.
pub fn render_plan(plan: &[Assignment], replicas: u32) -> String {
    let mut out = String::new();
    let width = plan.iter().map(|a| a.stream.len()).max().unwrap_or(0).max("stream".len());
    let _ = writeln!(out, "shard  {:width$}  placed", "stream");
    let mut sorted: Vec<_> = plan.iter().collect();
    sorted.sort_by_key(|a| a.shard);
    for a in sorted {
        let _ = writeln!(out, "{:>5}  {:width$}  {}", a.shard, a.stream, if a.explicit { "assign" } else { "hash" });
    }
    for shard in 0..replicas {
        let n = plan.iter().filter(|a| a.shard == shard).count();
        let _ = writeln!(out, "shard {shard}: {n} streams");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sharding(replicas: u32, assign: &[(&str, u32)]) -> ShardingConfig {
        ShardingConfig { replicas, assign: assign.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
    }

    fn stream(id: &str) -> StreamConfig {
        toml::from_str(&format!("id = \"{id}\"\ndevice_id = \"d\"\nrtsp = {{ url = \"rtsp://h/{id}\" }}")).unwrap()
    }

    #[test]
    fn fnv1a64_is_the_standard_one() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn assignment_is_stable() {
        // Fixed expectations (computed independently): a change of hash or fold breaks this test,
        // and with it every plan an operator has checked.
        let expected = [
            ("bus-101-front", [0, 0, 0, 2, 4]),
            ("bus-101-rear", [0, 1, 2, 0, 2]),
            ("truck-7-front", [0, 1, 2, 2, 2]),
            ("patrol-3-front", [1, 0, 3, 1, 7]),
            ("incident-clip", [0, 2, 2, 3, 2]),
        ];
        for (id, shards) in expected {
            let got: Vec<u32> = [2, 3, 4, 5, 8].iter().map(|&n| hash_shard(id, n)).collect();
            assert_eq!(got, shards, "{id}");
        }
    }

    #[test]
    fn hash_spreads_many_ids_evenly() {
        for replicas in [2u32, 3, 4, 7, 8, 16] {
            let mut counts = vec![0usize; replicas as usize];
            let ids = (0..2000).flat_map(|bus| ["front", "rear"].map(|cam| format!("bus-{bus}-{cam}")));
            for id in ids {
                counts[hash_shard(&id, replicas) as usize] += 1;
            }
            let mean = 4000.0 / f64::from(replicas);
            for (shard, &n) in counts.iter().enumerate() {
                assert!((n as f64 - mean).abs() < 0.15 * mean, "replicas {replicas}: shard {shard} has {n}, mean {mean}");
            }
        }
    }

    #[test]
    fn explicit_assignment_wins_over_the_hash() {
        let hashed = hash_shard("bus-101-front", 4);
        let pinned = (hashed + 1) % 4;
        let s = sharding(4, &[("bus-101-front", pinned)]);
        let plan = s.plan(&[stream("bus-101-front"), stream("bus-101-rear")]);
        assert_eq!(plan[0], Assignment { stream: "bus-101-front".into(), shard: pinned, explicit: true });
        assert_eq!(plan[1], Assignment { stream: "bus-101-rear".into(), shard: hash_shard("bus-101-rear", 4), explicit: false });
    }

    #[test]
    fn every_stream_runs_on_exactly_one_shard() {
        let all: Vec<_> = (0..50).map(|i| stream(&format!("cam-{i}"))).collect();
        let s = sharding(3, &[("cam-7", 2)]);
        let mut seen = Vec::new();
        for index in 0..3 {
            let mut mine = all.clone();
            let skipped = s.retain(index, &mut mine).unwrap();
            assert_eq!(skipped + mine.len(), all.len());
            seen.extend(mine.into_iter().map(|m| m.id));
        }
        seen.sort();
        let mut ids: Vec<_> = all.iter().map(|s| s.id.clone()).collect();
        ids.sort();
        assert_eq!(seen, ids);
        assert!(s.retain(3, &mut all.clone()).unwrap_err().contains("sharding.replicas = 3"));
    }

    #[test]
    fn validation_names_the_field() {
        assert_eq!(sharding(0, &[]).validate(&["a"]), vec!["replicas: must be at least 1".to_string()]);
        let p = sharding(2, &[("a", 2), ("ghost", 0)]).validate(&["a"]);
        assert_eq!(p, vec!["assign.a: shard 2 is not below replicas = 2".to_string(), "assign.ghost: no [[streams]] entry has this id".to_string()]);
        assert!(sharding(2, &[("a", 1)]).validate(&["a"]).is_empty());
    }

    #[test]
    fn index_from_flag_env_or_hostname() {
        assert_eq!(resolve_index(Some(2), Some("5"), Some("edge-7")), Ok((2, "--shard-index")));
        assert_eq!(resolve_index(None, Some(" 5 "), Some("edge-7")), Ok((5, SHARD_INDEX_ENV)));
        assert_eq!(resolve_index(None, Some(""), Some("fleetsight-edge-12")), Ok((12, "hostname")));
        assert!(resolve_index(None, Some("x"), None).unwrap_err().starts_with(SHARD_INDEX_ENV));
        for host in [None, Some("edge"), Some("edge-"), Some("edge-1a")] {
            assert!(resolve_index(None, None, host).unwrap_err().contains("--shard-index"), "{host:?}");
        }
    }

    #[test]
    fn plan_renders_per_shard_counts() {
        let s = sharding(2, &[("b", 1)]);
        let out = render_plan(&s.plan(&[stream("a"), stream("b")]), 2);
        assert!(out.contains("assign") && out.contains("shard 0: ") && out.contains("shard 1: "), "{out}");
        let total: usize = out.lines().filter_map(|l| l.strip_prefix("shard ")?.split(": ").nth(1)?.strip_suffix(" streams")?.parse::<usize>().ok()).sum();
        assert_eq!(total, 2, "{out}");
    }
}

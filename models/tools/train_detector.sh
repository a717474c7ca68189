#!/usr/bin/env bash
# Retrains the plate detector (PlateNet) the way the committed weights were made, and writes
# models/weights/plate_net.bpk plus the run's report (models/weights/plate_net.train.md).
# Deterministic: the seed fixes the weight initialisation and every training scene, training
# runs on one CPU thread; the same machine type gives the same weights (float summation order
# can differ on CPUs with other SIMD widths). Arguments go to `fleetsight train detector`
# (e.g. --steps 200 for a smoke run, --out /tmp/x.bpk).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fleetsight/target}
# `cargo test --no-run` resolves dependency features as the test build does, so the training
# build reuses its compiled dependencies (only Burn's autodiff layers are added).
cargo test --workspace --locked --features pipeline/train --no-run >&2
OUT=models/weights/plate_net.train.md
ARGS=(--seed 20261121 --steps 8000 --batch 12 --lr 0.002 --out models/weights/plate_net.bpk "$@")
{
  echo "# PlateNet training run"
  echo
  echo "command: models/tools/train_detector.sh $* (fleetsight train detector ${ARGS[*]})"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "started: $(date -u +%FT%TZ)"
  echo
  "$CARGO_TARGET_DIR/debug/fleetsight" train detector "${ARGS[@]}"
} | tee "$OUT"

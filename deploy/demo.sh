#!/usr/bin/env bash
# The main job on one machine: installs what is needed, builds fleetsight (the same build the
# tests use: dependencies optimised, see Cargo.toml's profiles), generates the
# demo clips, starts a local RTSP server playing them as four MDVR cameras, and runs the pipeline
# on deploy/demo/fleetsight.toml. Prints a per-stream status table every 5 s; metrics are on
# http://127.0.0.1:9900/metrics, readiness on /readyz. Ctrl-C stops everything.
# Extra arguments go to `fleetsight run` (e.g. --duration 30).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/progress.sh
with_progress "demo: installing system packages" bash deploy/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fleetsight/target}
echo "demo: building fleetsight (a first build takes about 35 minutes on 2 cores, see the README) ..." >&2
# The test command's build (same targets, same dependency features), so the demo and the tests
# share one set of compiled dependencies.
with_progress "demo: building" cargo test --workspace --locked --no-run
echo "demo: generating the camera clips (first run only) ..." >&2
with_progress "demo: generating clips" /usr/bin/python3 tests/clips/gen_clips.py tests/clips/out
with_progress "demo: generating pass clips" /usr/bin/python3 tests/clips/gen_clips.py tests/clips/out --set passes --only passes_00 passes_01

C=tests/clips/out
LOG=$(mktemp -t fleetsight-rtsp.XXXXXX)
/usr/bin/python3 tests/rtsp/gst_rtsp_server.py --port 8554 \
  cam0=$C/passes_00.264 cam1=$C/passes_01.264 cam2=$C/plate720_base.264 cam3=$C/plate1080_main.264 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^ready' "$LOG" && break; kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }; sleep 0.1; done
echo "RTSP test cameras: rtsp://127.0.0.1:8554/cam0..cam3; metrics: http://127.0.0.1:9900/metrics" >&2
# The vehicle registry (owners for challans) and the hotlist, imported into the demo store.
"$CARGO_TARGET_DIR/debug/fleetsight" registry import --config deploy/demo/fleetsight.toml deploy/demo/registry.csv
"$CARGO_TARGET_DIR/debug/fleetsight" hotlist import --config deploy/demo/fleetsight.toml deploy/demo/hotlist.csv
"$CARGO_TARGET_DIR/debug/fleetsight" run --config deploy/demo/fleetsight.toml "$@"

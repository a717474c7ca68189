#!/usr/bin/env bash
# The main job on one machine: installs what is needed, builds fleetsight (release), generates the
# demo clips, starts a local RTSP server playing them as four MDVR cameras, and runs the pipeline
# on deploy/demo/fleetsight.toml. Prints a per-stream status table every 5 s; metrics are on
# http://127.0.0.1:9900/metrics, readiness on /readyz. Ctrl-C stops everything.
# Extra arguments go to `fleetsight run` (e.g. --duration 30).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fleetsight/target}
cargo build --release --locked -p pipeline
/usr/bin/python3 tests/clips/gen_clips.py tests/clips/out

C=tests/clips/out
LOG=$(mktemp -t fleetsight-rtsp.XXXXXX)
/usr/bin/python3 tests/rtsp/gst_rtsp_server.py --port 8554 \
  cam0=$C/plate720_base.264 cam1=$C/plate720_main.264 cam2=$C/plate1080_base.264 cam3=$C/plate1080_main.264 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^ready' "$LOG" && break; kill -0 $SERVER 2>/dev/null || { cat "$LOG"; exit 1; }; sleep 0.1; done
echo "RTSP test cameras: rtsp://127.0.0.1:8554/cam0..cam3; metrics: http://127.0.0.1:9900/metrics" >&2
"$CARGO_TARGET_DIR/release/fleetsight" run --config deploy/demo/fleetsight.toml "$@"

#!/usr/bin/env bash
# Runs bench_ort.py on a PP-OCRv4 model from the rapidocr-onnxruntime 1.4.4 wheel, setting up a
# cached venv (onnxruntime, numpy) and the wheel on first use.
# usage: bench_ort.sh det|rec N C H W
set -euo pipefail
CACHE=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}
VENV=$CACHE/ortvenv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import onnxruntime, numpy' 2>/dev/null \
  || "$VENV/bin/pip" install --quiet --disable-pip-version-check onnxruntime numpy >&2
W=$CACHE/rapidocr-1.4.4
if [ ! -f "$W/rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx" ]; then
  mkdir -p "$W"
  python3 -m pip download --quiet --no-deps --dest "$W" rapidocr-onnxruntime==1.4.4 >&2
  (cd "$W" && python3 -m zipfile -e rapidocr_onnxruntime-1.4.4-py3-none-any.whl .)
fi
kind=$1; shift
exec "$VENV/bin/python" "$(dirname "$0")/bench_ort.py" "$W/rapidocr_onnxruntime/models/ch_PP-OCRv4_${kind}_infer.onnx" "$@"

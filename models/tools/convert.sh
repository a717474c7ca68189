#!/usr/bin/env bash
# Regenerates models/src/generated/*.rs and models/weights/*.bpk from the PP-OCRv4 ONNX files
# shipped in the PyPI wheel rapidocr-onnxruntime 1.4.4. Only needed to change or re-verify the
# weights: the results are committed, so building and testing fleetsight never runs this.
#
# Needs pip (to download the wheel) and onnx2burn from burn-onnx 0.22.0:
#   cargo install burn-onnx --version 0.22.0 --locked --root ~/.cache/fleetsight/onnx2burn
set -euo pipefail
cd "$(dirname "$0")/.."
ONNX2BURN=${ONNX2BURN:-$HOME/.cache/fleetsight/onnx2burn/bin/onnx2burn}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m pip download --quiet --no-deps --dest "$WORK" rapidocr-onnxruntime==1.4.4
WHEEL="$WORK/rapidocr_onnxruntime-1.4.4-py3-none-any.whl"
echo "971d7d5f223a7a808662229df1ef69893809d8457d834e6373d3854bc1782cbf  $WHEEL" | sha256sum -c -
(cd "$WORK" && python3 -m zipfile -e "$WHEEL" wheel)
M="$WORK/wheel/rapidocr_onnxruntime/models"
sha256sum -c - <<SUMS
d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9  $M/ch_PP-OCRv4_det_infer.onnx
48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b  $M/ch_PP-OCRv4_rec_infer.onnx
SUMS

mkdir -p src/generated weights
for pair in det:ppocr_v4_det rec:ppocr_v4_rec; do
  kind=${pair%%:*}; name=${pair#*:}
  cp "$M/ch_PP-OCRv4_${kind}_infer.onnx" "$WORK/$name.onnx"
  "$ONNX2BURN" "$WORK/$name.onnx" "$WORK/out_$name"
  cp "$WORK/out_$name/$name.rs" "src/generated/$name.rs"
  cp "$WORK/out_$name/$name.bpk" "weights/$name.bpk"
done
sha256sum weights/*.bpk

#!/usr/bin/env bash
# Installs the test S3 server: moto's `moto_server` (PyPI `moto[server]`, pinned) in a venv
# outside the clone. Prints the executable's path. Tests start their own servers on free
# loopback ports (`moto_server -H 127.0.0.1 -p PORT`).
set -euo pipefail
DIR=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/venv-moto
BIN=$DIR/bin/moto_server
if [ ! -x "$BIN" ]; then
  python3 -m venv "$DIR" >&2
  "$DIR/bin/pip" install --quiet --disable-pip-version-check "moto[server]==5.2.5" >&2
fi
"$BIN" --help >/dev/null
echo "$BIN"

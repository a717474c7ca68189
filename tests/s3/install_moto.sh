#!/usr/bin/env bash
# Installs the test S3 server: moto's `moto_server` (PyPI `moto[server]`, pinned) in a cached venv
# outside the clone (about a minute the first time). Prints the executable's path. Tests start
# their own servers on free loopback ports (`moto_server -H 127.0.0.1 -p PORT`).
set -euo pipefail
VENV=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/venv-moto
BIN=$VENV/bin/moto_server
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
[ -x "$BIN" ] || "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==5.2.5" >&2
"$BIN" --help >/dev/null
echo "$BIN"

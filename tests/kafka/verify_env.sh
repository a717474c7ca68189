#!/usr/bin/env bash
# A cached venv with Python's confluent-kafka (bundles its own librdkafka: Debian's 2.0 cannot
# talk to current brokers). Prints the interpreter's path.
set -euo pipefail
VENV=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/kafka-verify-venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import confluent_kafka' 2>/dev/null \
  || "$VENV/bin/pip" install --quiet --disable-pip-version-check "confluent-kafka==2.16.1" >&2
echo "$VENV/bin/python"

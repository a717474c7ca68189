#!/usr/bin/env bash
# Installs the deployment validators in a cached venv outside the clone (pinned PyPI packages,
# both with their schemas bundled, so validation needs no network afterwards):
#   kubernetes-validate: the Kubernetes manifests against the API's OpenAPI schemas;
#   check-jsonschema:    the compose file against the Compose Specification (vendor.compose-spec).
# Prints the venv's bin directory (tests/run.sh exports it as FLEETSIGHT_DEPLOY_VALIDATORS).
set -euo pipefail
VENV=${FLEETSIGHT_CACHE:-$HOME/.cache/fleetsight}/venv-deploy-validate
[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv "$VENV"
if ! { [ -x "$VENV/bin/kubernetes-validate" ] && [ -x "$VENV/bin/check-jsonschema" ]; }; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==1.37.0" "check-jsonschema==0.39.0" >&2
fi
"$VENV/bin/kubernetes-validate" --version >/dev/null
"$VENV/bin/check-jsonschema" --version >/dev/null
echo "$VENV/bin"

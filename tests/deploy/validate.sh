#!/usr/bin/env bash
# Validates what deploy/ ships that cannot be run here (no Docker, no Kubernetes):
#   - every Kubernetes manifest in deploy/kubernetes (kustomization.yaml aside, it is not an API
#     object) against Kubernetes 1.37's schemas, strictly (unknown fields are errors);
#   - deploy/compose/compose.yaml against the Compose Specification;
#   - the systemd units with `systemd-analyze verify` (on copies whose ExecStart points at an
#     executable that exists), failing on any warning, since unknown keys only warn.
# Usage: tests/deploy/validate.sh BIN_DIR   (BIN_DIR: what tests/deploy/install_validators.sh prints)
# The TOML configs are checked by the Rust test that runs this script (tests/tests/deploy.rs).
set -euo pipefail
bin=${1:?usage: validate.sh BIN_DIR}
cd "$(dirname "$0")/../.."

manifests=()
for f in deploy/kubernetes/*.yaml; do
  [ "$(basename "$f")" = kustomization.yaml ] || manifests+=("$f")
done
"$bin/kubernetes-validate" --strict --kubernetes-version 1.37.0 --quiet "${manifests[@]}"
echo "kubernetes: ${#manifests[@]} manifests valid"

"$bin/check-jsonschema" --builtin-schema vendor.compose-spec deploy/compose/compose.yaml

command -v systemd-analyze >/dev/null || { echo "systemd-analyze not found (Debian package systemd)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
cp "$(type -P true)" "$tmp/bin/fleetsight"
units=()
for u in deploy/systemd/*.service; do
  sed "s#/usr/local/bin/fleetsight#$tmp/bin/fleetsight#g" "$u" > "$tmp/$(basename "$u")"
  units+=("./$(basename "$u")")
done
out=$(cd "$tmp" && systemd-analyze verify "${units[@]}" 2>&1) || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "systemd-analyze verify warned:" >&2; echo "$out" >&2; exit 1; }
echo "systemd: ${#units[@]} units verified"

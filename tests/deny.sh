#!/usr/bin/env bash
# The dependency policy (tests/deny.toml) with cargo-deny, pinned and cached in
# ~/.cache/fleetsight/bin: licenses, bans and sources always; the RustSec advisories only against
# a local copy of the advisory database (FLEETSIGHT_ADVISORY_DB: a directory with the database
# cloned in it, as `cargo deny fetch` leaves it), since CI's network cannot fetch it.
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/cargo_tool.sh
cargo_tool cargo-deny 0.20.2

# cargo-deny reads the metadata of every target's dependencies offline: fetch them all first
# (a fresh machine has only what a build for this host downloaded, or nothing).
cargo fetch --locked --quiet
deny=(cargo deny --locked --offline --manifest-path Cargo.toml --config tests/deny.toml)
"${deny[@]}" check bans licenses sources
if [ -n "${FLEETSIGHT_ADVISORY_DB:-}" ]; then
  "${deny[@]}" check advisories
else
  echo "SKIPPED: cargo deny advisories (no advisory database reachable; set FLEETSIGHT_ADVISORY_DB)"
fi

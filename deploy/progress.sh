# Sourced by deploy/demo.sh and tests/run.sh. `with_progress LABEL CMD...` runs CMD and prints a
# line every minute while it runs: a first build spends over 15 minutes inside single crates
# (Burn's CPU backend) without cargo printing anything.
with_progress() {
  local label=$1 start=$SECONDS ticker rc=0
  shift
  (
    while sleep 60; do
      echo "${label}: still working, $(((SECONDS - start) / 60)) min so far ..." >&2
    done
  ) &
  ticker=$!
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  echo "${label}: done in $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s" >&2
  return "$rc"
}

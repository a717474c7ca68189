# Sourced by the test scripts: `cargo_tool NAME VERSION` installs a pinned cargo subcommand from
# crates.io into ~/.cache/fleetsight/bin (once per machine) and puts that directory on PATH.
cargo_tool() {
  local cache=$HOME/.cache/fleetsight
  export PATH=$cache/bin:$PATH
  if [ "$("$1" --version 2>/dev/null)" != "$1 $2" ]; then
    # Its own temporary target dir: the workspace's CARGO_TARGET_DIR is not for tools.
    env -u CARGO_TARGET_DIR cargo install --locked --quiet "$1" --version "$2" --root "$cache"
  fi
}

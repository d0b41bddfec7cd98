# What the scripts that bring up, find and use Lucet agree on; sourced by each of them.
# shellcheck shell=bash

# The Lucet the tutorial builds on, and the submodules its build needs: "REPOSITORY:PATH", the
# repository relative to the checkout.
pin=51fb1ed414fe44f842db437d94abb6eb439d7c92
upstream=https://github.com/bytecodealliance/lucet
submodules=(".:wasmtime" "wasmtime:crates/wasi-common/WASI")

project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/hello-lucet-runtime

fail() {
  printf 'error: %s\n' "$@" >&2
  exit 1
}
is_lucet() { [[ -f $1/lucet-runtime/Cargo.toml && -f $1/lucetc/Cargo.toml ]]; }
ready_marker() { echo "$(git -C "$1" rev-parse --absolute-git-dir)/hello-lucet-runtime.ready"; }
# The CARGO_HOME of Lucet's own builds in checkout $1; its config.toml points cargo at vendor/.
cargo_home() { echo "$1/vendor/.cargo"; }
# `make lucet` marks a checkout ready only when it finished: crates vendored, lucetc built.
is_ready() {
  local marker
  marker=$(ready_marker "$1" 2>/dev/null) &&
    [[ -f $marker && -x $1/target/release/lucetc && -f $(cargo_home "$1")/config.toml ]]
}

# Whether checkout $1 is at the pin: nothing said when it is; a warning when it is not and
# LUCET_ALLOW_UNPINNED=1 allows it; else an error that ends with how to get there, `... && $2`.
at_pin() {
  local head
  head=$(git -C "$1" rev-parse HEAD 2>/dev/null) || fail "$1 is not a git checkout of Lucet."
  [[ $head == "$pin" ]] && return
  [[ ${LUCET_ALLOW_UNPINNED:-} == 1 ]] ||
    fail "$1 is at $head, but the tutorial needs Lucet at $pin." \
      "Run: git -C $1 checkout $pin && $2," \
      "or set LUCET_ALLOW_UNPINNED=1 to try this commit anyway."
  printf 'warning: %s is at %s, not at the tutorial'"'"'s %s (allowed by LUCET_ALLOW_UNPINNED=1).\n' \
    "$1" "$head" "$pin" >&2
}

# The Lucet checkout this project sits in (the article's layout), if it sits in one.
containing() {
  local candidate
  candidate=$(dirname "$project")
  while [[ $candidate != / ]]; do
    is_lucet "$candidate" && echo "$candidate" && return
    candidate=$(dirname "$candidate")
  done
  return 1
}

# Where Lucet is, or where `make lucet` brings it up: $LUCET_DIR; a Lucet checkout this project
# sits in; the per-user cache.
location() {
  if [[ -n ${LUCET_DIR:-} ]]; then
    realpath -m "$LUCET_DIR"
    return
  fi
  containing || echo "$cache/lucet-${pin:0:7}"
}

#!/usr/bin/env bash
# Measures, under Xvfb with software OpenGL (llvmpipe), the time from launching the window to
# its first frame being on screen, and the memory it holds then (resident set), for the
# default workspace of a first-time user and for a workspace of 10,000 evidence items and
# 2,000 accounts. Prints the median, the fastest and the slowest of RUNS launches (default 20).
# Needs Xvfb (Debian: apt-get install xvfb); installed when run as root and missing.
#
# The app reports the moment of its first frame itself when LERO_EVIDENCE_STARTUP_REPORT is
# set (see src/ui/mod.rs); this script subtracts the moment it launched the app.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}

if ! command -v Xvfb >/dev/null 2>&1; then
  . scripts/apt-install.sh
  apt_install_as_root "Install Xvfb first (apt-get install xvfb)." xvfb libgl1-mesa-dri
fi

cargo build --release --quiet --bin lero-evidence --example large_workspace
bin=$PWD/target/release/lero-evidence
work=$(mktemp -d)
display=:$((70 + RANDOM % 20))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
./target/release/examples/large_workspace "$work/large.lero" >/dev/null

# One launch: prints "launch-to-first-frame-ms rss-mib".
launch() {
  local before after line
  before=$(date +%s%N)
  line=$(LERO_EVIDENCE_STARTUP_REPORT=exit "$bin" "$@" 2>&1 >/dev/null | grep '^startup:' || true)
  if [ -z "$line" ]; then
    echo "The window did not report its first frame." >&2
    exit 1
  fi
  after=$(echo "$line" | sed 's/.*first-frame-unix-ns=\([0-9]*\).*/\1/')
  rss=$(echo "$line" | sed 's/.*rss-kib=\([0-9]*\).*/\1/')
  awk -v a="$after" -v b="$before" -v r="$rss" 'BEGIN { printf "%.1f %.1f\n", (a - b) / 1e6, r / 1024 }'
}

# Median, fastest and slowest of a column of numbers.
summary() {
  sort -n | awk '{ v[NR] = $1 } END { printf "median %.1f (%.1f … %.1f, %d runs)", v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}

measure() {
  local what=$1
  shift
  launch "$@" >/dev/null # the first launch makes the default workspace and warms the disk cache
  for _ in $(seq "$runs"); do launch "$@"; done >"$work/figures"
  echo "$what"
  echo "  launch to first frame, ms: $(cut -d' ' -f1 "$work/figures" | summary)"
  echo "  memory after open (RSS), MiB: $(cut -d' ' -f2 "$work/figures" | summary)"
}

measure "The default workspace, as a first-time user opens it" 
measure "A workspace of 10,000 evidence items and 2,000 accounts" --db "$work/large.lero"

#!/bin/sh
# Runs the given fuzz targets (default: all), two at a time, each for SECONDS (default 900),
# starting from fuzz/seeds and keeping what they learn in fuzz/corpus. Logs go to
# fuzz/logs/TARGET.log; the last line of each says how many inputs were run.
# Needs a nightly toolchain and cargo-fuzz: rustup toolchain install nightly; cargo install cargo-fuzz
set -eu
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-900}
targets=${*:-bundle signed_payloads standards logo account_text writing_help names}
mkdir -p logs
run() {
    mkdir -p "corpus/$1"
    cargo +nightly fuzz run -O "$1" "corpus/$1" "seeds/$1" -- \
        -max_total_time="$seconds" -timeout=5 -print_final_stats=1 >"logs/$1.log" 2>&1
}
set -- $targets
while [ $# -gt 0 ]; do
    run "$1" &
    first=$!
    if [ $# -gt 1 ]; then run "$2" & second=$!; shift; else second=""; fi
    shift
    wait $first || true
    [ -z "$second" ] || wait $second || true
done
grep -H "stat::number_of_executed_units\|stat::peak_rss_mb\|ERROR\|panicked\|Done" logs/*.log

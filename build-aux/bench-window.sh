#!/usr/bin/env bash
# bench-window.sh — time to first rows and the longest main-loop stall while
# the window opens a big capture, next to the same load without a window.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-window.sh [-n PACKETS] [-r RUNS] [-o REPORT.md] [BUILD_DIR]
# Generates a capture with build-aux/hs-gen-capture (default 1,000,000
# packets), runs build-aux/hs-window-bench under xvfb-run (or the current
# display) RUNS times and prints a Markdown table with the medians.  The
# targets come from issue 3: first rows within a second, no stall over 50 ms.
# A benchmark, not a test: the figures depend on the machine.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packets=1000000
runs=5
output=""
build_dir="$srcdir/build"

while [ $# -gt 0 ]; do
    case "$1" in
        -n) packets=$2; shift 2 ;;
        -r) runs=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) build_dir=$1; shift ;;
    esac
done

bench="$build_dir/build-aux/hs-window-bench"
gen="$build_dir/build-aux/hs-gen-capture"
[ -x "$bench" ] || { echo "bench-window.sh: build first: ninja -C $build_dir" >&2; exit 1; }

workdir="$srcdir/bench-out"
mkdir -p "$workdir"
capture="$workdir/window-$packets.pcap"
[ -f "$capture" ] || "$gen" --packets "$packets" -o "$capture" >/dev/null

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export NO_AT_BRIDGE=1

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    raw=$("$bench" "$capture" "$runs")
else
    raw=$(xvfb-run -a -s "-screen 0 1400x900x24" "$bench" "$capture" "$runs")
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rows=$(cut -f1 <<<"$raw" | median)
stall=$(cut -f2 <<<"$raw" | median)
core=$(cut -f3 <<<"$raw" | median)
close=$(cut -f4 <<<"$raw" | median)
ratio=$(awk -v a="$rows" -v b="$core" 'BEGIN {printf "%.2f", a / b}')
size=$(du -h "$capture" | cut -f1)

report=$(cat <<EOT
| Capture | First rows (median of $runs) | Longest main-loop stall | Same load without a window | First rows / load | Closing the window |
|---|---|---|---|---|---|
| $(printf "%'d" "$packets") packets, $size | ${rows} ms (target ≤ 1000) | ${stall} ms (target ≤ 50) | ${core} ms | ${ratio}× | ${close} ms |

Raw runs (first rows ms, stall ms, load without window ms, closing ms):

\`\`\`
$raw
\`\`\`
EOT
)

if [ -n "$output" ]; then
    printf '%s\n' "$report" > "$output"
fi
printf '%s\n' "$report"

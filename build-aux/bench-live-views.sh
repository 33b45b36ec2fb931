#!/usr/bin/env bash
# bench-live-views.sh — how the window's views keep up with a live capture.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-live-views.sh [-n PACKETS] [-b "1000 5000 20000"] [-o REPORT.md] [BUILD_DIR]
# Generates two captures with build-aux/hs-gen-capture (PACKETS packets,
# default 500,000: one with 1,000 connections, one single connection), and
# for each batch size and each page (Ladder, Packets, Graphs) runs
# build-aux/hs-live-views-bench under xvfb-run (or the current display): a
# window showing a live document grown 20 batches a second, the biggest
# connection selected.  Prints a Markdown table: the time spent in the
# packets-added handlers per batch (mean, max), the longest main-loop stall
# after a batch (max, p99), and the mean stall of the first and last tenth
# of the batches (as the document grows).  A benchmark, not a test.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packets=500000
batches="1000 5000 20000"
output=""
build_dir="$srcdir/build"

while [ $# -gt 0 ]; do
    case "$1" in
        -n) packets=$2; shift 2 ;;
        -b) batches=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) build_dir=$1; shift ;;
    esac
done

# shellcheck source=build-aux/developer-tools.sh
. "$srcdir/build-aux/developer-tools.sh"
developer_tools "$build_dir" hs-live-views-bench hs-gen-capture
bench="$build_dir/build-aux/hs-live-views-bench"
gen="$build_dir/build-aux/hs-gen-capture"
[ -x "$bench" ] || { echo "bench-live-views.sh: build first: ninja -C $build_dir" >&2; exit 1; }
[ -x "$gen" ] || { echo "bench-live-views.sh: build first: ninja -C $build_dir" >&2; exit 1; }

workdir="$srcdir/bench-out"
mkdir -p "$workdir"
many="$workdir/live-many-$packets.pcap"
one="$workdir/live-one-$packets.pcap"
[ -f "$many" ] || "$gen" --packets "$packets" --connections 1000 -o "$many" -q
[ -f "$one" ] || "$gen" --packets "$packets" --connections 1 -o "$one" -q

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export NO_AT_BRIDGE=1
export GTK_A11Y=none

run () {
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        "$bench" "$@" 2>/dev/null
    else
        xvfb-run -a -s "-screen 0 1400x900x24" "$bench" "$@" 2>/dev/null
    fi
}

# batch  n_packets  handlers_ms  stall_ms  ->  one table row
summarize () {
    python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
h = [float(r[2]) for r in rows]; s = [float(r[3]) for r in rows]
ss = sorted(s); n = len(s); tenth = max(1, n // 10)
p99 = ss[min(n - 1, max(0, int(0.99 * n + 0.5) - 1))]
print("%d | %.1f | %.1f | %.1f | %.1f | %.1f → %.1f" % (n, sum(h) / n, max(h), max(s), p99,
      sum(s[:tenth]) / tenth, sum(s[-tenth:]) / tenth))
'
}

report="| Capture | Batch (pkt/s at 20/s) | Page | Batches | Handlers mean ms | Handlers max ms | Stall max ms | Stall p99 ms | Stall mean, first → last tenth ms |
|---|---|---|---|---|---|---|---|---|"
for capture in "$many" "$one"; do
    case "$capture" in *many*) name="1,000 connections" ;; *) name="1 connection" ;; esac
    for batch in $batches; do
        for page in ladder packets graphs; do
            row=$(run "$capture" "$batch" "$page" | summarize)
            report+=$'\n'"| $name, $(printf "%'d" "$packets") packets | $(printf "%'d" "$batch") ($(printf "%'d" $((batch * 20)))) | $page | $row |"
            echo "$name $batch $page: $row" >&2
        done
    done
done

if [ -n "$output" ]; then
    printf '%s\n' "$report" > "$output"
fi
printf '%s\n' "$report"

#!/usr/bin/env bash
# bench-live-views.sh — how the window's views keep up with a live capture.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-live-views.sh [-n PACKETS] [-b "1000 5000 20000"]
#          [-p "ladder packets graphs"] [-c "many one"] [-o REPORT.md]
#          [[LABEL=]BUILD_DIR ...]
# Generates two captures with build-aux/hs-gen-capture (PACKETS packets,
# default 500,000: "many" with 1,000 connections, "one" a single
# connection), and for each batch size and each page (Ladder, Packets,
# Graphs) runs build-aux/hs-live-views-bench under xvfb-run (or the current
# display): a window showing a live document grown 20 batches a second, the
# biggest connection selected.  Given several build directories (e.g.
# before=/tmp/old/build after=build), each case runs in each build one
# after the other, side by side in one run.  Prints a Markdown table: the
# stall after the first batch (when the connection appears and is
# selected), then over the batches after it (the growth): the time spent
# in the packets-added handlers per batch (mean, max), the longest
# main-loop stall after a batch (max, p99), how many batches were followed
# by a stall over 16 ms (one frame at 60 Hz), and the mean stall of the
# first and last tenth of the batches (as the document grows).
# A benchmark, not a test.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packets=500000
batches="1000 5000 20000"
pages="ladder packets graphs"
captures="many one"
output=""
builds=()

while [ $# -gt 0 ]; do
    case "$1" in
        -n) packets=$2; shift 2 ;;
        -b) batches=$2; shift 2 ;;
        -p) pages=$2; shift 2 ;;
        -c) captures=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) builds+=("$1"); shift ;;
    esac
done
[ ${#builds[@]} -gt 0 ] || builds=("$srcdir/build")

# shellcheck source=build-aux/developer-tools.sh
. "$srcdir/build-aux/developer-tools.sh"
labels=() dirs=()
for spec in "${builds[@]}"; do
    case "$spec" in
        *=*) label=${spec%%=*}; dir=${spec#*=} ;;
        *) label=$(basename "$(cd "$spec/.." && pwd)"); dir=$spec ;;
    esac
    dir=$(cd "$dir" && pwd)
    # a build made before the developer-tools option has its tools already
    [ -x "$dir/build-aux/hs-live-views-bench" ] && [ -x "$dir/build-aux/hs-gen-capture" ] ||
        developer_tools "$dir" hs-live-views-bench hs-gen-capture
    for tool in hs-live-views-bench hs-gen-capture; do
        [ -x "$dir/build-aux/$tool" ] || { echo "bench-live-views.sh: build first: ninja -C $dir" >&2; exit 1; }
    done
    labels+=("$label") dirs+=("$dir")
done
build_dir=${dirs[${#dirs[@]}-1]}
gen="$build_dir/build-aux/hs-gen-capture"

workdir="$srcdir/bench-out"
mkdir -p "$workdir"
many="$workdir/live-many-$packets.pcap"
one="$workdir/live-one-$packets.pcap"
[ -f "$many" ] || "$gen" --packets "$packets" --connections 1000 -o "$many" -q
[ -f "$one" ] || "$gen" --packets "$packets" --connections 1 -o "$one" -q

export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1
export GTK_A11Y=none

# run BUILD_DIR ARGS...: the bench of that build, with its own schemas
run () {
    local dir=$1
    shift
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        GSETTINGS_SCHEMA_DIR="$dir/data" "$dir/build-aux/hs-live-views-bench" "$@" 2>/dev/null
    else
        GSETTINGS_SCHEMA_DIR="$dir/data" xvfb-run -a -s "-screen 0 1400x900x24" \
            "$dir/build-aux/hs-live-views-bench" "$@" 2>/dev/null
    fi
}

# batch  n_packets  handlers_ms  stall_ms  ->  one table row
# batch  n_packets  handlers_ms  stall_ms  ->  one table row.  The first
# batch is apart: the connection appears and is selected then (a new view
# is built), the others are growth.
summarize () {
    python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
first, rows = rows[0], rows[1:] or rows[:1]
h = [float(r[2]) for r in rows]; s = [float(r[3]) for r in rows]
ss = sorted(s); n = len(s); tenth = max(1, n // 10)
p99 = ss[min(n - 1, max(0, int(0.99 * n + 0.5) - 1))]
over = sum(1 for x in s if x > 16.0)
print("%.1f | %d | %.1f | %.1f | %.1f | %.1f | %d | %.1f → %.1f" % (float(first[3]), n, sum(h) / n,
      max(h), max(s), p99, over, sum(s[:tenth]) / tenth, sum(s[-tenth:]) / tenth))
'
}

report="| Capture | Batch (pkt/s at 20/s) | Page | Build | First batch stall ms | Batches after it | Handlers mean ms | Handlers max ms | Stall max ms | Stall p99 ms | Batches with a stall > 16 ms | Stall mean, first → last tenth ms |
|---|---|---|---|---|---|---|---|---|---|---|---|"
for which in $captures; do
    case "$which" in
        many) capture=$many name="1,000 connections" ;;
        one) capture=$one name="1 connection" ;;
        *) echo "bench-live-views.sh: -c takes many and one" >&2; exit 1 ;;
    esac
    for batch in $batches; do
        for page in $pages; do
            for i in "${!dirs[@]}"; do
                row=$(run "${dirs[$i]}" "$capture" "$batch" "$page" | summarize)
                report+=$'\n'"| $name, $(printf "%'d" "$packets") packets | $(printf "%'d" "$batch") ($(printf "%'d" $((batch * 20)))) | $page | ${labels[$i]} | $row |"
                echo "$name $batch $page ${labels[$i]}: $row" >&2
            done
        done
    done
done

if [ -n "$output" ]; then
    printf '%s\n' "$report" > "$output"
fi
printf '%s\n' "$report"

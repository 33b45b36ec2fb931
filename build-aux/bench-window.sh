#!/usr/bin/env bash
# bench-window.sh — time to first rows and the longest main-loop stall while
# the window opens a big capture, next to the same load without a window.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-window.sh [-n PACKETS] [-r RUNS] [-o REPORT.md]
#                                  [-g RENDERERS] [BUILD_DIR ...]
# Generates a capture with build-aux/hs-gen-capture (default 1,000,000
# packets), runs build-aux/hs-window-bench under xvfb-run (or the current
# display) RUNS times for each build directory (default build/) and each GSK
# renderer in RENDERERS (default "gl cairo": under Xvfb, GL is Mesa's
# software llvmpipe, which spends ~40 ms on every frame), and prints a
# Markdown table with the medians, one row per build and renderer, so a
# change is compared side by side in one run.  The targets come from issue
# 3: first rows within a second, no stall over 50 ms.
# A benchmark, not a test: the figures depend on the machine.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packets=1000000
runs=5
output=""
renderers="gl cairo"
build_dirs=()

while [ $# -gt 0 ]; do
    case "$1" in
        -n) packets=$2; shift 2 ;;
        -r) runs=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -g) renderers=$2; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) build_dirs+=("$(cd "$1" && pwd)"); shift ;;
    esac
done
[ ${#build_dirs[@]} -gt 0 ] || build_dirs=("$srcdir/build")
build_dir=${build_dirs[0]}

# shellcheck source=build-aux/developer-tools.sh
. "$srcdir/build-aux/developer-tools.sh"
gen="$build_dir/build-aux/hs-gen-capture"
developer_tools "$build_dir" hs-gen-capture
[ -x "$gen" ] || { echo "bench-window.sh: build first: ninja -C $build_dir" >&2; exit 1; }
for dir in "${build_dirs[@]}"; do
    developer_tools "$dir" hs-window-bench
    [ -x "$dir/build-aux/hs-window-bench" ] ||
        { echo "bench-window.sh: build first: ninja -C $dir" >&2; exit 1; }
done

workdir="$srcdir/bench-out"
mkdir -p "$workdir"
capture="$workdir/window-$packets.pcap"
[ -f "$capture" ] || "$gen" --packets "$packets" -o "$capture" >/dev/null

export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
size=$(du -h "$capture" | cut -f1)
table="| Build | Renderer | First rows (median of $runs) | Longest main-loop stall | Same load without a window | First rows / load | Closing the window | To All Packets |
|---|---|---|---|---|---|---|---|"
raws=""

for dir in "${build_dirs[@]}"; do
    label=$(git -C "$dir/.." describe --always --dirty 2>/dev/null || basename "$dir")
    for renderer in $renderers; do
        export GSETTINGS_SCHEMA_DIR="$dir/data"
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            raw=$(GSK_RENDERER=$renderer "$dir/build-aux/hs-window-bench" "$capture" "$runs")
        else
            raw=$(GSK_RENDERER=$renderer xvfb-run -a -s "-screen 0 1400x900x24" \
                  "$dir/build-aux/hs-window-bench" "$capture" "$runs")
        fi
        rows=$(cut -f1 <<<"$raw" | median)
        stall=$(cut -f2 <<<"$raw" | median)
        core=$(cut -f3 <<<"$raw" | median)
        close=$(cut -f4 <<<"$raw" | median)
        all=$(cut -f5 <<<"$raw" | median)
        ratio=$(awk -v a="$rows" -v b="$core" 'BEGIN {printf "%.2f", a / b}')
        table+="
| \`$label\` | $renderer | ${rows} ms | ${stall} ms | ${core} ms | ${ratio}× | ${close} ms | ${all} ms |"
        raws+="
$label $renderer:
$raw"
    done
done

report=$(cat <<EOT
$(printf "%'d" "$packets") packets, $size; targets: first rows ≤ 1000 ms, no stall over 50 ms.

$table

Raw runs (first rows ms, stall ms, load without window ms, closing ms, to All Packets ms):

\`\`\`$raws
\`\`\`
EOT
)

if [ -n "$output" ]; then
    printf '%s\n' "$report" > "$output"
fi
printf '%s\n' "$report"

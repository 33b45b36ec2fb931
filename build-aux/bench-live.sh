#!/usr/bin/env bash
# bench-live.sh — the highest packet rate a live capture keeps up with on
# the loopback interface, and the main-loop stalls while batches are applied.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-live.sh [-r RATES] [-b BUFFERS_MB] [-s SECONDS] [-o REPORT.md] [BUILD_DIR]
# Runs build-aux/hs-live-bench (as root: it captures on lo) at increasing
# packet rates (default 5k, 10k, 20k, 50k, 100k, 200k packets/s, 3 s each,
# about half a minute) and prints a Markdown section: per rate the segments
# sent (the kernel's TCP OutSegs), captured, dropped by the kernel and the
# interface, missing (sent - captured), the longest and 99th-percentile
# main-loop iteration (applying a batch) and gap between the ticks of a 1 ms
# heartbeat; then the highest rate with nothing dropped or missing.  With
# -b 32,64 each rate runs once per kernel buffer size, side by side.
# A benchmark, not a test: the figures depend on the machine.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rates=5000,10000,20000,50000,100000,200000
buffers=64
seconds=3
output=""
build_dir="$srcdir/build"

while [ $# -gt 0 ]; do
    case "$1" in
        -r) rates=$2; shift 2 ;;
        -b) buffers=$2; shift 2 ;;
        -s) seconds=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) build_dir=$1; shift ;;
    esac
done

# shellcheck source=build-aux/developer-tools.sh
. "$srcdir/build-aux/developer-tools.sh"
developer_tools "$build_dir" hs-live-bench
bench="$build_dir/build-aux/hs-live-bench"
[ -x "$bench" ] || { echo "bench-live.sh: build first: ninja -C $build_dir" >&2; exit 1; }

tsv=$(mktemp "${TMPDIR:-/tmp}/hs-bench-live.XXXXXX")
trap 'rm -f "$tsv"' EXIT
"$bench" --rates "$rates" --buffer-mb "$buffers" --seconds "$seconds" | tee "$tsv" >&2

report() {
    echo "## Live capture"
    echo
    echo "Measured with \`bash build-aux/bench-live.sh -b $buffers\`: an \`HsLiveCapture\` on \`lo\` (immediate mode,"
    echo "kernel buffer of ${buffers//,/ or } MiB, whole packets, filter \`tcp port P\`) in a process whose GMainLoop applies"
    echo "the batches, while two threads of the same process send one TCP connection's small"
    echo "\`TCP_NODELAY\` writes through loopback, paced on the kernel's TCP OutSegs counter (the rate"
    echo "counts both directions, ACKs included). ${seconds} s per rate."
    echo
    echo "- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), Linux $(uname -r); $(date +%F)"
    echo "- libpcap $(dpkg-query -W -f '${Version}' libpcap0.8 2>/dev/null || echo '(version unknown)')"
    echo
    echo "| Kernel buffer (MiB) | Target rate (pkt/s) | Achieved (pkt/s) | Sent | Captured | Dropped: kernel | Dropped: interface | Missing (share of sent) | Main-loop iteration max / p99 (ms) | Heartbeat gap max / p99 (ms) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' 'NR > 1 { printf "| %d | %d | %d | %d | %d | %d | %d | %d (%.3f%%) | %.2f / %.2f | %.2f / %.2f |\n",
                          $1, $2, $3, $4, $5, $6, $7, $8, ($4 > 0 ? 100 * $8 / $4 : 0), $9, $10, $11, $12 }' "$tsv"
    echo
    for b in ${buffers//,/ }; do
        best=$(awk -F'\t' -v b="$b" 'NR > 1 && $1 == b && $6 == 0 && $7 == 0 && $8 <= 0 { if ($3 > m) m = $3 } END { print m + 0 }' "$tsv")
        lost=$(awk -F'\t' -v b="$b" 'NR > 1 && $1 == b { s += $4; m += ($8 > 0 ? $8 : 0) } END { printf "%.3f", (s > 0 ? 100 * m / s : 0) }' "$tsv")
        echo "- ${b} MiB: highest rate captured with nothing dropped or missing **${best} packets/s** (achieved rate); ${lost}% of all packets sent missing over every rate."
    done
    echo
    echo "\"Missing\" is what the kernel sent and the document lacks; Handshake itself drops nothing"
    echo "(every packet libpcap hands over is written and analysed), so losses are the kernel's ring"
    echo "overflowing while the capture thread waits for a CPU. On \`lo\` the kernel counts every lost"
    echo "packet twice (its outgoing and incoming copies both reach the socket; libpcap keeps one), so"
    echo "\"Dropped: kernel\" is about twice \"Missing\". Loopback frames are up to 64 KiB, so a 64 MiB"
    echo "ring holds only about 1,000 of them: the worst case; on an Ethernet interface it holds ~30,000."
}

if [ -n "$output" ]; then
    report > "$output"
    echo "bench-live.sh: wrote $output" >&2
else
    report
fi

#!/usr/bin/env bash
# bench-live.sh — the highest packet rate a live capture keeps up with on
# the loopback interface, and the main-loop stalls while batches are applied.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench-live.sh [-r RATES] [-s SECONDS] [-o REPORT.md] [BUILD_DIR]
# Runs build-aux/hs-live-bench (as root: it captures on lo) at increasing
# packet rates (default 5k, 10k, 20k, 50k, 100k, 200k packets/s, 3 s each,
# about half a minute) and prints a Markdown section: per rate the segments
# sent (the kernel's TCP OutSegs), captured, dropped by the kernel and the
# interface, missing (sent - captured), the longest and 99th-percentile
# main-loop iteration (applying a batch) and gap between the ticks of a 1 ms
# heartbeat; then the highest rate with nothing dropped or missing.
# A benchmark, not a test: the figures depend on the machine.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rates=5000,10000,20000,50000,100000,200000
seconds=3
output=""
build_dir="$srcdir/build"

while [ $# -gt 0 ]; do
    case "$1" in
        -r) rates=$2; shift 2 ;;
        -s) seconds=$2; shift 2 ;;
        -o) output=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) build_dir=$1; shift ;;
    esac
done

bench="$build_dir/build-aux/hs-live-bench"
if [ ! -x "$bench" ]; then
    ninja -C "$build_dir" build-aux/hs-live-bench >&2 || true
fi
[ -x "$bench" ] || { echo "bench-live.sh: build first: ninja -C $build_dir" >&2; exit 1; }

tsv=$(mktemp "${TMPDIR:-/tmp}/hs-bench-live.XXXXXX")
trap 'rm -f "$tsv"' EXIT
"$bench" --rates "$rates" --seconds "$seconds" | tee "$tsv" >&2

report() {
    echo "## Live capture"
    echo
    echo "Measured with \`bash build-aux/bench-live.sh\`: an \`HsLiveCapture\` on \`lo\` (immediate mode,"
    echo "32 MiB kernel buffer, whole packets, filter \`tcp port P\`) in a process whose GMainLoop applies"
    echo "the batches, while two threads of the same process send one TCP connection's small"
    echo "\`TCP_NODELAY\` writes through loopback, paced on the kernel's TCP OutSegs counter (the rate"
    echo "counts both directions, ACKs included). ${seconds} s per rate."
    echo
    echo "- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), Linux $(uname -r); $(date +%F)"
    echo "- libpcap $(dpkg-query -W -f '${Version}' libpcap0.8 2>/dev/null || echo '(version unknown)')"
    echo
    echo "| Target rate (pkt/s) | Achieved (pkt/s) | Sent | Captured | Dropped: kernel | Dropped: interface | Missing | Main-loop iteration max / p99 (ms) | Heartbeat gap max / p99 (ms) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' 'NR > 1 { printf "| %d | %d | %d | %d | %d | %d | %d | %.2f / %.2f | %.2f / %.2f |\n",
                          $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$tsv"
    echo
    best=$(awk -F'\t' 'NR > 1 && $5 == 0 && $6 == 0 && $7 <= 0 { if ($2 > b) b = $2 } END { print b + 0 }' "$tsv")
    echo "Highest rate captured with nothing dropped or missing: **${best} packets/s** (achieved rate)."
    echo "\"Missing\" is what the kernel sent and the document lacks; Handshake itself drops nothing"
    echo "(every packet libpcap hands over is written and analysed), so losses are the kernel's ring"
    echo "overflowing while the capture thread waits for a CPU. On \\`lo\\` the kernel counts every lost"
    echo "packet twice (its outgoing and incoming copies both reach the socket; libpcap keeps one), so"
    echo "\"Dropped: kernel\" is about twice \"Missing\". Loopback frames are up to 64 KiB, so the 32 MiB"
    echo "ring holds only about 500 of them: the worst case; on an Ethernet interface it holds ~16,000."
}

if [ -n "$output" ]; then
    report > "$output"
    echo "bench-live.sh: wrote $output" >&2
else
    report
fi

#!/usr/bin/env bash
# benchmark.sh - how fast and how lean handshake-cli reads a big capture
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times, side by side and several times each (the median is reported):
#   (a) a bare libpcap read loop (build-aux/hs-pcap-loop),
#   (b) handshake-cli conversations FILE,
#   (c) tshark -n -q -r FILE -o tcp.desegment_tcp_streams:FALSE -z conv,tcp
#       (TCP sequence analysis stays on),
# on a synthetic capture of at least 1,000,000 packets written by
# build-aux/hs-gen-capture, and measures the peak memory of (b) with
# /usr/bin/time.  Prints a Markdown report (to --output, default stdout) with
# the targets: (b) within 1.5x of (a), (c) at least 30x slower than (b), and
# (b) at most 64 bytes of peak memory per packet.
#
# This is a benchmark, not a test: it takes minutes and its numbers depend on
# the machine.  With --check it exits with status 3 when a target is missed.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: build-aux/benchmark.sh [OPTIONS] [BUILD_DIR]

  -b, --build-dir DIR    meson build directory (default: <source>/build)
  -n, --packets N        packets in the generated capture (default 2000000,
                         at least 1000000)
  -s, --seed S           generator seed (default 1)
  -l, --snaplen L        generate a capture of the first L bytes of each frame
                         (default 0: whole frames; 128 keeps the headers)
  -c, --capture FILE     use this capture instead of generating one
  -r, --runs R           repetitions of (a) and (b) (default 5)
  -t, --tshark-runs R    repetitions of (c) (default 3)
  -o, --output FILE      write the Markdown report to FILE (default stdout)
  -w, --work-dir DIR     where generated captures are kept (default
                         <source>/bench-out)
      --cli PATH         handshake-cli to measure (default: in the build dir)
      --no-tshark        skip (c)
      --check            exit with status 3 if a target is missed
  -h, --help             show this help
EOF
}

die() {
    echo "benchmark.sh: $*" >&2
    exit 1
}

note() {
    echo "benchmark.sh: $*" >&2
}

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=""
packets=2000000
seed=1
snaplen=0
capture=""
runs=5
tshark_runs=3
output=""
work_dir="$srcdir/bench-out"
cli=""
use_tshark=1
check=0

while [ $# -gt 0 ]; do
    case "$1" in
        -b|--build-dir) build_dir=$2; shift 2 ;;
        -n|--packets) packets=$2; shift 2 ;;
        -s|--seed) seed=$2; shift 2 ;;
        -l|--snaplen) snaplen=$2; shift 2 ;;
        -c|--capture) capture=$2; shift 2 ;;
        -r|--runs) runs=$2; shift 2 ;;
        -t|--tshark-runs) tshark_runs=$2; shift 2 ;;
        -o|--output) output=$2; shift 2 ;;
        -w|--work-dir) work_dir=$2; shift 2 ;;
        --cli) cli=$2; shift 2 ;;
        --no-tshark) use_tshark=0; shift ;;
        --check) check=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) build_dir=$1; shift ;;
    esac
done

[ -n "$build_dir" ] || build_dir="$srcdir/build"
[ -d "$build_dir" ] || die "no build directory at $build_dir (meson setup $build_dir, or pass --build-dir)"
build_dir=$(cd "$build_dir" && pwd)
case "$packets" in ''|*[!0-9]*) die "--packets needs a number" ;; esac
case "$snaplen" in ''|*[!0-9]*) die "--snaplen needs a number" ;; esac
case "$runs" in ''|*[!0-9]*|0) die "--runs needs a positive number" ;; esac
case "$tshark_runs" in ''|*[!0-9]*|0) die "--tshark-runs needs a positive number" ;; esac
if [ -z "$capture" ] && [ "$packets" -lt 1000000 ]; then
    die "--packets must be at least 1000000"
fi

# -- tools -------------------------------------------------------------------

gen="$build_dir/build-aux/hs-gen-capture"
loop="$build_dir/build-aux/hs-pcap-loop"
# shellcheck source=build-aux/developer-tools.sh
. "$srcdir/build-aux/developer-tools.sh"
note "building hs-gen-capture and hs-pcap-loop in $build_dir (-Ddeveloper-tools=true)"
developer_tools "$build_dir" hs-gen-capture hs-pcap-loop ||
    die "cannot configure $build_dir with -Ddeveloper-tools=true"
[ -x "$gen" ] || die "$gen is missing: is the build (-Ddeveloper-tools=true) up to date?"
[ -x "$loop" ] || die "$loop is missing: is the build (-Ddeveloper-tools=true) up to date?"

if [ -z "$cli" ]; then
    cli="$build_dir/src/handshake-cli/handshake-cli"
fi
if [ ! -x "$cli" ]; then
    die "handshake-cli not found at $cli: build it (meson compile -C $build_dir) or pass --cli PATH"
fi

timebin=/usr/bin/time
if [ ! -x "$timebin" ] || ! "$timebin" -f %M true >/dev/null 2>&1; then
    die "GNU time ($timebin) is needed to measure peak memory: apt-get install time"
fi
if [ "$use_tshark" = 1 ] && ! command -v tshark >/dev/null 2>&1; then
    die "tshark not found: apt-get install tshark, or pass --no-tshark"
fi

# -- captures ----------------------------------------------------------------

mkdir -p "$work_dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hs-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "$capture" ]; then
    capture="$work_dir/bench-$packets-s$seed$([ "$snaplen" = 0 ] || echo "-snap$snaplen").pcap"
    if [ ! -s "$capture" ]; then
        note "writing $capture ($packets packets)"
        "$gen" --packets "$packets" --seed "$seed" --snaplen "$snaplen" -o "$capture.part" >&2
        mv "$capture.part" "$capture"
    fi
fi
[ -r "$capture" ] || die "cannot read $capture"
one="$work_dir/bench-1.pcap"
if [ ! -s "$one" ]; then
    "$gen" --packets 1 --quiet -o "$one"
fi

# Read the file once so that every timed run finds it in the page cache.
cat "$capture" >/dev/null
loop_out=$("$loop" "$capture") || die "hs-pcap-loop cannot read $capture"
count=$(echo "$loop_out" | awk '{ print $2 }')
[ "$count" -ge 1 ] 2>/dev/null || die "no packets in $capture"
size=$(stat -c %s "$capture")

# -- measuring ---------------------------------------------------------------

# run NAME CMD... : runs CMD once with stdout to /dev/null, appends
# "seconds peak_kib" to $tmp/NAME; stops the benchmark if CMD fails.
run() {
    local name=$1
    shift
    local t0 t1
    t0=$(date +%s%N)
    if ! "$timebin" -f %M -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err"; then
        echo "benchmark.sh: this command failed:" >&2
        echo "  $*" >&2
        tail -n 20 "$tmp/err" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000 )) $(tail -n 1 "$tmp/rss")" >>"$tmp/$name"
}

# anon_peak CMD... : peak anonymous resident memory (RssAnon, KiB) of CMD,
# sampled every 10 ms.  Unlike the peak RSS that /usr/bin/time reports, it
# leaves out the pages of a memory-mapped capture file.
anon_peak() {
    local pid v peak=0
    "$@" >/dev/null 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        v=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [ -n "$v" ] && [ "$v" -gt "$peak" ]; then
            peak=$v
        fi
        sleep 0.01
    done
    wait "$pid" || die "this command failed: $*"
    echo "$peak"
}

# median FILE COLUMN
median() {
    sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# all FILE : every run's seconds, in run order
all() {
    awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / 1e6 }' "$1"
}

tshark_cmd=(tshark -n -q -r "$capture" -o tcp.desegment_tcp_streams:FALSE -z "conv,tcp")
cli_cmd=("$cli" conversations "$capture")

note "timing $count packets: $runs runs of the loop and handshake-cli, $([ "$use_tshark" = 1 ] && echo "$tshark_runs of tshark" || echo "no tshark")"
rounds=$runs
[ "$use_tshark" = 1 ] && [ "$tshark_runs" -gt "$rounds" ] && rounds=$tshark_runs
for i in $(seq 1 "$rounds"); do
    if [ "$i" -le "$runs" ]; then
        run loop "$loop" "$capture"
        run cli "${cli_cmd[@]}"
        run cli1 "$cli" conversations "$one"
    fi
    if [ "$use_tshark" = 1 ] && [ "$i" -le "$tshark_runs" ]; then
        run tshark "${tshark_cmd[@]}"
    fi
    note "round $i of $rounds done"
done

note "sampling the anonymous memory of handshake-cli"
cli_anon_kib=$(anon_peak "${cli_cmd[@]}")
cli1_anon_kib=$(anon_peak "$cli" conversations "$one")

loop_us=$(median "$tmp/loop" 1)
cli_us=$(median "$tmp/cli" 1)
loop_kib=$(median "$tmp/loop" 2)
cli_kib=$(median "$tmp/cli" 2)
cli1_kib=$(median "$tmp/cli1" 2)
if [ "$use_tshark" = 1 ]; then
    tshark_us=$(median "$tmp/tshark" 1)
    tshark_kib=$(median "$tmp/tshark" 2)
fi

# -- report ------------------------------------------------------------------

report() {
    local cpu kernel tshark_version
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    kernel=$(uname -sr)
    echo "# handshake-cli benchmark"
    echo
    echo "- Capture: \`$(basename "$capture")\`, $(printf "%'d" "$count") packets, $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }'), $(awk -v b="$size" -v n="$count" 'BEGIN { printf "%.0f", b / n }') bytes per packet in the file"
    echo "- Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $kernel; $(date -u +%Y-%m-%d)"
    if [ "$use_tshark" = 1 ]; then
        tshark_version=$(tshark --version 2>/dev/null | head -n 1)
        echo "- $tshark_version"
    fi
    echo "- Median of $runs runs$([ "$use_tshark" = 1 ] && echo " ($tshark_runs for tshark)"), the capture in the page cache, output to /dev/null"
    echo
    echo "| Reader | Median (s) | Runs (s) | Peak RSS (MiB) | Time vs bare loop |"
    echo "|---|---:|---|---:|---:|"
    awk -v us="$loop_us" -v kib="$loop_kib" -v runs="$(all "$tmp/loop")" 'BEGIN {
        printf "| (a) bare libpcap loop (`hs-pcap-loop`) | %.2f | %s | %.1f | 1.00x |\n", us / 1e6, runs, kib / 1024 }'
    awk -v us="$cli_us" -v base="$loop_us" -v kib="$cli_kib" -v runs="$(all "$tmp/cli")" 'BEGIN {
        printf "| (b) `handshake-cli conversations` | %.2f | %s | %.1f | %.2fx |\n", us / 1e6, runs, kib / 1024, us / base }'
    if [ "$use_tshark" = 1 ]; then
        awk -v us="$tshark_us" -v base="$loop_us" -v kib="$tshark_kib" -v runs="$(all "$tmp/tshark")" 'BEGIN {
            printf "| (c) `tshark -z conv,tcp` (no reassembly) | %.2f | %s | %.1f | %.2fx |\n", us / 1e6, runs, kib / 1024, us / base }'
    fi
    echo
    echo "| Measure | Value | Target | Result |"
    echo "|---|---:|---:|---|"
    awk -v cli="$cli_us" -v loop="$loop_us" 'BEGIN { r = cli / loop
        printf "| handshake-cli time / bare loop time | %.2fx | <= 1.5x | %s |\n", r, (r <= 1.5 ? "PASS" : "FAIL") }'
    if [ "$use_tshark" = 1 ]; then
        awk -v cli="$cli_us" -v ts="$tshark_us" 'BEGIN { r = ts / cli
            printf "| tshark time / handshake-cli time | %.1fx | >= 30x | %s |\n", r, (r >= 30 ? "PASS" : "FAIL") }'
    fi
    awk -v peak="$cli_kib" -v one="$cli1_kib" -v n="$count" 'BEGIN { b = (peak - one) * 1024 / n
        printf "| handshake-cli peak memory per packet (peak RSS - peak RSS on a 1-packet capture) / packets | %.1f B | <= 64 B | %s |\n", b, (b <= 64 ? "PASS" : "FAIL") }'
    awk -v peak="$cli_kib" -v n="$count" 'BEGIN {
        printf "| handshake-cli raw peak RSS / packets | %.1f B | - | - |\n", peak * 1024 / n }'
    awk -v one="$cli1_kib" 'BEGIN {
        printf "| handshake-cli peak RSS on a 1-packet capture | %.1f MiB | - | - |\n", one / 1024 }'
    awk -v peak="$cli_anon_kib" -v one="$cli1_anon_kib" -v n="$count" 'BEGIN {
        b = (peak - one) * 1024 / n
        printf "| handshake-cli peak anonymous memory (RssAnon sampled every 10 ms, without a mapped file) per packet, minus the 1-packet run | %.1f B | (<= 64 B) | %s |\n", b, (b <= 64 ? "ok" : "over") }'
    if [ "$use_tshark" = 1 ]; then
        awk -v loop="$loop_us" -v ts="$tshark_us" 'BEGIN {
            printf "| tshark time / bare loop time (the best tshark ratio any libpcap reader can reach on this file) | %.1fx | - | - |\n", ts / loop }'
    fi
    echo
    echo "Commands: \`$loop CAPTURE\`; \`$cli conversations CAPTURE\`;"
    echo "\`tshark -n -q -r CAPTURE -o tcp.desegment_tcp_streams:FALSE -z conv,tcp\`;"
    echo "memory from \`/usr/bin/time -f %M\` (peak resident set size)."
}

if [ -n "$output" ]; then
    report >"$output"
    note "report written to $output"
else
    report
fi

if [ "$check" = 1 ]; then
    failed=$(report | grep -c '| FAIL |' || true)
    if [ "$failed" -gt 0 ]; then
        note "$failed target(s) missed"
        exit 3
    fi
fi

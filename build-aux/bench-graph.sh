#!/usr/bin/env bash
# bench-graph.sh — does painting a graph cost the same on a connection of a
# million packets as on one of a thousand?
#
# Copyright 2026 Handshake developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes captures of ONE long connection each with build-aux/hs-gen-capture
# (--connections 1 --snaplen 128, as bench-ladder.sh does, whose files it
# reuses when they are there): 1,000,000 packets, 1,000 packets, and, to
# show where the cost stops growing, 100,000.  On each, build-aux/hs-graph-bench
# builds every kind of graph of the connection and paints a 1200x700 drawing
# (hs_graph_paint on a cairo image surface, no display) K times at three
# zoom levels: the whole connection, a tenth of its time and a thousandth
# (at random places, the values fitted to the range).  RUNS times; the median
# of each figure over the runs is reported.  The claim to check is a ratio,
# not a number of milliseconds: a paint of the million-packet connection
# should cost a small factor of one of the thousand-packet connection, and
# the same as one of the 100,000-packet connection (the decimation makes the
# cost depend on the pixels, not on the points).  Prints a Markdown section
# (to -o FILE, default stdout).
#
# A benchmark, not a test: the figures depend on the machine and on what
# else runs on it.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: build-aux/bench-graph.sh [OPTIONS] [BUILD_DIR]

  -n, --packets N      packets in the big connection (default 1000000)
  -s, --small N        packets in the small connection (default 1000)
  -m, --middle N       packets in a middle-sized connection, 0 for none
                       (default 100000)
  -k, --frames K       paints per graph, zoom level and run (default 100)
  -r, --runs R         runs of the benchmark (default 3)
  -o, --output FILE    write the Markdown section to FILE (default stdout)
  -w, --work-dir DIR   where the captures are kept (default <source>/bench-out)
  -h, --help           show this help

BUILD_DIR is a meson build directory (default <source>/build).
EOF
}

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_name=bench-graph.sh
# shellcheck source=build-aux/bench-common.sh
. "$srcdir/build-aux/bench-common.sh"
build_dir="$srcdir/build"
big=1000000
small=1000
middle=100000
frames=100
runs=3
output=""
work_dir="$srcdir/bench-out"

while [ $# -gt 0 ]; do
    case "$1" in
        -n|--packets) big=$2; shift 2 ;;
        -s|--small) small=$2; shift 2 ;;
        -m|--middle) middle=$2; shift 2 ;;
        -k|--frames) frames=$2; shift 2 ;;
        -r|--runs) runs=$2; shift 2 ;;
        -o|--output) output=$2; shift 2 ;;
        -w|--work-dir) work_dir=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) build_dir=$1; shift ;;
    esac
done

for v in "$big" "$small" "$frames" "$runs"; do
    case "$v" in ''|*[!0-9]*|0) die "numbers must be positive integers" ;; esac
done
case "$middle" in ''|*[!0-9]*) die "--middle must be a number (0 for none)" ;; esac

bench_tools "$build_dir" hs-graph-bench


small_capture=$(capture_for "$small" graph)
big_capture=$(capture_for "$big" graph)
captures=("$small_capture" "$big_capture")
if [ "$middle" != 0 ]; then
    middle_capture=$(capture_for "$middle" graph)
    captures+=("$middle_capture")
fi

# -- measuring ---------------------------------------------------------------

# One process per run paints the small connection (index 0), the big one (1)
# and the middle one (2) frame by frame in turn.
for i in $(seq 1 "$runs"); do
    note "run $i of $runs"
    "$bench" --frames "$frames" --seed "$i" "${captures[@]}" >>"$tmp/out"
done

# paint KIND INDEX ZOOM COLUMN: median over the runs of one column of the
# matching "paint" lines (5 median ms, 6 p95 ms, 7 max ms, 9 drawn,
# 10 visits)
paint() {
    awk -F'\t' -v kind="$1" -v i="$2" -v z="$3" -v c="$4" \
        '$1 == "paint" && $2 == kind && $3 == i && $4 == z { print $c }' "$tmp/out" | median
}

# build KIND INDEX COLUMN: median of a "build" column (4 ms, 5 points)
build() {
    awk -F'\t' -v kind="$1" -v i="$2" -v c="$3" \
        '$1 == "build" && $2 == kind && $3 == i { print $c }' "$tmp/out" | median
}

packets_of() {
    awk -F'\t' -v i="$1" '$1 == "stream" && $2 == i { print $4; exit }' "$tmp/out"
}

# -- report ------------------------------------------------------------------

fmt_int() { printf "%.0f" "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

fmt_ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else printf "-" }'
}

kind_title() {
    case "$1" in
        window) echo "Window" ;;
        tcptrace) echo "Time-sequence (tcptrace)" ;;
        stevens) echo "Time-sequence (Stevens)" ;;
        throughput) echo "Throughput" ;;
        rtt) echo "RTT" ;;
    esac
}

zoom_title() {
    case "$1" in
        whole) echo "whole" ;;
        tenth) echo "1/10" ;;
        milli) echo "1/1000" ;;
    esac
}

report() {
    local cpu ns nb nm kinds="window tcptrace stevens throughput rtt" k z load
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
    ns=$(fmt_int "$(packets_of 0)")
    nb=$(fmt_int "$(packets_of 1)")
    echo "## Painting the graphs"
    echo
    echo "- Captures: one connection each, written by \`hs-gen-capture --connections 1 --snaplen 128\`" \
         "(the same files as the ladder benchmark's where they exist): $nb packets" \
         "($(awk -v b="$(stat -c %s "$big_capture")" 'BEGIN { printf "%.0f MiB", b / 1048576 }'))," \
         "$ns packets$( [ "$middle" != 0 ] && echo ", and $(fmt_int "$(packets_of 2)") packets to show where the cost stops growing")"
    echo "- Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr); $(date -u +%Y-%m-%d);" \
         "load average at the end $load (other builds were running)"
    echo "- \`hs-graph-bench\`: each kind of graph of the connection built (\`hs_graph_new\`), then" \
         "a 1200x700 drawing (\`hs_graph_paint\`, cairo image surface, light palette, legend above" \
         "the plot) painted $frames times per zoom level after 5 unmeasured paints: the whole" \
         "connection, 1/10 and 1/1000 of its time at random places (values fitted to the range," \
         "not timed); the connections painted in turn, one paint each, so that load from" \
         "elsewhere slows them alike; each figure is the median of $runs runs"
    echo "- Drawn: vertices, dots, bars and marks put on the surface per paint; visited: points" \
         "and tree nodes looked at per paint (the painter's own counters), for the small and the" \
         "big connection"
    echo
    if [ "$middle" != 0 ]; then
        nm=$(fmt_int "$(packets_of 2)")
        echo "| Graph | Zoom | $ns pk: median / p95 (ms) | $nm pk: median / p95 (ms) | $nb pk: median / p95 (ms) | $nb / $ns (median) | $nb / $nm (median) | Drawn, $ns / $nb pk | Visited, $ns / $nb pk |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    else
        echo "| Graph | Zoom | $ns pk: median / p95 (ms) | $nb pk: median / p95 (ms) | $nb / $ns (median) | Drawn, $ns / $nb pk | Visited, $ns / $nb pk |"
        echo "|---|---|---:|---:|---:|---:|---:|"
    fi
    for k in $kinds; do
        for z in whole tenth milli; do
            local s_med s_p95 b_med b_p95 m_med m_p95
            s_med=$(paint "$k" 0 "$z" 5); s_p95=$(paint "$k" 0 "$z" 6)
            b_med=$(paint "$k" 1 "$z" 5); b_p95=$(paint "$k" 1 "$z" 6)
            if [ "$middle" != 0 ]; then
                m_med=$(paint "$k" 2 "$z" 5); m_p95=$(paint "$k" 2 "$z" 6)
                echo "| $(kind_title "$k") | $(zoom_title "$z")" \
                     "| $(fmt_ms "$s_med") / $(fmt_ms "$s_p95")" \
                     "| $(fmt_ms "$m_med") / $(fmt_ms "$m_p95")" \
                     "| $(fmt_ms "$b_med") / $(fmt_ms "$b_p95")" \
                     "| $(ratio "$b_med" "$s_med") | $(ratio "$b_med" "$m_med")" \
                     "| $(fmt_int "$(paint "$k" 0 "$z" 9)") / $(fmt_int "$(paint "$k" 1 "$z" 9)")" \
                     "| $(fmt_int "$(paint "$k" 0 "$z" 10)") / $(fmt_int "$(paint "$k" 1 "$z" 10)") |"
            else
                echo "| $(kind_title "$k") | $(zoom_title "$z")" \
                     "| $(fmt_ms "$s_med") / $(fmt_ms "$s_p95")" \
                     "| $(fmt_ms "$b_med") / $(fmt_ms "$b_p95")" \
                     "| $(ratio "$b_med" "$s_med")" \
                     "| $(fmt_int "$(paint "$k" 0 "$z" 9)") / $(fmt_int "$(paint "$k" 1 "$z" 9)")" \
                     "| $(fmt_int "$(paint "$k" 0 "$z" 10)") / $(fmt_int "$(paint "$k" 1 "$z" 10)") |"
            fi
        done
    done
    echo
    echo "| Graph | Build, $ns pk (ms) | Build, $nb pk (ms) | Points in the graph, $nb pk |"
    echo "|---|---:|---:|---:|"
    for k in $kinds; do
        echo "| $(kind_title "$k") | $(fmt_ms "$(build "$k" 0 4)") | $(fmt_ms "$(build "$k" 1 4)")" \
             "| $(fmt_int "$(build "$k" 1 5)") |"
    done
    echo
    echo "Commands: \`hs-gen-capture --packets N --connections 1 --snaplen 128 -o CAPTURE\`;" \
         "\`hs-graph-bench --frames $frames --seed RUN SMALL BIG$( [ "$middle" != 0 ] && echo " MIDDLE")\`."
}

if [ -n "$output" ]; then
    report >"$output"
    note "report written to $output"
else
    report
fi

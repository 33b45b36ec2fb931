#!/usr/bin/env bash
# bench-ladder.sh — does painting the ladder diagram cost the same on a
# connection of a million packets as on one of a thousand?
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes two captures of ONE long connection each with build-aux/hs-gen-capture
# (--connections 1): 1,000,000 packets and 1,000 packets (headers only,
# --snaplen 128).  On each, build-aux/hs-ladder-bench builds the layout of the
# connection at width 1200 and paints a 1200x800 viewport (rows and header,
# on a cairo image surface, no display) K times, at random scroll positions
# ("jump") and scrolling down 50 px at a time ("scroll"), in packet order and
# time-true.  As a control for what the rows contain, it does the same on
# 1,000 positions in the middle of the big connection (a layout limited with
# hs_ladder_layout_set_range: the same packets, 1,000 rows).  RUNS times;
# the median of each figure over the runs is reported.  It also times the SVG
# export of the first 10,000 packets of the big connection.  The claim to
# check is a ratio, not a number of seconds: the paint time per frame on the
# big connection over the small one should be close to 1.  Prints a Markdown
# section (to -o FILE, default stdout).
#
# A benchmark, not a test: the figures depend on the machine and on what
# else runs on it.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: build-aux/bench-ladder.sh [OPTIONS] [BUILD_DIR]

  -n, --packets N      packets in the big connection (default 1000000)
  -s, --small N        packets in the small connection (default 1000)
  -k, --frames K       viewports painted per mode and run (default 300)
  -r, --runs R         runs of the benchmark per capture (default 3)
  -e, --svg-packets N  packets in the timed SVG export (default 10000)
  -o, --output FILE    write the Markdown section to FILE (default stdout)
  -w, --work-dir DIR   where the captures are kept (default <source>/bench-out)
  -h, --help           show this help

BUILD_DIR is a meson build directory (default <source>/build).
EOF
}

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_name=bench-ladder.sh
# shellcheck source=build-aux/bench-common.sh
. "$srcdir/build-aux/bench-common.sh"
build_dir="$srcdir/build"
big=1000000
small=1000
frames=300
runs=3
svg_packets=10000
output=""
work_dir="$srcdir/bench-out"

while [ $# -gt 0 ]; do
    case "$1" in
        -n|--packets) big=$2; shift 2 ;;
        -s|--small) small=$2; shift 2 ;;
        -k|--frames) frames=$2; shift 2 ;;
        -r|--runs) runs=$2; shift 2 ;;
        -e|--svg-packets) svg_packets=$2; shift 2 ;;
        -o|--output) output=$2; shift 2 ;;
        -w|--work-dir) work_dir=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) build_dir=$1; shift ;;
    esac
done

for v in "$big" "$small" "$frames" "$runs" "$svg_packets"; do
    case "$v" in ''|*[!0-9]*|0) die "numbers must be positive integers" ;; esac
done

bench_tools "$build_dir" hs-ladder-bench

big_capture=$(capture_for "$big" ladder)
small_capture=$(capture_for "$small" ladder)

# -- measuring ---------------------------------------------------------------

# One process per run paints the small connection (c0), the big one (c1)
# and the window of the big one (c1w) frame by frame in turn.
for i in $(seq 1 "$runs"); do
    note "run $i of $runs"
    svg_args=()
    [ "$i" = 1 ] && svg_args=(--svg "$tmp/ladder.svg" --svg-packets "$svg_packets")
    "$bench" --frames "$frames" --seed "$i" --window "$small" "${svg_args[@]}" \
             "$small_capture" "$big_capture" >>"$tmp/out"
done

# paint PART MODE PATTERN COLUMN: median over the runs of one column of the
# matching "paint" lines (columns: 5 rows, 6 height, 7 layout ms,
# 8 median ms, 9 p95 ms, 10 max ms, 12 rows per frame)
paint() {
    awk -F'\t' -v part="$1" -v mode="$2" -v pat="$3" -v c="$4" \
        '$1 == "paint" && $2 == part && $3 == mode && $4 == pat { print $c }' "$tmp/out" | median
}

# packets_of INDEX: packets of that capture's biggest connection
packets_of() {
    awk -F'\t' -v i="$1" '$1 == "stream" && $2 == i { print $4; exit }' "$tmp/out"
}

# -- report ------------------------------------------------------------------

# 1000000 -> 1,000,000
fmt_int() { printf "%.0f" "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'
}

# row LABEL PART MODE
row() {
    local label=$1 part=$2 mode=$3 name lay
    if [ "$mode" = packet-order ]; then name="packet order"; else name=$mode; fi
    if [ "$part" != c1w ]; then
        lay=$(awk -v v="$(paint "$part" "$mode" jump 7)" 'BEGIN { printf "%.2f", v }')
    else
        lay="(the above, limited)"
    fi
    echo "| $label | $name | $(fmt_int "$(paint "$part" "$mode" jump 5)") | $lay |" \
         "$(awk -v a="$(paint "$part" "$mode" jump 8)" -v b="$(paint "$part" "$mode" jump 9)" \
                -v c="$(paint "$part" "$mode" jump 10)" 'BEGIN { printf "%.2f / %.2f / %.2f", a, b, c }') |" \
         "$(awk -v a="$(paint "$part" "$mode" scroll 8)" -v b="$(paint "$part" "$mode" scroll 9)" \
                -v c="$(paint "$part" "$mode" scroll 10)" 'BEGIN { printf "%.2f / %.2f / %.2f", a, b, c }') |" \
         "$(paint "$part" "$mode" jump 12) |"
}

# per_row PART MODE PATTERN: median paint time / median rows per frame
per_row() {
    awk -v t="$(paint "$1" "$2" "$3" 8)" -v r="$(paint "$1" "$2" "$3" 12)" \
        'BEGIN { if (r > 0) print t / r; else print 0 }'
}

# ratio_row LABEL PART_A PART_B PATTERN COLUMN
ratio_row() {
    local label=$1 a=$2 b=$3 pat=$4 c=$5
    echo "| $label" \
         "| $(ratio "$(paint "$a" packet-order "$pat" "$c")" "$(paint "$b" packet-order "$pat" "$c")")" \
         "| $(ratio "$(paint "$a" time-true "$pat" "$c")" "$(paint "$b" time-true "$pat" "$c")") |"
}

report() {
    local cpu nb ns big_label small_label window_label
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    nb=$(fmt_int "$(packets_of 1)")
    ns=$(fmt_int "$(packets_of 0)")
    big_label="$nb packets"
    small_label="$ns packets"
    window_label="$ns in the middle of the $nb"
    echo "## Painting the ladder diagram"
    echo
    echo "- Captures: one connection each, written by \`hs-gen-capture --connections 1 --snaplen 128\`:" \
         "$nb packets ($(awk -v b="$(stat -c %s "$big_capture")" 'BEGIN { printf "%.0f MiB", b / 1048576 }'))" \
         "and $ns packets"
    echo "- Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr); $(date -u +%Y-%m-%d)"
    echo "- \`hs-ladder-bench\`: layout at width 1200; a 1200x800 viewport (\`hs_ladder_paint\` +" \
         "\`hs_ladder_paint_header\` on a cairo image surface, light palette, phases on) painted" \
         "$frames times per mode after 5 unmeasured frames: at random scroll positions (jump) and" \
         "scrolling down 50 px a frame from a random place (scroll); the layouts are painted in" \
         "turn, one frame each, so that load from elsewhere slows them alike; each figure is the" \
         "median of $runs runs"
    echo "- The last two rows are the control: the big connection's layout limited to $ns positions" \
         "in its middle (\`hs_ladder_layout_set_range\`), the same kind of packets as the big" \
         "connection in a layout of $ns rows"
    echo
    echo "| Connection | Mode | Rows in the layout | Layout build (ms) | Paint, jump: median / p95 / max (ms) | Paint, scroll: median / p95 / max (ms) | Rows per frame |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    row "$small_label" c0 packet-order
    row "$small_label" c0 time-true
    row "$big_label" c1 packet-order
    row "$big_label" c1 time-true
    row "$window_label" c1w packet-order
    row "$window_label" c1w time-true
    echo
    echo "| Ratio (medians over the runs) | Packet order | Time-true |"
    echo "|---|---:|---:|"
    ratio_row "paint per frame, jump: $big_label / $small_label, median" c1 c0 jump 8
    ratio_row "paint per frame, jump: $big_label / $small_label, p95" c1 c0 jump 9
    ratio_row "paint per frame, scroll: $big_label / $small_label, median" c1 c0 scroll 8
    ratio_row "paint per frame, scroll: $big_label / $small_label, p95" c1 c0 scroll 9
    ratio_row "paint per frame, jump: $big_label / $window_label, median" c1 c1w jump 8
    ratio_row "paint per frame, scroll: $big_label / $window_label, median" c1 c1w scroll 8
    for pat in jump scroll; do
        echo "| paint per row on screen, $pat: $big_label / $small_label" \
             "| $(ratio "$(per_row c1 packet-order $pat)" "$(per_row c0 packet-order $pat)")" \
             "| $(ratio "$(per_row c1 time-true $pat)" "$(per_row c0 time-true $pat)") |"
    done
    ratio_row "layout build: $big_label / $small_label" c1 c0 jump 7
    echo
    awk -F'\t' '$1 == "svg" { print $2, $3, $4 }' "$tmp/out" | while read -r n ms bytes; do
        echo "SVG export of the first $(fmt_int "$n") packets of the big connection" \
             "(\`hs_ladder_export\`, packet order, print palette, one run):" \
             "$(awk -v ms="$ms" 'BEGIN { printf "%.2f s", ms / 1000 }')," \
             "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')," \
             "$(fmt_int "$(( bytes / n ))") bytes per packet."
    done
    echo
    echo "Commands: \`hs-gen-capture --packets N --connections 1 --snaplen 128 -o CAPTURE\`;" \
         "\`hs-ladder-bench --frames $frames --seed RUN --window $small [--svg OUT.svg --svg-packets $svg_packets] SMALL BIG\`."
}

if [ -n "$output" ]; then
    report >"$output"
    note "report written to $output"
else
    report
fi

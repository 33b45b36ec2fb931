# bench-common.sh — what bench-ladder.sh and bench-graph.sh share: their
# messages, the tools they run, the captures they paint and the medians
# they report.  Sourced, not run: the script sets $bench_name (its own name,
# for the messages) and $work_dir first.
#
# Copyright 2026 Handshake developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# shellcheck source=build-aux/developer-tools.sh
. "$(dirname "${BASH_SOURCE[0]}")/developer-tools.sh"

die() {
    echo "$bench_name: $*" >&2
    exit 1
}

note() {
    echo "$bench_name: $*" >&2
}

# bench_tools BUILD_DIR BENCH: sets build_dir (made absolute), gen (the
# capture generator) and bench (build-aux/BENCH), configuring the build with
# -Ddeveloper-tools=true (setting it up when there is none) and building
# them (see developer-tools.sh); then the work and temporary folders ($tmp,
# removed on exit).
bench_tools() {
    note "building hs-gen-capture and $2 in $1 (-Ddeveloper-tools=true)"
    developer_tools "$1" hs-gen-capture "$2" || die "cannot configure $1 with -Ddeveloper-tools=true"
    build_dir=$(cd "$1" && pwd)
    gen="$build_dir/build-aux/hs-gen-capture"
    bench="$build_dir/build-aux/$2"
    [ -x "$gen" ] || die "$gen is missing: build first (ninja -C $build_dir)"
    [ -x "$bench" ] || die "$bench is missing: build first (ninja -C $build_dir)"

    mkdir -p "$work_dir"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/hs-${bench_name%.sh}.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
}

# capture_for N PREFIX: a capture of ONE connection of N packets, headers
# only, in the work folder.  Both benchmarks write the same captures (same
# generator, same options), so a file either wrote is used as it is;
# otherwise it is written as PREFIX-N.pcap.
capture_for() {
    local n=$1 file
    for file in "$work_dir/ladder-$n.pcap" "$work_dir/graph-$n.pcap"; do
        if [ -s "$file" ]; then
            echo "$file"
            return
        fi
    done
    file="$work_dir/$2-$n.pcap"
    note "writing $file (one connection, $n packets)"
    "$gen" --packets "$n" --connections 1 --snaplen 128 --quiet -o "$file.part" >&2
    mv "$file.part" "$file"
    echo "$file"
}

# median of a list of numbers on stdin ("nan" for none)
median() {
    sort -g | awk '{ v[n++] = $1 } END {
        if (n == 0) { print "nan"; exit }
        print (n % 2) ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2 }'
}

# developer-tools.sh — sourced by the scripts that run the developer tools
# (the capture generator, the benchmarks, hs-pcap-loop, hs-screenshot).
# They are built only with -Ddeveloper-tools=true (meson_options.txt):
# developer_tools switches the option on in the build directory (setting it
# up first when there is none) and builds the tools asked for.
#
#   . build-aux/developer-tools.sh
#   developer_tools BUILD_DIR hs-gen-capture hs-ladder-bench ...
#
# Copyright 2026 The Handshake authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

# developer_tools_enabled BUILD_DIR: whether BUILD_DIR has -Ddeveloper-tools=true.
developer_tools_enabled() {
    meson introspect --buildoptions "$1" 2>/dev/null | python3 -c '
import json, sys
options = json.load(sys.stdin)
sys.exit(0 if any(o["name"] == "developer-tools" and o["value"] is True for o in options) else 1)'
}

# developer_tools BUILD_DIR TOOL...: configures BUILD_DIR with
# -Ddeveloper-tools=true if it is not yet, then builds build-aux/TOOL...
# (the messages go to stderr; a failed build is left for the caller to see
# as a missing program).
developer_tools() {
    local dir=$1 tool targets=()
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        echo "developer-tools.sh: meson setup $dir -Ddeveloper-tools=true" >&2
        meson setup "$dir" -Ddeveloper-tools=true >&2 || return 1
    elif ! developer_tools_enabled "$dir"; then
        # --reconfigure: a build set up before the option existed knows it then
        echo "developer-tools.sh: meson setup --reconfigure $dir -Ddeveloper-tools=true" >&2
        meson setup --reconfigure "$dir" -Ddeveloper-tools=true >&2 || return 1
    fi
    for tool in "$@"; do
        targets+=("build-aux/$tool")
    done
    [ ${#targets[@]} -eq 0 ] || ninja -C "$dir" "${targets[@]}" >&2 || true
}

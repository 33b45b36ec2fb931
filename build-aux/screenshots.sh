#!/usr/bin/env bash
# screenshots.sh — take the screenshots in data/screenshots again, with
# build-aux/hs-screenshot, from the build tree in build/ (run
# build-aux/run-sample.sh or meson setup + ninja first; hs-screenshot is a
# developer tool, so the build is configured with -Ddeveloper-tools=true
# here, see build-aux/developer-tools.sh).  Runs a private
# Xvfb at 1280x800 when there is no display; the live capture ones need
# CAP_NET_RAW (root).  The Chinese one needs a Chinese font (fonts-wqy-microhei).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

shot=build/build-aux/hs-screenshot
out=data/screenshots
sample=data/sample.pcapng
# shellcheck source=build-aux/developer-tools.sh
. build-aux/developer-tools.sh
developer_tools build hs-screenshot
[ -x "$shot" ] || { echo "screenshots.sh: build $shot first (meson setup --reconfigure build -Ddeveloper-tools=true; ninja -C build)" >&2; exit 1; }

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export HANDSHAKE_LOCALEDIR="$PWD/build/po"
export NO_AT_BRIDGE=1

run () {
  if [ -z "${DISPLAY:-}" ]; then
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  else
    dbus-run-session -- "$@"
  fi
}

# frame 12 of the sample: the retransmission of a lost segment
run "$shot" "$sample" 12 "$out/main-light.png" packets
run "$shot" "$sample" 12 "$out/main-dark.png" packets dark
LANGUAGE=zh_CN run "$shot" "$sample" 12 "$out/main-zh_CN.png" packets
run "$shot" "$sample" 12 "$out/ladder-light.png" ladder
run "$shot" "$sample" 12 "$out/ladder-dark.png" ladder dark
run "$shot" "$sample" 12 "$out/graph-window-light.png" graphs:window
run "$shot" "$sample" 12 "$out/graph-window-dark.png" graphs:window dark
run "$shot" "$sample" 12 "$out/graph-tcptrace-light.png" graphs:tcptrace
run "$shot" capture-page 1 "$out/capture-page-light.png"
if [ "$(id -u)" -eq 0 ]; then
  run "$shot" capture:lo 1 "$out/live-capture-light.png" packets
  run "$shot" capture:lo 1 "$out/live-capture-dark.png" packets dark
else
  echo "screenshots.sh: not root, the live capture screenshots are left as they are" >&2
fi

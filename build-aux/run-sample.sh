#!/usr/bin/env bash
# run-sample.sh — build Handshake and open the bundled sample capture in the window.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

# with a display, Yelp too: F1 shows the help pages in it (the build and the tests
# do not need it)
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  bash build-aux/install-deps.sh yelp
else
  bash build-aux/install-deps.sh
fi
if [ -f build/build.ninja ]; then
  meson setup --reconfigure build -Ddevelopment=true >/dev/null
else
  meson setup build -Ddevelopment=true
fi
ninja -C build

# Run uninstalled: the settings schema and the translations come from the build tree;
# the program finds the sample capture and the help pages in the source tree itself.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export HANDSHAKE_LOCALEDIR="$PWD/build/po"
export HANDSHAKE_SAMPLE="$PWD/data/sample.pcapng"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run-sample.sh: no display; the window needs one (or run it under xvfb-run)." >&2
  echo "Here are the sample's connections from handshake-cli instead:" >&2
  exec build/src/handshake-cli/handshake-cli conversations data/sample.pcapng
fi

exec build/src/handshake/handshake data/sample.pcapng

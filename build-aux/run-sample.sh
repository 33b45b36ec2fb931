#!/usr/bin/env bash
# run-sample.sh — build Handshake and open the bundled sample capture in the window.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
if [ -f build/build.ninja ]; then
  meson setup --reconfigure build -Ddevelopment=true >/dev/null
else
  meson setup build -Ddevelopment=true
fi
ninja -C build

# Run uninstalled: the settings schema and the translations come from the build tree.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export HANDSHAKE_LOCALEDIR="$PWD/build/po"
export HANDSHAKE_SAMPLE="$PWD/data/sample.pcapng"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run-sample.sh: no display; the window needs one (or run it under xvfb-run)." >&2
  echo "Here are the sample's connections from handshake-cli instead:" >&2
  exec build/src/handshake-cli/handshake-cli conversations data/sample.pcapng
fi

exec build/src/handshake/handshake data/sample.pcapng

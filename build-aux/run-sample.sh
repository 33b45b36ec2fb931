#!/usr/bin/env bash
# run-sample.sh — build Handshake and open the bundled sample capture.
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

# Until the window lands (issue 3), the main job is the conversations table.
build/src/handshake-cli/handshake-cli conversations data/sample.pcapng

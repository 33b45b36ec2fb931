#!/usr/bin/env bash
# install-deps.sh [PACKAGE…] — install the Debian 12 packages Handshake needs to build
# and test, and the PACKAGEs named (run-sample.sh adds the help viewer).
# Runs apt-get only when something is missing (as root, or through sudo).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libpcap-dev zlib1g-dev
  libgtk-4-dev libadwaita-1-dev gtk-update-icon-cache librsvg2-common
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  # tests
  python3 tshark xvfb xauth dbus-daemon dbus-bin desktop-file-utils appstream yelp-tools itstool
  # benchmark (build-aux/benchmark.sh)
  time
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# check-fresh.sh [DIR] — run CI (.ci/run) as a fresh Debian 12 machine would:
# in a minimal Debian 12 installed with debootstrap into DIR (default
# /var/tmp/handshake-fresh), from a fresh clone of this repository's HEAD,
# with ../shared beside it.  Nothing is installed in the chroot beforehand:
# .ci/run has to install everything it needs.  Needs root and debootstrap;
# the minimal system is kept as DIR/base.tar for the next run.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/var/tmp/handshake-fresh}
root=$dir/root
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "$(id -u)" -ne 0 ]; then
  echo "check-fresh.sh: run as root (debootstrap and chroot)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "check-fresh.sh: apt-get install debootstrap" >&2; exit 2; }

cleanup () {
  for d in dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$d" && umount -l "$root/$d"
  done
  return 0
}
trap cleanup EXIT

mkdir -p "$dir"
cleanup
if grep -q " $root/" /proc/mounts; then
  echo "check-fresh.sh: something is still mounted under $root" >&2
  exit 1
fi
rm -rf --one-file-system "$root"
if [ ! -f "$dir/base.tar" ]; then
  debootstrap --variant=minbase bookworm "$dir/base" "$mirror"
  tar -C "$dir/base" -cf "$dir/base.tar" .
  rm -rf "$dir/base"
fi
mkdir -p "$root"
tar -C "$root" -xf "$dir/base.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for d in proc sys dev dev/pts dev/shm; do
  mount --bind "/$d" "$root/$d"
done

mkdir -p "$root/work"
git clone -q "$top" "$root/work/handshake"
git -C "$root/work/handshake" checkout -q "$(git -C "$top" rev-parse HEAD)"
cp -a "$top/../shared" "$root/work/shared"

start=$(date +%s)
status=0
chroot "$root" bash -c 'cd /work/handshake && bash .ci/run' || status=$?
echo "check-fresh.sh: .ci/run ended with status $status after $(( $(date +%s) - start )) s"
exit $status

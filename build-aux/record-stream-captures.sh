#!/bin/bash
# record-stream-captures.sh
#
# Copyright 2026 The Handshake authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records the two captures of tests/data that pin down how Wireshark 4.0
# numbers tcp.stream beyond plain connections (tests/data/README.md):
#
#  - linux-icmp-errors.pcapng: HTTP connections, and connection attempts the
#    server refuses with ICMP / ICMPv6 port unreachable, taken with a capture
#    filter that keeps ICMP but not the refused SYNs to ports 81 and 82 (as a
#    user filtering by port would), and keeps the one to port 83.
#  - linux-socks.pcapng: HTTP through a SOCKS proxy on port 1080
#    (build-aux/socks-proxy.py): SOCKS 5 by address, by name and with a
#    username and password, SOCKS 4 and 4a, then one direct connection.
#
#   sudo build-aux/record-stream-captures.sh [OUTPUT_DIR]
#
# Needs root, ip (iproute2), nft, dumpcap, curl and python3; then run
# ../shared/tools/tshark-expect.sh on each to make its NAME.tsv.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../tests/data}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cleanup ()
{
  for ns in hsst-cli hsst-srv hsst-socks; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap cleanup EXIT
cleanup

# ICMP errors: client 10.9.0.1 / fd09::1 -- server 10.9.0.2 / fd09::2
ip netns add hsst-cli
ip netns add hsst-srv
ip link add vc netns hsst-cli type veth peer name vs netns hsst-srv
ip -n hsst-cli addr add 10.9.0.1/24 dev vc
ip -n hsst-srv addr add 10.9.0.2/24 dev vs
ip -n hsst-cli -6 addr add fd09::1/64 dev vc nodad
ip -n hsst-srv -6 addr add fd09::2/64 dev vs nodad
for pair in hsst-cli:vc hsst-srv:vs; do
  ip -n "${pair%%:*}" link set lo up
  ip -n "${pair%%:*}" link set "${pair#*:}" up
done
ip netns exec hsst-srv nft add table inet f
ip netns exec hsst-srv nft add chain inet f in '{ type filter hook input priority 0; }'
ip netns exec hsst-srv nft add rule inet f in tcp dport '{ 81, 82, 83 }' reject with icmpx type port-unreachable
ip netns exec hsst-srv python3 -m http.server 80 --bind :: >/dev/null 2>&1 &
sleep 1
rm -f "$out/linux-icmp-errors.pcapng"
ip netns exec hsst-cli dumpcap -q -i vc -w "$out/linux-icmp-errors.pcapng" \
  -f "icmp or icmp6 or tcp port 80 or tcp port 83" >/dev/null 2>&1 &
dump=$!
sleep 1
for url in http://10.9.0.2/ http://10.9.0.2:81/ http://10.9.0.2/ "http://[fd09::2]:82/" \
           http://10.9.0.2:83/ "http://[fd09::2]/"; do
  ip netns exec hsst-cli curl -s --max-time 2 "$url" -o /dev/null || true
  sleep 0.2
done
sleep 0.5
kill "$dump"
wait "$dump" 2>/dev/null || true

# SOCKS: everything on one namespace's loopback
ip netns add hsst-socks
ip -n hsst-socks link set lo up
ip netns exec hsst-socks python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 &
ip netns exec hsst-socks python3 "$here/socks-proxy.py" &
sleep 1
rm -f "$out/linux-socks.pcapng"
ip netns exec hsst-socks dumpcap -q -i lo -w "$out/linux-socks.pcapng" -f tcp >/dev/null 2>&1 &
dump=$!
sleep 1
for args in "--socks5 127.0.0.1:1080 http://127.0.0.1:8000/" \
            "--socks5-hostname 127.0.0.1:1080 http://localhost:8000/" \
            "-x socks5://user:secret@127.0.0.1:1080 http://127.0.0.1:8000/" \
            "--socks4 127.0.0.1:1080 http://127.0.0.1:8000/" \
            "--socks4a 127.0.0.1:1080 http://localhost:8000/" \
            "http://127.0.0.1:8000/"; do
  # shellcheck disable=SC2086
  ip netns exec hsst-socks curl -s $args -o /dev/null
  sleep 0.2
done
sleep 1
kill "$dump"
wait "$dump" 2>/dev/null || true
echo "recorded $out/linux-icmp-errors.pcapng and $out/linux-socks.pcapng"

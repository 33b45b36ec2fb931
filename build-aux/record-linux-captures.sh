#!/bin/bash
# record-linux-captures.sh
#
# Copyright 2026 The Handshake authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records the Linux TCP captures of tests/data (see tests/data/README.md):
# real Linux connections between two network namespaces, client 10.99.0.1
# and server 10.99.0.2, joined through a third namespace where
# build-aux/netns-relay.py delays and drops frames (this kernel has no
# sch_netem).  Every capture is taken on the server's interface, so a frame
# the relay drops on its way to the server was lost before the capture
# point, and one it drops on its way to the client was lost after it.
#
#   sudo build-aux/record-linux-captures.sh [OUTPUT_DIR]
#
# Needs root, ip (iproute2), ethtool, tcpdump and python3; the files go to
# tests/data unless OUTPUT_DIR is given, with linux-info.txt: what tshark
# writes in the Info column of each of their frames, which test-explain
# compares with.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../tests/data}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
relay_pid=
dump_pid=
server_pid=

cleanup ()
{
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null || true
  [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null || true
  for ns in hsrec-cli hsrec-rtr hsrec-srv; do
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# client 10.99.0.1 (cli0) -- (rc) relay (rs) -- (srv0) server 10.99.0.2
setup ()
{
  for ns in hsrec-cli hsrec-rtr hsrec-srv; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip link add cli0 netns hsrec-cli type veth peer name rc netns hsrec-rtr
  ip link add srv0 netns hsrec-srv type veth peer name rs netns hsrec-rtr
  ip -n hsrec-cli addr add 10.99.0.1/24 dev cli0
  ip -n hsrec-srv addr add 10.99.0.2/24 dev srv0
  for pair in hsrec-cli:cli0 hsrec-rtr:rc hsrec-rtr:rs hsrec-srv:srv0; do
    ns=${pair%%:*}
    dev=${pair#*:}
    # segments as they go on a wire, not 64 KiB offload blocks
    ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off tx off rx off >/dev/null 2>&1 ||
      ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >/dev/null
    ip -n "$ns" link set "$dev" up
  done
  # the relay's ports only pass frames on
  ip netns exec hsrec-rtr sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec hsrec-cli sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec hsrec-srv sysctl -qw net.ipv6.conf.all.disable_ipv6=1
}

teardown ()
{
  for ns in hsrec-cli hsrec-rtr hsrec-srv; do
    ip netns del "$ns"
  done
}

# record NAME RELAY_ARGS... -- then the scenario runs; stop_recording ends it
start_recording ()
{
  local name=$1
  shift

  setup
  ip netns exec hsrec-rtr python3 "$here/netns-relay.py" rc rs "$@" &
  relay_pid=$!
  rm -f "$work/tcpdump.log"
  ip netns exec hsrec-srv tcpdump -q --immediate-mode -U -i srv0 -s 0 -w "$out/$name" tcp 2>"$work/tcpdump.log" &
  dump_pid=$!
  until grep -q "listening on" "$work/tcpdump.log"; do
    sleep 0.1
  done
  # learn each other's MAC address before the first SYN
  ip netns exec hsrec-cli python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(b"x", ("10.99.0.2", 9))'
  sleep 0.5
}

stop_recording ()
{
  sleep 0.5
  kill -INT "$dump_pid"
  wait "$dump_pid" || true
  dump_pid=
  kill "$relay_pid"
  wait "$relay_pid" || true
  relay_pid=
  teardown
}

# server PORT PROGRAM: runs PROGRAM in the server's namespace until it listens on PORT
server ()
{
  ip netns exec hsrec-srv python3 -c "$2" &
  server_pid=$!
  until ip netns exec hsrec-srv ss -Hltn "sport = :$1" | grep -q .; do
    sleep 0.1
  done
}

client ()
{
  ip netns exec hsrec-cli python3 -c "$1"
}

# ---------------------------------------------------------------------------
# linux-dsack.pcap: the server's ACK of the client's 1,000 bytes is lost after
# the capture point; the client's tail-loss probe resends them and the
# server answers with a D-SACK (RFC 2883).
start_recording linux-dsack.pcap --delay 10 --drop s2c:pureack:1
server 5001 '
import socket
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.99.0.2", 5001)); l.listen()
c, _ = l.accept()
while c.recv(65536):
    pass
c.close()'
client '
import socket, time
s = socket.create_connection(("10.99.0.2", 5001))
s.sendall(b"d" * 1000)
time.sleep(1.5)
s.close()'
wait "$server_pid"
stop_recording

# ---------------------------------------------------------------------------
# linux-zero-window.pcap: a server with a tiny receive buffer that does not
# read for two seconds: window full, zero window, Linux's zero-window probes
# (a 0-byte segment one below the next sequence number, which Wireshark calls
# Keep-Alive), then window updates once it reads.
start_recording linux-zero-window.pcap --delay 5
server 5001 '
import socket, time
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
l.bind(("10.99.0.2", 5001)); l.listen()
c, _ = l.accept()
time.sleep(2)
while c.recv(65536):
    pass
c.close()'
client '
import socket
s = socket.create_connection(("10.99.0.2", 5001))
s.sendall(b"z" * 6000)
s.shutdown(socket.SHUT_WR)
s.recv(1)
s.close()'
wait "$server_pid"
stop_recording

# ---------------------------------------------------------------------------
# linux-out-of-order.pcap: 50 ms each way; the second of ten segments sent
# at once is lost before the capture point.  The server's duplicate ACKs
# report the gap, the client resends it one round trip later, and
# Wireshark 4.0 calls that retransmission Out-Of-Order.
start_recording linux-out-of-order.pcap --delay 50 --drop c2s:data:2
server 5001 '
import socket
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.99.0.2", 5001)); l.listen()
c, _ = l.accept()
n = 0
while n < 14480:
    n += len(c.recv(65536))
c.sendall(b"ok")
c.close()'
client '
import socket
s = socket.create_connection(("10.99.0.2", 5001))
s.sendall(b"o" * 14480)
s.recv(2)
s.close()'
wait "$server_pid"
stop_recording

# ---------------------------------------------------------------------------
# linux-resets.pcap: three connections.  1: SYN to a closed port, answered
# by RST/ACK (refused).  2: the server aborts an established connection
# (SO_LINGER 0: RST).  3: a SYN sent from a raw socket, so the client's
# kernel knows no connection and resets the server's SYN/ACK, which sends the
# server from SYN-RECEIVED back to LISTEN.
start_recording linux-resets.pcap
server 5001 '
import socket, struct
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.99.0.2", 5001)); l.listen()
c, _ = l.accept()
c.recv(5)
c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
c.close()
l.settimeout(3)
try:
    l.accept()
except socket.timeout:
    pass'
client '
import socket, struct, time
try:
    socket.create_connection(("10.99.0.2", 5002))
except ConnectionRefusedError:
    pass
time.sleep(0.2)
s = socket.create_connection(("10.99.0.2", 5001))
s.sendall(b"hello")
try:
    s.recv(1)
except ConnectionResetError:
    pass
s.close()
time.sleep(0.2)

def csum(b):
    if len(b) % 2:
        b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff

src, dst = socket.inet_aton("10.99.0.1"), socket.inet_aton("10.99.0.2")
opts = struct.pack("!BBH", 2, 4, 1460) + b"\x01\x01\x04\x02"
hdr = struct.pack("!HHIIBBHHH", 40404, 5001, 123456789, 0, (5 + len(opts) // 4) << 4, 0x02,
                  64240, 0, 0) + opts
pseudo = src + dst + struct.pack("!BBH", 0, 6, len(hdr))
hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
r.sendto(hdr, ("10.99.0.2", 0))
time.sleep(0.5)'
wait "$server_pid"
stop_recording

# ---------------------------------------------------------------------------
# linux-http.pcap: GET / and its 200 OK over port 80.
start_recording linux-http.pcap --delay 5
server 80 '
import socket
body = b"<html><body>Hello from Handshake</body></html>\n"
l = socket.socket()
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.99.0.2", 80)); l.listen()
c, _ = l.accept()
req = b""
while b"\r\n\r\n" not in req:
    req += c.recv(4096)
c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
          b"Connection: close\r\n\r\n" % len(body) + body)
c.close()'
client '
import socket
s = socket.create_connection(("10.99.0.2", 80))
s.sendall(b"GET / HTTP/1.1\r\nHost: 10.99.0.2\r\nUser-Agent: handshake-test\r\n\r\n")
while s.recv(4096):
    pass
s.close()'
wait "$server_pid"
stop_recording

# ---------------------------------------------------------------------------
# What tshark says about them, for tests/test-explain.c
if command -v tshark >/dev/null; then
  {
    echo "# tshark $(tshark --version 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9.]*\).*/\1/p')," \
         "for each capture C of" \
         "tests/data/linux-*.pcap: tshark -r C -T fields -e frame.number -e _ws.col.Info," \
         "prefixed with the file name"
    for f in "$out"/linux-*.pcap; do
      tshark -r "$f" -T fields -e frame.number -e _ws.col.Info 2>/dev/null |
        sed "s|^|$(basename "$f")\t|"
    done
  } > "$out/linux-info.txt"
fi

#!/usr/bin/env python3
# netns-relay.py
#
# Copyright 2026 The Handshake authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A two-port Ethernet relay for build-aux/record-linux-captures.sh, run in the
# router namespace between the client's and the server's veth: every frame
# that arrives on one port leaves on the other after a fixed delay (this
# kernel has no sch_netem), and frames chosen by --drop never leave.
#
#   netns-relay.py CLIENT_PORT SERVER_PORT [--delay MS] [--drop RULE]...
#
# A RULE is DIRECTION:KIND:N, dropping the N-th TCP segment of that kind
# (counted from 1) in that direction: DIRECTION is c2s or s2c, KIND is data
# (a segment with payload) or pureack (no payload, no SYN/FIN/RST).  The
# relay runs until it gets SIGTERM.

import argparse
import heapq
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def tcp_kind(frame):
    """'data', 'pureack' or None for an Ethernet frame."""
    if len(frame) < 14 + 20 or struct.unpack('!H', frame[12:14])[0] != 0x0800:
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0f) * 4
    if ip[9] != 6 or len(ip) < ihl + 20:
        return None
    total = struct.unpack('!H', ip[2:4])[0]
    tcp = ip[ihl:]
    doff = (tcp[12] >> 4) * 4
    flags = tcp[13]
    payload = total - ihl - doff
    if payload > 0:
        return 'data'
    if flags & 0x07 == 0 and flags & 0x10:
        return 'pureack'
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('client_port')
    parser.add_argument('server_port')
    parser.add_argument('--delay', type=float, default=0.0, help='one-way delay in ms')
    parser.add_argument('--drop', action='append', default=[])
    args = parser.parse_args()

    drops = {}
    for rule in args.drop:
        direction, kind, n = rule.split(':')
        drops.setdefault((direction, kind), set()).add(int(n))
    counts = {}

    socks = {}
    for name in (args.client_port, args.server_port):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, 0))
        socks[name] = s
    other = {args.client_port: socks[args.server_port],
             args.server_port: socks[args.client_port]}
    direction = {args.client_port: 'c2s', args.server_port: 's2c'}

    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))

    queue = []
    seq = 0
    delay = args.delay / 1000.0
    while running[0]:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, out, frame = heapq.heappop(queue)
            out.send(frame)
        timeout = max(0.0, queue[0][0] - now) if queue else 0.2
        try:
            ready, _, _ = select.select(list(socks.values()), [], [], timeout)
        except InterruptedError:
            continue
        for name, s in socks.items():
            if s not in ready:
                continue
            frame, addr = s.recvfrom(65536)
            if addr[2] == PACKET_OUTGOING:
                continue
            kind = tcp_kind(frame)
            if kind is not None:
                key = (direction[name], kind)
                counts[key] = counts.get(key, 0) + 1
                if counts[key] in drops.get(key, ()):
                    print('dropped %s %s #%d' % (key[0], kind, counts[key]), file=sys.stderr)
                    continue
            seq += 1
            heapq.heappush(queue, (time.monotonic() + delay, seq, other[name], frame))


if __name__ == '__main__':
    main()

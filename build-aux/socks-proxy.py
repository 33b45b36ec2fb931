#!/usr/bin/env python3
# socks-proxy.py — a small SOCKS 4/4a/5 proxy (CONNECT only; SOCKS 5 with no authentication or
# username/password), for recording test captures.
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Used by build-aux/record-stream-captures.sh; listens on 127.0.0.1:1080.
import asyncio, struct
async def pipe(r, w):
    try:
        while True:
            d = await r.read(65536)
            if not d: break
            w.write(d); await w.drain()
    finally:
        w.close()
async def handle(r, w):
    ver = (await r.readexactly(1))[0]
    if ver == 4:
        cmd = (await r.readexactly(1))[0]
        port = struct.unpack(">H", await r.readexactly(2))[0]
        ip = await r.readexactly(4)
        while (await r.readexactly(1)) != b"\0": pass
        addr = ".".join(map(str, ip))
        if ip[:3] == b"\0\0\0":
            name = b""
            while (c := await r.readexactly(1)) != b"\0": name += c
            addr = name.decode()
        rr, ww = await asyncio.open_connection(addr, port)
        w.write(b"\x00\x5a" + struct.pack(">H", port) + ip); await w.drain()
    else:
        n = (await r.readexactly(1))[0]
        methods = await r.readexactly(n)
        if 2 in methods:
            w.write(b"\x05\x02"); await w.drain()
            await r.readexactly(1); ul = (await r.readexactly(1))[0]; await r.readexactly(ul)
            pl = (await r.readexactly(1))[0]; await r.readexactly(pl)
            w.write(b"\x01\x00"); await w.drain()
        else:
            w.write(b"\x05\x00"); await w.drain()
        _, cmd, _, atyp = await r.readexactly(4)
        if atyp == 1:
            addr = ".".join(map(str, await r.readexactly(4)))
        elif atyp == 3:
            l = (await r.readexactly(1))[0]; addr = (await r.readexactly(l)).decode()
        else:
            import ipaddress; addr = str(ipaddress.IPv6Address(await r.readexactly(16)))
        port = struct.unpack(">H", await r.readexactly(2))[0]
        rr, ww = await asyncio.open_connection(addr, port)
        w.write(b"\x05\x00\x00\x01" + bytes([127, 0, 0, 1]) + struct.pack(">H", 1080)); await w.drain()
    await asyncio.gather(pipe(r, ww), pipe(rr, w))
async def main():
    s = await asyncio.start_server(handle, "127.0.0.1", 1080)
    async with s: await s.serve_forever()
asyncio.run(main())

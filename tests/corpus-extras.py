#!/usr/bin/env python3
# corpus-extras.py — the rest of Wireshark's per-packet TCP analysis on ../shared/corpus
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# corpus-agreement.py compares stream, seq, ack, len, win and the flags with
# the expected tables in ../shared/corpus/expected.  This compares what
# those tables do not hold, against tshark run here (with the options of
# ../shared/tools/tshark-expect.sh): for every TCP packet, the frame it
# acknowledges (tcp.analysis.acks_frame), its ACK RTT
# (tcp.analysis.ack_rtt, to the nanosecond), the duplicate-ACK number and
# frame (tcp.analysis.duplicate_ack_num / _frame) and the bytes in flight
# (tcp.analysis.bytes_in_flight), with `handshake-cli analyze --format tsv`'s
# acked_frame, ack_rtt, dupack_num and bytes_in_flight.  Rows listed in
# docs/analysis-differences.md (| capture | frame | field | ...) are
# deliberate differences: each must really differ, and is then counted as
# agreeing.  Passes when every field agrees on at least --min percent of
# packets; prints the figures and up to --show differing rows.

import argparse, collections, concurrent.futures, decimal, importlib.util, os, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--shared", required=True)
ap.add_argument("--cli", required=True)
ap.add_argument("--tshark", default="tshark")
ap.add_argument("--differences", required=True)
ap.add_argument("--min", type=float, default=100.0)
ap.add_argument("--show", type=int, default=40)
ap.add_argument("captures", nargs="*", help="only these (names as in the corpus)")
o = ap.parse_args()

FIELDS = ("acked_frame", "ack_rtt", "dupack_num", "dupack_frame", "bytes_in_flight")
TSHARK = ["-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.relative_sequence_numbers:TRUE",
          "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE",
          "-Y", "tcp && !icmp && !icmpv6", "-T", "fields", "-E", "separator=/t",
          "-E", "occurrence=l",
          "-e", "frame.number", "-e", "tcp.analysis.acks_frame", "-e", "tcp.analysis.ack_rtt",
          "-e", "tcp.analysis.duplicate_ack_num", "-e", "tcp.analysis.duplicate_ack_frame",
          "-e", "tcp.analysis.bytes_in_flight"]

allowed = set()
for line in open(o.differences, encoding="utf-8"):
    m = re.match(r"\|\s*`?([^|`]+?)`?\s*\|\s*(\d+)\s*\|\s*`?(\w+)`?\s*\|", line)
    if m and m.group(3) in FIELDS:
        allowed.add((m.group(1).strip(), int(m.group(2)), m.group(3)))

# the capture test of the comparison tool itself, so both walk the same files
_spec = importlib.util.spec_from_file_location(
    "compare_analysis", os.path.join(o.shared, "tools", "compare-analysis.py"))
compare_analysis = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_analysis)


def captures(corpus):
    expdir = os.path.join(corpus, "expected")
    for root, _, files in sorted(os.walk(corpus)):
        if os.path.abspath(root).startswith(os.path.abspath(expdir)):
            continue
        for fn in sorted(files):
            stem = os.path.splitext(fn)[0]
            path = os.path.join(root, fn)
            if not os.path.exists(os.path.join(expdir, stem + ".tsv")):
                continue
            if not compare_analysis.is_capture(path):
                continue
            yield fn, path


def ns(v):
    """Seconds as printed ("-0.000016020") to exact nanoseconds."""
    return "" if v == "" else str(int(decimal.Decimal(v).scaleb(9).to_integral_value()))


def num(v):
    return "0" if v in ("", "-") else v


def tshark_rows(path):
    out = subprocess.run([o.tshark, "-n", "-r", path] + TSHARK, capture_output=True,
                         text=True, errors="replace").stdout
    rows = {}
    for line in out.splitlines():
        c = (line.split("\t") + [""] * 6)[:6]
        if not c[0].isdigit():
            continue
        rows[int(c[0])] = {"acked_frame": c[1], "ack_rtt": ns(c[2]), "dupack_num": num(c[3]),
                           "dupack_frame": c[4], "bytes_in_flight": num(c[5])}
    return rows


def our_rows(path):
    out = subprocess.run([o.cli, "analyze", "--format", "tsv", path], capture_output=True,
                         text=True, errors="replace").stdout
    lines = out.splitlines()
    if not lines:
        return {}
    head = lines[0].split("\t")
    ix = {c: head.index(c) for c in ("frame",) + FIELDS}
    rows = {}
    for line in lines[1:]:
        c = ["" if v == "-" else v for v in line.split("\t")]
        rows[int(c[ix["frame"]])] = {
            "acked_frame": c[ix["acked_frame"]],
            "ack_rtt": ns(c[ix["ack_rtt"]]),
            "dupack_num": num(c[ix["dupack_num"]]),
            "dupack_frame": c[ix["dupack_frame"]],
            "bytes_in_flight": num(c[ix["bytes_in_flight"]]),
        }
    return rows


def both(item):
    name, path = item
    return name, tshark_rows(path), our_rows(path)


todo = [c for c in captures(os.path.join(o.shared, "corpus"))
        if not o.captures or c[0] in o.captures]
total = 0
agree = collections.Counter()
bad = []
seen_allowed = set()
# tshark and handshake-cli are processes of their own: one capture a core
with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    results = list(pool.map(both, todo))
for name, exp, act in results:
    for frame, e in sorted(exp.items()):
        a = act.get(frame)
        total += 1
        for f in FIELDS:
            if a is not None and a[f] == e[f]:
                agree[f] += 1
            elif (name, frame, f) in allowed:
                agree[f] += 1
                seen_allowed.add((name, frame, f))
            else:
                bad.append((name, frame, f, e[f], None if a is None else a[f]))

if total == 0:
    sys.exit("corpus-extras: no capture compared")
stale = sorted(allowed - seen_allowed) if not o.captures else []
worst = 100.0
for f in FIELDS:
    pct = 100.0 * agree[f] / total
    worst = min(worst, pct)
    print(f"field {f:16} {agree[f]}/{total} agree ({pct:.3f}%)")
for name, frame, f, e, a in bad[:o.show]:
    print(f"differs {name} frame {frame} {f}: tshark {e or '(none)'}, handshake "
          f"{'(no row)' if a is None else a or '(none)'}")
for s in stale:
    print(f"stale difference {s[0]} frame {s[1]} {s[2]}: it agrees now")
print(f"corpus-extras: worst field {worst:.3f}% of {total} packets (min {o.min}%)")
sys.exit(0 if worst >= o.min and not stale else 1)

#!/usr/bin/env python3
# corpus-agreement.py — Handshake's analysis against Wireshark 4.0 on ../shared/corpus
#
# Copyright 2026 The Handshake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs ../shared/tools/compare-analysis.py over the whole corpus with
# `handshake-cli analyze --format tsv`, then applies the deliberate
# differences listed in docs/analysis-differences.md (a table whose rows
# start with `| capture | frame |`): each listed row must really differ
# (a stale entry fails) and is then counted as agreeing.  Passes when at
# least --min-packets percent of packets agree on every field and every flag
# kind has recall and precision of at least --min-flag percent.

import argparse, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--shared", required=True)
ap.add_argument("--cli", required=True)
ap.add_argument("--differences", required=True)
ap.add_argument("--min-packets", type=float, default=99.5)
ap.add_argument("--min-flag", type=float, default=99.0)
ap.add_argument("--data", help="also every CAPTURE in this directory with a CAPTURE-stem.tsv "
                "beside it (tshark's table), which must agree on every packet")
o = ap.parse_args()

allowed = set()
for line in open(o.differences, encoding="utf-8"):
    m = re.match(r"\|\s*`?([^|`]+?)`?\s*\|\s*(\d+)\s*\|\s*`?(\w+)`?\s*\|", line)
    # the rows of the fields compared here (corpus-extras.py takes the others)
    if m and m.group(3) in ("stream", "seq", "ack", "len", "win", "analysis"):
        allowed.add((m.group(1).strip(), int(m.group(2))))

cmd = [sys.executable, f"{o.shared}/tools/compare-analysis.py", "--show", "1000000",
       "--corpus", f"{o.shared}/corpus", "--", o.cli, "analyze", "--format", "tsv"]
out = subprocess.run(cmd, capture_output=True, text=True).stdout
lines = out.splitlines()

rows = None
flags = {}
differs = {}
for i, line in enumerate(lines):
    m = re.match(r"field (\w+)\s+(\d+)/(\d+) agree", line)
    if m:
        rows = int(m.group(3))
    m = re.match(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)$", line)
    if m and m.group(1) != "flag":
        flags[m.group(1)] = [int(m.group(2)), int(m.group(3)), int(m.group(4))]
    m = re.match(r"differs (.+) frame (\d+)$", line)
    if m:
        exp = dict(kv.split("=", 1) for kv in lines[i + 1].split(":", 1)[1].split())
        got = lines[i + 2].split(":", 1)[1].strip()
        act = None if got == "(no row)" else dict(kv.split("=", 1) for kv in got.split())
        differs[(m.group(1), int(m.group(2)))] = (exp, act)

if rows is None:
    print(out)
    sys.exit("corpus-agreement: compare-analysis produced no summary")

def flagset(v):
    return set() if v in ("", "-") else set(v.split(","))

stale = sorted(allowed - set(differs))
for name, frame in sorted(allowed & set(differs)):
    exp, act = differs.pop((name, frame))
    ef, af = flagset(exp["analysis"]), flagset(act["analysis"]) if act else set()
    # the row counts as agreeing: take its disagreements off the flag table
    for f in af - ef:
        flags[f][1] -= 1
    for f in ef - af:
        flags[f][2] -= 1
        flags[f][0] += 1

bad = len(differs)
pct = 100.0 * (rows - bad) / rows
ok = pct >= o.min_packets
print(f"{'flag':28} {'tp':>7} {'fp':>7} {'fn':>7} {'recall':>8} {'precision':>9}")
for f, (tp, fp, fn) in sorted(flags.items()):
    if f.startswith("("):
        print(f"{f:28} {tp:>7} {fp:>7} {fn:>7}")
        ok &= fp == 0
        continue
    recall = 100.0 * tp / (tp + fn) if tp + fn else 100.0
    precision = 100.0 * tp / (tp + fp) if tp + fp else 100.0
    mark = "" if min(recall, precision) >= o.min_flag else "   <-- below %.1f%%" % o.min_flag
    ok &= min(recall, precision) >= o.min_flag
    print(f"{f:28} {tp:>7} {fp:>7} {fn:>7} {recall:>7.2f}% {precision:>8.2f}%{mark}")
for (name, frame), (exp, act) in sorted(differs.items())[:40]:
    print(f"differs {name} frame {frame}\n   tshark: {exp}\n   actual: {act}")
for name, frame in stale:
    print(f"stale entry in {o.differences}: {name} frame {frame} no longer differs")
ok &= not stale
print(f"deliberate differences accepted: {len(allowed) - len(stale)}")

# our own recordings (tests/data): every packet agrees, nothing is excused
if o.data:
    import glob, os, tempfile
    for exp_path in sorted(glob.glob(os.path.join(o.data, "*.tsv"))):
        stem = exp_path[:-4]
        caps = [c for c in (stem + ".pcapng", stem + ".pcap") if os.path.exists(c)]
        if not caps:
            continue
        act = subprocess.run([o.cli, "analyze", "--format", "tsv", caps[0]],
                             capture_output=True, text=True).stdout
        with tempfile.NamedTemporaryFile("w", suffix=".tsv") as f:
            f.write(act)
            f.flush()
            r = subprocess.run([sys.executable, f"{o.shared}/tools/compare-analysis.py",
                                "--min", "100", exp_path, f.name], capture_output=True, text=True)
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr.strip()
        print(f"{os.path.basename(caps[0])}: {last}")
        if r.returncode != 0:
            print(r.stdout)
            ok = False
print(f"agreement: {pct:.2f}% of packets match on every field ({rows} packets, {bad} differ)")
sys.exit(0 if ok else 1)

#!/usr/bin/env bash
# Fuzzes the capture loader and the frame decoder with libFuzzer (clang,
# ASan + UBSan).  Seeds: data/sample.pcapng and the small captures of
# ../shared/corpus.  What was found is in docs/fuzzing.md.
#
#   bash build-aux/fuzz.sh [SECONDS_PER_TARGET] [WORK_DIR]
#
# Crashes are written to WORK_DIR/TARGET/crashes/ and reported at the end;
# the exit status is 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
work=${2:-fuzz-out}
shared=../shared/corpus

if ! command -v clang >/dev/null; then
    echo "fuzz.sh: needs clang (apt-get install clang)" >&2
    exit 2
fi
if [ ! -d build-fuzz ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dgui=false -Dtests=false -Dhelp=false
fi
ninja -C build-fuzz tests/fuzz/fuzz-capture tests/fuzz/fuzz-frame

mkdir -p "$work"/capture/{seeds,corpus,crashes} "$work"/frame/{seeds,corpus,crashes}
cp data/sample.pcapng "$work"/capture/seeds/
gzip -c data/sample.pcapng >"$work"/capture/seeds/sample.pcapng.gz
if [ -d "$shared" ]; then
    find "$shared" -type f -size -40k ! -name '*.tsv' ! -name '*.md' -print0 |
        while IFS= read -r -d '' f; do
            cp "$f" "$work/capture/seeds/$(echo "$f" | md5sum | cut -c1-12)"
        done
fi
# The frame target's input: a link-type byte, then frames after a 2-byte
# length (see tests/fuzz/fuzz-frame.c, whose linktypes[] this list repeats
# in the same order); made from the classic pcap seeds.
python3 - "$work"/capture/seeds "$work"/frame/seeds <<'PY'
import os, struct, sys
linktypes = [0, 1, 9, 10, 101, 104, 105, 108, 113, 129, 192, 127, 228, 229, 239, 242,
             276, 7, 11, 12, 14, 50, 51, 100]
src, dst = sys.argv[1:]
n = 0
for name in sorted(os.listdir(src)):
    d = open(os.path.join(src, name), 'rb').read()
    if d[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        e = '<'
    elif d[:4] in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '>'
    else:
        continue
    lt = struct.unpack(e + 'I', d[20:24])[0] & 0xffff
    if lt not in linktypes:
        continue
    off, frames = 24, []
    while off + 16 <= len(d) and len(frames) < 40:
        caplen = struct.unpack(e + 'I', d[off + 8:off + 12])[0]
        off += 16
        if caplen > 65535 or off + caplen > len(d):
            break
        frames.append(d[off:off + caplen][:4000])
        off += caplen
    for i in range(0, len(frames), 8):
        out = bytes([linktypes.index(lt)])
        for f in frames[i:i + 8]:
            out += struct.pack('>H', len(f)) + f
        open(os.path.join(dst, 's%05d' % n), 'wb').write(out)
        n += 1
PY

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
jobs=$(nproc)
for target in capture frame; do
    dir=$work/$target
    echo "== fuzz-$target: $seconds s on $jobs cores"
    # each of the jobs stops at its first crash or after SECONDS
    (cd "$dir" && "$OLDPWD/build-fuzz/tests/fuzz/fuzz-$target" -max_len=65536 -timeout=10 \
        -rss_limit_mb=4096 -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
        -artifact_prefix=crashes/ corpus seeds >run.log 2>&1) || true
    for log in "$dir"/fuzz-*.log; do
        tail -n 1 "$log"
    done
done

found=$(find "$work"/*/crashes -type f | wc -l)
echo "$found crash(es), timeout(s) or leak(s) in $work/*/crashes"
[ "$found" -eq 0 ]

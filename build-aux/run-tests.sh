#!/usr/bin/env bash
# run-tests.sh — build Handshake and run every test, then the same tests again
# with AddressSanitizer and UndefinedBehaviorSanitizer.  Ends with a line
# "N passed, N failed" (test programs, both builds together).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh || exit 1

setup () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

status=0
# -Ddeveloper-tools=true: the generator and the benchmarks are compiled here,
# so they keep building (no test runs them; ordinary builds leave them out)
setup build -Ddevelopment=true -Dtests=true -Dhelp=true -Ddeveloper-tools=true || exit 1
ninja -C build || exit 1
setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dtests=true -Dhelp=false || exit 1
ninja -C build-sanitize || exit 1

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" meson test -C build --print-errorlogs || status=1
# Under ASan, Mesa's software GL renderer in Xvfb stalls GTK, and opening the
# display initialises EGL, where Mesa 22.3 leaks 128 bytes on some machines
# (on every run on a fresh Debian 12 install): the sanitizer run keeps GL out
# entirely (GDK_DEBUG=gl-disable) and draws with GTK's cairo renderer (the
# normal run uses GL when there is one).
# ASan and UBSan make the programs 3 to 10 times slower (test-window takes
# about 580 s there, against 55 s in the normal run, and has 900 s), so the
# sanitizer run doubles every time limit;
# test-window scales its own waits for the window by 10 in that build.
GDK_DEBUG=gl-disable GSK_RENDERER=cairo dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
    meson test -C build-sanitize --timeout-multiplier 2 --print-errorlogs || status=1

python3 - build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status

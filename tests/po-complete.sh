#!/usr/bin/env bash
# po-complete.sh SRCDIR — every translatable string of the sources that
# po/POTFILES.in lists has a Simplified Chinese translation, and every source
# file that marks strings for translation is listed there.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
status=0
for f in $(grep -rlE '\b(N?_|C_|NC_|ngettext)\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' src --include='*.ui' | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done

xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --flag=g_set_error:4:c-format \
  --flag=g_error_new:3:c-format --flag=g_strdup_printf:1:c-format \
  --files-from=po/POTFILES.in -o "$tmp/handshake.pot"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/zh_CN.po" po/zh_CN.po "$tmp/handshake.pot"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when it prints anything
if [ "$untranslated" -gt 0 ]; then
  echo "untranslated in po/zh_CN.po:"
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/zh_CN.po" | grep '^msgid ' | tail -n +2
  [ "$untranslated" -gt 1 ] && status=1
fi
if [ "$fuzzy" -gt 0 ]; then
  echo "fuzzy in po/zh_CN.po: $fuzzy"
  status=1
fi
msgfmt --check -o /dev/null "$tmp/zh_CN.po" || status=1
[ $status -eq 0 ] && echo "po/zh_CN.po translates every message"
exit $status

#!/bin/sh
# check-po.sh: fails when translation has fallen behind the sources.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: tests/check-po.sh SRCDIR [BUILDDIR]
#
# - po/POTFILES.in must list, sorted, every file with translatable strings (the list
#   build-aux/update-po --list computes), and nothing that does not exist;
# - a template extracted afresh from the sources, merged into each po/LL.po of po/LINGUAS, must
#   leave no message untranslated or fuzzy, and msgfmt --check must accept the result.
# Everything happens in a temporary directory: the source tree is never modified.
# To fix a failure, run build-aux/update-po and translate what it lists.

set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 SRCDIR [BUILDDIR]" >&2
  exit 2
fi
srcdir=$(cd "$1" && pwd)
update_po="$srcdir/build-aux/update-po"

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" > /dev/null 2>&1; then
    echo "FAIL - $tool is not installed (Debian package gettext; build-aux/install-deps installs it)"
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0

# POTFILES.in: sorted, complete, no stale entries. Comments and blank lines are allowed.
grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/po/POTFILES.in" > "$tmp/listed" || true
if LC_ALL=C sort -c "$tmp/listed" 2> "$tmp/sort.err"; then
  echo "ok   - po/POTFILES.in is sorted"
else
  echo "FAIL - po/POTFILES.in is not sorted: $(cat "$tmp/sort.err")"
  failures=$((failures + 1))
fi

"$update_po" --list > "$tmp/expected"
LC_ALL=C sort -u "$tmp/listed" > "$tmp/listed.sorted"
missing=$(LC_ALL=C comm -23 "$tmp/expected" "$tmp/listed.sorted")
if [ -z "$missing" ]; then
  echo "ok   - po/POTFILES.in names every file with translatable strings"
else
  echo "FAIL - po/POTFILES.in misses files with translatable strings:"
  printf '%s\n' "$missing" | sed 's/^/       /'
  failures=$((failures + 1))
fi
stale=
while IFS= read -r f; do
  if [ ! -f "$srcdir/$f" ]; then
    stale="$stale $f"
  fi
done < "$tmp/listed.sorted"
if [ -z "$stale" ]; then
  echo "ok   - every file in po/POTFILES.in exists"
else
  echo "FAIL - po/POTFILES.in names files that do not exist:$stale"
  failures=$((failures + 1))
fi

# A fresh template from the sources as they are now.
if "$update_po" --pot "$tmp/guanxi.pot" 2> "$tmp/xgettext.err"; then
  echo "ok   - xgettext extracted $(grep -c '^msgid ' "$tmp/guanxi.pot") messages (with the header)"
else
  echo "FAIL - xgettext failed:"
  sed 's/^/       /' "$tmp/xgettext.err"
  exit 1
fi

# Each language: merge without fuzzy matching (a changed string is a new string), then look
# for anything left to do.
# shellcheck disable=SC2013 # LINGUAS is a list of words, several to a line if need be
for lang in $(sed 's/#.*//' "$srcdir/po/LINGUAS"); do
  po="$srcdir/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "FAIL - po/LINGUAS names $lang but po/$lang.po does not exist"
    failures=$((failures + 1))
    continue
  fi
  merged="$tmp/$lang.po"
  msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$tmp/guanxi.pot"
  unfinished=$("$update_po" --list-unfinished "$merged")
  if [ -z "$unfinished" ]; then
    echo "ok   - po/$lang.po translates every message"
  else
    echo "FAIL - po/$lang.po leaves $(printf '%s\n' "$unfinished" | wc -l) message(s) untranslated or fuzzy:"
    printf '%s\n' "$unfinished" | sed 's/^/       /'
    failures=$((failures + 1))
  fi
  if msgfmt --check --output-file=/dev/null "$merged" 2> "$tmp/msgfmt.err"; then
    echo "ok   - msgfmt --check accepts po/$lang.po"
  else
    echo "FAIL - msgfmt --check po/$lang.po:"
    sed 's/^/       /' "$tmp/msgfmt.err"
    failures=$((failures + 1))
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "# $failures check(s) failed; run build-aux/update-po and translate what it lists"
  exit 1
fi
echo "# translations are complete"

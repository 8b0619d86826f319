#!/bin/sh
# check-layers.sh: src/core is libguanxi-core, which must build and test without GTK.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: tests/check-layers.sh SRCDIR [BUILDDIR]
#
# Fails when a file under src/core includes a GTK, GDK or libadwaita header (gtk/gtk.h,
# gdk/gdk.h, adwaita.h or any other header of theirs), or when a meson.build under src/core
# names gtk_dep or adw_dep (or asks for gtk4 or libadwaita-1) outside a comment. See ARCHITECTURE.md, "Layers and folders".

set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 SRCDIR [BUILDDIR]" >&2
  exit 2
fi
srcdir=$(cd "$1" && pwd)
core="$srcdir/src/core"

if [ ! -d "$core" ]; then
  echo "FAIL - $core does not exist"
  exit 1
fi

cd "$srcdir"
failures=0

includes=$(grep -rnE \
  '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk/|gdk/|gsk/|adwaita\.h)' \
  src/core || true)
if [ -z "$includes" ]; then
  echo "ok   - no file under src/core includes GTK, GDK or libadwaita"
else
  echo "FAIL - src/core must not include GTK, GDK or libadwaita (move this code to src/app):"
  printf '%s\n' "$includes" | sed 's/^/       /'
  failures=$((failures + 1))
fi

# Strip meson comments before looking, so a comment may explain the rule.
deps=$(find src/core -name meson.build -type f | LC_ALL=C sort | while IFS= read -r f; do
  sed 's/#.*//' "$f" |
    grep -nE "(^|[^A-Za-z0-9_])(gtk_dep|adw_dep)([^A-Za-z0-9_]|\$)|dependency *\\( *'(gtk4|libadwaita-1)'" |
    sed "s|^|$f:|" || true
done)
if [ -z "$deps" ]; then
  echo "ok   - no meson.build under src/core names gtk_dep, adw_dep, gtk4 or libadwaita-1"
else
  echo "FAIL - libguanxi-core must not depend on GTK or libadwaita:"
  printf '%s\n' "$deps" | sed 's/^/       /'
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "# layers are clean"

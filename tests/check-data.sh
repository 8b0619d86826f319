#!/bin/sh
# check-data.sh: validates the data files and checks that one app id names the app everywhere.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: tests/check-data.sh SRCDIR BUILDDIR     (meson test passes both; APP_ID from meson)
#
# Checks the desktop entry and metainfo as merged with their translations into BUILDDIR/data,
# the GSettings schema strictly, the Flatpak manifest strictly (an unknown key or a wrong type
# is fatal), and that desktop file name, metainfo <id> and <launchable>, schema id and path,
# icon names, Flatpak app-id and meson's app_id agree, as do the Flatpak command, the desktop
# file's Exec and the executable meson installs.

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 SRCDIR BUILDDIR" >&2
  exit 2
fi
srcdir=$(cd "$1" && pwd)
builddir=$(cd "$2" && pwd)
python=/usr/bin/python3

if [ -z "${APP_ID-}" ]; then
  APP_ID=$(sed -n "s/^app_id = '\([^']*\)'.*/\1/p" "$srcdir/meson.build")
fi

failures=0
pass () { echo "ok   - $1"; }
fail () { echo "FAIL - $1"; failures=$((failures + 1)); }

# Runs "$@" and reports it as check $name, with its output when it fails.
check () {
  name=$1
  shift
  if out=$("$@" 2>&1); then
    pass "$name"
  else
    fail "$name"
    printf '%s\n' "$out" | sed 's/^/       /'
  fi
}

need () {
  if ! command -v "$1" > /dev/null 2>&1; then
    fail "$1 is not installed (Debian package $2; build-aux/install-deps installs it)"
    return 1
  fi
}

desktop="$builddir/data/$APP_ID.desktop"
metainfo="$builddir/data/$APP_ID.metainfo.xml"
schema="$srcdir/data/$APP_ID.gschema.xml"
manifest="$srcdir/flatpak/$APP_ID.json"

echo "# app id $APP_ID"

# The files exist under the names the id gives them.
for f in "$srcdir/data/$APP_ID.desktop.in" "$srcdir/data/$APP_ID.metainfo.xml.in" "$schema" \
         "$manifest" "$desktop" "$metainfo" \
         "$srcdir/data/icons/hicolor/scalable/apps/$APP_ID.svg" \
         "$srcdir/data/icons/hicolor/symbolic/apps/$APP_ID-symbolic.svg"; do
  if [ -f "$f" ]; then
    pass "exists: ${f#"$srcdir"/}"
  else
    fail "missing: $f"
  fi
done

# Validators.
if need desktop-file-validate desktop-file-utils && [ -f "$desktop" ]; then
  check "desktop-file-validate $APP_ID.desktop" desktop-file-validate "$desktop"
fi
if need appstreamcli appstream && [ -f "$metainfo" ]; then
  check "appstreamcli validate --no-net $APP_ID.metainfo.xml" \
    appstreamcli validate --no-net "$metainfo"
fi
if need glib-compile-schemas libglib2.0-bin; then
  check "glib-compile-schemas --strict --dry-run data/" \
    glib-compile-schemas --strict --dry-run "$srcdir/data"
fi
if [ -f "$builddir/data/gschemas.compiled" ]; then
  pass "schema compiled into the build tree (GSETTINGS_SCHEMA_DIR=$builddir/data)"
else
  fail "no $builddir/data/gschemas.compiled"
fi

# The Flatpak manifest, read the way flatpak-builder reads it.
shown=
if need flatpak-builder flatpak-builder && [ -f "$manifest" ]; then
  # flatpak-builder leaves a .flatpak-builder state folder in its working directory.
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT INT TERM
  if shown=$(cd "$scratch" && G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest" 2>&1); then
    pass "flatpak-builder --show-manifest parses flatpak/$APP_ID.json strictly"
  else
    fail "flatpak-builder --show-manifest flatpak/$APP_ID.json"
    printf '%s\n' "$shown" | sed 's/^/       /'
    shown=
  fi
fi

# One id everywhere, one command everywhere. The Python below prints "ok   - …" or "FAIL - …".
if [ -f "$desktop" ] && [ -f "$metainfo" ] && [ -f "$schema" ]; then
  results=$(SHOWN_MANIFEST=$shown "$python" - "$APP_ID" "$desktop" "$metainfo" "$schema" \
                                     "$builddir/meson-info/intro-targets.json" <<'EOF'
import json
import os
import sys
import xml.etree.ElementTree as ET

app_id, desktop, metainfo, schema, targets_json = sys.argv[1:6]
results = []

def check(ok, what):
    results.append(('ok   - ' if ok else 'FAIL - ') + what)

# Desktop entry: its keys in the [Desktop Entry] group.
entry = {}
group = None
with open(desktop, encoding='utf-8') as f:
    for line in f:
        line = line.rstrip('\n')
        if line.startswith('['):
            group = line
        elif group == '[Desktop Entry]' and '=' in line and not line.startswith('#'):
            key, value = line.split('=', 1)
            entry[key.strip()] = value.strip()
check(os.path.basename(desktop) == app_id + '.desktop', 'desktop file is named %s.desktop' % app_id)
check(entry.get('Icon') == app_id, 'desktop Icon=%s (is %r)' % (app_id, entry.get('Icon')))
exec_cmd = entry.get('Exec', '').split()[0] if entry.get('Exec') else None

# Metainfo.
root = ET.parse(metainfo).getroot()
mi_id = root.findtext('id')
check(mi_id == app_id, 'metainfo <id> is %s (is %r)' % (app_id, mi_id))
launchable = root.findtext("launchable[@type='desktop-id']")
check(launchable == app_id + '.desktop',
      'metainfo <launchable> is %s.desktop (is %r)' % (app_id, launchable))
binary = root.findtext('provides/binary')

# Schema: id and a path made of the id.
sroot = ET.parse(schema).getroot()
schemas = sroot.findall('schema')
check(len(schemas) >= 1, 'schema file has a <schema>')
if schemas:
    sid, spath = schemas[0].get('id'), schemas[0].get('path')
    check(sid == app_id, 'schema id is %s (is %r)' % (app_id, sid))
    want = '/' + app_id.replace('.', '/') + '/'
    check(spath == want, 'schema path is %s (is %r)' % (want, spath))

# Flatpak manifest, as flatpak-builder showed it; empty when it did not parse.
shown = os.environ.get('SHOWN_MANIFEST', '')
command = None
if shown.strip():
    manifest = json.loads(shown)
    fp_id = manifest.get('id', manifest.get('app-id'))
    check(fp_id == app_id, 'flatpak app-id is %s (is %r)' % (app_id, fp_id))
    command = manifest.get('command')
    check(any(m.get('buildsystem') == 'meson' for m in manifest.get('modules', [])
              if isinstance(m, dict)),
          'flatpak manifest builds a meson module')
else:
    check(False, 'flatpak manifest app-id and command (manifest did not parse)')

# The command: the executable meson builds and installs.
installed = set()
try:
    with open(targets_json, encoding='utf-8') as f:
        for t in json.load(f):
            if t.get('type') == 'executable' and t.get('installed'):
                installed.add(t['name'])
except FileNotFoundError:
    check(False, 'meson introspection %s exists (is BUILDDIR a meson build?)' % targets_json)
if command is not None:
    check(command in installed,
          'flatpak command %r is an executable meson installs (installed: %s)'
          % (command, ', '.join(sorted(installed)) or 'none'))
check(exec_cmd is not None and exec_cmd == command,
      'desktop Exec runs the flatpak command (%r vs %r)' % (exec_cmd, command))
check(binary is None or binary == command,
      'metainfo <provides><binary> is the command (%r vs %r)' % (binary, command))

print('\n'.join(results))
EOF
  ) || true
  printf '%s\n' "$results"
  n=$(printf '%s\n' "$results" | grep -c '^FAIL' || true)
  failures=$((failures + n))
  if [ -z "$results" ]; then
    fail "the id checks did not run"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "# $failures check(s) failed"
  exit 1
fi
echo "# all data checks passed"

#!/bin/bash
# check-api-doc.sh: runs every `sh` example of docs/sync-api.md, in order, against a real
# guanxi-server, and checks that the record kinds section names every field of every kind.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-api-doc.sh SOURCE_ROOT BUILD_ROOT (GUANXI_SERVER names the server program)

set -euo pipefail

src=$1
doc="$src/docs/sync-api.md"
work=$(mktemp -d)
server_pid=
cleanup () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "1..2"

# The examples call `guanxi-server` by name: this build's.
mkdir "$work/bin"
ln -s "$GUANXI_SERVER" "$work/bin/guanxi-server"
export PATH="$work/bin:$PATH"
export GX_DB="$work/server.sqlite"

guanxi-server --db "$GX_DB" --listen 127.0.0.1:0 > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
  if grep -q '^listening on ' "$work/server.out"; then
    break
  fi
  sleep 0.1
done
GX=$(sed -n 's|^listening on \(http://[^/]*\)/.*|\1|p' "$work/server.out" | head -n 1)
if [ -z "$GX" ]; then
  echo "not ok 1 - the server did not start: $(cat "$work/server.err")"
  exit 1
fi
export GX

# Each example runs in the same shell as the ones before it (they set TOKEN, CUSTOMER…).
awk '
  /^```sh$/ { inside = 1; n++; printf "echo \"# example %d (line %d)\" >&2\n", n, NR; next }
  /^```$/ && inside { inside = 0; next }
  inside { print }
' "$doc" > "$work/examples.sh"
count=$(grep -c '^```sh$' "$doc")

if bash -euo pipefail "$work/examples.sh" > "$work/examples.out" 2> "$work/examples.err"; then
  echo "ok 1 - $count examples of docs/sync-api.md ran against the server"
else
  echo "not ok 1 - an example of docs/sync-api.md failed"
  sed 's/^/# /' "$work/examples.err" | tail -n 20
  sed 's/^/# /' "$work/examples.out" | tail -n 5
  exit 1
fi

# Every field of every kind is documented.
missing=
while read -r kind table; do
  row=$(grep -F "| \`$kind\` |" "$doc" || true)
  if [ -z "$row" ]; then
    missing="$missing $kind"
    continue
  fi
  for column in $(sqlite3 "$GX_DB" "SELECT name FROM pragma_table_info('$table')"); do
    case "$column" in
      version|name_pinyin|name_initials|sort_key|last_contact_at|contact_terms|follow_up_on) continue ;;
    esac
    # Derived columns of one kind (gx-kinds.c), never synced.
    case "$kind.$column" in
      membership.owner_id|return_visit.owner_id) continue ;;
    esac
    case "$row" in
      *"\`$column\`"*) ;;
      *) missing="$missing $kind.$column" ;;
    esac
  done
done < <(sed -n 's/^ *{ "\([a-z_]*\)", "\([a-z_]*\)", \(TRUE\|FALSE\),.*/\1 \2/p' "$src/src/core/gx-kinds.c")

if [ -n "$missing" ]; then
  echo "not ok 2 - docs/sync-api.md does not document:$missing"
  exit 1
fi
echo "ok 2 - every kind and field is documented"

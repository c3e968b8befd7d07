#!/usr/bin/env bash
# Start a throwaway PostgreSQL server (Debian's package) for the forum's tests, on the loopback address only.
# Usage: scripts/postgres_for_tests.sh FOLDER PORT   (prints the database URL; stop it with: pg_ctl -D FOLDER/db stop)
# Run as root, the server runs as the 'postgres' user that Debian's package makes.
set -euo pipefail
folder="$1"; port="$2"
bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as=()
if [ "$(id -u)" = "0" ]; then as=(runuser -u postgres --); fi
mkdir -p "$folder"
[ "$(id -u)" = "0" ] && chown postgres "$folder"
if [ ! -f "$folder/db/PG_VERSION" ]; then
    "${as[@]}" "$bin/initdb" -D "$folder/db" -U forum --auth=trust -E UTF8 >/dev/null
fi
"${as[@]}" "$bin/pg_ctl" -D "$folder/db" -l "$folder/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder -c max_connections=200" \
    start >/dev/null
"${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U forum -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = 'forum_test'" | grep -q 1 \
    || "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U forum forum_test
echo "postgresql+psycopg://forum@127.0.0.1:$port/forum_test"

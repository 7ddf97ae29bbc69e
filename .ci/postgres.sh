#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the store tests and print its URL on stdout.
#   eval "$(bash .ci/postgres.sh)"   # exports COURSE_TEST_DATABASE_URL
# Installs Debian's postgresql package if missing (needs root), initialises a cluster in a
# temporary folder owned by the postgres user, listens on 127.0.0.1 only, and creates a user
# and a database for the tests. Stop it with: pg_ctl -D "$PGDATA_DIR" stop (printed below).
set -euo pipefail
port="${COURSE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
run_as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
data="$(mktemp -d /tmp/course-pg-XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres: "$data"
run_as_pg "'$bin/initdb' -D '$data' -A trust -U postgres -E UTF8 --no-instructions" >&2
run_as_pg "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on\" start" >&2
run_as_pg "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -v ON_ERROR_STOP=1 -q -c \"CREATE USER course PASSWORD 'course'\" -c \"CREATE DATABASE course_test OWNER course\"" >&2
echo "export COURSE_TEST_DATABASE_URL=postgresql://course:course@127.0.0.1:$port/course_test"
echo "export COURSE_PG_DATA=$data"
echo "# stop: su postgres -s /bin/sh -c \"$bin/pg_ctl -D $data stop\"" >&2

#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the database tests and prints its URL on stdout.
#   scripts/start-test-postgres.sh DATA_DIR PORT
# Installs Debian's postgresql when its server binaries are missing (needs root and apt).
# The server listens on 127.0.0.1 only, trusts local connections, and runs as the postgres
# user because PostgreSQL refuses to run as root. Stop it with: pg_ctl -D DATA_DIR stop
set -euo pipefail
data_dir=${1:?usage: start-test-postgres.sh DATA_DIR PORT}
port=${2:?usage: start-test-postgres.sh DATA_DIR PORT}

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" != 0 ]; then echo "PostgreSQL server binaries are missing and this user cannot apt-get install them" >&2; exit 1; fi
  echo "installing Debian's postgresql (server binaries missing)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi

mkdir -p "$data_dir"
[ "$(id -u)" = 0 ] && chown postgres "$data_dir"
if [ ! -f "$data_dir/PG_VERSION" ]; then
  "${run_as[@]}" "$bin/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 >/dev/null
fi
if ! "${run_as[@]}" "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  "${run_as[@]}" "$bin/pg_ctl" -D "$data_dir" -w -l "$data_dir/server.log" \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"

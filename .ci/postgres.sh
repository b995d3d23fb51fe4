#!/usr/bin/env bash
# Install (Debian package) and start a PostgreSQL server for liqaa's store tests, as root.
#
#   eval "$(bash .ci/postgres.sh)"      # exports LIQAA_TEST_PG_URL
#
# Listens on 127.0.0.1:5432 only, trusts local TCP connections (a throw-away CI server),
# and creates the database liqaa_test. Safe to run again: an installed, running server is
# reused. Progress goes to stderr; stdout carries only the export line.
set -euo pipefail

PORT="${LIQAA_PG_PORT:-5432}"
DB="${LIQAA_PG_DB:-liqaa_test}"
log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "must run as root (installs a package and starts a server)"; exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
BIN="/usr/lib/postgresql/$VERSION/bin"
export PATH="$BIN:$PATH"

run_as_postgres() { runuser -u postgres -- "$@"; }

if command -v pg_ctlcluster >/dev/null 2>&1; then
  # Debian's wrapper: the package normally creates cluster "main"; create it if missing.
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main -p "$PORT" >&2
  fi
  CONF="/etc/postgresql/$VERSION/main"
  HBA="$CONF/pg_hba.conf"
  # Listen on loopback only, on $PORT; trust loopback TCP logins (CI-only server).
  cat > "$CONF/conf.d/liqaa-ci.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if ! grep -q "liqaa-ci" "$HBA"; then
    { echo "host all all 127.0.0.1/32 trust  # liqaa-ci"; cat "$HBA"; } > "$HBA.new" && mv "$HBA.new" "$HBA"
    chown postgres:postgres "$HBA"
  fi
  status="$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}')"
  if [ "$status" = online ]; then
    pg_ctlcluster "$VERSION" main reload >&2 || true
    pg_ctlcluster "$VERSION" main restart >&2
  else
    pg_ctlcluster "$VERSION" main start >&2
  fi
else
  # Plain initdb + pg_ctl as the postgres user.
  DATA=/var/lib/postgresql/liqaa-ci
  if [ ! -s "$DATA/PG_VERSION" ]; then
    install -d -o postgres -g postgres "$DATA"
    run_as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=trust -E UTF8 >&2
  fi
  install -d -o postgres -g postgres /var/run/postgresql
  if ! run_as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    run_as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off" start >&2
  fi
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0" >&2
fi
log "PostgreSQL $VERSION ready on 127.0.0.1:$PORT, database $DB"
echo "export LIQAA_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"

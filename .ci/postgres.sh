# Sourced by .ci/run: a throw-away local PostgreSQL cluster for the Postgres suites, and the SEGFLOW_PG_* variables
# they connect with (README, "Production warehouses"). Installs the distribution package only when it is missing.
# The role may create databases: end-to-end and fault tests each work in a database of their own.
# Override SEGFLOW_PG_PORT / SEGFLOW_PG_DATA to run beside another cluster.
export SEGFLOW_PG_HOST=127.0.0.1
export SEGFLOW_PG_PORT="${SEGFLOW_PG_PORT:-5432}"
export SEGFLOW_PG_USER=segflow
export SEGFLOW_PG_PASSWORD=segflow-ci
export SEGFLOW_PG_DB=segflow
SEGFLOW_PG_DATA="${SEGFLOW_PG_DATA:-/tmp/segflow-pg}"

# the server's bin folder (a client-only install has /usr/lib/postgresql/N/bin too, without initdb)
segflow_pg_bin() { ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }
if [ -z "$(segflow_pg_bin)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
SEGFLOW_PG_BIN="$(segflow_pg_bin)"

# initdb and the server refuse to run as root: run them as the package's postgres user then.
segflow_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$SEGFLOW_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SEGFLOW_PG_PORT"; then
  if [ ! -f "$SEGFLOW_PG_DATA/PG_VERSION" ]; then
    mkdir -p "$SEGFLOW_PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$SEGFLOW_PG_DATA"
    segflow_pg_as_owner "$SEGFLOW_PG_BIN/initdb" -D "$SEGFLOW_PG_DATA" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  # Local only; fsync off because the cluster is thrown away (faster CI on a loaded machine).
  segflow_pg_as_owner "$SEGFLOW_PG_BIN/pg_ctl" -D "$SEGFLOW_PG_DATA" -w -l "$SEGFLOW_PG_DATA/server.log" start \
    -o "-p $SEGFLOW_PG_PORT -c listen_addresses=127.0.0.1 -k $SEGFLOW_PG_DATA -c fsync=off -c max_connections=100" \
    >/dev/null
fi

"$SEGFLOW_PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$SEGFLOW_PG_PORT" -U postgres -d postgres <<SQL
SELECT 'CREATE ROLE $SEGFLOW_PG_USER LOGIN CREATEDB PASSWORD ''$SEGFLOW_PG_PASSWORD'''
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$SEGFLOW_PG_USER') \gexec
SELECT 'CREATE DATABASE $SEGFLOW_PG_DB OWNER $SEGFLOW_PG_USER'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$SEGFLOW_PG_DB') \gexec
ALTER ROLE $SEGFLOW_PG_USER CREATEDB;
SQL
echo "PostgreSQL $("$SEGFLOW_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$SEGFLOW_PG_PORT, database $SEGFLOW_PG_DB"

#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests, or reuses one that already answers.
#
#   scripts/start-postgres.sh            # prints the Npgsql connection string as its last line
#
# Port: REALTIME_PG_PORT (default 55432), listening on 127.0.0.1 only, trust authentication (test data
# only). The cluster lives in ./.pgtest (git-ignored). When no server binaries are found in PATH or in
# /usr/lib/postgresql/*/bin, the Debian package is installed with apt-get. PostgreSQL refuses to run as
# root, so as root the cluster is created and run as the "postgres" user. The server keeps running after
# this script ends, so the next run starts in a moment; stop it with
#   pg_ctl -D .pgtest/data stop     (as the postgres user when you are root)
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${REALTIME_PG_PORT:-55432}"
DATABASE="realtime_test"
ROOT="$PWD/.pgtest"

log() { echo "start-postgres: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Runs a command as the server's owner: "postgres" when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        local quoted
        printf -v quoted '%q ' "$@"
        su postgres -s /bin/sh -c "$quoted"
    fi
}

# Finds a PostgreSQL program in PATH, else in the newest /usr/lib/postgresql/<version>/bin.
find_pg() {
    local name="$1" candidate
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return 0
    fi
    candidate="$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        echo "$candidate"
        return 0
    fi
    return 1
}

install_postgres() {
    log "PostgreSQL server binaries not found; installing the postgresql package"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
}

# True when something speaking PostgreSQL accepts connections on the port.
answers() {
    if PG_ISREADY="$(find_pg pg_isready)"; then
        "$PG_ISREADY" -h 127.0.0.1 -p "$PORT" -q -t 2
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
    fi
}

connection_string() {
    echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DATABASE"
}

if ! find_pg initdb >/dev/null || ! find_pg pg_ctl >/dev/null || ! find_pg psql >/dev/null; then
    if answers; then
        # A server is there already; only the client is missing for creating the database.
        find_pg psql >/dev/null || install_postgres
    else
        install_postgres
    fi
fi

PSQL="$(find_pg psql)"

if answers; then
    log "reusing the PostgreSQL server on 127.0.0.1:$PORT"
else
    INITDB="$(find_pg initdb)"
    PG_CTL="$(find_pg pg_ctl)"

    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        log "creating the system user postgres to own the test cluster"
        useradd --system --no-create-home --shell /bin/sh postgres
    fi

    DATA="$ROOT/data"
    mkdir -p "$ROOT"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$ROOT"
        # The postgres user must be able to reach the cluster; a repo under a private home may not allow it.
        if ! as_owner test -w "$ROOT"; then
            ROOT="${TMPDIR:-/tmp}/realtime-pgtest-$PORT"
            DATA="$ROOT/data"
            log "postgres cannot reach ./.pgtest; using $ROOT instead"
            mkdir -p "$ROOT"
            chown postgres "$ROOT"
        fi
    fi
    SOCKETS="$ROOT/sockets"
    mkdir -p "$SOCKETS"
    [ "$(id -u)" -eq 0 ] && chown postgres "$SOCKETS"

    if [ ! -s "$DATA/PG_VERSION" ]; then
        log "creating a throwaway cluster in $DATA"
        rm -rf "$DATA"
        mkdir -p "$DATA"
        [ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
        chmod 700 "$DATA"
        as_owner "$INITDB" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$ROOT/initdb.log" 2>&1 \
            || { cat "$ROOT/initdb.log" >&2; exit 1; }
        # Test data only: trade durability for speed, and leave room for parallel test pools.
        cat >>"$DATA/postgresql.conf" <<CONF

# Added by scripts/start-postgres.sh (throwaway test cluster)
listen_addresses = '127.0.0.1'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    fi

    log "starting PostgreSQL on 127.0.0.1:$PORT"
    if ! as_owner "$PG_CTL" -D "$DATA" -l "$ROOT/postgres.log" -w -t 60 \
        -o "-p $PORT -k '$SOCKETS' -c listen_addresses=127.0.0.1" start >&2; then
        tail -n 50 "$ROOT/postgres.log" >&2 || true
        exit 1
    fi
fi

for _ in $(seq 1 60); do
    if answers; then break; fi
    sleep 1
done
answers || { log "PostgreSQL on 127.0.0.1:$PORT did not become ready"; exit 1; }

export PGCONNECT_TIMEOUT=10
if ! "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
    log "creating database $DATABASE"
    "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $DATABASE" >&2
fi

connection_string

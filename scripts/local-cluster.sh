#!/usr/bin/env bash
# A local cluster on one machine: PostgreSQL, N silos and M standalone gateway pods as background processes.
# The tested twin of docker-compose.yml (tests/OrleansRealtime.Silo.Tests/LocalClusterScriptTests.cs runs it).
#
#   scripts/local-cluster.sh start  [--silos N] [--gateways M] [options]   # default 2 silos, 1 gateway
#   scripts/local-cluster.sh status [options]                              # the processes, then GET /cluster
#   scripts/local-cluster.sh stop   [--all] [options]                      # --all also stops the PostgreSQL it started
#
# Ports (i = 0..N-1, j = 0..M-1), each base overridable by an option or an environment variable:
#   silo i      HTTP 8000+i (co-hosted gateway, /healthz, /cluster)  --silo-http-base    LOCAL_CLUSTER_SILO_HTTP_BASE
#               silo-to-silo 11111+i                                  --silo-port-base    LOCAL_CLUSTER_SILO_PORT_BASE
#               client (gateway) port 30000+i                         --gateway-port-base LOCAL_CLUSTER_GATEWAY_PORT_BASE
#   gateway j   HTTP 8100+j                                           --gateway-http-base LOCAL_CLUSTER_GATEWAY_HTTP_BASE
#   --base-port P sets all four at once: P, P+100, P+200, P+300 (at most 100 of each).
# Other options:
#   --cluster-id ID     Realtime:Silo:ClusterId / Realtime:Client:ClusterId (default local; LOCAL_CLUSTER_ID)
#   --postgres CONN     use this Npgsql connection string; else $REALTIME_TEST_POSTGRES when set; else
#                       scripts/start-postgres.sh starts (or reuses) the throwaway server on 127.0.0.1:55432
#   --state-dir DIR     pids, logs and the cluster's settings (default ./.local-cluster; LOCAL_CLUSTER_DIR)
#   --no-build          never build (by default silo/ is built when its output is missing or older than a source)
#   --timeout SECONDS   how long start waits for each /healthz and for each silo to list the whole cluster (default 120)
#
# The processes run in the Development environment (ASPNETCORE_ENVIRONMENT overrides it), so they accept tokens of
# the public development key: `dotnet run --project silo -- token --sub alice`. Realtime__Auth__SigningKey, like
# every other Realtime__* variable in this script's environment, is passed on to every process.
# start is idempotent: processes that run already are left alone; a port held by something else is an error.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO="$PWD"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 2
}

log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
    start | stop | status) ;;
    -h | --help | help | "") usage ;;
    *) log "unknown command '$command'"; usage ;;
esac

SILOS=2
GATEWAYS=1
SILO_HTTP_BASE="${LOCAL_CLUSTER_SILO_HTTP_BASE:-8000}"
SILO_PORT_BASE="${LOCAL_CLUSTER_SILO_PORT_BASE:-11111}"
GATEWAY_PORT_BASE="${LOCAL_CLUSTER_GATEWAY_PORT_BASE:-30000}"
GATEWAY_HTTP_BASE="${LOCAL_CLUSTER_GATEWAY_HTTP_BASE:-8100}"
CLUSTER_ID="${LOCAL_CLUSTER_ID:-local}"
POSTGRES=""
STATE="${LOCAL_CLUSTER_DIR:-$REPO/.local-cluster}"
BUILD=1
TIMEOUT=120
STOP_ALL=0

number() {
    [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a whole number, but got '$2'"
    echo "$2"
}

while [ $# -gt 0 ]; do
    option="$1"
    case "$option" in
        --no-build) BUILD=0; shift; continue ;;
        --all) STOP_ALL=1; shift; continue ;;
        -h | --help) usage ;;
    esac
    [ $# -ge 2 ] || die "$option needs a value"
    value="$2"
    shift 2
    case "$option" in
        --silos) SILOS="$(number "$option" "$value")" ;;
        --gateways) GATEWAYS="$(number "$option" "$value")" ;;
        --silo-http-base) SILO_HTTP_BASE="$(number "$option" "$value")" ;;
        --silo-port-base) SILO_PORT_BASE="$(number "$option" "$value")" ;;
        --gateway-port-base) GATEWAY_PORT_BASE="$(number "$option" "$value")" ;;
        --gateway-http-base) GATEWAY_HTTP_BASE="$(number "$option" "$value")" ;;
        --base-port)
            base="$(number "$option" "$value")"
            SILO_HTTP_BASE="$base"
            GATEWAY_HTTP_BASE=$((base + 100))
            SILO_PORT_BASE=$((base + 200))
            GATEWAY_PORT_BASE=$((base + 300))
            ;;
        --cluster-id) CLUSTER_ID="$value" ;;
        --postgres) POSTGRES="$value" ;;
        --state-dir) STATE="$value" ;;
        --timeout) TIMEOUT="$(number "$option" "$value")" ;;
        *) log "unknown option '$option'"; usage ;;
    esac
done

if [ "$SILOS" -lt 1 ] || [ "$SILOS" -gt 100 ]; then die "--silos must be 1..100, but is $SILOS"; fi
[ "$GATEWAYS" -le 100 ] || die "--gateways must be 0..100, but is $GATEWAYS"
[[ "$CLUSTER_ID" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--cluster-id must be letters, digits, '_', '.' or '-', but is '$CLUSTER_ID'"

CONFIGURATION="${LOCAL_CLUSTER_CONFIGURATION:-Debug}"
SILO_BIN="$REPO/silo/bin/$CONFIGURATION/net10.0"
GATEWAY_BIN="$REPO/gateway/bin/$CONFIGURATION/net10.0"
SILO_DLL="OrleansRealtime.Silo.dll"
GATEWAY_DLL="OrleansRealtime.Gateway.dll"

mkdir -p "$STATE/logs" "$STATE/pids"
STATE="$(cd "$STATE" && pwd)"
SETTINGS="$STATE/cluster.env"

# One invocation at a time per state directory (fd 9 is closed in every process launch starts).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE/lock"
    flock -w 300 9 || die "another local-cluster.sh holds $STATE/lock for more than 300 s"
fi

# ---------------------------------------------------------------------------------------------------- processes

# True when the pid runs and is not a zombie (a reparented child nobody reaped still answers kill -0).
alive() {
    local pid="$1" stat
    kill -0 "$pid" 2>/dev/null || return 1
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 0
    stat="${stat##*) }"
    [ "${stat%% *}" != "Z" ]
}

# The pid of process NAME (silo-0, gateway-1) when it runs and is the program we started, else nothing.
running_pid() {
    local name="$1" file="$STATE/pids/$1.pid" pid dll
    [ -s "$file" ] || return 1
    pid="$(cat "$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    alive "$pid" || return 1
    case "$name" in silo-*) dll="$SILO_DLL" ;; *) dll="$GATEWAY_DLL" ;; esac
    # A recycled pid belongs to someone else: never signal it.
    if [ -r "/proc/$pid/cmdline" ] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dll"; then
        return 1
    fi
    echo "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# launch NAME DIRECTORY DLL [VARIABLE=VALUE...] -- [ARGUMENT...]: starts dotnet DLL in DIRECTORY in its own session,
# detached from this script's terminal and output (so a caller reading our output sees its end), and records its pid.
launch() {
    local name="$1" directory="$2" dll="$3"
    shift 3
    local -a variables=()
    while [ "$1" != "--" ]; do
        variables+=("$1")
        shift
    done
    shift
    local pidfile="$STATE/pids/$name.pid" logfile="$STATE/logs/$name.log"
    rm -f "$pidfile"
    # setsid, env and bash each exec the next, so the pid the inner shell writes is the pid of dotnet.
    # shellcheck disable=SC2016 # $$ and "$@" expand in the inner shell
    (cd "$directory" && exec setsid env "${variables[@]}" bash -c 'echo $$ >"$0"; exec dotnet "$@"' "$pidfile" "$dll" "$@" \
        </dev/null >>"$logfile" 2>&1 9>&- &)
    for _ in $(seq 1 100); do
        [ -s "$pidfile" ] && return 0
        sleep 0.1
    done
    die "$name did not start; see $logfile"
}

# Waits until URL/healthz answers 200, failing early when the process exits.
wait_healthy() {
    local name="$1" url="$2" deadline=$((SECONDS + TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
            return 0
        fi
        if ! running_pid "$name" >/dev/null; then
            log "$name exited before it became healthy; the end of $STATE/logs/$name.log:"
            tail -n 40 "$STATE/logs/$name.log" >&2 || true
            return 1
        fi
        sleep 0.5
    done
    log "$name is not healthy at $url/healthz after ${TIMEOUT}s; the end of $STATE/logs/$name.log:"
    tail -n 40 "$STATE/logs/$name.log" >&2 || true
    return 1
}

# Waits until silo URL's /cluster lists COUNT active silos, each with an activation count: the cluster has formed
# in that silo's view (silos tell each other when they become active, so this takes a round trip, not a refresh).
wait_formed() {
    local name="$1" url="$2" count="$3" deadline=$((SECONDS + TIMEOUT)) body active
    while [ "$SECONDS" -lt "$deadline" ]; do
        if body="$(curl -fsS --max-time 5 "$url/cluster" 2>/dev/null)"; then
            active="$(printf '%s' "$body" | grep -o '"status":"Active"[^}]*"activations":[0-9]' | wc -l)"
            if [ "$active" -ge "$count" ]; then
                return 0
            fi
        fi
        sleep 0.5
    done
    log "$name does not list $count active silos at $url/cluster after ${TIMEOUT}s: ${body:-no answer}"
    return 1
}

# Sends SIGTERM (the silo deactivates its grains first), then SIGKILL after 45 s.
terminate() {
    local name="$1" pid
    if ! pid="$(running_pid "$name")"; then
        rm -f "$STATE/pids/$name.pid"
        return 0
    fi
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 90); do
        alive "$pid" || break
        sleep 0.5
    done
    if alive "$pid"; then
        log "$name did not stop within 45 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            alive "$pid" || break
            sleep 0.25
        done
    fi
    rm -f "$STATE/pids/$name.pid"
}

# ---------------------------------------------------------------------------------------------------- PostgreSQL

# Sets POSTGRES (the connection string) and POSTGRES_KIND: external (given) or managed (scripts/start-postgres.sh).
resolve_postgres() {
    local output
    if [ -n "$POSTGRES" ]; then
        POSTGRES_KIND=external
    elif [ -n "${REALTIME_TEST_POSTGRES:-}" ]; then
        POSTGRES="$REALTIME_TEST_POSTGRES"
        POSTGRES_KIND=external
    else
        output="$(scripts/start-postgres.sh)" || die "PostgreSQL could not be started (scripts/start-postgres.sh)"
        POSTGRES="$(printf '%s\n' "$output" | tail -n 1)"
        POSTGRES_KIND=managed
    fi
}

# Stops the throwaway server of scripts/start-postgres.sh (only when this script started or reused it).
stop_managed_postgres() {
    local port="${REALTIME_PG_PORT:-55432}" data="" pg_ctl
    for candidate in "$REPO/.pgtest/data" "${TMPDIR:-/tmp}/realtime-pgtest-$port/data"; do
        if [ -s "$candidate/PG_VERSION" ] && [ -s "$candidate/postmaster.pid" ]; then
            data="$candidate"
            break
        fi
    done
    [ -n "$data" ] || { log "no running throwaway PostgreSQL found"; return 0; }
    pg_ctl="$(command -v pg_ctl || find /usr/lib/postgresql -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$pg_ctl" ] || die "pg_ctl not found"
    log "stopping PostgreSQL ($data)"
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$pg_ctl" -D "$data" -m fast -w stop >&2
    else
        "$pg_ctl" -D "$data" -m fast -w stop >&2
    fi
}

# ---------------------------------------------------------------------------------------------------- build

needs_build() {
    local dll
    for dll in "$SILO_BIN/$SILO_DLL" "$GATEWAY_BIN/$GATEWAY_DLL"; do
        [ -f "$dll" ] || return 0
        if [ -n "$(find silo gateway runtime grains grain-interfaces sql Directory.Build.props Directory.Packages.props \
            -newer "$dll" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.sql' \) \
            -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
            return 0
        fi
    done
    return 1
}

build() {
    if [ "$BUILD" -eq 0 ]; then
        if [ ! -f "$SILO_BIN/$SILO_DLL" ] || [ ! -f "$GATEWAY_BIN/$GATEWAY_DLL" ]; then
            die "--no-build, but $SILO_BIN/$SILO_DLL or $GATEWAY_BIN/$GATEWAY_DLL is missing"
        fi
        return 0
    fi
    needs_build || return 0
    log "building silo/ (and gateway/) in $CONFIGURATION; output in $STATE/logs/build.log"
    if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build silo/OrleansRealtime.Silo.csproj -c "$CONFIGURATION" --nologo >"$STATE/logs/build.log" 2>&1; then
        tail -n 40 "$STATE/logs/build.log" >&2
        die "the build failed"
    fi
}

# ---------------------------------------------------------------------------------------------------- settings

# The running cluster's settings, so status and stop work without repeating the options.
save_settings() {
    {
        printf 'SILOS=%q\nGATEWAYS=%q\nCLUSTER_ID=%q\nPOSTGRES=%q\nPOSTGRES_KIND=%q\n' "$SILOS" "$GATEWAYS" "$CLUSTER_ID" "$POSTGRES" "$1"
        printf 'SILO_HTTP_BASE=%q\nSILO_PORT_BASE=%q\nGATEWAY_PORT_BASE=%q\nGATEWAY_HTTP_BASE=%q\n' \
            "$SILO_HTTP_BASE" "$SILO_PORT_BASE" "$GATEWAY_PORT_BASE" "$GATEWAY_HTTP_BASE"
    } >"$SETTINGS"
}

load_settings() {
    [ -f "$SETTINGS" ] || return 1
    # shellcheck source=/dev/null
    . "$SETTINGS"
}

# Every process name in the state directory (also those of an earlier, larger start).
known_names() {
    local file
    for file in "$STATE"/pids/*.pid; do
        [ -e "$file" ] && basename "$file" .pid
    done
    return 0
}

print_endpoints() {
    local i j
    echo "cluster '$CLUSTER_ID' ($SILOS silos, $GATEWAYS gateways); state in $STATE"
    for ((i = 0; i < SILOS; i++)); do
        echo "silo-$i     http://127.0.0.1:$((SILO_HTTP_BASE + i))  (ws://127.0.0.1:$((SILO_HTTP_BASE + i))/ws, /healthz, /cluster)  silo port $((SILO_PORT_BASE + i)), gateway port $((GATEWAY_PORT_BASE + i))  log $STATE/logs/silo-$i.log"
    done
    for ((j = 0; j < GATEWAYS; j++)); do
        echo "gateway-$j  http://127.0.0.1:$((GATEWAY_HTTP_BASE + j))  (ws://127.0.0.1:$((GATEWAY_HTTP_BASE + j))/ws, /healthz)  log $STATE/logs/gateway-$j.log"
    done
}

# ---------------------------------------------------------------------------------------------------- commands

start() {
    local i j name pid port
    command -v curl >/dev/null 2>&1 || die "curl is needed to wait for /healthz"
    command -v setsid >/dev/null 2>&1 || die "setsid (util-linux) is needed to detach the processes"
    resolve_postgres
    build
    save_settings "$POSTGRES_KIND"

    local -a common=(
        "Realtime__Storage__Provider=PostgreSql"
        "Realtime__Storage__PostgreSql__ConnectionString=$POSTGRES"
        "Realtime__Silo__ClusterId=$CLUSTER_ID"
        "Realtime__Endpoints__AdvertisedIPAddress=127.0.0.1"
        # Silos tell each other when they become active or leave; the periodic full read of the membership table
        # is the fallback when such a notice is lost, and a local table is cheap to read.
        "Realtime__Clustering__TableRefreshPeriod=${Realtime__Clustering__TableRefreshPeriod:-00:00:05}"
    )
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

    for ((i = 0; i < SILOS; i++)); do
        name="silo-$i"
        if pid="$(running_pid "$name")"; then
            log "$name runs already (pid $pid)"
            continue
        fi
        for port in $((SILO_HTTP_BASE + i)) $((SILO_PORT_BASE + i)) $((GATEWAY_PORT_BASE + i)); do
            port_busy "$port" && die "port $port for $name is in use by another program (pick other ports: --base-port)"
        done
        log "starting $name"
        launch "$name" "$SILO_BIN" "$SILO_DLL" "${common[@]}" \
            "Realtime__Silo__SiloName=$name" \
            "Realtime__Endpoints__SiloPort=$((SILO_PORT_BASE + i))" \
            "Realtime__Endpoints__GatewayPort=$((GATEWAY_PORT_BASE + i))" \
            -- --urls "http://127.0.0.1:$((SILO_HTTP_BASE + i))"
    done
    for ((i = 0; i < SILOS; i++)); do
        wait_healthy "silo-$i" "http://127.0.0.1:$((SILO_HTTP_BASE + i))" || die "silo-$i did not start (the others keep running; stop them with: $0 stop)"
    done
    for ((i = 0; i < SILOS; i++)); do
        wait_formed "silo-$i" "http://127.0.0.1:$((SILO_HTTP_BASE + i))" "$SILOS" || die "silo-$i does not see the whole cluster (stop it with: $0 stop)"
    done

    for ((j = 0; j < GATEWAYS; j++)); do
        name="gateway-$j"
        if pid="$(running_pid "$name")"; then
            log "$name runs already (pid $pid)"
            continue
        fi
        port_busy $((GATEWAY_HTTP_BASE + j)) && die "port $((GATEWAY_HTTP_BASE + j)) for $name is in use by another program (pick other ports: --base-port)"
        log "starting $name"
        launch "$name" "$GATEWAY_BIN" "$GATEWAY_DLL" \
            "Realtime__Clustering__PostgreSql__ConnectionString=$POSTGRES" \
            "Realtime__Client__ClusterId=$CLUSTER_ID" \
            -- --urls "http://127.0.0.1:$((GATEWAY_HTTP_BASE + j))"
    done
    for ((j = 0; j < GATEWAYS; j++)); do
        wait_healthy "gateway-$j" "http://127.0.0.1:$((GATEWAY_HTTP_BASE + j))" || die "gateway-$j did not start (stop the rest with: $0 stop)"
    done

    print_endpoints
    echo "postgres   $POSTGRES"
}

status() {
    local name pid any=0 i
    load_settings || { echo "no local cluster in $STATE"; return 3; }
    for name in $(known_names); do
        if pid="$(running_pid "$name")"; then
            echo "$name running (pid $pid)"
            any=1
        else
            echo "$name not running"
        fi
    done
    [ "$any" -eq 1 ] || { echo "no process of the local cluster runs"; return 3; }
    print_endpoints
    for ((i = 0; i < SILOS; i++)); do
        if body="$(curl -fsS --max-time 10 "http://127.0.0.1:$((SILO_HTTP_BASE + i))/cluster" 2>/dev/null)"; then
            echo "GET http://127.0.0.1:$((SILO_HTTP_BASE + i))/cluster"
            if command -v python3 >/dev/null 2>&1; then
                printf '%s' "$body" | python3 -m json.tool
            else
                printf '%s\n' "$body"
            fi
            return 0
        fi
    done
    echo "no silo answers /cluster"
    return 1
}

stop() {
    local name kind=""
    if [ -n "$POSTGRES" ] || [ -n "${REALTIME_TEST_POSTGRES:-}" ]; then
        kind=external
    fi
    if load_settings 2>/dev/null; then
        kind="${POSTGRES_KIND:-$kind}"
    fi
    # Gateways first (they hold client connections to the silos), then the silos.
    for name in $(known_names | grep '^gateway-' || true); do terminate "$name"; done
    for name in $(known_names | grep '^silo-' || true); do terminate "$name"; done
    log "every process of the local cluster has stopped"
    if [ "$STOP_ALL" -eq 1 ]; then
        if [ "$kind" = "external" ]; then
            log "PostgreSQL was given by a connection string; leaving it running"
        else
            stop_managed_postgres
        fi
    fi
    rm -f "$SETTINGS"
}

"$command"

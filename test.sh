#!/usr/bin/env bash
# Runs every test of the repository and prints, as its last line, "N passed, N failed, N skipped".
#
# 1. Starts (or reuses) the throwaway PostgreSQL server of scripts/start-postgres.sh and exports its
#    connection string as REALTIME_TEST_POSTGRES (a value already set in the environment is used as is).
# 2. Installs the npm clients of tests/interop when that folder has a package-lock.json.
# 3. Builds OrleansRealtime.sln, then runs each of its test projects with a TRX logger into
#    TestResults/trx/ (one file per project: a solution-wide LogFileName would be overwritten by
#    each project in turn), and adds up the counters of every TRX file.
# Exits non-zero when the build fails, any test fails, a test run dies, or no test ran at all.
set -uo pipefail

cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

SOLUTION="OrleansRealtime.sln"
RESULTS="$PWD/TestResults/trx"
problems=0

summary() {
    echo "$1 passed, $2 failed, $3 skipped"
}

if [ -z "${REALTIME_TEST_POSTGRES:-}" ]; then
    if pg_output="$(scripts/start-postgres.sh)"; then
        REALTIME_TEST_POSTGRES="$(printf '%s\n' "$pg_output" | tail -n 1)"
    else
        echo "test.sh: PostgreSQL could not be started; the PostgreSQL tests will fail" >&2
        REALTIME_TEST_POSTGRES="Host=127.0.0.1;Port=${REALTIME_PG_PORT:-55432};Username=postgres;Database=realtime_test"
        problems=1
    fi
fi
export REALTIME_TEST_POSTGRES
echo "test.sh: REALTIME_TEST_POSTGRES=$REALTIME_TEST_POSTGRES"

if [ -f tests/interop/package-lock.json ]; then
    echo "test.sh: npm ci in tests/interop"
    if ! (cd tests/interop && npm ci --no-audit --no-fund); then
        echo "test.sh: npm ci failed in tests/interop" >&2
        problems=1
    fi
fi

echo "test.sh: building $SOLUTION"
if ! dotnet build "$SOLUTION" --nologo; then
    echo "test.sh: BUILD FAILED" >&2
    summary 0 0 0
    exit 1
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Test projects of the solution: those that reference the test SDK.
mapfile -t projects < <(dotnet sln "$SOLUTION" list | tr '\\' '/' | grep -E '\.csproj$' | while read -r project; do
    if [ -f "$project" ] && grep -q 'Microsoft.NET.Test.Sdk' "$project"; then echo "$project"; fi
done)

counter() {
    # The value of one attribute of the <Counters .../> element of a TRX file (0 when absent).
    local value
    value="$(grep -o '<Counters [^>]*>' "$2" | head -n 1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"
    echo "${value:-0}"
}

for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    echo "test.sh: testing $name"
    # A test silent for 5 minutes has hung (each await in a test has a 30 s timeout): abort that run
    # instead of eating CI's whole budget.
    if ! dotnet test "$project" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
        --blame-hang-timeout 5m --blame-hang-dump-type none; then
        # Failed tests are counted from the TRX file; a run that failed without a failed test in it
        # (no file at all, a crashed or hung test host) is a failure of its own.
        if [ ! -f "$RESULTS/$name.trx" ]; then
            echo "test.sh: the test run of $name ended without results" >&2
            problems=1
        elif [ "$(counter failed "$RESULTS/$name.trx")" -eq 0 ]; then
            echo "test.sh: the test run of $name failed (aborted, crashed or hung) without a failed test" >&2
            problems=1
        fi
    fi
done

passed=0 failed=0 skipped=0 executed=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
    total="$(counter total "$trx")"
    ran="$(counter executed "$trx")"
    not_executed="$(counter notExecuted "$trx")"
    passed=$((passed + $(counter passed "$trx")))
    failed=$((failed + $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
    unrun=$((total - ran))
    skipped=$((skipped + (unrun > not_executed ? unrun : not_executed)))
    executed=$((executed + ran))
done

if [ "$executed" -eq 0 ]; then
    echo "test.sh: no test ran" >&2
    problems=1
fi

summary "$passed" "$failed" "$skipped"
if [ "$failed" -gt 0 ] || [ "$problems" -ne 0 ]; then
    exit 1
fi
exit 0

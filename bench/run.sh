#!/usr/bin/env bash
# Reruns the whole issue-7 suite: builds the silo, the peers and the harness, then loads each target in turn
# with the same harness and the same arguments, and writes the tables and charts.
#   bench/run.sh            # the full suite (about 15 minutes on the 2-core machine)
#   QUICK=1 bench/run.sh    # a 2,000-socket smoke run of every pass (about 4 minutes)
# Every server listens on 127.0.0.1 and every socket comes from 127.0.0.0/8; every scenario is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-bench/results/$(date -u +%Y%m%d-%H%M%S)}
TARGETS=${TARGETS:-"ours socketio signalr bare"}
CHARTS=${CHARTS:-docs/benchmarks}

if [[ -n "${QUICK:-}" ]]; then
  N=${N:-2000}; RATE=${RATE:-1000}; STORM=${STORM:-2000}; BIG=${BIG:-4000}; LADDER=${LADDER:-500,1000,2000,4000}; SECONDS_PER=${SECONDS_PER:-4}
else
  # The hard RLIMIT_NOFILE here is 20000 and cannot be raised (no CAP_SYS_RESOURCE), so one server holds at
  # most about 19,900 sockets: BIG stays below that. With a higher limit, set BIG=100000 and SOURCES=4.
  N=${N:-10000}; RATE=${RATE:-5000}; STORM=${STORM:-10000}; BIG=${BIG:-19000}; LADDER=${LADDER:-1000,2000,5000,10000,19000}; SECONDS_PER=${SECONDS_PER:-10}
fi
SOURCES=${SOURCES:-4}
# The machine is shared: the main pass runs ROUNDS times, the target order reversed every other round, so a
# burst of someone else's load does not land on one target only. Compare targets within a round.
ROUNDS=${ROUNDS:-2}

echo "== build"
dotnet build -c Release silo -v q -nologo
dotnet build -c Release bench/peers/BarePeer -v q -nologo
dotnet build -c Release bench/peers/SignalRPeer -v q -nologo
dotnet build -c Release bench/OrleansRealtime.LoadHarness -v q -nologo
(cd bench/peers/socketio && npm ci --no-audit --no-fund --silent)
command -v gnuplot >/dev/null || { apt-get update -qq && apt-get install -y -qq gnuplot-nox; }

HARNESS="dotnet bench/OrleansRealtime.LoadHarness/bin/Release/net10.0/OrleansRealtime.LoadHarness.dll"
port=9100
pass() { # pass NAME ORDER ARGS...: every target (in ORDER) with the same arguments
  local name=$1 order=$2; shift 2
  mkdir -p "$OUT/$name"
  for t in $order; do
    port=$((port + 1))
    echo "== $name: $t"
    $HARNESS --target "$t" --port "$port" --sources "$SOURCES" --out "$OUT/$name" "$@" | tee "$OUT/$name/$t.log" | grep -v '^  \[' || true
  done
  $HARNESS report --out "$OUT/$name" --charts "$CHARTS"
}

# 1. The scenarios at N sockets: idle, per-user at RATE events/s (2 sockets per user), broadcast, AI chunks, storm.
REVERSED=$(echo $TARGETS | tr ' ' '\n' | tac | tr '\n' ' ')
for round in $(seq 1 "$ROUNDS"); do
  order=$TARGETS; (( round % 2 == 0 )) && order=$REVERSED
  CHARTS_ROUND=$CHARTS; (( round > 1 )) && CHARTS_ROUND=$OUT/main-$round/charts
  CHARTS=$CHARTS_ROUND pass "main-$round" "$order" --n "$N" --rate "$RATE" --seconds "$SECONDS_PER" --storm "$STORM" \
    --storm-rate 2000 --chats 1000 --scenarios idle,peruser,broadcast,ai,storm
done
# 2. Idle memory per socket at checkpoints, nothing published.
pass memory "$TARGETS" --n "$BIG" --checkpoints "10000,$BIG" --seconds 5 --scenarios idle
# 3. Broadcast throughput against open connections (a short closed-loop broadcast at each checkpoint).
pass ladder "$TARGETS" --n "$BIG" --checkpoints "$LADDER" --ladder --ladder-seconds 4 --scenarios none
echo "results: $OUT (results.md in each pass), charts: $CHARTS"

#!/usr/bin/env bash
# Cluster transport benchmark (issue 6): builds Release and runs the subcommands of bench/OrleansRealtime.ClusterBench.
#   bench/cluster.sh                  # calls (silo in a child process), latency, socket and socket with the pod in a child process, 10 s each
#   SECONDS_PER=5 bench/cluster.sh    # shorter runs
#   INPROC=1 bench/cluster.sh         # calls with the silo in the client's process
# Everything listens on 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${SECONDS_PER:-10}
dotnet build -c Release bench/OrleansRealtime.ClusterBench -v q -nologo
BENCH="dotnet bench/OrleansRealtime.ClusterBench/bin/Release/net10.0/OrleansRealtime.ClusterBench.dll"
echo "== calls"
$BENCH calls --seconds "$SECONDS_PER" --grains "${GRAINS:-1000}" --concurrency "${CONCURRENCY:-2000}" ${INPROC:+--inproc}
echo
echo "== latency"
$BENCH latency --seconds "$SECONDS_PER" --rate "${RATE:-5000}" --streams "${STREAMS:-200}"
echo
echo "== socket"
$BENCH socket --seconds "$SECONDS_PER" --rate "${RATE:-5000}" --users "${USERS:-200}"
echo
echo "== socket --pod-process"
$BENCH socket --pod-process --seconds "$SECONDS_PER" --rate "${RATE:-5000}" --users "${USERS:-200}"

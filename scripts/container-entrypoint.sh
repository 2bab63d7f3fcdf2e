#!/usr/bin/env bash
# Entrypoint of the silo and gateway images: runs the given command (dotnet OrleansRealtime.*.dll).
# A silo must advertise an address other containers reach; unless Realtime__Endpoints__AdvertisedIPAddress is set,
# it is the container's own address (the first of `hostname -i`), not the silo's guess from its interfaces.
set -euo pipefail

if [ -z "${Realtime__Endpoints__AdvertisedIPAddress:-}" ]; then
    address="$(hostname -i 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+){3}$' | grep -v '^127\.' | head -n 1 || true)"
    if [ -n "$address" ]; then
        export Realtime__Endpoints__AdvertisedIPAddress="$address"
    fi
fi

exec "$@"

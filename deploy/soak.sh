#!/usr/bin/env bash
# The long soak (see RELIABILITY.md): starts the whole cluster, runs steady lending, hold and home-delivery
# traffic through the gateway for the given minutes (30 by default) while faults come one after another, then
# checks that nothing was lost or doubled. Usage: deploy/soak.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
echo "Building..."
./mvnw -B -q install -DskipTests
exec ./mvnw -B verify -pl deploy/local-cluster -Psoak -Dsoak.minutes="$minutes"

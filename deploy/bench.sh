#!/usr/bin/env bash
# Builds what is needed and runs the benchmark (BENCHMARKS.md): starts the whole cluster on free ports, loads
# a province-size dataset, measures PostgreSQL's own limit with pgbench and drives the cluster through the
# gateway at fixed arrival rates. Prints every figure and writes them as JSON. Options: --help. With --indicators
# first, times the indicators report over a year of a province-size network instead.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (the first build downloads dependencies from Maven Central)..."
./mvnw -B -q -DskipTests package -pl deploy/bench,deploy/bench-reference -am
MAIN=org.tongjie.deploy.bench.Benchmark
if [ "${1:-}" = "--indicators" ]; then
    # The operations dashboard's report over a year of a province-size network (BENCHMARKS.md).
    MAIN=org.tongjie.deploy.bench.IndicatorsBenchmark
fi
exec java -Xmx3g -Dtongjie.repository="$PWD" -Dtongjie.postgres.shared-buffers=2GB \
    -cp "deploy/bench/target/classes:$(cat deploy/bench/target/bench.classpath)" \
    "$MAIN" "$@"

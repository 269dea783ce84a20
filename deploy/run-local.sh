#!/usr/bin/env bash
# Builds what is needed and starts the whole cluster locally: PostgreSQL, Kafka, the four services and the
# demo network. Runs in the foreground; Ctrl-C or SIGTERM stops everything. Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (the first build downloads dependencies from Maven Central)..."
./mvnw -B -q -DskipTests package -pl deploy/local-cluster -am
# The launcher runs Kafka in its own JVM; like the services, it compiles with C1 only unless --full-jit is given,
# which halves its CPU while the cluster starts.
launcher_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
for arg in "$@"; do
    if [[ $arg == --full-jit ]]; then launcher_opts=(); fi
done
exec java ${launcher_opts[@]+"${launcher_opts[@]}"} -Dtongjie.repository="$PWD" \
    -cp "deploy/local-cluster/target/classes:$(cat deploy/local-cluster/target/launcher.classpath)" \
    org.tongjie.deploy.cluster.LocalCluster "$@"

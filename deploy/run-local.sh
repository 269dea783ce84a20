#!/usr/bin/env bash
# Builds what is needed and starts the whole cluster locally: PostgreSQL, Kafka, the four services and the
# demo network. Runs in the foreground; Ctrl-C or SIGTERM stops everything. Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (the first build downloads dependencies from Maven Central)..."
./mvnw -B -q -DskipTests package -pl deploy/local-cluster -am
exec java -Dtongjie.repository="$PWD" \
    -cp "deploy/local-cluster/target/classes:$(cat deploy/local-cluster/target/launcher.classpath)" \
    org.tongjie.deploy.cluster.LocalCluster "$@"

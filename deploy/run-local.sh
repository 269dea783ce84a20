#!/usr/bin/env bash
# Builds what is needed and starts the whole cluster locally: PostgreSQL, Kafka, the four services and the
# demo network. Runs in the foreground; Ctrl-C or SIGTERM stops everything. Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds only when a file outside the build outputs changed since the last build here (a no-op build still costs
# some 40 s of packaging); --rebuild builds anyway.
built=deploy/local-cluster/target/run-local.built
stale() {
    [[ ! -f $built ]] && return 0
    for module in catalog-service loan-service delivery-service gateway; do
        [[ -f $module/target/quarkus-app/quarkus-run.jar ]] || return 0
    done
    [[ -f deploy/local-cluster/target/launcher.classpath ]] || return 0
    [[ -n $(find . \( -name target -o -name .git -o -name node_modules \) -prune -o -type f -newer "$built" -print \
        -quit) ]]
}
for arg in "$@"; do
    if [[ $arg == --rebuild ]]; then rm -f "$built"; fi
done
if stale; then
    echo "Building (the first build downloads dependencies from Maven Central)..."
    mkdir -p "$(dirname "$built")"
    touch "$built.next"
    ./mvnw -B -q -DskipTests package -pl deploy/local-cluster -am
    mv "$built.next" "$built"
fi
# The launcher runs Kafka in its own JVM; like the services, it compiles with C1 only unless --full-jit is given,
# which halves its CPU while the cluster starts.
launcher_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
for arg in "$@"; do
    if [[ $arg == --full-jit ]]; then launcher_opts=(); fi
done
exec java ${launcher_opts[@]+"${launcher_opts[@]}"} -Dtongjie.repository="$PWD" \
    -cp "deploy/local-cluster/target/classes:$(cat deploy/local-cluster/target/launcher.classpath)" \
    org.tongjie.deploy.cluster.LocalCluster "$@"

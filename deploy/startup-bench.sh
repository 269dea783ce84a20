#!/usr/bin/env bash
# Times the run command as a person meets it: deploy/run-local.sh from the moment it is started to its ready line
# (demo network included), several times, each on a fresh cluster, and how long each takes to stop. Prints every
# run and writes them as JSON to deploy/bench/target/results/startup-<time>.json. See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
first_after_build=false
port=18080
while [[ $# -gt 0 ]]; do
    case $1 in
        --runs) runs=$2; shift ;;
        --first-after-build) first_after_build=true ;;
        --port) port=$2; shift ;;
        --help|-h)
            cat <<'HELP'
Usage: deploy/startup-bench.sh [options]
  --runs N              how many starts to time, one after the other (default 3)
  --first-after-build   drop the class-data archives before the first start, as a new build does: the first
                        start then records them at its stop and the later starts map them
  --port N              gateway port (default 18080; services on N+1..N+3, PostgreSQL on N+2000, Kafka on
                        N+3000), away from the usual ports
Stop any other local cluster first: it shares this one's work directory.
HELP
            exit 0 ;;
        *) echo "Unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# One build up front, so that every timed start finds the build done (as "once built" means).
deploy/run-local.sh --help > /dev/null
archives=deploy/local-cluster/target/local/class-archives
if $first_after_build; then
    rm -rf "$archives"
fi

results=deploy/bench/target/results
mkdir -p "$results"
out="$results/startup-$(date -u +%Y%m%d-%H%M%S).json"
log=$(mktemp)
trap 'rm -f "$log"; [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null || true' EXIT
json="["
for ((run = 1; run <= runs; run++)); do
    archived=$([[ -f $archives/catalog.jsa ]] && echo true || echo false)
    begin=$(date +%s%N)
    deploy/run-local.sh --port "$port" --postgres-port $((port + 2000)) --kafka-port $((port + 3000)) \
        < /dev/null > "$log" 2>&1 &
    pid=$!
    until grep -q "is ready (" "$log"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$log" >&2
            echo "The cluster did not start" >&2
            exit 1
        fi
        sleep 0.1
    done
    ready_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
    line=$(grep "is ready (" "$log")
    services=$(grep "  Services " "$log")
    stop_begin=$(date +%s%N)
    kill -TERM "$pid"
    wait "$pid" || true
    pid=
    stop_ms=$(( ($(date +%s%N) - stop_begin) / 1000000 ))
    # "ready (22.3 s: PostgreSQL and Kafka 2.5 s, the services 8.2 s, the demo network 8.4 s and its morning ...
    n='([0-9.]+)'
    pattern=".*ready \\($n s: PostgreSQL and Kafka $n s, the services $n s, the demo network $n s"
    pattern+=" and its morning at the desks $n s.*"
    fields='"launcher_s": \1, "infrastructure_s": \2, "services_s": \3, "demo_network_s": \4, "demo_morning_s": \5'
    phases=$(sed -E "s/$pattern/$fields/" <<< "$line")
    rss=$(grep -oE '[a-z]+ :[0-9]+ \(ready in [0-9.]+ s, [0-9]+ MB\)' <<< "$services" \
        | sed -E 's/([a-z]+) :[0-9]+ \(ready in ([0-9.]+) s, ([0-9]+) MB\)/"\1": {"ready_s": \2, "rss_mb": \3}/' \
        | paste -sd, -)
    printf 'run %d: ready %.1f s after the command (class-data archives: %s); %s\n  stopped in %.1f s\n' \
        "$run" "$(echo "$ready_ms / 1000" | bc -l)" "$archived" "${line#*ready }" "$(echo "$stop_ms / 1000" | bc -l)"
    [[ $run -gt 1 ]] && json+=","
    json+="{\"run\": $run, \"class_archives\": $archived,"
    json+=" \"ready_after_command_s\": $(echo "scale=3; $ready_ms / 1000" | bc), $phases,"
    json+=" \"services\": {$rss}, \"stop_s\": $(echo "scale=3; $stop_ms / 1000" | bc)}"
done
json+="]"
printf '{"machine": {"cores": %s, "java": "%s"}, "runs": %s}\n' "$(nproc)" \
    "$(java -version 2>&1 | head -1 | tr -d '"')" "$json" > "$out"
echo "Results: $out"

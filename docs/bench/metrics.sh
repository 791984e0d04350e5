#!/usr/bin/env bash
# What the request metrics cost: wrk on GET /api/health against the distribution with the metrics
# bundle and without it (the REST core then times nothing), alternating, so that a busy host shows
# as spread between runs of the same kind rather than as a difference.
#
#   mvn -B package -DskipTests && docs/bench/metrics.sh [wrk-seconds] [rounds]
#
# Needs curl and wrk. Uses port 18081 and scratch copies of the distribution.
set -euo pipefail
seconds=${1:-20}
rounds=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
[ -x "$dist/bin/porchlight" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
export PORCHLIGHT_HTTP_PORT=18081 PORCHLIGHT_ADMIN_EMAIL=ops@example.org PORCHLIGHT_ADMIN_PASSWORD="load test passphrase $RANDOM$RANDOM"
api=http://127.0.0.1:18081/api

measure() { # with|without
  local home="$work/$1-$RANDOM"
  mkdir -p "$home/system" "$home/deploy"
  cp -r "$dist/bin" "$dist/etc" "$home/"; ln -s "$dist/lib" "$home/lib"
  for jar in "$dist"/system/*.jar; do
    [ "$1" = without ] && [[ $(basename "$jar") == porchlight-metrics-* ]] && continue
    ln -s "$jar" "$home/system/"
  done
  "$home/bin/porchlight" > "$home/run.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$api/health"; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $home/run.log" >&2; exit 1; }
    sleep 0.2
  done
  wrk -t2 -c32 -d10s "$api/health" > /dev/null
  echo "### $1 the metrics bundle"
  wrk -t2 -c32 -d"${seconds}s" --latency "$api/health" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  kill $pid; wait $pid 2>/dev/null || true
  pid=
}
echo "## GET /api/health, 32 keep-alive connections, ${seconds}s each after a 10 s warm-up (java: $(java -version 2>&1 | head -1))"
for round in $(seq "$rounds"); do
  measure with
  measure without
done

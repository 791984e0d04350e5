#!/usr/bin/env bash
# Cluster figures for docs/benchmarks.md: one node against two nodes of the distribution on one
# PostgreSQL database, on the same machine, with the same number of client connections in all.
#   read   GET /api/registry/cameras/{id}: a signed-in read (token, account row, the camera row)
#   write  PUT /api/registry/cameras/{id}: one row, the change log, two audit entries (durable)
# "1 node": wrk with 16 connections to node 1 (node 2 runs idle); "2 nodes": two wrk at once, 8
# connections to each node. Each case runs twice, interleaved. Besides requests/s it gives the CPU
# time the Java processes used per request (utime+stime from /proc), which other load on the
# machine disturbs less than the rate.
#
#   mvn -B package -DskipTests && docs/bench/cluster.sh [wrk-seconds]
#
# Needs curl, wrk, psql and PostgreSQL on 127.0.0.1:5432 (trust); makes a database of its own
# (dropped at the end). Uses ports 18600 and 18601 and scratch copies of the distribution.
set -euo pipefail
seconds=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
[ -x "$dist/bin/porchlight" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
db="porchlight_bench_cluster_$RANDOM$RANDOM"
user=$(id -un)
psql -q -h 127.0.0.1 -U "$user" -d postgres -c "CREATE DATABASE $db"
work=$(mktemp -d)
mkdir -p "$work/shared/secrets" "$work/shared/evidence"
password="load test passphrase $RANDOM$RANDOM"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  psql -q -h 127.0.0.1 -U "$user" -d postgres -c "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT
export PORCHLIGHT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PORCHLIGHT_DB_USER="$user"
export PORCHLIGHT_EVIDENCE_KEY=$(head -c 32 /dev/urandom | base64)
export PORCHLIGHT_ADMIN_EMAIL="ops@bench.example" PORCHLIGHT_ADMIN_PASSWORD="$password"
for n in 0 1; do
  home="$work/node$n"
  mkdir -p "$home/deploy"
  cp -r "$dist/bin" "$dist/etc" "$home/"; ln -s "$dist/lib" "$home/lib"; ln -s "$dist/system" "$home/system"
  printf '\nsigningKeysFile = %s\npseudonymKeyFile = %s\n' "$work/shared/secrets/token-signing.jwks" \
    "$work/shared/secrets/pseudonym.key" >> "$home/etc/org.porchlight.identity.cfg"
  sed -i "s|^filesFolder *=.*|filesFolder = $work/shared/evidence|" "$home/etc/org.porchlight.evidence.cfg"
  PORCHLIGHT_HTTP_PORT=$((18600 + n)) "$home/bin/porchlight" > "$home/run.log" 2>&1 &
  pids+=($!)
done
for n in 0 1; do
  until curl -sf -o /dev/null "http://127.0.0.1:$((18600 + n))/api/health"; do
    kill -0 "${pids[$n]}" 2>/dev/null || { echo "node $n died, see $work/node$n/run.log" >&2; exit 1; }
    sleep 0.2
  done
done
api=http://127.0.0.1:18600/api
email="bench-$RANDOM@example.org"
curl -sf -o /dev/null "$api/accounts" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}"
token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$email" \
  --data-urlencode "password=$password" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
body='{"location":{"latitude":39.1,"longitude":-94.58},"address":"1 Bench Lane","kind":"DOORBELL","recording":true,"retentionDays":30,"contactOk":true}'
id=$(curl -s "$api/registry/cameras" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
  | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
cat > "$work/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
cat > "$work/write.lua" <<LUA
wrk.method = "PUT"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
cpu() { # utime+stime of both nodes, in clock ticks
  local total=0
  for p in "${pids[@]}"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo $total
}
ticks=$(getconf CLK_TCK)
run() { # run <workload> <nodes>
  local script="$work/$1.lua" before after out requests
  before=$(cpu)
  if [ "$2" = 1 ]; then
    wrk -t2 -c16 -d"${seconds}s" -s "$script" "http://127.0.0.1:18600/api/registry/cameras/$id" > "$work/w0" &
    wait $!
    out=$(cat "$work/w0")
  else
    wrk -t1 -c8 -d"${seconds}s" -s "$script" "http://127.0.0.1:18600/api/registry/cameras/$id" > "$work/w0" &
    local a=$!
    wrk -t1 -c8 -d"${seconds}s" -s "$script" "http://127.0.0.1:18601/api/registry/cameras/$id" > "$work/w1" &
    wait $a $!
    out=$(cat "$work/w0" "$work/w1")
  fi
  after=$(cpu)
  requests=$(echo "$out" | awk '/requests in/ {s += $1} END {print s}')
  errors=$(echo "$out" | awk '/Non-2xx/ {s += $4} END {print s + 0}')
  printf '| %s | %s node(s) | %.0f req/s | %.2f ms CPU/request | %s non-2xx |\n' "$1" "$2" \
    "$(echo "$requests / $seconds" | bc -l)" "$(echo "($after - $before) * 1000 / $ticks / $requests" | bc -l)" "$errors"
}
for workload in read write; do
  wrk -t2 -c16 -d5s -s "$work/$workload.lua" "http://127.0.0.1:18600/api/registry/cameras/$id" > /dev/null
  wrk -t2 -c16 -d5s -s "$work/$workload.lua" "http://127.0.0.1:18601/api/registry/cameras/$id" > /dev/null
done
echo "| workload | nodes | throughput | Java CPU per request | errors |"
echo "| --- | --- | --- | --- | --- |"
for round in 1 2; do
  for workload in read write; do
    run "$workload" 1
    run "$workload" 2
  done
done

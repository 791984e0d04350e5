#!/usr/bin/env bash
# Durability figures for docs/benchmarks.md: what it costs that an answered change survives a
# killed process. A resident updates their camera (PUT /api/registry/cameras/{id}: one row, the
# registry's index, two audit entries) from 16 keep-alive connections, on:
#   h2          the embedded default (WRITE_DELAY=0: each commit written before it returns)
#   h2-delayed  the embedded file with H2's default write delay of 500 ms (what earlier versions ran)
#   postgresql  the server on 127.0.0.1:5432, database "test" (synchronous_commit as configured)
#
#   mvn -B package -DskipTests && docs/bench/durability.sh [wrk-seconds] [h2|h2-delayed|postgresql ...]
#
# Needs curl and wrk. Uses port 18080 and scratch copies of the distribution.
set -euo pipefail
seconds=${1:-20}; shift || true
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(h2 h2-delayed postgresql)
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
[ -x "$dist/bin/porchlight" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
api=http://127.0.0.1:18080/api
password="load test passphrase $RANDOM$RANDOM"
echo "## PUT of one camera, 16 connections, ${seconds}s after a 5 s warm-up (java: $(java -version 2>&1 | head -1))"
for mode in "${modes[@]}"; do
  work=$(mktemp -d)
  cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
  unset PORCHLIGHT_DB_URL PORCHLIGHT_DB_USER PORCHLIGHT_EVIDENCE_KEY
  case $mode in
    h2) ;;
    h2-delayed) export PORCHLIGHT_DB_URL="jdbc:h2:file:$work/data/db/porchlight;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" ;;
    postgresql) export PORCHLIGHT_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PORCHLIGHT_DB_USER=$(id -un)
                export PORCHLIGHT_EVIDENCE_KEY=cG9yY2hsaWdodCBldmlkZW5jZSBpdGVzdCBrZXkgISE= ;;
    *) echo "unknown mode $mode" >&2; exit 1 ;;
  esac
  email="bench-$RANDOM$RANDOM@example.org"
  PORCHLIGHT_HTTP_PORT=18080 PORCHLIGHT_ADMIN_EMAIL="ops-$RANDOM@example.org" PORCHLIGHT_ADMIN_PASSWORD="$password" \
    "$work/bin/porchlight" > "$work/run.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$api/health"; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -sf -o /dev/null "$api/accounts" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}"
  token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$email" \
    --data-urlencode "password=$password" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  body='{"location":{"latitude":39.1,"longitude":-94.58},"address":"1 Bench Lane","kind":"DOORBELL","recording":true,"retentionDays":30,"contactOk":true}'
  id=$(curl -s "$api/registry/cameras" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
    | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  cat > "$work/put.lua" <<LUA
wrk.method = "PUT"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
  wrk -t2 -c16 -d5s -s "$work/put.lua" "$api/registry/cameras/$id" > /dev/null
  echo "### $mode"
  wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/put.lua" "$api/registry/cameras/$id" \
    | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$work"
done

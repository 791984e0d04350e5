#!/usr/bin/env bash
# Identity figures for docs/benchmarks.md: what authentication, authorization and the audit
# trail add to a GET. The benchmark module serves one small database read three ways:
#   /api/bench/open       @PermitAll, no credentials sent
#   /api/bench/signed-in  @RolesAllowed, with a bearer token (verified, role checked)
#   /api/bench/audited    @RolesAllowed @PersonalData, with a bearer token and an audit entry per call
#
#   mvn -B package -DskipTests && docs/bench/identity.sh [wrk-seconds] [h2|postgresql ...]
#
# Each database gets a scratch server; the three routes are measured in turn, ROUNDS times
# (default 1), after a warm-up of each. Besides wrk's figures, each line shows the server's CPU
# time per request (user + system of the JVM, from /proc, over wrk's request count) and, on
# PostgreSQL, that of the server's database sessions: on a shared machine these move far less
# than req/s; for the audited route also the audit entries per commit (the group-commit batch). The last lines are the ratios of the same run.
#
# Environment: BENCH_PORT (default 18080), ROUNDS, WARMUP (seconds per route, default 10), BENCH_DIST (another build of the distribution,
# e.g. a copy of an older one, to compare), BENCH_PG (default 127.0.0.1:5432/test: a
# PostgreSQL server that trusts the current user, who may create databases; the run creates a
# scratch database there and drops it after). Needs curl, wrk, and psql for PostgreSQL.
# Token signing and password hashing are measured with JMH:
# java -jar benchmarks/jmh/target/benchmarks.jar
set -euo pipefail
seconds=${1:-30}; shift || true
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(h2)
port=${BENCH_PORT:-18080}
rounds=${ROUNDS:-1}
warmup=${WARMUP:-10}
pg=${BENCH_PG:-127.0.0.1:5432/test}
pg_admin="postgresql://$(id -un)@$pg"
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=${BENCH_DIST:-$root/distribution/target/porchlight}
module=$(ls "$root"/benchmarks/module/target/porchlight-benchmark-module-*.jar 2>/dev/null | head -1)
[ -x "$dist/bin/porchlight" ] && [ -n "$module" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
api=http://127.0.0.1:$port/api
pid=; work=; scratch_db=
stop() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
  [ -n "$work" ] && rm -rf "$work"
  [ -n "$scratch_db" ] && psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $scratch_db" > /dev/null
  pid=; work=; scratch_db=
}
trap stop EXIT

ticks() { # user + system clock ticks of the given processes (those still there)
  local sum=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo $sum
}
db_pids() { # the server's PostgreSQL sessions (none on H2)
  [ "$mode" = postgresql ] || return 0
  psql -Atq "$pg_admin" -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'porchlight' AND datname = '$scratch_db'" 2>/dev/null || true
}
audit_counts() { # audit entries and their commits so far, from the metrics endpoint (platform admins may read it)
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" \
    | awk '/^porchlight_audit_appends_total/ {a = $2} /^porchlight_audit_commits_total/ {c = $2} END {print a + 0, c + 0}'
}
hz=$(getconf CLK_TCK)
declare -A rps cpu dbcpu
run() { # label, path, then extra wrk arguments
  local label=$1 path=$2; shift 2
  local sessions; sessions=$(db_pids | tr '\n' ' ')
  local jvm0 db0 out n audit0
  jvm0=$(ticks "$pid"); db0=$(ticks $sessions); audit0=$(audit_counts)
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$@" "$api/$path")
  n=$(awk '/requests in/ {print $1}' <<< "$out")
  local per_commit; per_commit=$(awk -v a="$audit0" -v b="$(audit_counts)" \
    'BEGIN { split(a, x); split(b, y); if (y[2] > x[2]) printf "%.1f", (y[1] - x[1]) / (y[2] - x[2]) }')
  local jvm=$(( ($(ticks "$pid") - jvm0) * 1000000 / hz / n )) db=$(( ($(ticks $sessions) - db0) * 1000000 / hz / n ))
  local r=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  rps[$label]="${rps[$label]:-} $r"; cpu[$label]="${cpu[$label]:-} $jvm"; dbcpu[$label]="${dbcpu[$label]:-} $db"
  printf '%-10s %9s req/s  p50 %8s  p99 %8s  JVM %4d us/req' "$label" "$r" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$jvm"
  [ "$mode" = postgresql ] && printf '  db %4d us/req' "$db"
  [ -n "$per_commit" ] && printf '  %s entries/commit' "$per_commit"
  grep -E "Non-2xx|Socket errors" <<< "$out" | tr -s ' \n' ' ' || true
  echo
}
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.0f", s / NF }' <<< "$1"; }
ratio() { awk -v a="$(mean "$1")" -v b="$(mean "$2")" 'BEGIN { printf "%.2f", a / b }'; }

echo "## GET, 32 keep-alive connections, ${seconds}s per route and round, $rounds round(s) (java: $(java -version 2>&1 | head -1))"
for mode in "${modes[@]}"; do
  work=$(mktemp -d)
  cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
  # The benchmark module is not signed: this scratch server accepts it (development setting).
  sed -i 's/^allowUnsigned = false/allowUnsigned = true/' "$work/etc/org.porchlight.modules.cfg"
  unset PORCHLIGHT_DB_URL PORCHLIGHT_DB_USER PORCHLIGHT_EVIDENCE_KEY
  case $mode in
    h2) ;;
    postgresql) scratch_db=porchlight_bench_$$_$RANDOM
                psql -q "$pg_admin" -c "CREATE DATABASE $scratch_db" > /dev/null
                export PORCHLIGHT_DB_URL="jdbc:postgresql://${pg%/*}/$scratch_db" PORCHLIGHT_DB_USER=$(id -un)
                export PORCHLIGHT_EVIDENCE_KEY=$(head -c 32 /dev/urandom | base64) ;;
    *) echo "unknown database $mode" >&2; exit 1 ;;
  esac
  password="load test passphrase $RANDOM$RANDOM"; email="ops-$RANDOM$RANDOM@example.org"
  PORCHLIGHT_HTTP_PORT=$port PORCHLIGHT_ADMIN_EMAIL=$email PORCHLIGHT_ADMIN_PASSWORD=$password \
    "$work/bin/porchlight" > "$work/run.log" 2>&1 &
  pid=$!
  cp "$module" "$work/deploy/"
  until curl -sf -o /dev/null "$api/bench/open"; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; cat "$work/run.log" >&2; exit 1; }
    sleep 0.2
  done
  for i in {1..50}; do # the sign-in route may register a moment after the module's
    token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$email" \
      --data-urlencode "password=$password" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] && break; sleep 0.2
  done
  [ -n "$token" ] || { echo "sign-in failed, see $work/run.log" >&2; exit 1; }
  auth=(-H "Authorization: Bearer $token")
  echo "### $mode"
  rps=(); cpu=(); dbcpu=()
  wrk -t2 -c32 -d"${warmup}s" "$api/bench/open" > /dev/null
  wrk -t2 -c32 -d"${warmup}s" "${auth[@]}" "$api/bench/signed-in" > /dev/null
  wrk -t2 -c32 -d"${warmup}s" "${auth[@]}" "$api/bench/audited" > /dev/null
  for ((i = 1; i <= rounds; i++)); do
    run open bench/open
    run signed-in bench/signed-in "${auth[@]}"
    run audited bench/audited "${auth[@]}"
  done
  echo "audited/signed-in: throughput $(ratio "${rps[audited]}" "${rps[signed-in]}"), JVM CPU per request $(ratio "${cpu[audited]}" "${cpu[signed-in]}")"
  echo "signed-in/open:    throughput $(ratio "${rps[signed-in]}" "${rps[open]}"), JVM CPU per request $(ratio "${cpu[signed-in]}" "${cpu[open]}")"
  stop
done

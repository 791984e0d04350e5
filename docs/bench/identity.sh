#!/usr/bin/env bash
# Identity figures for docs/benchmarks.md: what authentication, authorization and the audit
# trail add to a GET. The benchmark module serves one small database read three ways:
#   /api/bench/open       @PermitAll, no credentials sent
#   /api/bench/signed-in  @RolesAllowed, with a bearer token (verified, role checked)
#   /api/bench/audited    @RolesAllowed @PersonalData, with a bearer token and an audit entry per call
#
#   mvn -B package -DskipTests && docs/bench/identity.sh [wrk-seconds]
#
# Needs curl and wrk. Uses port 18080 and a scratch copy of the distribution. Token signing and
# password hashing are measured with JMH: java -jar benchmarks/jmh/target/benchmarks.jar
set -euo pipefail
seconds=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
module=$(ls "$root"/benchmarks/module/target/porchlight-benchmark-module-*.jar 2>/dev/null | head -1)
[ -x "$dist/bin/porchlight" ] && [ -n "$module" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'pkill -f "porchlight.home=$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
# The benchmark module is not signed: this scratch server accepts it (development setting).
sed -i 's/^allowUnsigned = false/allowUnsigned = true/' "$work/etc/org.porchlight.modules.cfg"
export PORCHLIGHT_HTTP_PORT=18080 PORCHLIGHT_ADMIN_EMAIL=ops@example.org PORCHLIGHT_ADMIN_PASSWORD="load test passphrase $RANDOM$RANDOM"
api=http://127.0.0.1:18080/api

"$work/bin/porchlight" > "$work/run.log" 2>&1 &
pid=$!
cp "$module" "$work/deploy/"
until curl -sf -o /dev/null "$api/bench/open"; do
  kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$PORCHLIGHT_ADMIN_EMAIL" \
  --data-urlencode "password=$PORCHLIGHT_ADMIN_PASSWORD" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "sign-in failed, see $work/run.log" >&2; exit 1; }

run() { # path, then extra wrk arguments
  local path=$1; shift
  wrk -t2 -c32 -d10s "$@" "$api/$path" > /dev/null
  echo "### $path"
  wrk -t2 -c32 -d"${seconds}s" --latency "$@" "$api/$path" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
}
echo "## GET, 32 keep-alive connections, ${seconds}s each after a 10 s warm-up (java: $(java -version 2>&1 | head -1))"
run bench/open
run bench/signed-in -H "Authorization: Bearer $token"
run bench/audited -H "Authorization: Bearer $token"
kill $pid; wait $pid 2>/dev/null || true

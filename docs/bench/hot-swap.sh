#!/usr/bin/env bash
# Hot-swap figures for docs/benchmarks.md, against the running distribution (its default JVM
# options): wrk keeps two modules busy, one of them is updated N times through the admin API.
#   /api/bench/open   the benchmark module (benchmarks/module), updated back and forth between
#                     two signed builds (the second differs only in its Bundle-Version)
#   /api/health       the REST core, never swapped
#
#   mvn -B package -DskipTests && docs/bench/hot-swap.sh [swaps] [connections]
#
# Needs curl, wrk, python3 and the JDK's keytool, jar and jarsigner. Uses port 18080 and a scratch
# copy of the distribution whose trust store holds a key made for the run.
set -euo pipefail
swaps=${1:-20}
connections=${2:-16}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
module=$(ls "$root"/benchmarks/module/target/porchlight-benchmark-module-*.jar 2>/dev/null | head -1)
[ -x "$dist/bin/porchlight" ] && [ -n "$module" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'pkill -f "porchlight.home=$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"

# A signing key for this run, trusted by this scratch server only; two signed builds of the module.
keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -validity 2 -dname "CN=hot-swap bench" \
  -keystore "$work/bench.p12" -storetype PKCS12 -storepass bench-only -keypass bench-only > /dev/null 2>&1
mkdir -p "$work/etc/trust/vendor"
keytool -exportcert -rfc -alias bench -keystore "$work/bench.p12" -storepass bench-only -file "$work/etc/trust/vendor/bench.pem" > /dev/null 2>&1
cp "$module" "$work/v1.jar"; cp "$module" "$work/v2.jar"
version=$(unzip -p "$module" META-INF/MANIFEST.MF | sed -n 's/^Bundle-Version: *//p' | tr -d '\r')
printf 'Bundle-Version: %s-swapped\n' "$version" > "$work/v2.mf"
jar --update --file "$work/v2.jar" --manifest "$work/v2.mf" 2> /dev/null
for v in v1 v2; do
  jarsigner -keystore "$work/bench.p12" -storepass bench-only -signedjar "$work/$v-signed.jar" "$work/$v.jar" bench > /dev/null
done

export PORCHLIGHT_HTTP_PORT=18080 PORCHLIGHT_ADMIN_EMAIL=ops@example.org PORCHLIGHT_ADMIN_PASSWORD="load test passphrase $RANDOM$RANDOM"
api=http://127.0.0.1:18080/api
"$work/bin/porchlight" > "$work/run.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$api/health"; do
  kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$PORCHLIGHT_ADMIN_EMAIL" \
  --data-urlencode "password=$PORCHLIGHT_ADMIN_PASSWORD" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
auth="Authorization: Bearer $token"
id=$(curl -sf -H "$auth" -H "Content-Type: application/java-archive" --data-binary @"$work/v1-signed.jar" "$api/admin/modules" \
  | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
[ -n "$id" ] || { echo "install failed, see $work/run.log" >&2; exit 1; }
until curl -sf -o /dev/null "$api/bench/open"; do sleep 0.1; done
wrk -t1 -c"$connections" -d10s "$api/bench/open" > /dev/null   # warm-up

duration=$((swaps * 2 + 6))
wrk -t1 -c"$connections" -d"${duration}s" --latency "$api/bench/open" > "$work/swapped.txt" &
w1=$!
wrk -t1 -c"$connections" -d"${duration}s" --latency "$api/health" > "$work/other.txt" &
w2=$!
sleep 3
for i in $(seq 1 "$swaps"); do
  jar=$([ $((i % 2)) -eq 1 ] && echo v2 || echo v1)
  curl -sf -o /dev/null -X PUT -H "$auth" -H "Content-Type: application/java-archive" --data-binary @"$work/$jar-signed.jar" \
    "$api/admin/modules/$id" || echo "swap $i: the update was refused"
  sleep 2
done
wait $w1 $w2
echo "## $swaps swaps of the benchmark module under wrk, $connections connections per URL (java: $(java -version 2>&1 | head -1))"
for f in swapped other; do
  echo "### $f: $(head -1 "$work/$f.txt" | sed 's/Running //')"
  grep -E "Requests/sec|50%|99%|requests in|Non-2xx|Socket errors" "$work/$f.txt"
  grep -q "Non-2xx" "$work/$f.txt" || echo "  Non-2xx or 3xx responses: 0"
  grep -q "Socket errors" "$work/$f.txt" || echo "  Socket errors: none"
done
curl -s -H "$auth" "$api/admin/modules" | python3 -c '
import json, sys
held = sorted(s["heldMillis"] for s in json.load(sys.stdin)["recentSwaps"] if s["symbolicName"] == "org.porchlight.bench")
print("requests held per swap (ms): n=%d p50=%d max=%d all=%s" % (len(held), held[(len(held) - 1) // 2], held[-1], held))'
kill $pid; wait $pid 2>/dev/null || true

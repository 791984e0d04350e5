#!/usr/bin/env bash
# Portal figures for docs/benchmarks.md (issue 18): server time per page at 32 clients for the staff
# dashboard, a footage request's page and an agency's public transparency page; the weight of those
# pages with everything they load but map tiles; what the web bundles add to start-up.
#
#   mvn -B package -DskipTests && docs/bench/portal.sh [wrk-seconds]
#   JAVA_OPTS="..." docs/bench/portal.sh 20     # other JVM options than the distribution's default
#
# Needs curl, wrk and python3. Uses port 18080 and scratch copies of the distribution.
set -euo pipefail
seconds=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
[ -x "$dist/bin/porchlight" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
base=http://127.0.0.1:18080
export PORCHLIGHT_HTTP_PORT=18080 PORCHLIGHT_ADMIN_EMAIL=ops@example.org PORCHLIGHT_ADMIN_PASSWORD="load test passphrase $RANDOM$RANDOM"

scratch() { # a fresh copy of the distribution; prints its folder
  local work; work=$(mktemp -d)
  cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
  echo "$work"
}
start() { # folder, url that answers when ready; prints seconds from launch to ready
  local work=$1 ready=$2 t0; t0=$(date +%s.%N)
  "$work/bin/porchlight" > "$work/run.log" 2>&1 &
  echo $! > "$work/pid"
  until curl -sf -o /dev/null "$ready"; do
    kill -0 "$(cat "$work/pid")" 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
    sleep 0.1
  done
  python3 -c "import time; print(round(time.time() - $t0, 1))"
}
stop() { # folder: stops its server and waits until it is gone (it was started in a subshell: no wait)
  local pid; pid=$(cat "$1/pid"); kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -rf "$1"
}

# --- start-up with and without the portal's shell (the domain bundles' pages are part of their bundles)
echo "## Start-up to the first answer (java: $(java -version 2>&1 | head -1))"
for i in $(seq 1 "${STARTS:-3}"); do
  work=$(scratch); with=$(start "$work" "$base/"); stop "$work"
  work=$(scratch); rm "$work/system"; cp -r "$dist/system" "$work/system"; rm "$work"/system/porchlight-web-*.jar
  without=$(start "$work" "$base/api/health"); stop "$work"
  echo "run $i: with the portal ${with}s to the home page; without the shell ${without}s to /api/health"
done

work=$(scratch)
trap 'stop "$work" 2>/dev/null || true' EXIT
start "$work" "$base/" > /dev/null
api() { curl -s --fail-with-body -H "Content-Type: application/json" "$@"; }
token() { # email, password; retried while the first start is still creating the admin
  for _ in $(seq 1 50); do
    curl -s "$base/api/auth/token" -d grant_type=password --data-urlencode "username=$1" --data-urlencode "password=$2" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null && return
    sleep 0.2
  done
  echo "sign-in of $1 failed" >&2; exit 1
}
admin=$(token "$PORCHLIGHT_ADMIN_EMAIL" "$PORCHLIGHT_ADMIN_PASSWORD")
api -o /dev/null "$base/api/agencies" -H "Authorization: Bearer $admin" -d '{"code":"KCPD","name":"Kansas City Police",
  "timeZone":"America/Chicago","contactEmail":"records@kcpd.example","jurisdiction":{"type":"circle",
  "center":{"latitude":39.0997,"longitude":-94.5786},"radiusMeters":20000}}'
pass="kc bench passphrase 7391 load"
activation=$(api "$base/api/agencies/KCPD/staff" -H "Authorization: Bearer $admin" \
  -d '{"email":"officer@kcpd.example","displayName":"Officer","role":"OFFICER"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["activationToken"])')
api -o /dev/null "$base/api/accounts/activate" -d "{\"token\":\"$activation\",\"password\":\"$pass\"}"
officer=$(token officer@kcpd.example "$pass")
end=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:%SZ); begin=$(date -u -d '1 day ago 2 hours ago' +%Y-%m-%dT%H:%M:%SZ)
for n in $(seq 1 20); do # a realistic list: 20 requests
  id=$(api "$base/api/agencies/KCPD/requests" -H "Authorization: Bearer $officer" -d "{\"caseNumber\":\"KC-26-$n\",
    \"incidentType\":\"BURGLARY\",\"windowStart\":\"$begin\",\"windowEnd\":\"$end\",\"area\":{\"type\":\"circle\",
    \"center\":{\"latitude\":39.1,\"longitude\":-94.58},\"radiusMeters\":200},\"message\":\"Footage of the street, please.\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
done

# a browser's portal session for the officer: the sign-in form with its CSRF cookie
jar=$work/cookies
csrf=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null "$base/sign-in" --data-urlencode "csrf=$csrf" \
  --data-urlencode "email=officer@kcpd.example" --data-urlencode "password=$pass"
cookie=$(awk '$6 ~ /^pl_/ {printf "%s=%s; ", $6, $7}' "$jar")

weight() { # page path: bytes of the page and everything it loads (scripts, styles, images; Leaflet on map pages), gzip as served
  python3 - "$base" "$1" "$cookie" <<'PY'
import re, sys, urllib.request, gzip
base, path, cookie = sys.argv[1:]
def get(p):
    r = urllib.request.urlopen(urllib.request.Request(base + p, headers={"Cookie": cookie, "Accept-Encoding": "gzip"}))
    return r.read()
page = get(path)
html = (gzip.decompress(page) if page[:2] == b"\x1f\x8b" else page).decode()
assets = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
if "data-map=" in html:
    assets |= {"/static/leaflet/leaflet.js", "/static/leaflet/leaflet.css", "/static/leaflet/images/marker-icon.png"}
total = len(page) + sum(len(get(a)) for a in assets)
print(f"{path}: page {len(page)} B, with {len(assets)} files {total / 1024:.1f} KB")
PY
}
cpu() { # the server's CPU time so far (user + system), in clock ticks
  awk '{print $14 + $15}' "/proc/$(cat "$work/pid")/stat"
}
run() { # path: latency and throughput, and the server's CPU time per request (less dependent on what else runs)
  wrk -t2 -c32 -d"${WARMUP:-20}s" -H "Cookie: $cookie" "$base$1" > /dev/null # C2 compiles the hot code meanwhile
  echo "### $1"
  local c0 out c1; c0=$(cpu)
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$1")
  c1=$(cpu)
  echo "$out" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  echo "$out" | awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "  server CPU per request: %.2f ms\n", ticks * 1000 / hz / $1}'
}
echo "## Pages, 32 keep-alive connections, ${seconds}s each after a ${WARMUP:-20} s warm-up"
for path in /dashboard "/requests/$id" /agencies/KCPD; do
  run "$path"
done
echo "## Page weight (no map tiles)"
for path in /dashboard "/requests/$id" /agencies/KCPD /; do
  weight "$path"
done

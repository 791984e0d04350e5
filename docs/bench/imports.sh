#!/usr/bin/env bash
# Registry import figures for docs/benchmarks.md: a generated city-sized WatchKC feed imported
# through the real distribution, the plugin deployed at runtime into deploy/, then the same feed
# imported again (which must change nothing).
#
#   mvn -B package -DskipTests && docs/bench/imports.sh [rows]
#
# Needs curl and python3. Uses port 18081 (or IMPORT_BENCH_PORT) and a scratch copy of the
# distribution (embedded H2, or the database in PORCHLIGHT_DB_URL if set).
set -euo pipefail
rows=${1:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
plugin="$dist/plugins/porchlight-integration-watchkc.jar"
[ -x "$dist/bin/porchlight" ] && [ -f "$plugin" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; ln -s "$dist/plugins" "$work/plugins"
mkdir "$work/deploy" "$work/feed"
port=${IMPORT_BENCH_PORT:-18081}
export PORCHLIGHT_HTTP_PORT=$port PORCHLIGHT_ADMIN_EMAIL=ops@example.org PORCHLIGHT_ADMIN_PASSWORD="import bench passphrase $RANDOM$RANDOM"
api=http://127.0.0.1:$port/api
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# Kansas City-sized: cameras spread over 0.25 x 0.3 degrees (28 km x 26 km) around downtown.
python3 - "$rows" > "$work/city.csv" <<'PY'
import random, sys
random.seed(42)
print("registration_id,registrant_type,business_name,address,latitude,longitude,camera_count,records_video,"
      "retention_days,contact_ok,contact_email,contact_phone,updated_at,status")
for i in range(int(sys.argv[1])):
    business = i % 10 == 0
    print(f"WKC-{i:07d},{'business' if business else 'residence'},{'Shop #%d' % i if business else ''},"
          f"\"{random.randint(1, 9999)} Main St, Kansas City, MO\",{38.98 + random.random() * 0.25:.6f},"
          f"{-94.73 + random.random() * 0.3:.6f},{random.randint(1, 4)},yes,{random.choice([7, 14, 30, 60])},"
          f"{random.choice(['yes', 'no'])},owner{i}@example.org,+1816555{i % 10000:04d},2026-0{1 + i % 9}-15T12:00:00Z,active")
PY
echo "## $(($(wc -l < "$work/city.csv") - 1)) rows, $(du -h "$work/city.csv" | cut -f1) (java: $(java -version 2>&1 | head -1))"

"$work/bin/porchlight" > "$work/run.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$api/health"; do
  kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -s "$api/auth/token" -d grant_type=password --data-urlencode "username=$PORCHLIGHT_ADMIN_EMAIL" \
  --data-urlencode "password=$PORCHLIGHT_ADMIN_PASSWORD" | json 'd["access_token"]')
auth=(-H "Authorization: Bearer $token")
curl -sf -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' "$api/agencies" -d '{"code":"KCPD","name":"Kansas City Police",
  "timeZone":"America/Chicago","contactEmail":"records@kcpd.example","jurisdiction":{"type":"circle",
  "center":{"latitude":39.0997,"longitude":-94.5786},"radiusMeters":25000}}'

cp "$plugin" "$work/deploy/"
cat > "$work/etc/org.porchlight.integration.watchkc-bench.cfg" <<CFG
porchlight.registry.source = kc-watchkc
porchlight.registry.agency = KCPD
porchlight.registry.interval = 1
folder = $work/feed
quietSeconds = 0
CFG
until [ "$(curl -s "${auth[@]}" "$api/registry/imports" | json 'len([s for s in d if s["available"]])')" = 1 ]; do sleep 0.2; done

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # the server's user+sys time in clock ticks
import() { # $1: the number of runs to wait for
  cp "$work/city.csv" "$work/feed/.city.part" && mv "$work/feed/.city.part" "$work/feed/city-$1.csv"
  local start=$(date +%s.%N) cpu=$(cpu)
  # Attempts that found the folder empty are runs too (SKIPPED): count the others.
  until [ "$(curl -s "${auth[@]}" "$api/registry/imports/kc-watchkc/runs" | json "len([r for r in d if r.get('finishedAt') and r['status'] != 'SKIPPED'])")" = "$1" ]; do
    sleep 0.1
  done
  local wall=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  curl -s "${auth[@]}" "$api/registry/imports/kc-watchkc/runs" | json '[("{status}: received {received}, created {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}; run {s} to {f}".format(s=r["startedAt"], f=r["finishedAt"], **r)) for r in d if r["status"] != "SKIPPED"][0]'
  echo "   from the file's arrival to the report: ${wall} s; server CPU (user+sys) meanwhile: $(python3 -c "print(round(($(cpu) - $cpu) / $(getconf CLK_TCK), 1))") s"
}
echo "### first import"; import 1
echo "### the same feed again"; import 2
echo "### server resident memory: $(ps -o rss= -p "$(pgrep -f "porchlight.home=$work" | head -1)" | awk '{printf "%.0f MB", $1/1024}')"
kill $pid; wait $pid 2>/dev/null || true

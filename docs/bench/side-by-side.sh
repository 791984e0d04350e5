#!/usr/bin/env bash
# Porchlight against plain Jersey, side by side in one run (issue 20): start-up, memory, and the
# same trivial GET through each. The anchor (benchmarks/anchor) is Jersey, Jackson and Hibernate
# Validator in the distribution's versions on the Jetty 12 that Felix HTTP embeds, without OSGi;
# the distribution answers the same 19 bytes on /api/bench/hello from the benchmark module, through
# the whole core (access control, correlation id, access log, metrics, swap guard, JSON).
#
#   mvn -B install -DskipTests && docs/bench/side-by-side.sh [seconds] [runs]
#
# 1. The distribution's first start on an empty data folder (scratch copy), then the benchmark module
#    is deployed and the server stopped.
# 2. runs times, one server at a time, alternating: start the anchor, then the distribution (on the
#    data folder of step 1: a second start), each timed from exec to the first 200 on /api/health and
#    its resident memory read 1 s later; a 10 s warm-up (WARMUP seconds), then `wrk -t2 -c32 -d<seconds>s --latency`
#    on /api/bench/hello, reading the server's user+sys CPU time over the measured requests, less
#    its JIT compiler threads' (robust to other load on the machine, unlike req/s); stop.
# 3. A table with medians over the runs, the ratios Porchlight/plain and the goals of issue 20.
#
# Both JVMs get the distribution's default JAVA_OPTS (bin/porchlight) unless JAVA_OPTS is set.
# Ports: ANCHOR_PORT (18100) and PORCHLIGHT_PORT (18101); PORCHLIGHT_DIST another built distribution
# folder (a copy of an earlier build, to compare before and after). Needs curl, wrk and bc.
set -euo pipefail
seconds=${1:-30}
runs=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=${PORCHLIGHT_DIST:-$root/distribution/target/porchlight}
anchor="$root/benchmarks/anchor/target/anchor.jar"
module=$(ls "$root"/benchmarks/module/target/porchlight-benchmark-module-*.jar 2>/dev/null | head -1)
[ -x "$dist/bin/porchlight" ] && [ -f "$anchor" ] && [ -n "$module" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
anchor_port=${ANCHOR_PORT:-18100}
porch_port=${PORCHLIGHT_PORT:-18101}
: "${JAVA_OPTS:=-Xms32m -Xmx384m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError}"
export JAVA_OPTS
hz=$(getconf CLK_TCK)

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
# The benchmark module is not signed: this scratch server accepts it (development setting).
sed -i 's/^allowUnsigned = false/allowUnsigned = true/' "$work/etc/org.porchlight.modules.cfg"

# Starts one side in the background (server= its JVM's pid; both exec java) and sets started=
# seconds from exec to the first 200 on /api/health, rss= resident MB 1 s later.
start() { # anchor|porchlight
  local port t0 t1
  t0=$(date +%s.%N)
  if [ "$1" = anchor ]; then
    port=$anchor_port
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$anchor" "$port" > "$work/anchor.log" 2>&1 &
  else
    port=$porch_port
    PORCHLIGHT_HTTP_PORT=$port "$work/bin/porchlight" > "$work/run.log" 2>&1 &
  fi
  server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/health"; do
    kill -0 "$server" 2>/dev/null || { echo "$1 died, see $work/*.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s.%N)
  sleep 1
  started=$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")
  rss=$(( $(ps -o rss= -p "$server") / 1024 ))
}

stop() {
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

# The server's user+sys CPU ticks, less its JIT compiler threads' (still compiling after a short
# warm-up on a busy machine, they would be counted against the requests).
cpu_ticks() {
  local total jit
  total=$(awk '{print $14 + $15}' "/proc/$server/stat")
  jit=$(for t in /proc/"$server"/task/*; do
    if grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null; then sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}'; fi
  done | awk '{s += $1} END {print s + 0}')
  echo $((total - jit))
}

# wrk's latency figure in ms ("812.00us", "3.45ms", "1.02s").
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

# Loads the running side's /api/bench/hello; sets rps, p50, p99 (ms), cpu (server's us per request), errors.
load() { # port
  local url="http://127.0.0.1:$1/api/bench/hello" out before after requests
  wrk -t2 -c32 -d"${WARMUP:-10}s" "$url" > /dev/null
  before=$(cpu_ticks)
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$url")
  after=$(cpu_ticks)
  echo "$out" > "$work/wrk-$1-last.txt"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s; ", $0}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  cpu=$(echo "scale=1; ($after - $before) * 1000000 / $hz / $requests" | bc)
  errors=${errors:-none}
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
ratio() { echo "scale=3; $1 / $2" | bc | sed 's/^\./0./'; }
goal() { if [ "$(echo "$1" | bc)" = 1 ]; then echo met; else echo "NOT met"; fi; }

echo "## Porchlight against plain Jersey, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD)"
echo "java: $(java -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

start porchlight
first_start=$started; first_rss=$rss
cp "$module" "$work/deploy/"
until curl -sf -o /dev/null "http://127.0.0.1:$porch_port/api/bench/hello"; do sleep 0.2; done
[ "$(curl -s "http://127.0.0.1:$porch_port/api/bench/hello")" = "$(printf '{"message":"hello"}')" ] || { echo "unexpected answer" >&2; exit 1; }
stop
echo "first start on an empty data folder: ${first_start} s, ${first_rss} MB"

declare -A col
for side in anchor porchlight; do for k in start rss rps p50 p99 cpu; do col[$side.$k]=""; done; done
for r in $(seq "$runs"); do
  for side in anchor porchlight; do
    start "$side"; s=$started; m=$rss
    port=$anchor_port; [ "$side" = porchlight ] && port=$porch_port
    [ "$(curl -s "http://127.0.0.1:$port/api/bench/hello" | wc -c)" = 19 ] || { echo "$side: not 19 bytes" >&2; exit 1; }
    load "$port"
    stop
    echo "run $r $side: start ${s} s, RSS ${m} MB, ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, CPU ${cpu} us/request, errors: ${errors}, load average $(cut -d' ' -f1 /proc/loadavg)"
    col[$side.start]+=" $s"; col[$side.rss]+=" $m"; col[$side.rps]+=" $rps"; col[$side.p50]+=" $p50"; col[$side.p99]+=" $p99"; col[$side.cpu]+=" $cpu"
  done
done

m() { echo "${col[$1]}" | median; }
echo
echo "Medians of $runs runs, GET /api/bench/hello with wrk -t2 -c32 -d${seconds}s after a ${WARMUP:-10} s warm-up:"
echo
echo "| figure | plain Jersey | Porchlight | Porchlight/plain | goal |"
echo "| --- | --- | --- | --- | --- |"
echo "| req/s | $(m anchor.rps) | $(m porchlight.rps) | $(ratio "$(m porchlight.rps)" "$(m anchor.rps)") | >= 0.9x: $(goal "$(m porchlight.rps) >= 0.9 * $(m anchor.rps)") |"
echo "| p50 (ms) | $(m anchor.p50) | $(m porchlight.p50) | $(ratio "$(m porchlight.p50)" "$(m anchor.p50)") | |"
echo "| p99 (ms) | $(m anchor.p99) | $(m porchlight.p99) | $(ratio "$(m porchlight.p99)" "$(m anchor.p99)") | <= 2x: $(goal "$(m porchlight.p99) <= 2 * $(m anchor.p99)") |"
echo "| server CPU per request (us) | $(m anchor.cpu) | $(m porchlight.cpu) | $(ratio "$(m porchlight.cpu)" "$(m anchor.cpu)") | |"
echo "| start to first 200, existing data folder (s) | $(m anchor.start) | $(m porchlight.start) | $(ratio "$(m porchlight.start)" "$(m anchor.start)") | < 2 s: $(goal "$(m porchlight.start) < 2"); <= 1.3x: $(goal "$(m porchlight.start) <= 1.3 * $(m anchor.start)") |"
echo "| first start, empty data folder (s) | | $first_start | | < 3 s: $(goal "$first_start < 3") |"
echo "| RSS 1 s after start (MB) | $(m anchor.rss) | $(m porchlight.rss) | $(ratio "$(m porchlight.rss)" "$(m anchor.rss)") | < 200 MB: $(goal "$(m porchlight.rss) < 200") |"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

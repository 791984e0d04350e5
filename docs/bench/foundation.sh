#!/usr/bin/env bash
# Foundation figures for docs/benchmarks.md: start-up time, resident memory, health throughput.
#
#   mvn -B package -DskipTests && docs/bench/foundation.sh [runs] [wrk-seconds]
#
# Needs curl and wrk (Debian: apt-get install wrk). Uses port 18080 (BENCH_PORT to change it) and a
# scratch copy of the distribution, so it does not touch distribution/target/porchlight/data.
set -euo pipefail
runs=${1:-5}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
dist="$root/distribution/target/porchlight"
[ -x "$dist/bin/porchlight" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'pkill -f "porchlight.home=$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$dist/bin" "$dist/etc" "$work/"; ln -s "$dist/lib" "$work/lib"; ln -s "$dist/system" "$work/system"; mkdir "$work/deploy"
export PORCHLIGHT_HTTP_PORT=${BENCH_PORT:-18080}
url=http://127.0.0.1:$PORCHLIGHT_HTTP_PORT/api/health

# One start: prints "<seconds from exec to first 200> <RSS in MB one second later> <CPU seconds
# the JVM used until the first 200>". The CPU figure is robust to other load on the machine, the
# wall-clock one is not: on a busy host compare CPU seconds.
start_once() {
  local t0 t1 pid cpu st
  t0=$(date +%s.%N)
  "$work/bin/porchlight" > "$work/run.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$url"; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s.%N)
  read -r -a st < "/proc/$pid/stat"  # bin/porchlight execs the JVM: $pid is the JVM
  cpu=$(echo "scale=2; (${st[13]} + ${st[14]}) / $(getconf CLK_TCK)" | bc)
  sleep 1
  local rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
  # Stopped before the line is printed: the caller's read returns at the line, and the next start
  # would otherwise overlap this server's shutdown (and find its port still in use).
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(echo "$t1 - $t0" | bc) $rss $cpu"
}

summary() { sort -n | awk '{a[NR]=$1} END {printf "median %.2f, min %.2f, max %.2f", a[int((NR+1)/2)], a[1], a[NR]}'; }

echo "## Start-up (java: $(java -version 2>&1 | head -1), JAVA_OPTS: ${JAVA_OPTS:-default of bin/porchlight})"
cold=(); warm=(); rss=(); coldcpu=(); warmcpu=()
for i in $(seq "$runs"); do
  rm -rf "$work/data"; read -r s m c < <(start_once); cold+=("$s"); rss+=("$m"); coldcpu+=("$c")
done
for i in $(seq "$runs"); do
  read -r s m c < <(start_once); warm+=("$s"); rss+=("$m"); warmcpu+=("$c")
done
echo "- first start, empty data folder (s): $(printf '%s\n' "${cold[@]}" | summary); CPU (s): $(printf '%s\n' "${coldcpu[@]}" | summary)"
echo "- later starts, existing database (s): $(printf '%s\n' "${warm[@]}" | summary); CPU (s): $(printf '%s\n' "${warmcpu[@]}" | summary)"
echo "- resident memory 1 s after start (MB): $(printf '%s\n' "${rss[@]}" | summary)"

echo "## GET /api/health, 32 keep-alive connections, ${seconds}s (after a 10 s warm-up)"
"$work/bin/porchlight" > "$work/run.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$url"; do
  kill -0 $pid 2>/dev/null || { echo "server died, see $work/run.log" >&2; exit 1; }
  sleep 0.05
done
wrk -t2 -c32 -d10s "$url" > /dev/null
wrk -t2 -c32 -d"${seconds}s" --latency "$url" | grep -E "Requests/sec|Latency |50%|99%|requests in|Non-2xx|Socket errors"
jvm=$(pgrep -f "porchlight.home=$work" | head -1)
echo "- resident memory after the load (MB): $(( $(ps -o rss= -p "$jvm") / 1024 ))"
kill $pid; wait $pid 2>/dev/null || true

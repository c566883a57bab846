#!/usr/bin/env bash
# Load test with wrk: the service against the bare baseline app (bench.baseline.BaselineApplication),
# both started here, same JVM and heap; prints each workload's throughput and p99 and their ratios.
#
#   bench/load.sh                 # all workloads, 15 s each
#   DURATION=30s bench/load.sh    # longer runs
#   ONLY=small bench/load.sh      # only the workloads whose name matches the regex
#   WARMUP=20s bench/load.sh      # longer warm-up per workload (default 15 s): the JIT needs it
#   SERVICE_ARGS='--management.metrics.distribution.percentiles-histogram.http.server.requests=false' bench/load.sh
#
# Ports: service $PORT (48080) with management $MPORT (48081), baseline $BASE_PORT (48090).
# Needs wrk and /usr/bin/python3 (for the bodies). Results also go to target/bench/load.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-48080}
MPORT=${MPORT:-48081}
BASE_PORT=${BASE_PORT:-48090}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-15s}
HEAP=${HEAP:--Xms512m -Xmx512m}
OUT=target/bench
mkdir -p "$OUT"

./mvnw -B -q -Pbench -DskipTests package
JAR=$(ls target/activation-service-*.jar | grep -v original | head -1)
[[ -f $OUT/max.bin ]] || /usr/bin/python3 bench/bodies.py "$OUT"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# SERVICE_ARGS: extra application arguments for the service, e.g. to measure what a feature costs.
java --add-modules jdk.incubator.vector $HEAP -jar "$JAR" --server.port="$PORT" --management.server.port="$MPORT" \
  ${SERVICE_ARGS:-} > "$OUT/service.log" 2>&1 &
pids+=($!)
java $HEAP -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.BaselineApplication \
  --server.port="$BASE_PORT" > "$OUT/baseline.log" 2>&1 &
pids+=($!)

wait_for() {
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"values":[1]}' "$1"; then return 0; fi
    sleep 0.5
  done
  echo "not answering: $1" >&2; exit 1
}
wait_for "http://localhost:$PORT/activate/sigmoid"
wait_for "http://localhost:$BASE_PORT/echo"

# run NAME URL BODY CONTENT_TYPE ACCEPT CONNECTIONS -> prints "rps p99_ms mean_ms"
run() {
  local name=$1 url=$2 body=$3 type=$4 accept=$5 connections=$6 threads=1
  (( connections > 1 )) && threads=2
  BODY=$body CONTENT_TYPE=$type ACCEPT=$accept wrk -t"$threads" -c"$connections" -d"$WARMUP" --latency -s bench/post.lua "$url" > /dev/null
  local line
  line=$(BODY=$body CONTENT_TYPE=$type ACCEPT=$accept wrk -t"$threads" -c"$connections" -d"$DURATION" --latency \
    -s bench/post.lua "$url" | grep '^RESULT')
  echo "$name $line" >> "$OUT/load-raw.txt"
  if [[ $line != *"non2xx=0 errors=0"* ]]; then echo "errors in $name: $line" >&2; fi
  echo "$line" | sed -E 's/.*rps=([0-9.]+) .*p99_ms=([0-9.]+) mean_ms=([0-9.]+).*/\1 \2 \3/'
}

S=http://localhost:$PORT/activate
B=http://localhost:$BASE_PORT/echo
JSON=application/json
BIN=application/octet-stream
: > "$OUT/load-raw.txt"
{
  echo "date $(date -u +%FT%TZ), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$(java -version 2>&1 | head -1), heap $HEAP, warm-up $WARMUP, duration $DURATION"
  printf '%-34s %12s %12s %9s %10s %10s %9s\n' workload "service rps" "base rps" "rps ratio" "svc p99" "base p99" "p99 ratio"
} | tee "$OUT/load.txt"

compare() {
  local name=$1 connections=$2 surl=$3 burl=$4 body=$5 type=$6 accept=$7
  [[ $name =~ ${ONLY:-.} ]] || return 0
  read -r srps sp99 smean < <(run "$name/service" "$surl" "$body" "$type" "$accept" "$connections")
  read -r brps bp99 bmean < <(run "$name/baseline" "$burl" "$body" "$type" "$accept" "$connections")
  awk -v n="$name" -v sr="$srps" -v br="$brps" -v sp="$sp99" -v bp="$bp99" \
    'BEGIN { printf "%-34s %12.1f %12.1f %9.3f %9.2fms %9.2fms %9.3f\n", n, sr, br, sr / br, sp, bp, sp / bp }' \
    | tee -a "$OUT/load.txt"
}

compare "small json sigmoid x8, c32"       32 "$S/sigmoid"          "$B" "$OUT/small.json"  $JSON $JSON
compare "medium json sigmoid x1000, c8"    8  "$S/sigmoid"          "$B" "$OUT/medium.json" $JSON $JSON
compare "medium binary sigmoid x1000, c8"  8  "$S/sigmoid"          "$B" "$OUT/medium.bin"  $BIN  $BIN
compare "1M json sigmoid, c1"              1  "$S/sigmoid"          "$B" "$OUT/large.json"  $JSON $JSON
compare "1M json softmax, c1"              1  "$S/softmax"          "$B" "$OUT/large.json"  $JSON $JSON
compare "1M binary sigmoid, c1"            1  "$S/sigmoid"          "$B" "$OUT/large.bin"   $BIN  $BIN
compare "1M binary softmax, c1"            1  "$S/softmax"          "$B" "$OUT/large.bin"   $BIN  $BIN

# The 1M JSON target: end to end against an in-process Jackson databind read + write of the same body.
[[ "1M json" =~ ${ONLY:-.} ]] && jackson=$(java $HEAP -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.JacksonRoundTrip \
  "$OUT/large.json" | sed -nE 's/^RESULT median_ms=([0-9.]+).*/\1/p')
for f in sigmoid softmax; do
  grep -q "^1M json $f, c1/service " "$OUT/load-raw.txt" || continue
  mean=$(grep "^1M json $f, c1/service " "$OUT/load-raw.txt" | sed -E 's/.*mean_ms=([0-9.]+).*/\1/')
  awk -v f="$f" -v m="$mean" -v j="$jackson" \
    'BEGIN { printf "1M json %-8s end to end %8.1f ms, in-process Jackson read+write %8.1f ms, ratio %.2f\n", f, m, j, m / j }' \
    | tee -a "$OUT/load.txt"
done

# The largest request (4,194,304 values, JSON and binary) is answered within the heap above.
[[ "max-size" =~ ${ONLY:-.} ]] && for body in max.json max.bin; do
  type=$JSON; [[ $body == *.bin ]] && type=$BIN
  curl -s -o /dev/null -w "max-size $body (%{size_upload} bytes up): HTTP %{http_code}, %{time_total} s, %{size_download} bytes down\n" \
    -X POST -H "Content-Type: $type" -H "Accept: $type" --data-binary "@$OUT/$body" "$S/sigmoid" | tee -a "$OUT/load.txt"
done

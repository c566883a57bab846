#!/usr/bin/env bash
# Issue 11: a 1,000-value FP32 binary infer on /v2 (tritonclient's framing) against the same 1,000
# float32 values on /activate in its binary format, same jar, same JVM flags, one service.
#
#   bench/v2_binary.sh                          # builds the jar unless JAR is given
#   JAR=/tmp/x.jar WARMUP=15s DURATION=30s CONNECTIONS=32 THREADS=2 MODEL=sigmoid bench/v2_binary.sh
#
# Prints one RESULT line per workload (see bench/post.lua), the machine and the load average;
# docs/performance.md, "Issue 11", records a run.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-48080}
MPORT=${MPORT:-48081}
WARMUP=${WARMUP:-15s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
MODEL=${MODEL:-sigmoid}
HEAP=${HEAP:--Xms512m -Xmx512m}
OUT=target/bench
mkdir -p "$OUT"

if [[ -z ${JAR:-} ]]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/activation-service-*.jar | grep -v original | head -1)
fi
/usr/bin/python3 bench/v2_bodies.py "$OUT"

java --add-modules jdk.incubator.vector $HEAP -jar "$JAR" --server.port="$PORT" --management.server.port="$MPORT" \
  > "$OUT/v2_binary-service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://localhost:$PORT/v2/health/ready" && break
  sleep 0.5
done

# run NAME URL BODY CONTENT_TYPE ACCEPT HEADER_LENGTH
run() {
  local name=$1 url=$2
  export BODY=$3 CONTENT_TYPE=$4 ACCEPT=$5 HEADER_LENGTH=$6
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --latency -s bench/v2_binary.lua "$url" > /dev/null
  echo "$name $(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/v2_binary.lua "$url" | grep '^RESULT')"
}

date -u
run v2_binary_fp32_1000 "http://localhost:$PORT/v2/models/$MODEL/infer" "$OUT/v2_1000_fp32.bin" \
  application/octet-stream "" "$(cat "$OUT/v2_1000_fp32.header_length")"
run activate_binary_fp32_1000 "http://localhost:$PORT/activate/$MODEL?dtype=float32" "$OUT/activate_1000_fp32.bin" \
  application/octet-stream application/octet-stream ""
lscpu | grep 'Model name'
nproc
uptime

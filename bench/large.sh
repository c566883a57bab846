#!/usr/bin/env bash
# Issue 12's check that the two-core JSON path does not cost throughput under load: wrk on
# /activate/sigmoid with the 1M-value JSON body (target/bench/large.json) at 1, 2 and 4
# connections against one service, after a 15 s warm-up at 2 connections.
#
#   bench/large.sh                     # the jar in target/ (./mvnw -B -q -Pbench -DskipTests package)
#   bench/large.sh OTHER.jar before    # e.g. a jar built from an earlier commit, to compare
#
# Port 48180 (management 48181). Prints one RESULT line per connection count (bench/post.lua).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-$(ls target/activation-service-*.jar | grep -v original | head -1)}
TAG=${2:-after}
mkdir -p target/bench
[[ -f target/bench/large.json ]] || /usr/bin/python3 bench/bodies.py target/bench
java --add-modules jdk.incubator.vector -Xms512m -Xmx512m -jar "$JAR" --server.port=48180 \
  --management.server.port=48181 > "target/bench/large-$TAG.log" 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null -XPOST -H Content-Type:application/json -d '{"values":[1]}' localhost:48180/activate/sigmoid && break
  sleep 0.5
done
echo "date $(date -u +%FT%TZ), $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), $JAR"
w() { BODY=target/bench/large.json wrk -t1 -c"$1" -d"$2" --latency -s bench/post.lua http://localhost:48180/activate/sigmoid; }
w 2 15s > /dev/null
for c in 1 2 4; do
  echo "$TAG c$c $(w "$c" 15s | grep RESULT)"
done
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"

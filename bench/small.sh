#!/usr/bin/env bash
# usage: [ROUNDS=2] bench/small.sh TAG [JFR]  -> wrk sigmoid x8 c32 service vs bare, 10s warm-up, 15s measured, ROUNDS times alternating
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/prof target/bench
[[ -f target/bench/small.json ]] || /usr/bin/python3 bench/bodies.py target/bench
TAG=$1; JFR=${2:-}
JAR=$(ls target/activation-service-*.jar | grep -v original | head -1)  # build first: ./mvnw -B -q -Pbench -DskipTests package
opts=""; [[ -n $JFR ]] && opts="-XX:StartFlightRecording=filename=target/prof/$TAG.jfr,settings=profile,dumponexit=true"
java --add-modules jdk.incubator.vector -Xms512m -Xmx512m $opts -jar $JAR --server.port=48180 --management.server.port=48181 > target/prof/$TAG-svc.log 2>&1 &
SP=$!
java -Xms512m -Xmx512m -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.BaselineApplication --server.port=48190 > target/prof/$TAG-base.log 2>&1 &
BP=$!
trap 'kill $SP $BP 2>/dev/null || true' EXIT
for u in localhost:48180/activate/sigmoid localhost:48190/echo; do for i in $(seq 120); do curl -sf -o /dev/null -XPOST -H Content-Type:application/json -d '{"values":[1]}' $u && break; sleep 0.5; done; done
w() { BODY=target/bench/small.json CONTENT_TYPE=application/json ACCEPT=application/json wrk -t2 -c32 -d$1 --latency -s bench/post.lua http://$2 | grep RESULT; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
w 10s localhost:48180/activate/sigmoid >/dev/null; w 10s localhost:48190/echo >/dev/null
for round in $(seq "${ROUNDS:-2}"); do
  echo "svc  $(w 15s localhost:48180/activate/sigmoid)"
  echo "bare $(w 15s localhost:48190/echo)"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
kill $SP $BP; wait $SP $BP 2>/dev/null || true

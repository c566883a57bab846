#!/usr/bin/env bash
# usage: [FUNCTION=sigmoid] bench/dtype.sh TAG [JFR]: wrk c1 1M binary FUNCTION float64 vs float32 (request and answer), 8 s warm-up, 3 x 10 s alternating
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/prof
[[ -f target/bench/large.f32.bin ]] || /usr/bin/python3 -c "import struct; d=open('target/bench/large.bin','rb').read(); n=len(d)//8; open('target/bench/large.f32.bin','wb').write(struct.pack(f'<{n}f', *struct.unpack(f'<{n}d', d)))"
TAG=$1; JFR=${2:-}
JAR=$(ls target/activation-service-*.jar | grep -v original | head -1)  # build first: ./mvnw -B -q -Pbench -DskipTests package
opts=""; [[ -n $JFR ]] && opts="-XX:StartFlightRecording=filename=target/prof/$TAG.jfr,settings=profile,dumponexit=true"
java --add-modules jdk.incubator.vector -Xms512m -Xmx512m $opts -jar $JAR --server.port=48180 --management.server.port=48181 > target/prof/$TAG-svc.log 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null || true' EXIT
for i in $(seq 120); do curl -sf -o /dev/null -XPOST -H Content-Type:application/json -d '{"values":[1]}' localhost:48180/activate/sigmoid && break; sleep 0.5; done
w() { BODY=$2 CONTENT_TYPE=application/octet-stream ACCEPT=application/octet-stream wrk -t1 -c1 -d$1 --latency -s bench/post.lua "$3" | grep RESULT; }
F=${FUNCTION:-sigmoid}
U64="http://localhost:48180/activate/$F"; U32="http://localhost:48180/activate/$F?dtype=float32"
curl -sf -D - -o /dev/null -XPOST -H Content-Type:application/octet-stream -H Accept:application/octet-stream --data-binary @target/bench/large.f32.bin "$U32" | grep -i 'content-length\|dtype'
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
w 8s target/bench/large.bin $U64 >/dev/null; w 8s target/bench/large.f32.bin $U32 >/dev/null
for round in 1 2 3; do
  echo "f64 $(w 10s target/bench/large.bin $U64)"
  echo "f32 $(w 10s target/bench/large.f32.bin $U32)"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
kill $SP; wait $SP 2>/dev/null || true

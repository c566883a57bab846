#!/usr/bin/env bash
# usage: bench/echo.sh: the bare baseline's POST /echo (bench.baseline.BaselineApplication, a byte[] body returned
# as it came) with wrk -t1 -c1, the 8 MB body of 1M float64 against the 4 MB body of 1M float32, 8 s warm-up,
# 3 x 10 s alternating: what moving those bytes through Spring MVC costs, for comparison with bench/dtype.sh.
# Build first: ./mvnw -B -q -Pbench -DskipTests package (the jar's classpath and the test classes)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f target/bench/large.bin ]] || /usr/bin/python3 bench/bodies.py target/bench
[[ -f target/bench/large.f32.bin ]] || /usr/bin/python3 -c "import struct; d=open('target/bench/large.bin','rb').read(); n=len(d)//8; open('target/bench/large.f32.bin','wb').write(struct.pack(f'<{n}f', *struct.unpack(f'<{n}d', d)))"
mkdir -p target/prof
java -Xms512m -Xmx512m -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.BaselineApplication \
  --server.port=48190 > target/prof/echo-base.log 2>&1 &
BP=$!
trap 'kill $BP 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null -XPOST -H Content-Type:application/octet-stream --data-binary @target/bench/small.bin localhost:48190/echo && break
  sleep 0.5
done
w() { BODY=$2 CONTENT_TYPE=application/octet-stream ACCEPT=application/octet-stream wrk -t1 -c1 -d"$1" --latency -s bench/post.lua http://localhost:48190/echo | grep RESULT; }
echo "date $(date -u +%FT%TZ), $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
w 8s target/bench/large.bin > /dev/null; w 8s target/bench/large.f32.bin > /dev/null
for round in 1 2 3; do
  echo "8MB $(w 10s target/bench/large.bin)"
  echo "4MB $(w 10s target/bench/large.f32.bin)"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Issue 12's end-to-end comparison in one run: the service against the FastAPI + PyTorch peer
# (bench/peer/app.py) on 1M values of JSON (sigmoid, softmax), alternating inside one hyperfine
# call per function, plus the in-process Jackson read + write of the same body
# (bench.baseline.JacksonRoundTrip) and the bare Spring MVC echo endpoint
# (bench.baseline.BaselineApplication) on the same body; prints one table and kills what it started.
#
#   bench/peer.sh                    # 5 warm-ups, 10 runs per command
#   RUNS=20 WARMUPS=10 bench/peer.sh
#   SKIP_BUILD=1 bench/peer.sh       # reuse target/ as it is
#   JAVA_OPTS='-XX:StartFlightRecording=filename=target/bench/peer.jfr' bench/peer.sh   # profile the service
#
# Ports: service $PORT (48180) with management $MPORT (48181), bare baseline $BASE_PORT (48190),
# peer $PEER_PORT (48200). Needs hyperfine, curl and /usr/bin/python3 with torch, fastapi, uvicorn,
# uvloop, httptools. Results also go to target/bench/peer.txt and the hyperfine JSON next to it.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-48180}
MPORT=${MPORT:-48181}
BASE_PORT=${BASE_PORT:-48190}
PEER_PORT=${PEER_PORT:-48200}
RUNS=${RUNS:-10}
WARMUPS=${WARMUPS:-5}
HEAP=${HEAP:--Xms512m -Xmx512m}
OUT=target/bench
mkdir -p "$OUT"

# SKIP_BUILD reuses target/ only if the bench classes are there (a plain ./mvnw test removes them).
if [[ -z ${SKIP_BUILD:-} || ! -f target/test-classes/bench/baseline/BaselineApplication.class ]]; then
  ./mvnw -B -q -Pbench -DskipTests package
fi
JAR=$(ls target/activation-service-*.jar | grep -v original | head -1)
[[ -f $OUT/large.json ]] || /usr/bin/python3 bench/bodies.py "$OUT"
BODY=$OUT/large.json

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

java --add-modules jdk.incubator.vector $HEAP ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --management.server.port="$MPORT" ${SERVICE_ARGS:-} > "$OUT/peer-service.log" 2>&1 &
pids+=($!)
java $HEAP -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.BaselineApplication \
  --server.port="$BASE_PORT" > "$OUT/peer-baseline.log" 2>&1 &
pids+=($!)
# uvicorn's master process stops its workers on SIGTERM.
/usr/bin/python3 -m uvicorn --app-dir bench/peer app:app --port "$PEER_PORT" --workers 2 --loop uvloop \
  --http httptools --no-access-log > "$OUT/peer-peer.log" 2>&1 &
pids+=($!)

wait_for() {
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"values":[1]}' "$1"; then return 0; fi
    sleep 0.5
  done
  echo "not answering: $1" >&2
  exit 1
}
wait_for "http://localhost:$PORT/activate/sigmoid"
wait_for "http://localhost:$BASE_PORT/echo"
wait_for "http://localhost:$PEER_PORT/activate/sigmoid"

# Same answers from both before timing anything (first and last value, to 12 digits).
check() {
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import json, sys, urllib.request
body = open(sys.argv[1], "rb").read()
def get(url):
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["values"]
a, b = get(sys.argv[2].split()[0]), get(sys.argv[2].split()[1])
assert len(a) == len(b), (len(a), len(b))
worst = max(abs(x - y) / max(abs(y), 1e-300) for x, y in zip(a, b))
print(f"{len(a)} values, max relative difference service vs peer {worst:.1e}")
if worst >= 1e-12: print("MISMATCH: service and peer disagree beyond 1e-12")
EOF
}

curl_post() { echo "curl -sf -o /dev/null -X POST -H Content-Type:application/json --data-binary @$BODY $1"; }

{
  echo "date $(date -u +%FT%TZ), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$(java -version 2>&1 | head -1), heap $HEAP, hyperfine -N -w $WARMUPS -r $RUNS, body $(stat -c %s "$BODY") bytes"
} | tee "$OUT/peer.txt"

declare -A mean sd
for f in sigmoid softmax; do
  check "$BODY" "http://localhost:$PORT/activate/$f http://localhost:$PEER_PORT/activate/$f" | tee -a "$OUT/peer.txt"
  hyperfine -N -w "$WARMUPS" -r "$RUNS" --export-json "$OUT/peer-$f.json" \
    -n service "$(curl_post "http://localhost:$PORT/activate/$f")" \
    -n peer "$(curl_post "http://localhost:$PEER_PORT/activate/$f")" \
    -n bare "$(curl_post "http://localhost:$BASE_PORT/echo")" > "$OUT/peer-$f-hyperfine.txt"
  while read -r name m s; do
    mean[$f/$name]=$m
    sd[$f/$name]=$s
  done < <(/usr/bin/python3 -c "
import json, sys
for r in json.load(open(sys.argv[1]))['results']:
    print(r['command'], r['mean'] * 1e3, r['stddev'] * 1e3)" "$OUT/peer-$f.json")
done

jackson=$(java $HEAP -cp "target/test-classes:$(cat target/bench-classpath.txt)" bench.baseline.JacksonRoundTrip \
  "$BODY" | sed -nE 's/^RESULT median_ms=([0-9.]+).*/\1/p')

{
  echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| %-12s | %16s | %16s | %16s | %10s | %10s | %12s | %10s |\n' workload service peer "bare echo" \
    "in-process Jackson" "vs peer" "vs Jackson" "vs bare"
  printf '|%s|\n' "---|---:|---:|---:|---:|---:|---:|---:"
  for f in sigmoid softmax; do
    awk -v f="1M JSON $f" -v s="${mean[$f/service]}" -v ss="${sd[$f/service]}" -v p="${mean[$f/peer]}" \
      -v ps="${sd[$f/peer]}" -v b="${mean[$f/bare]}" -v bs="${sd[$f/bare]}" -v j="$jackson" \
      'BEGIN { printf "| %-12s | %7.1f ± %4.1f ms | %7.1f ± %4.1f ms | %7.1f ± %4.1f ms | %8.1f ms | %9.2f× | %11.2f× | %9.2f× |\n",
        f, s, ss, p, ps, b, bs, j, p / s, s / j, s / b }'
  done
  echo "targets: vs peer ≥ 4×; vs Jackson ≤ 1.2× (service time / in-process read + write; curl's own cost is in the service time)"
} | tee -a "$OUT/peer.txt"

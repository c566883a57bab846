#!/usr/bin/env bash
# Load: wrk at 64 connections for 2 minutes over a mix of functions and sizes (mix.lua) against the real jar,
# with the heap in use after a full GC taken at minute 1 and minute 2. Prints a summary; logs go to target/reliability.
#   scripts/reliability/load.sh            (DURATION=120 CONNECTIONS=64 THREADS=2 HEAP=1g by default)
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-120}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
HEAP="${HEAP:-1g}"
trap stop_app EXIT

start_app "$OUT/load-app.log" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC
echo "service pid $APP_PID, -Xmx$HEAP; heap after GC before load: $(heap_after_gc) KiB"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$(dirname "$0")/mix.lua" \
	"http://localhost:$PORT" >"$OUT/load-wrk.txt" 2>&1 &
WRK_PID=$!
half=$((DURATION / 2))
sleep $((half - 2))
echo "heap after GC at ${half}s (under load): $(heap_after_gc) KiB"
sleep $((half - 4))
echo "heap after GC at $((DURATION - 4))s (under load): $(heap_after_gc) KiB"
wait "$WRK_PID" || echo "wrk exited with $?"
echo "heap after GC after the load: $(heap_after_gc) KiB"
cat "$OUT/load-wrk.txt"
if grep -q "OutOfMemoryError" "$OUT/load-app.log"; then
	echo "OutOfMemoryError in the service log"
fi
kill -0 "$APP_PID" && echo "service still up after the load"

#!/usr/bin/env bash
# Load: wrk at 64 connections for 2 minutes over a mix of functions and sizes (mix.lua) against the real jar.
# Heap: a full GC (jcmd GC.run) and the heap in use after it, at the middle (minute 1) and near the end (minute 2)
# while the load runs, and once after; plus, from the GC log, the heap after every collection, summarized per minute.
#   scripts/reliability/load.sh            (DURATION=120 CONNECTIONS=64 THREADS=2 HEAP=1g by default)
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-120}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
HEAP="${HEAP:-1g}"
trap stop_app EXIT

start_app "$OUT/load-app.log" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Xlog:gc:file="$OUT/load-gc.log":uptime
echo "service pid $APP_PID, -Xmx$HEAP; heap after full GC before the load: $(heap_after_gc) KiB"
uptime_at_start=$(jcmd "$APP_PID" VM.uptime | grep -o '[0-9.]* s' | grep -o '[0-9.]*')
start=$(date +%s)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$(dirname "$0")/mix.lua" \
	"http://localhost:$PORT" >"$OUT/load-wrk.txt" 2>&1 &
WRK_PID=$!

measure_at() {
	local at=$1 now
	now=$(date +%s)
	if ((start + at > now)); then
		sleep $((start + at - now))
	fi
	local began=$(($(date +%s) - start)) used
	used=$(heap_after_gc)
	local running=no
	kill -0 "$WRK_PID" 2>/dev/null && running=yes
	echo "heap after full GC begun at ${began}s, done at $(($(date +%s) - start))s: $used KiB (load still running: $running)"
}
measure_at $((DURATION / 2))
measure_at $((DURATION - 8))
wait "$WRK_PID" || echo "wrk exited with $?"
echo "heap after full GC after the load: $(heap_after_gc) KiB"
cat "$OUT/load-wrk.txt"
/usr/bin/python3 - "$OUT/load-gc.log" "$uptime_at_start" "$DURATION" <<'PY'
import re, statistics, sys
log, t0, duration = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
minutes = {}
for line in open(log):
    m = re.match(r"\[([0-9.]+)s\].*Pause Young.*->(\d+)M\(", line)
    if m:
        t = float(m.group(1)) - t0
        if 0 <= t < duration:
            minutes.setdefault(int(t // 60), []).append(int(m.group(2)))
for minute, after in sorted(minutes.items()):
    print(f"minute {minute + 1}: {len(after)} young collections, heap after them: min {min(after)} MiB, "
          f"median {statistics.median(after):.0f} MiB, max {max(after)} MiB")
PY
if grep -q "OutOfMemoryError" "$OUT/load-app.log"; then
	echo "OutOfMemoryError in the service log"
fi
kill -0 "$APP_PID" && echo "service still up after the load"

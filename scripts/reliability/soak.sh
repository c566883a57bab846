#!/usr/bin/env bash
# Soak: one replica (the real jar) with -Xmx256m under 10 minutes of mixed load (wrk over mix.lua), after a
# minute's warm-up. Passes when every answer is a 200 with no socket error, the heap after a full GC at the end
# is within 10 % of the heap after a full GC at the start, and the process has no more threads and open file
# descriptors at the end than at the start.
#   scripts/reliability/soak.sh        (DURATION=600 WARMUP=60 SETTLE=65 CONNECTIONS=16 HEAP=256m by default)
# "Start" is after the warm-up, with the load stopped: the JIT, Tomcat's thread pool and the class data of
# every code path are in place by then, so what is compared is what ten more minutes of load leave behind.
# The cold numbers, before any request, are printed too.
# -XX:SoftRefLRUPolicyMSPerMB=0: every collection clears softly reachable objects, so a full GC leaves only what
# is strongly reachable, which is what a leak is made of. With the default policy, soft caches (Spring's
# ConcurrentReferenceHashMap, the JDK's method-handle forms) age out after about 1 s per free MiB, some 4 minutes
# here: the first run of this script saw the heap after full GC *fall* by 14 % between start and end for that.
# Threads: the JVM starts and stops some of its own threads on demand (JIT compiler threads, G1's refinement
# and concurrent threads); the script prints the threads by name at both ends, and only those may differ.
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-600}"
WARMUP="${WARMUP:-60}"
CONNECTIONS="${CONNECTIONS:-16}"
HEAP="${HEAP:-256m}"
SAMPLE_EVERY="${SAMPLE_EVERY:-60}"
trap stop_app EXIT

threads() { awk '/^Threads:/ { print $2 }' "/proc/$APP_PID/status"; }
fds() { ls "/proc/$APP_PID/fd" | wc -l; }
# Before a measurement the load has stopped and the service has been idle for SETTLE seconds: longer than
# Tomcat's maxIdleTime (60 s), after which its pool is back to minSpareThreads (10), so that the thread counts
# compare what stays rather than how many requests happened to be in flight a moment before.
SETTLE="${SETTLE:-65}"
settle() { sleep "$SETTLE"; }
snapshot() { echo "heap_kib=$(heap_after_gc) threads=$(threads) fds=$(fds)"; }
# The threads by name, numbers folded (http-nio-58080-exec-12 -> http-nio-N-exec-N), counted.
thread_names() {
	jcmd "$APP_PID" Thread.print | sed -n 's/^"\([^"]*\)".*/\1/p' | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c
}
JVM_ON_DEMAND='CompilerThread|G1 Refine|G1 Conc|GC Thread'
PYTHON=/usr/bin/python3
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }

load() {
	wrk -t2 -c"$CONNECTIONS" -d"$1s" --timeout 10s -s "$(dirname "$0")/mix.lua" "http://localhost:$PORT" >"$2" 2>&1
}

start_app "$OUT/soak-app.log" -Xmx"$HEAP" -XX:+UseG1GC -XX:SoftRefLRUPolicyMSPerMB=0 -Xlog:gc:file="$OUT/soak-gc.log":uptime
echo "$(date -u +%FT%TZ) service pid $APP_PID, -Xmx$HEAP, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cold, before any request: $(snapshot)"

load "$WARMUP" "$OUT/soak-warmup-wrk.txt"
echo "warm-up ($WARMUP s): $(grep -E '^(statuses|socket errors|requests)' "$OUT/soak-warmup-wrk.txt" | paste -sd ' ')"
settle
start=$(snapshot)
thread_names >"$OUT/soak-threads-start.txt"
echo "start, after the warm-up: $start"

uptime_at_start=$(jcmd "$APP_PID" VM.uptime | grep -o '[0-9.]* s' | grep -o '[0-9.]*')
load "$DURATION" "$OUT/soak-wrk.txt" &
WRK_PID=$!
began=$(date +%s)
while kill -0 "$WRK_PID" 2>/dev/null; do
	sleep "$SAMPLE_EVERY"
	kill -0 "$WRK_PID" 2>/dev/null || break
	echo "  under load at $(($(date +%s) - began)) s: threads=$(threads) fds=$(fds)"
done
wait "$WRK_PID" || echo "wrk exited with $?"
cat "$OUT/soak-wrk.txt"
settle
end=$(snapshot)
thread_names >"$OUT/soak-threads-end.txt"
echo "end, after the soak: $end"
threads_grew=0
"$PYTHON" - "$OUT/soak-threads-start.txt" "$OUT/soak-threads-end.txt" "$JVM_ON_DEMAND" <<'PY' || threads_grew=1
import re, sys
def read(path):
    return {name: int(n) for n, name in (line.strip().split(" ", 1) for line in open(path) if line.strip())}
start, end, on_demand = read(sys.argv[1]), read(sys.argv[2]), re.compile(sys.argv[3])
changed = sorted(n for n in start.keys() | end.keys() if start.get(n, 0) != end.get(n, 0))
for name in changed:
    kind = "the JVM's own, on demand" if on_demand.search(name) else "application"
    print(f"  threads named {name!r}: {start.get(name, 0)} -> {end.get(name, 0)} ({kind})")
sys.exit(1 if any(end.get(n, 0) > start.get(n, 0) and not on_demand.search(n) for n in changed) else 0)
PY
/usr/bin/python3 - "$OUT/soak-gc.log" "$uptime_at_start" "$DURATION" <<'PY'
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
    print(f"  minute {minute + 1}: {len(after)} young collections, heap after them: min {min(after)} MiB, "
          f"median {statistics.median(after):.0f} MiB, max {max(after)} MiB")
PY

failed=0
statuses=$(grep '^statuses:' "$OUT/soak-wrk.txt")
if grep -qE ' [013-9][0-9]{2}=| 2(0[1-9]|[1-9][0-9])=' <<<"$statuses" || ! grep -q ' 200=' <<<"$statuses"; then
	echo "FAIL: answers other than 200: $statuses"; failed=1
fi
if ! grep -q '^socket errors: connect=0 read=0 write=0 status=0 timeout=0$' "$OUT/soak-wrk.txt"; then
	echo "FAIL: $(grep '^socket errors' "$OUT/soak-wrk.txt")"; failed=1
fi
if grep -q "OutOfMemoryError" "$OUT/soak-app.log"; then
	echo "FAIL: OutOfMemoryError in the service log"; failed=1
fi
heap0=$(field heap_kib "$start") heap1=$(field heap_kib "$end")
echo "heap after full GC: $heap0 KiB at the start, $heap1 KiB at the end ($(awk -v a="$heap0" -v b="$heap1" 'BEGIN { printf "%+.1f", 100 * (b - a) / a }') %)"
if ((heap1 * 10 > heap0 * 11 || heap1 * 10 < heap0 * 9)); then
	echo "FAIL: the heap after full GC moved by more than 10 %"; failed=1
fi
if (($(field fds "$end") > $(field fds "$start"))); then
	echo "FAIL: open file descriptors grew from $(field fds "$start") to $(field fds "$end")"; failed=1
fi
if ((threads_grew)); then
	echo "FAIL: threads other than the JVM's on-demand ones grew"; failed=1
fi
echo "threads: $(field threads "$start") at the start, $(field threads "$end") at the end"
((failed == 0)) && echo "PASS: no error, heap within 10 %, no thread or file-descriptor growth"
exit "$failed"

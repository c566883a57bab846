#!/usr/bin/env bash
# Graceful shutdown under load: wrk at 64 connections over the large calls of mix.lua against the real jar,
# SIGTERM after 10 s, then: how long the process took to exit, and whether every request the server accepted
# was answered. Tomcat's access log (begin and end of each request) is compared with what wrk received.
#   scripts/reliability/shutdown.sh
source "$(dirname "$0")/common.sh"
CONNECTIONS="${CONNECTIONS:-64}"
SIGTERM_AFTER="${SIGTERM_AFTER:-10}"
trap stop_app EXIT
rm -f "$OUT"/shutdown-access*.log

start_app "$OUT/shutdown-app.log" -Xmx1g -- --server.tomcat.accesslog.enabled=true \
	--server.tomcat.accesslog.directory="$OUT" --server.tomcat.accesslog.prefix=shutdown-access \
	--server.tomcat.accesslog.suffix=.log --server.tomcat.accesslog.rotate=false \
	--server.tomcat.accesslog.buffered=false \
	'--server.tomcat.accesslog.pattern=%{begin:msec}t %{end:msec}t %s %m %U'
echo "service pid $APP_PID; grace period: $(grep -o 'timeout-per-shutdown-phase=.*' "$ROOT/src/main/resources/application.properties")"
wrk -t2 -c"$CONNECTIONS" -d"$((SIGTERM_AFTER + 20))s" --timeout 30s -s "$(dirname "$0")/mix.lua" \
	"http://localhost:$PORT" -- large >"$OUT/shutdown-wrk.txt" 2>&1 &
WRK_PID=$!
sleep "$SIGTERM_AFTER"
sigterm_ms=$(date +%s%3N)
kill -TERM "$APP_PID"
set +e
wait "$APP_PID"
exit_code=$?
set -e
exit_ms=$(date +%s%3N)
APP_PID=
echo "SIGTERM at $sigterm_ms; the process exited with status $exit_code after $((exit_ms - sigterm_ms)) ms"
wait "$WRK_PID" || true
cat "$OUT/shutdown-wrk.txt"
grep -h "GracefulShutdown" "$OUT/shutdown-app.log" | sed 's/^.*GracefulShutdown *: /  log: /'
/usr/bin/python3 - "$OUT" "$sigterm_ms" <<'PY'
import collections, glob, re, sys
out, sigterm = sys.argv[1], int(sys.argv[2])
lines = [l.split() for f in glob.glob(out + "/shutdown-access*.log") for l in open(f)]
by_status = collections.Counter(l[2] for l in lines)
in_flight = [l for l in lines if int(l[0]) <= sigterm < int(l[1])]
after = [l for l in lines if int(l[0]) > sigterm]
wrk = open(out + "/shutdown-wrk.txt").read()
received = dict((s, int(n)) for s, n in re.findall(r"(\d{3})=(\d+)", wrk.split("statuses:")[1].splitlines()[0]))
print(f"server access log: {len(lines)} requests answered, by status {dict(by_status)}")
print(f"  in flight at SIGTERM: {len(in_flight)}, answered {dict(collections.Counter(l[2] for l in in_flight))}, "
      f"the last at +{max((int(l[1]) - sigterm for l in in_flight), default=0)} ms")
print(f"  begun after SIGTERM: {len(after)}, answered {dict(collections.Counter(l[2] for l in after))}")
print(f"wrk received: {received}")
missing = {s: n - received.get(s, 0) for s, n in by_status.items() if n != received.get(s, 0)}
print("every answer the server logged reached wrk" if not missing else f"answers logged but not received: {missing}")
PY

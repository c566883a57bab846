#!/usr/bin/env bash
# Overload under -Xmx512m: the real jar, CONCURRENCY (24) concurrent maximum-size requests (overload.py), then
# the heap after GC and whether the process is still up and answering.
#   scripts/reliability/overload.sh
# APP_ARGS adds service arguments, e.g. APP_ARGS=--activation.limits.in-flight-values=1000000000 to see it without a budget.
source "$(dirname "$0")/common.sh"
CONCURRENCY="${CONCURRENCY:-24}"
trap stop_app EXIT

start_app "$OUT/overload-app.log" -Xmx512m -XX:+UseG1GC -- ${APP_ARGS:-}
echo "service pid $APP_PID, -Xmx512m; heap after GC before: $(heap_after_gc) KiB"
status=0
/usr/bin/python3 "$(dirname "$0")/overload.py" --port "$PORT" --concurrency "$CONCURRENCY" || status=$?
echo "heap after GC afterwards: $(heap_after_gc) KiB"
if grep -q "OutOfMemoryError" "$OUT/overload-app.log"; then
	echo "OutOfMemoryError in the service log"
	status=1
fi
kill -0 "$APP_PID" && echo "service still up"
curl -s "http://localhost:$MANAGEMENT_PORT/actuator/health" && echo
exit "$status"

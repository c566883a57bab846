#!/usr/bin/env bash
# Slow clients against the real jar with its default configuration: SLOW (1000) connections that trickle their
# bodies and IDLE (0) idle keep-alive connections, for DURATION (60) seconds, while a probe every 0.1 s must be
# answered 200 within 1 s at p99 (slow_clients.py). Afterwards the budget of values in flight and the places for
# waiting bodies must be back at zero. Loopback only.
#   scripts/reliability/slow-clients.sh
#   SLOW=0 IDLE=1000 scripts/reliability/slow-clients.sh          # idle keep-alive connections instead
#   CLIENT_ARGS=--reconnect scripts/reliability/slow-clients.sh  # each slow client reconnects a second after each cut
# APP_ARGS adds service arguments; JAR runs another jar (e.g. a build from before the fix).
source "$(dirname "$0")/common.sh"
SLOW="${SLOW:-1000}"
IDLE="${IDLE:-0}"
DURATION="${DURATION:-60}"
# Each connection is a descriptor here and one in the service (same machine); leave room for the JVMs' own.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
needed=$((2 * (SLOW + IDLE) + 1000))
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt "$needed" ]]; then
	echo "ulimit -n is $(ulimit -n), below the $needed descriptors needed" >&2
	exit 1
fi
trap stop_app EXIT
if [[ -n "${JAR:-}" ]]; then jar() { echo "$JAR"; }; fi

start_app "$OUT/slow-clients-app.log" -Xmx512m -XX:+UseG1GC -- ${APP_ARGS:-}
echo "service pid $APP_PID ($(jar)), $(date -u +%FT%TZ), ulimit -n $(ulimit -n)"
status=0
/usr/bin/python3 "$(dirname "$0")/slow_clients.py" --port "$PORT" --slow "$SLOW" --idle "$IDLE" \
	--duration "$DURATION" ${CLIENT_ARGS:-} || status=$?

gauge() {
	curl -s "http://localhost:$MANAGEMENT_PORT/actuator/metrics/$1" | /usr/bin/python3 -c \
		'import json, sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo "n/a"
}
sleep 1
in_flight="$(gauge activation.limits.in.flight.values)"
waiting="$(gauge activation.limits.waiting.bodies)"
echo "afterwards: values reserved in flight $in_flight, requests waiting for their body $waiting"
[[ "$in_flight" == 0 && "$waiting" == 0 ]] || status=1
kill -0 "$APP_PID" && echo "service still up"
exit "$status"

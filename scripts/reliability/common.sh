#!/usr/bin/env bash
# Shared by the reliability scripts: build the jar once, start it on its own ports, wait until it is ready, stop it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT="${PORT:-58080}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-$((PORT + 1))}"
OUT="${OUT:-$ROOT/target/reliability}"
mkdir -p "$OUT"

jar() {
	local jar
	jar="$(ls "$ROOT"/target/activation-service-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
	if [[ -z "$jar" || "${REBUILD:-0}" == 1 ]]; then
		(cd "$ROOT" && ./mvnw -B -q package -DskipTests) >&2
		jar="$(ls "$ROOT"/target/activation-service-*.jar | grep -v plain | head -1)"
	fi
	echo "$jar"
}

# start_app LOG JAVA_OPTS... -- APP_ARGS... : starts the jar in the background and sets APP_PID.
start_app() {
	local log="$1"
	shift
	local java_opts=()
	while [[ $# -gt 0 && "$1" != "--" ]]; do
		java_opts+=("$1")
		shift
	done
	[[ $# -gt 0 ]] && shift
	# Another service on these ports would answer the readiness check and every request in place of this one.
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$MANAGEMENT_PORT") 2>/dev/null; then
		echo "Port $PORT or $MANAGEMENT_PORT is already in use; set PORT to a free one" >&2
		return 1
	fi
	java "${java_opts[@]}" -jar "$(jar)" --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" "$@" \
		>"$log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 120); do
		if curl -fs "http://localhost:$MANAGEMENT_PORT/actuator/health/readiness" >/dev/null 2>&1; then
			kill -0 "$APP_PID" 2>/dev/null && return 0
			echo "The service exited, yet something answers on port $MANAGEMENT_PORT; see $log" >&2
			return 1
		fi
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			echo "The service did not start; see $log" >&2
			return 1
		fi
		sleep 0.5
	done
	echo "The service was not ready after 60 s; see $log" >&2
	return 1
}

stop_app() {
	if [[ -n "${APP_PID:-}" ]] && kill -0 "$APP_PID" 2>/dev/null; then
		kill "$APP_PID"
		wait "$APP_PID" 2>/dev/null || true
	fi
}

# heap_after_gc: runs a full GC in the service and prints the heap in use afterwards, in KiB.
heap_after_gc() {
	jcmd "$APP_PID" GC.run >/dev/null
	jcmd "$APP_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'
}

#!/usr/bin/env bash
# Shared by the scripts that run docker compose's `scale` profile (three replicas behind nginx, Prometheus):
# bring it up, find its containers, wait for them, take it down. Everything listens on loopback ports of this
# machine or on the compose network.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/target/reliability}"
mkdir -p "$OUT"
# No registry is reachable here: the images build on the Debian base that .ci/run makes with debootstrap.
export BASE_IMAGE="${BASE_IMAGE:-activation-jre:17-bookworm}"
export SCALE_BASE_IMAGE="${SCALE_BASE_IMAGE:-$BASE_IMAGE}"
# The first replica also publishes its own ports; off the usual 8080/8081 so a service run by hand can stay up.
export API_PORT="${API_PORT:-18080}" MANAGEMENT_PORT="${MANAGEMENT_PORT:-18081}"
export BALANCER_PORT="${BALANCER_PORT:-8090}" SCALE_PROMETHEUS_PORT="${SCALE_PROMETHEUS_PORT:-9091}"
BALANCER_URL="http://127.0.0.1:$BALANCER_PORT"
PROMETHEUS_URL="http://127.0.0.1:$SCALE_PROMETHEUS_PORT"
PROJECT="${SCALE_PROJECT:-activation-scale}"
REPLICAS=(activation-service activation-service-2 activation-service-3)
# The load client and the checks need Debian's python3 with mpmath, not a python3 earlier on the PATH.
PYTHON=/usr/bin/python3

compose() {
	if command -v docker-compose >/dev/null 2>&1; then
		(cd "$ROOT" && docker-compose -p "$PROJECT" --profile scale "$@")
	else
		(cd "$ROOT" && docker compose -p "$PROJECT" --profile scale "$@")
	fi
}

container_of() { compose ps -q "$1"; }

ip_of() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }

now_ms() { date +%s%3N; }

# wait_healthy CONTAINER SECONDS: until Docker's healthcheck says healthy; fails after SECONDS.
wait_healthy() {
	local deadline=$(($(date +%s) + $2)) status
	while (($(date +%s) < deadline)); do
		status=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1")
		[[ "$status" == healthy ]] && return 0
		sleep 1
	done
	echo "$1 not healthy after $2 s (status $status)" >&2
	return 1
}

scale_running() {
	local service
	for service in "${REPLICAS[@]}" balancer prometheus-scale; do
		[[ -n "$(container_of "$service" 2>/dev/null)" ]] || return 1
		[[ "$(docker inspect -f '{{.State.Running}}' "$(container_of "$service")")" == true ]] || return 1
	done
}

# scale_up: builds the jar if there is none, then the images, and starts the profile; returns once the
# replicas and nginx are healthy (at most 4 minutes).
scale_up() {
	if ! ls "$ROOT"/target/activation-service-*.jar >/dev/null 2>&1; then
		(cd "$ROOT" && ./mvnw -B -q package -DskipTests) >&2
	fi
	# The replicas and Prometheus first, then nginx once every replica is healthy (it resolves their names
	# when it starts); waiting here rather than in compose's depends_on gives one bound and one message.
	compose build >"$OUT/scale-up.log" 2>&1 || { tail -n 30 "$OUT/scale-up.log"; return 1; }
	compose up -d "${REPLICAS[@]}" prometheus-scale >>"$OUT/scale-up.log" 2>&1 \
		|| { tail -n 30 "$OUT/scale-up.log"; return 1; }
	local service
	for service in "${REPLICAS[@]}"; do
		wait_healthy "$(container_of "$service")" 240 || { docker logs --tail 20 "$(container_of "$service")"; return 1; }
	done
	compose up -d balancer >>"$OUT/scale-up.log" 2>&1 || { tail -n 30 "$OUT/scale-up.log"; return 1; }
	wait_healthy "$(container_of balancer)" 60
	echo "scale profile up: ${REPLICAS[*]} behind nginx on $BALANCER_URL, Prometheus on $PROMETHEUS_URL"
}

scale_down() { compose down --remove-orphans >/dev/null 2>&1 || true; }

# ensure_up: uses a running scale profile, or starts one and takes it down when the script exits.
ensure_up() {
	if scale_running; then
		echo "using the running scale profile (project $PROJECT)"
	else
		trap scale_down EXIT
		scale_up
	fi
}

# start_load NAME ARGS...: the checking load client in the background (LOAD_PID), returning once it sends.
start_load() {
	local name=$1
	shift
	rm -f "$OUT/$name-started"
	"$PYTHON" "$ROOT/scripts/reliability/scale_load.py" --url "$BALANCER_URL" --summary "$OUT/$name-load.json" \
		--started-file "$OUT/$name-started" "$@" >"$OUT/$name-load.txt" 2>&1 &
	LOAD_PID=$!
	for _ in $(seq 1 600); do
		[[ -e "$OUT/$name-started" ]] && return 0
		kill -0 "$LOAD_PID" 2>/dev/null || { cat "$OUT/$name-load.txt"; return 1; }
		sleep 0.1
	done
	echo "the load client did not start" >&2
	return 1
}

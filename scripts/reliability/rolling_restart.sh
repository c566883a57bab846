#!/usr/bin/env bash
# Graceful rolling restart under load: the checking load client (scale_load.py) through nginx to the scale
# profile's three replicas while each replica in turn gets SIGTERM (docker stop, as a deploy does; SIGKILL only
# if it has not exited after the compose file's 30 s stop_grace_period), is started again, becomes healthy,
# and serves for SERVE_FOR seconds before the next one.
# Passes when the client saw no failed request and every answer's values were right, nginx answered only 200s,
# each replica exited on SIGTERM (status 143) and each was back in rotation after its restart.
#   scripts/reliability/rolling_restart.sh     (CONNECTIONS=8 SERVE_FOR=15 by default)
# Uses a running scale profile, or brings one up and down around the run.
source "$(dirname "$0")/scale_common.sh"
CONNECTIONS="${CONNECTIONS:-8}"
SERVE_FOR="${SERVE_FOR:-15}"
ensure_up

balancer=$(container_of balancer)
echo "$(date -u +%FT%TZ) rolling restart: $CONNECTIONS connections; SIGTERM ${REPLICAS[*]} in turn"
log_since=$(date +%s)
rm -f "$OUT/rolling-stop"
start_load rolling --duration 900 --connections "$CONNECTIONS" --stop-file "$OUT/rolling-stop"
began=$(now_ms)
sleep "$SERVE_FOR"
back=()
exits_ok=1
for replica in "${REPLICAS[@]}"; do
	id=$(container_of "$replica")
	stopping=$(now_ms)
	docker stop --time 30 "$id" >/dev/null
	stopped=$(now_ms)
	code=$(docker inspect -f '{{.State.ExitCode}}' "$id")
	[[ "$code" == 143 ]] || exits_ok=0
	{ docker logs --since "$log_since" "$id" 2>&1 | grep "GracefulShutdown" || true; } | tail -n 2 \
		| sed 's/^.*GracefulShutdown *: /    log: /'
	docker start "$id" >/dev/null
	starting=$(now_ms)
	wait_healthy "$id" 180
	echo "  +$(((stopping - began) / 1000)) s: $replica got SIGTERM, exited with $code after $((stopped - stopping)) ms;" \
		"started again, healthy after $((($(now_ms) - starting) / 1000)) s"
	back+=(--back "$(ip_of "$id"):8080" "$starting")
	sleep "$SERVE_FOR"
done
touch "$OUT/rolling-stop"

set +e
wait "$LOAD_PID"
load_status=$?
ended=$(now_ms)
docker logs --since "$log_since" "$balancer" >"$OUT/rolling-nginx.log" 2>/dev/null
cat "$OUT/rolling-load.txt"
"$PYTHON" "$ROOT/scripts/reliability/upstreams.py" "$OUT/rolling-nginx.log" "$began" "$ended" "${back[@]}"
report_status=$?
set -e
if ((load_status == 0 && report_status == 0 && exits_ok == 1)); then
	echo "PASS: no failed request, every answer right, each replica exited on SIGTERM and came back"
else
	echo "FAIL"
	exit 1
fi

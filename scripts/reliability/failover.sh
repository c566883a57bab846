#!/usr/bin/env bash
# Failover: a steady checking load (scale_load.py) through nginx to the scale profile's three replicas for
# DURATION seconds; one replica is killed with SIGKILL at KILL_AT s and started again at START_AT s.
# Passes when the client saw no failed request and every answer's values were right, nginx answered only 200s,
# and the restarted replica was back in rotation before the load ended.
# A JVM start takes about 10 s on a quiet 2-core machine and 20 s or more on a busy one; so that the replica
# can be seen back in rotation, the load goes on past DURATION until it has been healthy for SERVE_AFTER s
# (at most DURATION + 90 s in all), and the script says by how much it went on.
#   scripts/reliability/failover.sh     (DURATION=60 KILL_AT=20 START_AT=40 SERVE_AFTER=10 CONNECTIONS=8
#                                        VICTIM=activation-service-2)
# Uses a running scale profile, or brings one up and down around the run.
source "$(dirname "$0")/scale_common.sh"
DURATION="${DURATION:-60}"
KILL_AT="${KILL_AT:-20}"
START_AT="${START_AT:-40}"
SERVE_AFTER="${SERVE_AFTER:-10}"
CONNECTIONS="${CONNECTIONS:-8}"
VICTIM="${VICTIM:-activation-service-2}"
ensure_up

victim=$(container_of "$VICTIM")
address="$(ip_of "$victim"):8080"
balancer=$(container_of balancer)
echo "$(date -u +%FT%TZ) failover: $CONNECTIONS connections for $DURATION s; SIGKILL $VICTIM ($address) at $KILL_AT s, start at $START_AT s"
log_since=$(date +%s)
rm -f "$OUT/failover-stop"
start_load failover --duration $((DURATION + 90)) --connections "$CONNECTIONS" --stop-file "$OUT/failover-stop"
began=$(now_ms)

sleep "$KILL_AT"
killed=$(now_ms)
docker kill --signal KILL "$victim" >/dev/null
docker wait "$victim" >/dev/null
echo "  +$(((killed - began) / 1000)) s: SIGKILL; $VICTIM exited with $(docker inspect -f '{{.State.ExitCode}}' "$victim")"
sleep $((began / 1000 + START_AT - $(date +%s)))
started=$(now_ms)
docker start "$victim" >/dev/null
echo "  +$(((started - began) / 1000)) s: started again at $(ip_of "$victim")"
if wait_healthy "$victim" $((DURATION + 90 - SERVE_AFTER - START_AT)); then
	echo "  +$((($(now_ms) - began) / 1000)) s: $VICTIM healthy, $(((($(now_ms) - started)) / 1000)) s after its start"
	sleep "$SERVE_AFTER"
fi
if (($(date +%s) < began / 1000 + DURATION)); then
	sleep $((began / 1000 + DURATION - $(date +%s)))
else
	echo "  the load went on for $((($(now_ms) - began) / 1000)) s, until $VICTIM had served for $SERVE_AFTER s"
fi
touch "$OUT/failover-stop"

set +e
wait "$LOAD_PID"
load_status=$?
ended=$(now_ms)
docker logs --since "$log_since" "$balancer" >"$OUT/failover-nginx.log" 2>/dev/null
cat "$OUT/failover-load.txt"
"$PYTHON" "$ROOT/scripts/reliability/upstreams.py" "$OUT/failover-nginx.log" "$began" "$ended" \
	--back "$(ip_of "$victim"):8080" "$started"
report_status=$?
set -e
if ((load_status == 0 && report_status == 0)); then
	echo "PASS: no failed request, every answer right, $VICTIM back in rotation"
else
	echo "FAIL"
	exit 1
fi

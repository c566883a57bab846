#!/usr/bin/env bash
# Failover: a steady checking load (scale_load.py) through nginx to the scale profile's three replicas for
# DURATION seconds; one replica is killed with SIGKILL at KILL_AT s and started again at START_AT s.
# Passes when the client saw no failed request and every answer's values were right, nginx answered only 200s,
# and the restarted replica was back in rotation before the load ended.
# One kind of failure no proxy that streams answers can hide: an answer the killed replica was sending at the
# instant of SIGKILL. nginx has already passed its status line and part of its body to the client, so it can
# no longer retry (nginx's proxy_next_upstream: "only if nothing has been sent to a client yet"), and the
# client sees the body break off (never a wrong or truncated-but-complete-looking body: the length is framed).
# Such cut-off answers, within 2 s of the kill, are counted and reported apart; with STRICT=1 (the default
# is 0) they fail the run like any other failure. Every other failure always fails it.
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
STRICT="${STRICT:-0}"
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
wait_for=$((began / 1000 + START_AT - $(date +%s)))
((wait_for <= 0)) || sleep "$wait_for"
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
{ docker logs --since "$((started / 1000))" "$victim" 2>&1 | grep -o 'Started [A-Za-z]* in .*' || true; } | tail -n 1 \
	| sed 's/^/  the restarted JVM: /'

set +e
wait "$LOAD_PID"
load_status=$?
if ((load_status != 0)) && [[ "$STRICT" != 1 ]]; then
	# Failed only by answers cut off by the kill itself?
	"$PYTHON" - "$OUT/failover-load.json" "$killed" <<'PY'
import json, sys
summary, killed = json.load(open(sys.argv[1])), int(sys.argv[2]) / 1000
at_kill = [f for f in summary["failures"] if f["cut_off"] and abs(f["at_epoch"] - killed) <= 2]
print(f"  answers cut off by the SIGKILL itself (begun, then broken off, within 2 s of it): {len(at_kill)}"
      f" of {summary['failed']} failed")
sys.exit(0 if summary["failed"] == len(at_kill) and len(summary["failures"]) == summary["failed"] else 1)
PY
	load_status=$?
fi
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

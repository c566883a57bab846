#!/usr/bin/env bash
# The scale profile by hand or from CI:
#   scripts/reliability/scale.sh up           # build and start; returns once the replicas and nginx are healthy
#   scripts/reliability/scale.sh prometheus   # prometheus_check.py against the running profile
#   scripts/reliability/scale.sh down
# failover.sh and rolling_restart.sh use a running profile, or start their own.
source "$(dirname "$0")/scale_common.sh"
case "${1:-}" in
up) scale_up ;;
down) scale_down ;;
prometheus) "$PYTHON" "$ROOT/scripts/reliability/prometheus_check.py" --prometheus "$PROMETHEUS_URL" --balancer "$BALANCER_URL" ;;
*)
	echo "usage: $0 up|prometheus|down" >&2
	exit 2
	;;
esac

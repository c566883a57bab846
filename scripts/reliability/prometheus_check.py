#!/usr/bin/python3
"""The scale profile's Prometheus really scrapes every replica, and the README's query sums them.

  prometheus_check.py [--prometheus URL] [--balancer URL] [--calls N]

1. `up{job="activation-service"}` is 1 for each of the three replicas' management ports.
2. N calls of one function (softsign, which the load scripts never call) go through nginx, each answered
   200 with the right value; then the README's query, `sum(activation_calls_total{function="softsign"})`,
   rises by exactly N once Prometheus has scraped, and `sum by (instance)` shows who served them.
3. `activation_calls_total` has series from all three replicas (label `instance`). A replica creates the
   series at its first call, so a replica just restarted has one only once nginx has sent it a call.
Waits at most --wait seconds for each; traffic goes to loopback only. Exits 1 on any failure.
"""

import argparse
import json
import sys
import time
import urllib.parse
import urllib.request

REPLICAS = ["activation-service:8081", "activation-service-2:8081", "activation-service-3:8081"]

parser = argparse.ArgumentParser()
parser.add_argument("--prometheus", default="http://127.0.0.1:9091")
parser.add_argument("--balancer", default="http://127.0.0.1:8090")
parser.add_argument("--calls", type=int, default=30)
parser.add_argument("--wait", type=float, default=60)
args = parser.parse_args()
for url in (args.prometheus, args.balancer):
    if urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"{url}: loopback only")


def query(promql):
    """The result vector of an instant query through Prometheus's HTTP API (/api/v1/query)."""
    url = args.prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=10) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        raise RuntimeError(f"{promql}: {answer}")
    return answer["data"]["result"]


def by_instance(result):
    return {series["metric"].get("instance"): float(series["value"][1]) for series in result}


def until(what, test, wait=args.wait):
    """Polls test() until it returns something true or wait seconds pass; returns its last value."""
    deadline = time.monotonic() + wait
    while True:
        value = test()
        if value or time.monotonic() > deadline:
            print(f"{'ok  ' if value else 'FAIL'} {what}")
            return value
        time.sleep(1)


failed = False

up = {}
def all_up():
    up.update(by_instance(query('up{job="activation-service"}')))
    return sorted(up) == sorted(REPLICAS) and all(v == 1 for v in up.values())
failed |= not until("up is 1 for the three replicas", all_up)
print(f"     up: {up}")

SUM = 'sum(activation_calls_total{function="softsign"})'
before = sum(v for v in by_instance(query(SUM)).values())
wrong = 0
for i in range(args.calls):
    x = float(i + 1)
    body = json.dumps({"values": [x]}).encode()
    request = urllib.request.Request(args.balancer + "/activate/softsign", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        values = json.load(response)["values"]
    # softsign(x) = x / (1 + |x|): for these x one IEEE division, so exactly x / (1 + x) in doubles.
    if response.status != 200 or values != [x / (1 + x)]:
        wrong += 1
failed |= wrong > 0
print(f"{'ok  ' if wrong == 0 else 'FAIL'} {args.calls} softsign calls through nginx, {wrong} wrong")

after = {}
def counted_once():
    after.clear()
    after.update(by_instance(query('sum by (instance) (activation_calls_total{function="softsign"})')))
    total = sum(v for v in by_instance(query(SUM)).values())
    return total == before + args.calls
failed |= not until(f"{SUM} rose by exactly {args.calls} (from {before:g})", counted_once)
print(f"     softsign calls by replica: {after}")
calls = {}
def all_counted():
    calls.clear()
    calls.update(by_instance(query("sum by (instance) (activation_calls_total)")))
    return sorted(calls) == sorted(REPLICAS)
failed |= not until("activation_calls_total has series from the three replicas", all_counted)
print(f"     sum by (instance) (activation_calls_total): {calls}")

sys.exit(1 if failed else 0)

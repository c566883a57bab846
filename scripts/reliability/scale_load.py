#!/usr/bin/python3
"""Steady mixed load that checks every answer: the client of the failover and rolling-restart runs.

CONNECTIONS threads each keep one HTTP/1.1 connection to URL and send POST /activate/... calls drawn from a
fixed, weighted mix of functions, shapes and parameters, until DURATION seconds have passed or STOP_FILE
exists. Every answer must be a 200 whose values agree with a reference computed here with mpmath at 40
digits from the textbook formula (never from the service): 0 ulp for the piecewise-linear functions, 4 ulp
for the smooth ones (README, docs/accuracy.md). A refused connection, a reset, a timeout, any other status or
a wrong value is a failed request; the client reconnects and goes on. A failure whose answer had begun (status
line received) and then broke off is marked cut_off in the summary, with its time.

Writes a JSON summary to --summary and exits 1 if any request failed.
Needs Debian's python3 with python3-mpmath (/usr/bin/python3); the traffic goes to URL only.
"""

import argparse
import http.client
import json
import math
import os
import random
import sys
import threading
import time
import urllib.parse

import mpmath

mpmath.mp.dps = 40

# Worst errors the README allows: exact for piecewise-linear functions, 4 ulp for the smooth ones.
EXACT, SMOOTH = 0, 4


def nearest(x):
    """The double nearest to an mpmath number: a 40-digit decimal string, then Python's correctly rounded parse."""
    return float(mpmath.nstr(x, 40, min_fixed=-math.inf, max_fixed=math.inf)) if x != 0 else 0.0


def elementwise(f):
    return lambda rows: [[nearest(f(mpmath.mpf(x))) for x in row] for row in rows]


def softmax_rows(rows):
    out = []
    for row in rows:
        e = [mpmath.exp(mpmath.mpf(x)) for x in row]
        s = mpmath.fsum(e)
        out.append([nearest(v / s) for v in e])
    return out


def log_softmax_columns(rows):
    columns = list(zip(*rows))
    out_columns = []
    for column in columns:
        log_sum = mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(x)) for x in column))
        out_columns.append([nearest(mpmath.mpf(x) - log_sum) for x in column])
    return [list(r) for r in zip(*out_columns)]


SLOPE, ALPHA, BETA = 0.2, 0.5, 2.0

# (weight, path, rows, columns or None for a vector, reference, ulp budget)
MIX = [
    (25, "/activate/relu", 1, 16, elementwise(lambda x: max(x, 0)), EXACT),
    (12, "/activate/sigmoid", 1, 100, elementwise(lambda x: 1 / (1 + mpmath.exp(-x))), SMOOTH),
    (12, "/activate/tanh", 1, 100, elementwise(mpmath.tanh), SMOOTH),
    (10, "/activate/leaky_relu?negative_slope=0.2", 1, 1000,
     elementwise(lambda x: x if x > 0 else mpmath.mpf(SLOPE) * x), EXACT),
    (8, "/activate/elu?alpha=0.5", 1, 1000, elementwise(lambda x: x if x > 0 else mpmath.mpf(ALPHA) * mpmath.expm1(x)),
     SMOOTH),
    (8, "/activate/swish", 1, 1000, elementwise(lambda x: x / (1 + mpmath.exp(-x))), SMOOTH),
    (8, "/activate/softplus?beta=2", 1, 1000,
     elementwise(lambda x: mpmath.log1p(mpmath.exp(mpmath.mpf(BETA) * x)) / mpmath.mpf(BETA)), SMOOTH),
    (8, "/activate/softmax?axis=-1", 10, 100, softmax_rows, SMOOTH),
    (7, "/activate/log_softmax?axis=0", 10, 100, log_softmax_columns, SMOOTH),
    (2, "/activate/sigmoid", 1, 20000, elementwise(lambda x: 1 / (1 + mpmath.exp(-x))), SMOOTH),
]


def build_calls(seed):
    rnd = random.Random(seed)
    calls = []
    for weight, path, rows, columns, reference, budget in MIX:
        # Doubles whose shortest decimal form is what is sent, so that the service parses exactly these.
        values = [[float(repr(rnd.uniform(-12, 12))) for _ in range(columns)] for _ in range(rows)]
        sent = values[0] if rows == 1 else values
        body = json.dumps({"values": sent}).encode()
        expected = reference(values)
        flat = [v for row in expected for v in row]
        shape = [columns] if rows == 1 else [rows, columns]
        calls.append({"weight": weight, "path": path, "body": body, "expected": flat, "shape": shape,
                      "budget": budget, "name": path.split("?")[0].rsplit("/", 1)[1] + f"[{rows * columns}]"})
    return calls


def flatten(node):
    if isinstance(node, list):
        for item in node:
            yield from flatten(item)
    else:
        yield node


def ulps(actual, expected):
    if actual == expected:
        return 0.0
    return abs(actual - expected) / math.ulp(expected)


def check(call, status, body):
    """None when the answer is right, else what is wrong with it."""
    if status != 200:
        return f"status {status}: {body[:200]!r}"
    try:
        answer = json.loads(body)
    except ValueError as ex:
        return f"not JSON ({ex}): {body[:200]!r}"
    if answer.get("shape") != call["shape"]:
        return f"shape {answer.get('shape')}, expected {call['shape']}"
    values = list(flatten(answer.get("values")))
    if len(values) != len(call["expected"]):
        return f"{len(values)} values, expected {len(call['expected'])}"
    worst = max(ulps(a, e) for a, e in zip(values, call["expected"]))
    if worst > call["budget"]:
        i = max(range(len(values)), key=lambda k: ulps(values[k], call["expected"][k]))
        return f"value {i}: {values[i]!r}, expected {call['expected'][i]!r} ({worst:.1f} ulp > {call['budget']})"
    return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = 0
        self.failed = 0
        self.failures = []
        self.per_second = {}
        self.latencies = []
        self.by_call = {}

    def record(self, second, call, latency, problem, cut=False):
        with self.lock:
            bucket = self.per_second.setdefault(second, [0, 0])
            self.latencies.append(latency)
            self.by_call[call["name"]] = self.by_call.get(call["name"], 0) + 1
            if problem is None:
                self.ok += 1
                bucket[0] += 1
            else:
                self.failed += 1
                bucket[1] += 1
                if len(self.failures) < 50:
                    self.failures.append({"t": second, "at_epoch": time.time(), "call": call["name"],
                                          "problem": problem, "cut_off": cut})


def worker(index, url, calls, weights, deadline, stop_file, timeout, start, stats):
    parsed = urllib.parse.urlsplit(url)
    rnd = random.Random(1000 + index)
    connection = None
    while time.monotonic() < deadline and not (stop_file and os.path.exists(stop_file)):
        call = rnd.choices(calls, weights)[0]
        began = time.monotonic()
        problem = None
        status_line_received = False
        try:
            if connection is None:
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
            connection.request("POST", call["path"], body=call["body"], headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            status_line_received = True
            body = response.read()
            problem = check(call, response.status, body)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as ex:
            problem = f"{type(ex).__name__}: {ex}"
            if connection is not None:
                connection.close()
            connection = None
        # cut_off: the answer had begun (status and headers received) and its body then broke off.
        stats.record(int(began - start), call, time.monotonic() - began, problem,
                     cut=problem is not None and status_line_received and problem.startswith(("IncompleteRead",
                                                                                              "Connection")))
    if connection is not None:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8090")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one answer")
    parser.add_argument("--stop-file", help="stop early once this file exists")
    parser.add_argument("--started-file", help="created when the first requests go out")
    parser.add_argument("--summary", required=True)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"{host}: the load goes to loopback only")

    calls = build_calls(seed=14)
    weights = [c["weight"] for c in calls]
    stats = Stats()
    start = time.monotonic()
    if args.started_file:
        open(args.started_file, "w").close()
    print(f"{time.strftime('%H:%M:%S')} load started: {args.connections} connections to {args.url}", flush=True)
    threads = [threading.Thread(target=worker, args=(i, args.url, calls, weights, start + args.duration,
                                                     args.stop_file, args.timeout, start, stats))
               for i in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies = sorted(stats.latencies)

    def quantile(q):
        return round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None

    summary = {
        "started_epoch": time.time() - elapsed, "duration_s": round(elapsed, 1), "connections": args.connections,
        "requests": stats.ok + stats.failed, "correct": stats.ok, "failed": stats.failed,
        "latency_ms": {"p50": quantile(0.5), "p99": quantile(0.99), "max": quantile(1.0)},
        "per_second": [stats.per_second.get(s, [0, 0]) for s in range(int(elapsed) + 1)],
        "by_call": stats.by_call, "failures": stats.failures,
    }
    with open(args.summary, "w") as out:
        json.dump(summary, out)
    print(f"{time.strftime('%H:%M:%S')} {summary['requests']} requests in {elapsed:.1f} s: {stats.ok} answered "
          f"200 with every value within its ulp budget, {stats.failed} failed; latency p50 "
          f"{summary['latency_ms']['p50']} ms, p99 {summary['latency_ms']['p99']} ms, max "
          f"{summary['latency_ms']['max']} ms")
    for failure in stats.failures[:10]:
        print(f"  failed at {failure['t']} s, {failure['call']}: {failure['problem']}")
    sys.exit(1 if stats.failed or stats.ok == 0 else 0)


if __name__ == "__main__":
    main()

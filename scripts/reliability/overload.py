#!/usr/bin/python3
"""Overload: many concurrent maximum-size requests against a running service.

Each request is POST /activate/relu with max-values numbers (4,194,304 by default, about 40 MB of JSON).
Every answer must be a 200 whose values equal max(0, x), checked with numpy, or a 503 problem+json with
Retry-After; anything else (another status, a reset connection, a wrong value) is counted as a failure.
Then the service must still answer a small request. Exit status 0 only if there was no failure.

    /usr/bin/python3 scripts/reliability/overload.py --port 58080 --concurrency 24
"""
import argparse
import http.client
import json
import sys
import threading
import time

import numpy as np


def body_for(count, offset):
    x = ((np.arange(count, dtype=np.int64) * 7919 + offset) % 2001 - 1000) / 8.0  # exact in binary
    text = '{"values": [' + ",".join(np.char.mod("%.3f", x)) + "]}"
    return x, text.encode("ascii")


def post(port, body, timeout):
    connection = http.client.HTTPConnection("localhost", port, timeout=timeout)
    try:
        connection.request("POST", "/activate/relu", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=58080)
    parser.add_argument("--concurrency", type=int, default=24)
    parser.add_argument("--values", type=int, default=4_194_304)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    x, body = body_for(args.values, 0)
    expected = np.maximum(0.0, x)
    print(f"{args.concurrency} concurrent requests of {args.values} values, {len(body) / 1e6:.1f} MB each")
    results = [None] * args.concurrency
    start = threading.Barrier(args.concurrency)

    def worker(i):
        start.wait()
        begun = time.monotonic()
        try:
            status, headers, payload = post(args.port, body, args.timeout)
            results[i] = (status, headers, payload, time.monotonic() - begun, None)
        except Exception as error:  # a reset or timeout is a failure, reported below
            results[i] = (None, {}, b"", time.monotonic() - begun, repr(error))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began

    ok = refused = failures = 0
    for i, (status, headers, payload, seconds, error) in enumerate(results):
        if status == 200:
            values = np.array(json.loads(payload)["values"], dtype=np.float64)
            if values.shape == expected.shape and np.array_equal(values, expected):
                ok += 1
                verdict = "200, values correct"
            else:
                failures += 1
                verdict = "200 WITH WRONG VALUES"
        elif status == 503 and headers.get("Retry-After") and headers.get("Content-Type", "").startswith(
                "application/problem+json") and json.loads(payload)["status"] == 503:
            refused += 1
            verdict = f"503 problem+json, Retry-After {headers['Retry-After']}"
        else:
            failures += 1
            verdict = f"FAILURE status={status} error={error} body={payload[:200]!r}"
        print(f"  request {i:2d}: {seconds:6.2f} s  {verdict}")

    after, _, after_body = post(args.port, b'{"values": [-2, 3]}', 30)
    alive = after == 200 and json.loads(after_body)["values"] == [0.0, 3.0]
    print(f"{ok} answered 200 with correct values, {refused} refused 503, {failures} failures, in {elapsed:.1f} s")
    print(f"afterwards: a small request answered {after} {'correctly' if alive else 'WRONGLY'}")
    return 0 if failures == 0 and alive else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Slow clients against a running service on loopback: slow-body connections and idle keep-alive
connections held open while probes (normal requests) are sent.

Each slow connection sends the headers of POST /activate/relu with Content-Length: 100000, the start of a
JSON body, and then trickles --trickle-bytes spaces every --trickle-interval seconds, until the server
answers or closes, or --duration ends. Each idle connection makes one request, keeps the connection alive
and then sends nothing. Meanwhile a probe every --probe-interval seconds posts {"values": [-1.5, 0, 2.5]}
on a new connection and must be answered 200 with [0.0, 0.0, 2.5] within --probe-timeout.

Bounded in count and time; loopback only. Exit status 0 only if every probe was answered 200 with the
right values, its p99 within 1 s, and every slow connection was cut (408 or 503, or closed) by the end.

    /usr/bin/python3 scripts/reliability/slow_clients.py --port 58080 --slow 1000 --idle 1000 --duration 60
"""
import argparse
import asyncio
import json
import sys
import time

HOST = "127.0.0.1"
PROBE_BODY = b'{"values": [-1.5, 0, 2.5]}'
PROBE_EXPECTED = [0.0, 0.0, 2.5]


async def read_response(reader):
    """One HTTP/1.1 response with a Content-Length or chunked body: (status, headers, body)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed without an answer")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = (await reader.readline()).decode("latin-1").strip()
        if not line:
            break
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).strip(), 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
    else:
        body = await reader.read()
    return status, headers, body


def head(length, keep_alive=False):
    return ("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + ("" if keep_alive else "Connection: close\r\n")
            + f"Content-Length: {length}\r\n\r\n").encode("ascii")


async def slow_repeatedly(args, results, deadline):
    """One slow client: a slow-body connection, and with --reconnect a new one a second after each is cut."""
    while True:
        await slow(args, results, deadline)
        if not args.reconnect or time.monotonic() > deadline - args.probe_timeout - 1.0:
            return
        await asyncio.sleep(1.0)


async def slow(args, results, deadline):
    start = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection(HOST, args.port)
    except OSError as ex:
        results.append(("connect failed", 0.0, type(ex).__name__))
        return
    start = time.monotonic()
    answer = asyncio.ensure_future(read_response(reader))
    try:
        writer.write(head(args.content_length) + b'{"values": [1, 2, 3')
        await writer.drain()
        sent = 19
        while time.monotonic() < deadline and sent < args.content_length:
            done, _ = await asyncio.wait({answer}, timeout=args.trickle_interval)
            if done:
                break
            writer.write(b" " * args.trickle_bytes)
            await writer.drain()
            sent += args.trickle_bytes
        if not answer.done():
            await asyncio.wait({answer}, timeout=max(0.0, deadline - time.monotonic()))
        if answer.done():
            try:
                status, headers, body = answer.result()
                try:  # the server must close the connection after its answer
                    closed = (await asyncio.wait_for(reader.read(), timeout=5.0)) == b""
                except asyncio.TimeoutError:
                    closed = False
                results.append((status, time.monotonic() - start, "closed" if closed else "open"))
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as ex:
                results.append(("closed", time.monotonic() - start, type(ex).__name__))
        else:
            answer.cancel()
            results.append(("still open", time.monotonic() - start, ""))
    except (ConnectionError, OSError) as ex:
        answer.cancel()
        results.append(("closed", time.monotonic() - start, type(ex).__name__))
    finally:
        writer.close()


async def idle(args, results, deadline):
    try:
        reader, writer = await asyncio.open_connection(HOST, args.port)
    except OSError as ex:
        results.append(("connect failed", 0.0))
        return
    try:
        writer.write(head(len(PROBE_BODY), keep_alive=True) + PROBE_BODY)
        await writer.drain()
        status, _, _ = await read_response(reader)
        start = time.monotonic()
        data = await asyncio.wait_for(reader.read(), timeout=max(0.1, deadline - time.monotonic()))
        results.append(("closed" if data == b"" else "data", time.monotonic() - start))
    except asyncio.TimeoutError:
        results.append(("still open", time.monotonic() - start))
    except (ConnectionError, OSError, asyncio.IncompleteReadError):
        results.append(("closed", time.monotonic() - start))
    finally:
        writer.close()


async def probe(args, latencies, failures):
    start = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, args.port), args.probe_timeout)
        try:
            writer.write(head(len(PROBE_BODY)) + PROBE_BODY)
            await writer.drain()
            status, _, body = await asyncio.wait_for(read_response(reader), args.probe_timeout)
        finally:
            writer.close()
        elapsed = time.monotonic() - start
        if status != 200 or json.loads(body)["values"] != PROBE_EXPECTED:
            failures.append(f"status {status}: {body[:200]!r}")
        latencies.append(elapsed)
    except (asyncio.TimeoutError, ConnectionError, OSError, asyncio.IncompleteReadError) as ex:
        failures.append(f"{type(ex).__name__} after {time.monotonic() - start:.2f} s")
        latencies.append(time.monotonic() - start)


async def upload(args):
    """A legitimate large body on a slow link: paced at --upload-rate, it must be answered 200 with the values."""
    count = args.upload // 6
    body = ('{"values": [' + ",".join(["-1.5", "2.5"] * (count // 2)) + "]}").encode("ascii")
    reader, writer = await asyncio.open_connection(HOST, args.port)
    start = time.monotonic()
    writer.write(head(len(body)))
    sent, step = 0, max(1, int(args.upload_rate / 20))
    try:
        while sent < len(body):
            writer.write(body[sent:sent + step])
            await writer.drain()
            sent += step
            await asyncio.sleep(max(0.0, start + sent / args.upload_rate - time.monotonic()))
        status, _, answer = await read_response(reader)
    except (ConnectionError, OSError, asyncio.IncompleteReadError) as ex:
        # Cut off: the server answered and closed while the body was still coming, so the client sees a reset.
        print(f"upload of {len(body)} bytes at {args.upload_rate:.0f} B/s: connection closed by the server "
              f"({type(ex).__name__}) after {time.monotonic() - start:.1f} s, {sent} bytes sent")
        return 1
    finally:
        writer.close()
    elapsed = time.monotonic() - start
    ok = status == 200 and json.loads(answer)["values"][:2] == [0.0, 2.5]
    print(f"upload of {len(body)} bytes at {args.upload_rate:.0f} B/s: {status} after {elapsed:.1f} s"
          + ("" if status == 200 else f": {answer[:300]!r}"))
    return 0 if ok else 1


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=58080)
    parser.add_argument("--slow", type=int, default=1000, help="slow-body connections (at most 5000)")
    parser.add_argument("--idle", type=int, default=0, help="idle keep-alive connections (at most 5000)")
    parser.add_argument("--content-length", type=int, default=100_000)
    parser.add_argument("--trickle-bytes", type=int, default=2)
    parser.add_argument("--trickle-interval", type=float, default=3.0)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds, at most 600")
    parser.add_argument("--probe-interval", type=float, default=0.1)
    parser.add_argument("--probe-timeout", type=float, default=15.0)
    parser.add_argument("--reconnect", action="store_true", help="each slow client reconnects 1 s after a cut")
    parser.add_argument("--upload", type=int, default=0,
                        help="instead: one JSON upload of about this many bytes, sent at --upload-rate bytes/s")
    parser.add_argument("--upload-rate", type=float, default=16384)
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds over which the connections are opened")
    args = parser.parse_args()
    args.slow = min(args.slow, 5000)
    args.idle = min(args.idle, 5000)
    args.duration = min(args.duration, 600.0)

    if args.upload:
        return await upload(args)
    start = time.monotonic()
    deadline = start + args.duration
    slow_results, idle_results, latencies, failures = [], [], [], []
    tasks = []
    total = args.slow + args.idle
    kinds = []
    for i in range(max(args.slow, args.idle)):
        kinds += ([slow] if i < args.slow else []) + ([idle] if i < args.idle else [])
    for kind in kinds:
        if kind is slow:
            tasks.append(asyncio.ensure_future(slow_repeatedly(args, slow_results, deadline)))
        else:
            tasks.append(asyncio.ensure_future(idle(args, idle_results, deadline)))
        if total > 0:
            await asyncio.sleep(args.ramp / total)
    print(f"opened {args.slow} slow-body and {args.idle} idle keep-alive connections in "
          f"{time.monotonic() - start:.1f} s", flush=True)
    probes = []
    while time.monotonic() < deadline - args.probe_timeout:
        probes.append(asyncio.ensure_future(probe(args, latencies, failures)))
        await asyncio.sleep(args.probe_interval)
    await asyncio.gather(*probes)
    await asyncio.gather(*tasks)

    outcomes = {}
    for outcome, _, detail in slow_results:
        key = f"{outcome} {detail}".strip()
        outcomes[key] = outcomes.get(key, 0) + 1
    cut_times = [t for outcome, t, _ in slow_results if outcome in (408, 503, "closed")]
    print(f"probes: {len(latencies)} sent, {len(latencies) - len(failures)} answered 200 with the right values; "
          f"latency p50 {percentile(latencies, 50) * 1000:.0f} ms, p99 {percentile(latencies, 99) * 1000:.0f} ms, "
          f"max {max(latencies, default=float('nan')) * 1000:.0f} ms")
    for failure in failures[:10]:
        print(f"  probe failed: {failure}")
    print(f"slow-body connections: {dict(sorted(outcomes.items(), key=str))}")
    if cut_times:
        print(f"  cut after p50 {percentile(cut_times, 50):.1f} s, max {max(cut_times):.1f} s")
    if args.idle:
        idle_outcomes = {}
        for outcome, _ in idle_results:
            idle_outcomes[outcome] = idle_outcomes.get(outcome, 0) + 1
        idle_times = [t for outcome, t in idle_results if outcome == "closed"]
        print(f"idle keep-alive connections: {idle_outcomes}"
              + (f", closed by the server after p50 {percentile(idle_times, 50):.1f} s, max {max(idle_times):.1f} s"
                 if idle_times else ""))
    uncut = sum(1 for outcome, _, _ in slow_results if outcome not in (408, 503, "closed"))
    ok = not failures and percentile(latencies, 99) <= 1.0 and uncut == 0 and len(latencies) > 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

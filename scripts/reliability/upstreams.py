#!/usr/bin/python3
"""What nginx's access log (deploy/nginx/nginx.conf, format `upstreams`) says about a scale-profile run.

  upstreams.py LOG FROM_MS TO_MS [--back ADDRESS SINCE_MS]...

Counts the requests nginx answered between FROM_MS and TO_MS (epoch milliseconds) by status, the ones it
retried on another replica and why, and which replica gave each final answer. For each --back, checks that
the replica at ADDRESS (ip:port) was back in rotation after SINCE_MS: that it gave at least 10 answers and,
from its first one to TO_MS, at least a fifth of all answers (a fair share of three is a third).
Exits 1 if any answer was not a 200 or a replica was not back.
"""

import argparse
import collections
import re
import sys

LINE = re.compile(r'^(?P<msec>[0-9.]+) (?P<status>\d{3}) [0-9.]+ "(?P<addrs>[^"]*)" "(?P<statuses>[^"]*)" ')

parser = argparse.ArgumentParser()
parser.add_argument("log")
parser.add_argument("from_ms", type=int)
parser.add_argument("to_ms", type=int)
parser.add_argument("--back", nargs=2, action="append", default=[], metavar=("ADDRESS", "SINCE_MS"))
args = parser.parse_args()

requests = []
for line in open(args.log):
    m = LINE.match(line)
    if m and args.from_ms <= float(m["msec"]) * 1000 <= args.to_ms:
        addrs = [a.strip() for a in m["addrs"].split(",")]
        statuses = [s.strip() for s in m["statuses"].split(",")]
        requests.append((float(m["msec"]) * 1000, m["status"], addrs, statuses))

failed = False
by_status = collections.Counter(r[1] for r in requests)
print(f"nginx answered {len(requests)} requests: {dict(by_status)}")
if set(by_status) != {"200"}:
    print("FAIL: nginx gave answers other than 200")
    failed = True
retried = [r for r in requests if len(r[2]) > 1]
why = collections.Counter(", ".join(r[3]) for r in retried)
print(f"  retried on another replica: {len(retried)} (upstream statuses tried: {dict(why)})")
print(f"  final answers by replica: {dict(collections.Counter(r[2][-1] for r in requests))}")

for address, since in args.back:
    since = int(since)
    mine = [r for r in requests if r[0] >= since and r[2][-1] == address and r[3][-1] == "200"]
    if not mine:
        print(f"FAIL: {address} gave no answer after it was started again")
        failed = True
        continue
    first = mine[0][0]
    after_first = [r for r in requests if r[0] >= first]
    share = len(mine) / len(after_first)
    print(f"  {address} back in rotation: first answer {(first - since) / 1000:.1f} s after it was started, then "
          f"{len(mine)} of {len(after_first)} answers ({100 * share:.0f} %)")
    if len(mine) < 10 or share < 0.2:
        print(f"FAIL: {address} did not get its share back")
        failed = True
sys.exit(1 if failed else 0)

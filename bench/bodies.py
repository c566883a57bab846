#!/usr/bin/python3
"""Writes the request bodies of bench/load.sh into the directory given: JSON with the
shortest round-tripping repr of each double, and raw little-endian float64."""
import random
import struct
import sys

out = sys.argv[1]
rng = random.Random(42)
for name, n in (("small", 8), ("medium", 1000), ("large", 1_000_000), ("max", 4_194_304)):
    values = [rng.uniform(-10.0, 10.0) for _ in range(n)]
    with open(f"{out}/{name}.json", "w") as f:
        f.write('{"values":[' + ",".join(repr(v) for v in values) + "]}")
    with open(f"{out}/{name}.bin", "wb") as f:
        f.write(struct.pack(f"<{n}d", *values))

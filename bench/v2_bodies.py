"""Writes the bodies of bench/v2_binary.sh: the same 1,000 float32 values (a fixed ramp over [-8, 8])
as an Open Inference Protocol v2 binary request, tritonclient's framing (a JSON header whose input has
binary_data_size, binary_data_output=true, then the raw little-endian bytes; its length goes in the
Inference-Header-Content-Length header), and as /activate's raw float32 body."""
import json
import struct
import sys

out = sys.argv[1]
n = 1000
values = [-8 + 16 * i / (n - 1) for i in range(n)]
raw = struct.pack("<%df" % n, *values)
header = json.dumps({"inputs": [{"name": "input", "shape": [n], "datatype": "FP32",
                                 "parameters": {"binary_data_size": len(raw)}}],
                     "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
with open(out + "/v2_1000_fp32.bin", "wb") as f:
    f.write(header + raw)
with open(out + "/v2_1000_fp32.header_length", "w") as f:
    f.write(str(len(header)))
with open(out + "/activate_1000_fp32.bin", "wb") as f:
    f.write(raw)

#!/usr/bin/python3
"""PyTorch's CPU kernels on this machine, for comparison with KernelBenchmarks.

ns per element, one thread, float64, 2^20 values uniform in [-10, 10] (as the JMH
benchmarks), best of 7 repetitions of a timed loop after a warm-up. Run with Debian's
python3 (python3-torch, python3-numpy): /usr/bin/python3 bench/torch_kernels.py
"""
import time

import numpy
import torch

torch.set_num_threads(1)
N = 1 << 20
generator = torch.Generator().manual_seed(42)
x = torch.rand(N, dtype=torch.float64, generator=generator) * 20.0 - 10.0
out = torch.empty_like(x)

FUNCTIONS = {
    "sigmoid": lambda: torch.sigmoid(x, out=out),
    "tanh": lambda: torch.tanh(x, out=out),
    "relu": lambda: torch.nn.functional.relu(x),
    "gelu": lambda: torch.nn.functional.gelu(x),
    "silu": lambda: torch.nn.functional.silu(x),
    "softmax": lambda: torch.softmax(x, dim=0),
}


def ns_per_element(function, repeat=7):
    for _ in range(5):
        function()
    best = float("inf")
    for _ in range(repeat):
        loops = 20
        start = time.perf_counter_ns()
        for _ in range(loops):
            function()
        best = min(best, (time.perf_counter_ns() - start) / loops / N)
    return best


print(f"torch {torch.__version__}, numpy {numpy.__version__}, threads {torch.get_num_threads()}, float64, n = {N}")
print(f"{'function':<10} {'ns/elem':>8}")
for name, function in FUNCTIONS.items():
    print(f"{name:<10} {ns_per_element(function):8.2f}")
a = x.numpy()
print(f"{'numpy sigmoid':<10} {ns_per_element(lambda: 1.0 / (1.0 + numpy.exp(-a))):8.2f}")

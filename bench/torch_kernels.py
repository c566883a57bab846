#!/usr/bin/python3
"""PyTorch's CPU kernels on this machine, for comparison with KernelBenchmarks.

ns per element, one thread, float64, 2^20 values uniform in [-10, 10] (as the JMH
benchmarks), best of 7 repetitions of a timed loop after a warm-up. Run with Debian's
python3 (python3-torch, python3-numpy): /usr/bin/python3 bench/torch_kernels.py
"""
import math
import time

import numpy
import torch

torch.set_num_threads(1)
N = 1 << 20
generator = torch.Generator().manual_seed(42)
x = torch.rand(N, dtype=torch.float64, generator=generator) * 20.0 - 10.0
out = torch.empty_like(x)
zero = torch.zeros((), dtype=torch.float64)
weight = torch.full((1,), 0.25, dtype=torch.float64)
INF = float("inf")


def sparsemax(v):
    """Martins and Astudillo (2016), Algorithm 1, in torch ops (torch has no sparsemax)."""
    z = torch.sort(v, descending=True).values
    k = torch.arange(1, v.numel() + 1, dtype=v.dtype)
    cumulative = torch.cumsum(z, 0)
    support = 1 + k * z > cumulative
    size = int(support.sum())
    tau = (cumulative[size - 1] - 1) / size
    return torch.clamp(v - tau, min=0)


def hardmax(v):
    """ONNX Hardmax in torch ops (torch has none): 1 at the first maximum, else 0."""
    return F.one_hot(torch.argmax(v), v.numel()).to(v.dtype)


def reglu(v):
    """relu(a) * b over the halves (Shazeer, 2020; torch has no reglu op)."""
    a, b = v.chunk(2)
    return F.relu(a) * b


def sparse_plus(v):
    """JAX's sparse_plus written in torch ops (torch has none): 0, (x + 1)^2 / 4, x."""
    return torch.where(v <= -1, 0.0, torch.where(v >= 1, v, (v + 1) ** 2 / 4))


def shrink(v, lambd=0.5, bias=0.0):
    """ONNX Shrink in torch ops (torch has none; at these defaults it equals hardshrink)."""
    return torch.where(v < -lambd, v + bias, torch.where(v > lambd, v - bias, 0.0))


def log1mexp(v):
    """log(1 - e^-x) for x > 0 as Maechler (2012) recommends, in torch ops (torch has none)."""
    return torch.where(v < LN2, torch.log(-torch.expm1(-v)), torch.log1p(-torch.exp(-v)))


softmax2d = torch.nn.Softmax2d()


def standardize(v, epsilon=1e-5):
    """jax.nn.standardize: torch's layer_norm over the one axis, without weight or bias."""
    return F.layer_norm(v, v.shape, eps=epsilon)


def gated(v, gate):
    """gate(a) * b over the halves (Shazeer, 2020; torch has no swiglu or geglu op)."""
    a, b = v.chunk(2)
    return gate(a) * b


F = torch.nn.functional
LN2 = math.log(2.0)
positive = x.abs()  # log1mexp's domain is x > 0 (as KernelBenchmarks)

# Every catalog function (ai.activation.catalog.Activation) with its default parameters.
# Where torch has no such function it is composed of torch ops, marked "composed".
FUNCTIONS = {
    "sigmoid": lambda: torch.sigmoid(x, out=out),
    "tanh": lambda: torch.tanh(x, out=out),
    "relu": lambda: F.relu(x),
    "gelu": lambda: F.gelu(x),
    "silu": lambda: F.silu(x),
    "step": lambda: torch.heaviside(x, zero, out=out),  # heaviside(0) = 0 via values = 0
    "identity": lambda: F.hardtanh(x, -INF, INF),  # composed: a copy (torch's Identity returns x itself)
    "softmax": lambda: torch.softmax(x, dim=0),
    "relu6": lambda: F.relu6(x),
    "leaky_relu": lambda: F.leaky_relu(x, 0.01),
    "prelu": lambda: F.prelu(x, weight),
    "rrelu": lambda: F.rrelu(x, 1.0 / 8, 1.0 / 3, training=False),
    "elu": lambda: F.elu(x, 1.0),
    "selu": lambda: F.selu(x),
    "celu": lambda: F.celu(x, 1.0),
    "mish": lambda: F.mish(x),
    "softplus": lambda: F.softplus(x, 1.0, 20.0),
    "softsign": lambda: F.softsign(x),
    "hardtanh": lambda: F.hardtanh(x, -1.0, 1.0),
    "hardsigmoid": lambda: F.hardsigmoid(x),
    "hardswish": lambda: F.hardswish(x),
    "hardshrink": lambda: F.hardshrink(x, 0.5),
    "softshrink": lambda: F.softshrink(x, 0.5),
    "tanhshrink": lambda: F.tanhshrink(x),
    "threshold": lambda: F.threshold(x, 0.0, 0.0),
    "logsigmoid": lambda: F.logsigmoid(x),
    "log_softmax": lambda: torch.log_softmax(x, dim=0),
    "softmin": lambda: F.softmin(x, dim=0),
    # nn.Softmax2d: softmax over dim -3; the 2^20 values as the channels of one (N, 1, 1) image
    "softmax2d": lambda: softmax2d(x.view(N, 1, 1)),
    "glu": lambda: F.glu(x, dim=0),
    "sparsemax": lambda: sparsemax(x),  # composed: sort, cumsum, support, threshold
    "hardmax": lambda: hardmax(x),  # composed: argmax + one_hot
    "reglu": lambda: reglu(x),  # composed: relu(a) * b
    "exponential": lambda: torch.exp(x),
    "squareplus": lambda: (x + torch.sqrt(x * x + 4.0)) / 2,  # composed: (x + sqrt(x^2 + b)) / 2
    "sparse_plus": lambda: sparse_plus(x),  # composed: two where
    "sparse_sigmoid": lambda: 0.5 * torch.clamp(x + 1, 0, 2),  # composed: JAX's formula
    "thresholded_relu": lambda: F.threshold(x, 1.0, 0.0),  # torch's threshold with value 0
    "shrink": lambda: shrink(x),  # composed: two where
    "relu_squared": lambda: torch.square(F.relu(x)),  # composed
    "snake": lambda: x + torch.sin(x) ** 2,  # composed: x + sin^2(a x) / a at a = 1
    "log1mexp": lambda: log1mexp(positive),  # composed: Maechler's two branches
    "logsumexp": lambda: torch.logsumexp(x, dim=0),
    "logmeanexp": lambda: torch.logsumexp(x, dim=0) - math.log(N),  # composed
    "standardize": lambda: standardize(x),  # torch's layer_norm
    "crelu": lambda: torch.cat((F.relu(x), F.relu(-x))),  # composed
    "swiglu": lambda: gated(x, F.silu),  # composed: silu(a) * b
    "geglu": lambda: gated(x, F.gelu),  # composed: gelu(a) * b
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
print(f"{'function':<12} {'ns/elem':>8}")
for name, function in FUNCTIONS.items():
    print(f"{name:<12} {ns_per_element(function):8.2f}")
a = x.numpy()
print(f"{'numpy sigmoid':<10} {ns_per_element(lambda: 1.0 / (1.0 + numpy.exp(-a))):8.2f}")

#!/usr/bin/python3
"""Independent reference values for the request examples of the OpenAPI document.

Computes, with mpmath at 60 significant digits, what every catalog function returns at its
default parameters for the example inputs of ai.activation.catalog.Activation#example(),
and writes them to src/test/resources/ai/activation/openapi/example-references.json.
OpenApiDocumentIntegrationTests and SwaggerUiBrowserIntegrationTests check the service's
documented answers against that file within a ulp budget.

The definitions below are written from the papers and the PyTorch documentation, not from
the service's kernels. Inputs and parameters are the doubles the service sees (mpf(float)
is exact), so the references are the true values of the functions at those doubles.

Run from the repository root with Debian's Python (python3-mpmath):

    /usr/bin/python3 src/test/python/example_references.py
"""

import json
import pathlib

import mpmath
from mpmath import mp, mpf

mp.dps = 60

OUTPUT = pathlib.Path("src/test/resources/ai/activation/openapi/example-references.json")

# The two inputs of Activation#example(): a vector for the elementwise functions, a 2 x 4
# matrix (two lanes along the default axis -1) for the functions along an axis.
VECTOR = ([-8.0, -1.0, -0.25, 0.0, 0.25, 1.0, 8.0], [7])
# ... and the vector of the functions defined for x > 0 only (Activation#domain()).
POSITIVE_VECTOR = ([0.125, 0.25, 0.5, 1.0, 2.0, 8.0, 40.0], [7])
MATRIX = ([1.0, 2.0, 3.0, 4.0, 0.1, 0.9, 0.4, 1.2], [2, 4])
# ... and the same numbers as a (C, H, W) = (2, 1, 4) image for the function of images,
# softmax2d: the softmax over the channels at each pixel (PyTorch's Softmax2d, axis -3).
IMAGE = ([1.0, 2.0, 3.0, 4.0, 0.1, 0.9, 0.4, 1.2], [2, 1, 4])


def d(value):
    """The double nearest to a decimal, as the service parses it, exactly."""
    return mpf(float(value))


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def leaky(slope):
    return lambda x: x if x > 0 else slope * x


def elu(alpha):
    return lambda x: x if x > 0 else alpha * mp.expm1(x)


# PyTorch's SELU constants, to more digits than a double holds.
SELU_SCALE = mpf("1.0507009873554804934193349852946")
SELU_ALPHA = mpf("1.6732632423543772848170429916717")


def hardsigmoid(x):
    return min(max(x / 6 + mpf(1) / 2, mpf(0)), mpf(1))


def shrink_hard(lam):
    return lambda x: x if abs(x) > lam else mpf(0)


def shrink_soft(lam):
    return lambda x: x - lam if x > lam else (x + lam if x < -lam else mpf(0))


ELEMENTWISE = {
    "step": lambda x: mpf(1) if x > 0 else mpf(0),
    "identity": lambda x: x,
    "sigmoid": sigmoid,
    "relu": lambda x: max(mpf(0), x),
    "tanh": mp.tanh,
    "relu6": lambda x: min(max(mpf(0), x), mpf(6)),
    "leaky_relu": leaky(d("0.01")),
    # rrelu in evaluation mode: the mean of lower = 1/8 and upper = 1/3, both as doubles.
    "rrelu": leaky((d(1.0 / 8) + d(1.0 / 3)) / 2),
    "prelu": leaky(d("0.25")),
    "elu": elu(mpf(1)),
    "selu": lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
    "celu": lambda x: max(mpf(0), x) + min(mpf(0), mp.expm1(x)),
    "gelu": lambda x: x / 2 * mp.erfc(-x / mp.sqrt(2)),
    "silu": lambda x: x * sigmoid(x),
    "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
    "softplus": lambda x: mp.log1p(mp.exp(x)),
    "softsign": lambda x: x / (1 + abs(x)),
    "hardtanh": lambda x: min(max(x, mpf(-1)), mpf(1)),
    "hardsigmoid": hardsigmoid,
    "hardswish": lambda x: x * hardsigmoid(x),
    "hardshrink": shrink_hard(mpf("0.5")),
    "softshrink": shrink_soft(mpf("0.5")),
    "tanhshrink": lambda x: x - mp.tanh(x),
    "threshold": lambda x: x if x > 0 else mpf(0),
    "logsigmoid": lambda x: -mp.log1p(mp.exp(-x)),
    # Keras, JAX and ONNX beyond PyTorch, at their defaults
    "exponential": mp.exp,
    "squareplus": lambda x: (x + mp.sqrt(x * x + 4)) / 2,
    "sparse_plus": lambda x: mpf(0) if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
    "sparse_sigmoid": lambda x: mpf(0) if x <= -1 else (mpf(1) if x >= 1 else (x + 1) / 2),
    "thresholded_relu": lambda x: x if x > 1 else mpf(0),
    "shrink": lambda x: x if abs(x) > mpf("0.5") else mpf(0),
    "relu_squared": lambda x: max(x, mpf(0)) ** 2,
    "snake": lambda x: x + mp.sin(x) ** 2,
}

# Defined for x > 0 only: documented on POSITIVE_VECTOR.
POSITIVE_ELEMENTWISE = {
    "log1mexp": lambda x: mp.log(1 - mp.exp(-x)),
}


def softmax(row):
    exps = [mp.exp(x) for x in row]
    total = mp.fsum(exps)
    return [e / total for e in exps]


def log_softmax(row):
    log_total = mp.log(mp.fsum(mp.exp(x) for x in row))
    return [x - log_total for x in row]


def glu(row):
    half = len(row) // 2
    return [a * sigmoid(b) for a, b in zip(row[:half], row[half:])]


def sparsemax(row):
    """Martins and Astudillo (2016), algorithm 1: the projection onto the simplex."""
    z = sorted(row, reverse=True)
    cumulative = mpf(0)
    k_max, sum_max = 0, mpf(0)
    for k, value in enumerate(z, start=1):
        cumulative += value
        if 1 + k * value > cumulative:
            k_max, sum_max = k, cumulative
    tau = (sum_max - 1) / k_max
    return [max(x - tau, mpf(0)) for x in row]


def entmax(row, alpha=d(1.5)):
    """Peters, Niculae and Martins (2019): p_i = [(alpha - 1) x_i - tau]_+^(1 / (alpha - 1)),
    tau such that the p sum to 1, found by bisection on [max - 1, max - n^(1 - alpha)] of
    (alpha - 1) x to 400 halvings (far below 60 digits)."""
    beta = alpha - 1
    scaled = [beta * x for x in row]
    top = max(scaled)

    def p(tau):
        return [max(x - tau, mpf(0)) ** (1 / beta) for x in scaled]

    low, high = top - 1, top - mpf(len(row)) ** (-beta)
    for _ in range(400):
        middle = (low + high) / 2
        if mp.fsum(p(middle)) >= 1:
            low = middle
        else:
            high = middle
    return p(low)


def hardmax(row):
    """ONNX Hardmax: 1 at the first maximum of the lane, 0 elsewhere."""
    first = row.index(max(row))
    return [mpf(1) if i == first else mpf(0) for i in range(len(row))]


def reglu(row):
    half = len(row) // 2
    return [max(a, mpf(0)) * b for a, b in zip(row[:half], row[half:])]


def logsumexp(row):
    return [mp.log(mp.fsum(mp.exp(x) for x in row))]


def standardize(row, epsilon=d(1e-5)):
    mean = mp.fsum(row) / len(row)
    variance = mp.fsum((x - mean) ** 2 for x in row) / len(row)
    return [(x - mean) / mp.sqrt(variance + epsilon) for x in row]


def gated(f):
    def apply(row):
        half = len(row) // 2
        return [f(a) * b for a, b in zip(row[:half], row[half:])]
    return apply


ALONG_LAST_AXIS = {
    "softmax": softmax,
    "log_softmax": log_softmax,
    "softmin": lambda row: softmax([-x for x in row]),
    "glu": glu,
    "sparsemax": sparsemax,
    "entmax15": entmax,
    "entmax": entmax,
    "hardmax": hardmax,
    "reglu": reglu,
    "logsumexp": logsumexp,
    "logmeanexp": lambda row: [logsumexp(row)[0] - mp.log(len(row))],
    "standardize": standardize,
    "crelu": lambda row: [max(x, mpf(0)) for x in row] + [max(-x, mpf(0)) for x in row],
    "swiglu": gated(lambda a: a * sigmoid(a)),
    "geglu": gated(lambda a: a / 2 * mp.erfc(-a / mp.sqrt(2))),
}


REDUCTIONS = {"logsumexp", "logmeanexp"}

# The mask of the masked examples (FunctionExamples.MASK): 1 where an element takes part.
MASK = [1, 1, 0, 1, 1, 0, 1, 1]

# The functions that take a mask, as jax.nn's `where` (jax-ml/jax jax/_src/nn/functions.py):
# each is computed on the unmasked elements of the lane alone; masked positions answer 0
# (also for log_softmax, where JAX answers -inf and the service never answers infinity).
MASKED = ["softmax", "log_softmax", "softmin", "logsumexp", "logmeanexp"]


def text(value):
    """A decimal with 40 significant digits; zero keeps its sign out, as JSON has -0 too."""
    return mp.nstr(value, 40, min_fixed=-mp.inf, max_fixed=mp.inf) if value != 0 else "0"


def main():
    functions = {}
    values, shape = VECTOR
    for name, f in ELEMENTWISE.items():
        functions[name] = {
            "input": values,
            "shape": shape,
            "output": [text(f(d(x))) for x in values],
            "outputShape": shape,
        }
    values, shape = POSITIVE_VECTOR
    for name, f in POSITIVE_ELEMENTWISE.items():
        functions[name] = {
            "input": values,
            "shape": shape,
            "output": [text(f(d(x))) for x in values],
            "outputShape": shape,
        }
    values, shape = MATRIX
    lane = shape[-1]
    for name, f in ALONG_LAST_AXIS.items():
        rows = [[d(x) for x in values[i:i + lane]] for i in range(0, len(values), lane)]
        outputs = [f(row) for row in rows]
        functions[name] = {
            "input": values,
            "shape": shape,
            "output": [text(y) for row in outputs for y in row],
            # logsumexp and logmeanexp remove the axis (keepdims is false by default)
            "outputShape": [shape[0]] if name in REDUCTIONS else [shape[0], len(outputs[0])],
        }
    values, shape = IMAGE
    channels, pixels = shape[0], shape[1] * shape[2]
    lanes = [softmax([d(values[c * pixels + p]) for c in range(channels)]) for p in range(pixels)]
    functions["softmax2d"] = {
        "input": values,
        "shape": shape,
        "output": [text(lanes[p][c]) for c in range(channels) for p in range(pixels)],
        "outputShape": shape,
    }
    values, shape = MATRIX
    masked = {}
    for name in MASKED:
        f = ALONG_LAST_AXIS[name]
        output = []
        for i in range(0, len(values), lane):
            row = [d(x) for x in values[i:i + lane]]
            keep = MASK[i:i + lane]
            sub = iter(f([x for x, k in zip(row, keep) if k]))
            if name in REDUCTIONS:
                output.append(text(next(sub)))
            else:
                output.extend(text(next(sub)) if k else "0" for k in keep)
        masked[name] = {
            "input": values,
            "shape": shape,
            "mask": MASK,
            "output": output,
            "outputShape": [shape[0]] if name in REDUCTIONS else shape,
        }
    document = {
        "comment": "Generated by src/test/python/example_references.py with mpmath "
                   + mpmath.__version__ + " at " + str(mp.dps) + " digits; do not edit by hand.",
        "functions": dict(sorted(functions.items())),
        "masked": dict(sorted(masked.items())),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=1) + "\n")
    print("wrote", OUTPUT, "with", len(functions), "functions")


if __name__ == "__main__":
    main()

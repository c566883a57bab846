package ai.activation.kernel;

/**
 * The piecewise-defined functions: step, identity, the ReLU family (with thresholded_relu
 * and relu_squared), hardtanh, the shrinkages (with ONNX's shrink), threshold, hard
 * sigmoid, hard swish, and the sparse sigmoid and sparse plus of JAX and Keras. Values
 * and derivatives are exact (a single IEEE operation at most) except where noted.
 *
 * <p>
 * Derivatives at the kinks are PyTorch's (pytorch/pytorch
 * {@code aten/src/ATen/native/cpu/Activation.cpp}: {@code threshold_kernel} as used by
 * {@code threshold_backward}, {@code hardtanh_backward_kernel},
 * {@code shrink_backward_kernel}, {@code leaky_relu_backward_kernel},
 * {@code prelu_backward_kernel}, {@code hardsigmoid_backward_kernel},
 * {@code hardswish_backward_kernel}; the formulas that call them in
 * {@code tools/autograd/derivatives.yaml}).
 *
 * <p>
 * With the Vector API ({@code Simd}) the bulk path {@link ScalarFunction#applyAll} of
 * each (identity excepted, a copy) is a lanewise loop of {@code VectorKernels} that
 * performs the scalar definition's IEEE operations in the same order, its branches as
 * compare and blend and Math.max/min as the lanewise MAX/MIN (which treat ±0 as they do),
 * so its results are the scalar ones bit for bit ({@code VectorKernelsTests}).
 */
public final class Piecewise {

	private Piecewise() {
	}

	/**
	 * step(x) = 1 if x &gt; 0, else 0 (step(±0) = 0). Exact. step′ = 0 everywhere,
	 * including at the jump (the zero subgradient, as relu′(0) = 0).
	 */
	public static final ScalarFunction STEP = Vectorized.of(ScalarFunction.of((x) -> (x > 0) ? 1.0 : 0.0, (x) -> 0.0),
			(in, out, scalar) -> VectorKernels.step(in, out, scalar));

	/** identity(x) = x, identity′ = 1. Exact; the bulk path is a copy. */
	public static final ScalarFunction IDENTITY = new ScalarFunction() {
		@Override
		public double value(double x) {
			return x;
		}

		@Override
		public double derivative(double x) {
			return 1.0;
		}

		@Override
		public long applyAll(double[] in, double[] out) {
			if (in != out) {
				System.arraycopy(in, 0, out, 0, in.length);
			}
			return 0;
		}
	};

	/**
	 * relu(x) = max(0, x); relu(−0) = +0. Exact. relu′(x) = 1 for x &gt; 0, else 0:
	 * relu′(0) = 0 as in PyTorch ({@code threshold_backward(grad, result, 0)} zeroes the
	 * gradient where x ≤ 0) and as JAX documents (∇relu(0) = 0).
	 */
	public static final ScalarFunction RELU = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.max(0.0, x);
		}

		@Override
		public double derivative(double x) {
			return (x > 0) ? 1.0 : 0.0;
		}

		/**
		 * The lanewise MAX on the Vector API, else its own loop, so that C2 inlines
		 * {@link #value} and vectorizes Math.max.
		 */
		@Override
		public long applyAll(double[] in, double[] out) {
			if (Simd.AVAILABLE) {
				return VectorKernels.relu(in, out, this);
			}
			for (int i = 0; i < in.length; i++) {
				out[i] = value(in[i]);
			}
			return 0;
		}
	};

	/**
	 * relu6(x) = min(max(0, x), 6). Exact. relu6′ = 1 for 0 &lt; x &lt; 6, else 0: 0 at
	 * both kinks, as PyTorch (relu6 is hardtanh(x, 0, 6), whose backward zeroes the
	 * gradient at the clamps) and JAX ({@code relu6.defjvps}: (x &gt; 0) &amp; (x &lt;
	 * 6)) agree.
	 */
	public static final ScalarFunction RELU6 = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.min(Math.max(0.0, x), 6.0);
		}

		@Override
		public double derivative(double x) {
			return (x > 0 && x < 6.0) ? 1.0 : 0.0;
		}

		/**
		 * The lanewise MAX and MIN on the Vector API, else its own loop, so that C2
		 * inlines {@link #value} and vectorizes it.
		 */
		@Override
		public long applyAll(double[] in, double[] out) {
			if (Simd.AVAILABLE) {
				return VectorKernels.clamp(0.0, 6.0, in, out, this);
			}
			for (int i = 0; i < in.length; i++) {
				out[i] = value(in[i]);
			}
			return 0;
		}
	};

	/**
	 * hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1), evaluated as (x + 3)/6 (exact sum near
	 * −3). Within 1 ulp; no events. hardsigmoid′ = 1/6 (correctly rounded) for −3 &lt; x
	 * &lt; 3, else 0: 0 at ±3, as PyTorch's {@code hardsigmoid_backward_kernel} and JAX
	 * (relu6(x + 3)/6, through relu6's custom JVP) agree.
	 */
	public static final ScalarFunction HARDSIGMOID = Vectorized.of(ScalarFunction.of((x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return 1.0;
		}
		return (x + 3.0) / 6.0;
	}, (x) -> (x > -3.0 && x < 3.0) ? 1.0 / 6.0 : 0.0),
			(in, out, scalar) -> VectorKernels.hardsigmoid(in, out, scalar));

	/**
	 * hardsigmoid with ONNX's parameters (onnx/onnx {@code onnx/defs/math/defs.cpp},
	 * HardSigmoid: "y = max(0, min(1, alpha * x + beta))", alpha 0.2 and beta 0.5 there):
	 * clamp(alpha·x + beta, 0, 1) with one rounding (fma): correctly rounded. At alpha =
	 * 1/6 and beta = 1/2 the catalog binds {@link #HARDSIGMOID}. hardsigmoid′ = alpha
	 * where 0 &lt; alpha·x + beta &lt; 1, else 0 (0 at both clamps, as PyTorch).
	 * @param alpha the slope
	 * @param beta the value at 0
	 * @return the function
	 */
	public static ScalarFunction hardsigmoid(double alpha, double beta) {
		return Vectorized.of(ScalarFunction.of((x) -> Math.min(Math.max(Math.fma(alpha, x, beta), 0.0), 1.0), (x) -> {
			double y = Math.fma(alpha, x, beta);
			return (y > 0 && y < 1) ? alpha : 0.0;
		}), (in, out, scalar) -> VectorKernels.hardsigmoid(alpha, beta, in, out, scalar));
	}

	/**
	 * relu with Keras's parameters (keras-team/keras
	 * {@code keras/src/activations/activations.py}, {@code relu(x, negative_slope=0.0,
	 * max_value=None, threshold=0.0)}, whose {@code static_call} computes it as: x where
	 * x &gt; threshold (with threshold 0, relu(x)), else 0; then clipped to [0,
	 * max_value] if max_value is given; then negative_slope·relu(threshold − x)
	 * subtracted). So: for x ≤ threshold, negative_slope·(x − threshold); above, x, or
	 * clamp(x, 0, max_value) when max_value is given (so with a negative threshold and no
	 * max_value, x between threshold and 0 passes through as x, as Keras does). The
	 * product with x − threshold held as a double-double is rounded once (fma): within 1
	 * ulp (2 where x − threshold itself overflows and is halved first); the rest is
	 * exact. At the defaults the catalog binds {@link #RELU}.
	 *
	 * <p>
	 * relu′ = negative_slope for x ≤ threshold (at the threshold the left value, as
	 * leaky_relu's PyTorch convention at 0); above it 1, or 0 where the clip holds (x ≤ 0
	 * or x ≥ max_value, as hardtanh's clamps).
	 * @param negativeSlope the slope at and below the threshold
	 * @param maxValue the cap, or NaN for none
	 * @param threshold the cut-off
	 * @return the function
	 */
	public static ScalarFunction relu(double negativeSlope, double maxValue, double threshold) {
		boolean capped = !Double.isNaN(maxValue);
		return Vectorized.of(ScalarFunction.of((x) -> {
			if (x > threshold) {
				return capped ? Math.min(Math.max(x, 0.0), maxValue) : x;
			}
			if (negativeSlope == 0) {
				return 0.0;
			}
			double hi = x - threshold;
			if (Double.isInfinite(hi)) {
				return 2.0 * (negativeSlope * (0.5 * x - 0.5 * threshold));
			}
			double bb = hi - x;
			double lo = (x - (hi - bb)) + (-threshold - bb);
			return Math.fma(negativeSlope, hi, negativeSlope * lo);
		}, (x) -> {
			if (x <= threshold) {
				return negativeSlope;
			}
			if (capped) {
				return (x > 0 && x < maxValue) ? 1.0 : 0.0;
			}
			return 1.0;
		}), (in, out, scalar) -> VectorKernels.relu(negativeSlope, maxValue, threshold, in, out, scalar));
	}

	/**
	 * hardswish(x) = x · hardsigmoid(x): 0 for x ≤ −3, x for x ≥ 3, else x(x + 3)/6.
	 * Within 2 ulp.
	 *
	 * <p>
	 * hardswish′(x) = 0 for x &lt; −3, (2x + 3)/6 = x/3 + 1/2 for −3 ≤ x ≤ 3, 1 above
	 * (within 1 ulp; correctly rounded for −3 ≤ x ≤ −0.75, where 2x + 3 is exact). The
	 * closed interval is PyTorch's {@code hardswish_backward_kernel} (x &lt; −3 → 0, x ≤
	 * 3 → x/3 + 1/2), so hardswish′(−3) = −1/2 and hardswish′(3) = 3/2, the one-sided
	 * limits from inside. JAX differs: its hard_swish is x·hard_sigmoid(x), whose
	 * derivative at ±3 is hard_sigmoid(±3) + 0, that is 0 and 1.
	 *
	 * <p>
	 * Event: the textbook x·relu6(x + 3)/6 overflows x·6 for x &gt; MAX_VALUE/6 ≈
	 * 3.0e307. The derivative has no events.
	 */
	public static final ScalarFunction HARDSWISH = Vectorized
		.of(ScalarFunction.of(Piecewise::hardswish, (x) -> x > Double.MAX_VALUE / 6.0, (x) -> {
			if (x < -3.0) {
				return 0.0;
			}
			if (x > 3.0) {
				return 1.0;
			}
			return (2.0 * x + 3.0) / 6.0;
		}, (x) -> false), (in, out, scalar) -> VectorKernels.hardswish(in, out, scalar));

	/**
	 * hardswish with JAX's derivative at the kinks (jax-ml/jax
	 * {@code jax/_src/nn/functions.py}: hard_silu is x·hard_sigmoid(x), hard_sigmoid is
	 * relu6(x + 3)/6, and relu6's custom JVP is zero at 0 and 6): the product rule gives
	 * hard_sigmoid(−3) + (−3)·0 = 0 at −3 and hard_sigmoid(3) + 3·0 = 1 at 3, the
	 * one-sided limits from outside. The value, and the derivative everywhere else, are
	 * {@link #HARDSWISH}'s.
	 */
	public static final ScalarFunction HARDSWISH_JAX_KINKS = Vectorized
		.of(ScalarFunction.of(Piecewise::hardswish, (x) -> x > Double.MAX_VALUE / 6.0, (x) -> {
			if (x <= -3.0) {
				return 0.0;
			}
			if (x >= 3.0) {
				return 1.0;
			}
			return (2.0 * x + 3.0) / 6.0;
		}, (x) -> false), (in, out, scalar) -> VectorKernels.hardswish(in, out, scalar));

	private static double hardswish(double x) {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return x;
		}
		return x * (x + 3.0) / 6.0;
	}

	/**
	 * leaky_relu(x) = x if x &gt; 0, else slope·x; also prelu and rrelu in evaluation
	 * mode. Exact (one multiplication). Out of range: with |slope| &gt; 1 and x near
	 * −MAX_VALUE the true value exceeds the double range and ±∞ is returned. No events.
	 *
	 * <p>
	 * leaky_relu′ = 1 for x &gt; 0, else slope: at 0 the slope, as PyTorch's
	 * {@code leaky_relu_backward_kernel} and {@code prelu_backward_kernel} (x &gt; 0 ?
	 * grad : slope·grad; rrelu in evaluation mode calls the former with (lower +
	 * upper)/2). JAX differs: its leaky_relu is where(x ≥ 0, x, slope·x), so its
	 * derivative at 0 is 1.
	 * @param slope the slope for x ≤ 0
	 * @return the function
	 */
	public static ScalarFunction leaky(double slope) {
		return Vectorized.of(ScalarFunction.of((x) -> (x > 0) ? x : slope * x, (x) -> (x > 0) ? 1.0 : slope),
				(in, out, scalar) -> VectorKernels.leaky(slope, in, out, scalar));
	}

	/**
	 * leaky_relu with JAX's derivative at 0 (jax-ml/jax {@code jax/_src/nn/functions.py}:
	 * {@code where(x >= 0, x, negative_slope * x)}, whose derivative takes the x branch
	 * at 0): 1 for x ≥ 0 (−0 included), else slope. The value is {@link #leaky}'s.
	 * @param slope the slope for x ≤ 0
	 * @return the function
	 */
	public static ScalarFunction leakyJaxKinks(double slope) {
		return Vectorized.of(ScalarFunction.of((x) -> (x > 0) ? x : slope * x, (x) -> (x >= 0) ? 1.0 : slope),
				(in, out, scalar) -> VectorKernels.leaky(slope, in, out, scalar));
	}

	/**
	 * hardtanh(x) = clamp(x, min, max). Exact. hardtanh′ = 1 for min &lt; x &lt; max,
	 * else 0: 0 at both clamps, as PyTorch's {@code hardtanh_backward_kernel} (x ≤ min or
	 * x ≥ max → 0). JAX differs: its hard_tanh is where(x &gt; 1, 1, where(x &lt; −1, −1,
	 * x)), whose derivative at ±1 is 1.
	 * @param min the lower bound
	 * @param max the upper bound, at least {@code min}
	 * @return the function
	 */
	public static ScalarFunction hardtanh(double min, double max) {
		return Vectorized.of(
				ScalarFunction.of((x) -> Math.min(Math.max(x, min), max), (x) -> (x > min && x < max) ? 1.0 : 0.0),
				(in, out, scalar) -> VectorKernels.clamp(min, max, in, out, scalar));
	}

	/**
	 * hardtanh with JAX's derivative at the clamps (jax-ml/jax
	 * {@code jax/_src/nn/functions.py}: hard_tanh is {@code where(x > 1, 1, where(x < -1,
	 * -1, x))}, whose derivative takes the x branch at ±1): 1 for min ≤ x ≤ max, else 0.
	 * JAX fixes the bounds at ±1; the closed interval applies to any bounds here. The
	 * value is {@link #hardtanh}'s.
	 * @param min the lower bound
	 * @param max the upper bound, at least {@code min}
	 * @return the function
	 */
	public static ScalarFunction hardtanhJaxKinks(double min, double max) {
		return Vectorized.of(
				ScalarFunction.of((x) -> Math.min(Math.max(x, min), max), (x) -> (x >= min && x <= max) ? 1.0 : 0.0),
				(in, out, scalar) -> VectorKernels.clamp(min, max, in, out, scalar));
	}

	/**
	 * hardshrink(x) = x if |x| &gt; lambda, else 0. Exact. hardshrink′ = 1 for |x| &gt;
	 * lambda, else 0: 0 at ±lambda, as PyTorch's {@code shrink_backward_kernel} (−lambda
	 * ≤ x ≤ lambda → 0). JAX has no hardshrink.
	 * @param lambda the non-negative cut-off
	 * @return the function
	 */
	public static ScalarFunction hardshrink(double lambda) {
		return Vectorized.of(ScalarFunction.of((x) -> (Math.abs(x) > lambda) ? x : 0.0, shrinkDerivative(lambda)),
				(in, out, scalar) -> VectorKernels.hardshrink(lambda, in, out, scalar));
	}

	/**
	 * softshrink(x) = x − lambda above lambda, x + lambda below −lambda, else 0.
	 * Correctly rounded (one subtraction). softshrink′ = 1 for |x| &gt; lambda, else 0: 0
	 * at ±lambda, as PyTorch's {@code shrink_backward_kernel}, which serves both
	 * shrinkages. JAX has no softshrink.
	 * @param lambda the non-negative cut-off
	 * @return the function
	 */
	public static ScalarFunction softshrink(double lambda) {
		return Vectorized.of(
				ScalarFunction.of((x) -> (x > lambda) ? x - lambda : (x < -lambda) ? x + lambda : 0.0,
						shrinkDerivative(lambda)),
				(in, out, scalar) -> VectorKernels.shrink(-lambda, lambda, lambda, lambda, false, in, out, scalar));
	}

	private static java.util.function.DoubleUnaryOperator shrinkDerivative(double lambda) {
		return (x) -> (x > lambda || x < -lambda) ? 1.0 : 0.0;
	}

	/**
	 * threshold(x) = x if x &gt; threshold, else value. Exact. threshold′ = 1 for x &gt;
	 * threshold, else 0: 0 at the threshold, as PyTorch's {@code threshold_backward} (x ≤
	 * threshold → 0). JAX has no threshold.
	 * @param threshold the cut-off
	 * @param value the replacement at or below the cut-off
	 * @return the function
	 */
	public static ScalarFunction threshold(double threshold, double value) {
		return Vectorized.of(ScalarFunction.of((x) -> (x > threshold) ? x : value, (x) -> (x > threshold) ? 1.0 : 0.0),
				(in, out, scalar) -> VectorKernels.threshold(threshold, value, in, out, scalar));
	}

	/**
	 * sparse_sigmoid(x) = ½·clip(x + 1, 0, 2): 0 for x ≤ −1, 1 for x ≥ 1, (x + 1)/2
	 * between (jax-ml/jax {@code jax/_src/nn/functions.py}, {@code sparse_sigmoid};
	 * keras-team/keras {@code keras/src/ops/nn.py}, {@code sparse_sigmoid}). Correctly
	 * rounded: one rounding of x + 1, then an exact halving. sparse_sigmoid′ = ½ for −1
	 * &lt; x &lt; 1, else 0: 0 at both kinks, as hardtanh's clamps in PyTorch.
	 */
	public static final ScalarFunction SPARSE_SIGMOID = Vectorized.of(
			ScalarFunction.of(Piecewise::sparseSigmoid, (x) -> (x > -1.0 && x < 1.0) ? 0.5 : 0.0),
			(in, out, scalar) -> VectorKernels.sparseSigmoid(in, out, scalar));

	/**
	 * sparse_sigmoid with JAX's derivative at the kinks: JAX computes ½·clip(x + 1, 0, 2)
	 * with {@code jnp.clip} = minimum(2, maximum(0, x + 1)) (jax-ml/jax
	 * {@code jax/_src/numpy/lax_numpy.py}), and the JVP of {@code lax.max} and
	 * {@code lax.min} gives each operand half the tangent where they tie
	 * ({@code _balanced_eq}, {@code jax/_src/lax/lax.py}). At x = ±1 one of the two ties,
	 * so the derivative there is ½·½ = ¼ (exact); ½ between, 0 outside. The value is
	 * {@link #SPARSE_SIGMOID}'s.
	 */
	public static final ScalarFunction SPARSE_SIGMOID_JAX_KINKS = Vectorized.of(
			ScalarFunction.of(Piecewise::sparseSigmoid,
					(x) -> (x > -1.0 && x < 1.0) ? 0.5 : (x == -1.0 || x == 1.0) ? 0.25 : 0.0),
			(in, out, scalar) -> VectorKernels.sparseSigmoid(in, out, scalar));

	private static double sparseSigmoid(double x) {
		if (x <= -1.0) {
			return 0.0;
		}
		if (x >= 1.0) {
			return 1.0;
		}
		return (x + 1.0) / 2.0;
	}

	/**
	 * sparse_plus(x) = 0 for x ≤ −1, x for x ≥ 1, (x + 1)²/4 between (jax-ml/jax
	 * {@code jax/_src/nn/functions.py}, {@code sparse_plus}; keras-team/keras
	 * {@code keras/src/ops/nn.py}). The square is taken of x + 1 held exactly as a
	 * double-double (two-sum, then fma) and rounded once from that sum: within 1 ulp (the
	 * double rounding of a square just above a tie, e.g. x = 2^−54). sparse_plus′ =
	 * sparse_sigmoid: 0, (x + 1)/2, 1, continuous, so no kink convention is needed.
	 */
	public static final ScalarFunction SPARSE_PLUS = Vectorized.of(ScalarFunction.of((x) -> {
		if (x <= -1.0) {
			return 0.0;
		}
		if (x >= 1.0) {
			return x;
		}
		double hi = x + 1.0;
		double one = hi - x;
		double lo = (x - (hi - one)) + (1.0 - one);
		double square = hi * hi;
		double error = Math.fma(hi, hi, -square) + 2.0 * hi * lo;
		return (square + error) / 4.0;
	}, (x) -> (x <= -1.0) ? 0.0 : (x >= 1.0) ? 1.0 : (x + 1.0) / 2.0),
			(in, out, scalar) -> VectorKernels.sparsePlus(in, out, scalar));

	/**
	 * relu_squared(x) = relu(x)², the squared ReLU of Primer (So et al., 2021,
	 * arXiv:2109.08668). Correctly rounded (one multiplication); beyond x ≈ 1.34e154 the
	 * true value exceeds the double range and +∞ is returned. relu_squared′ = 2·relu(x):
	 * exact, 0 at x = 0 (both sides agree), +∞ beyond MAX_VALUE/2.
	 */
	public static final ScalarFunction RELU_SQUARED = Vectorized.of(
			ScalarFunction.of((x) -> (x > 0) ? x * x : 0.0, (x) -> (x > 0) ? 2.0 * x : 0.0),
			(in, out, scalar) -> VectorKernels.reluSquared(in, out, scalar));

	/**
	 * thresholded_relu(x) = x if x &gt; alpha, else 0, as ONNX ThresholdedRelu (onnx/onnx
	 * {@code onnx/defs/math/defs.cpp}, ThresholdedRelu version 10: "y = x for x &gt;
	 * alpha, y = 0 otherwise", alpha defaulting to 1.0). Exact. thresholded_relu′ = 1 for
	 * x &gt; alpha, else 0: 0 at x = alpha, as {@link #threshold(double, double)}.
	 * @param alpha the cut-off
	 * @return the function
	 */
	public static ScalarFunction thresholdedRelu(double alpha) {
		return threshold(alpha, 0.0);
	}

	/**
	 * shrink(x) = x + bias if x &lt; −lambd, x − bias if x &gt; lambd, else 0, tested in
	 * that order, as ONNX Shrink (onnx/onnx {@code onnx/defs/math/defs.cpp}, Shrink
	 * version 9; lambd defaulting to 0.5, bias to 0). Correctly rounded (one addition).
	 * shrink′ = 1 where x &lt; −lambd or x &gt; lambd, else 0: 0 at ±lambd, as PyTorch's
	 * {@code shrink_backward_kernel} for softshrink, which shrink is at bias = lambd.
	 * @param lambd the cut-off; a negative one makes the first test win where both hold,
	 * as ONNX's order says
	 * @param bias the amount pulled towards zero
	 * @return the function
	 */
	public static ScalarFunction shrink(double lambd, double bias) {
		return Vectorized.of(
				ScalarFunction.of((x) -> (x < -lambd) ? x + bias : (x > lambd) ? x - bias : 0.0,
						(x) -> (x < -lambd || x > lambd) ? 1.0 : 0.0),
				(in, out, scalar) -> VectorKernels.shrink(-lambd, bias, lambd, bias, true, in, out, scalar));
	}

}

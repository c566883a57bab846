package ai.activation.kernel;

/**
 * The piecewise-defined functions: step, identity, the ReLU family, hardtanh, the
 * shrinkages, threshold, hard sigmoid and hard swish. Values and derivatives are exact (a
 * single IEEE operation at most) except where noted.
 *
 * <p>
 * Derivatives at the kinks are PyTorch's (pytorch/pytorch
 * {@code aten/src/ATen/native/cpu/Activation.cpp}: {@code threshold_kernel} as used by
 * {@code threshold_backward}, {@code hardtanh_backward_kernel},
 * {@code shrink_backward_kernel}, {@code leaky_relu_backward_kernel},
 * {@code prelu_backward_kernel}, {@code hardsigmoid_backward_kernel},
 * {@code hardswish_backward_kernel}; the formulas that call them in
 * {@code tools/autograd/derivatives.yaml}).
 */
public final class Piecewise {

	private Piecewise() {
	}

	/**
	 * step(x) = 1 if x &gt; 0, else 0 (step(±0) = 0). Exact. step′ = 0 everywhere,
	 * including at the jump (the zero subgradient, as relu′(0) = 0).
	 */
	public static final ScalarFunction STEP = ScalarFunction.of((x) -> (x > 0) ? 1.0 : 0.0, (x) -> 0.0);

	/** identity(x) = x, identity′ = 1. Exact. */
	public static final ScalarFunction IDENTITY = ScalarFunction.of((x) -> x, (x) -> 1.0);

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

		/** Its own loop, so that C2 inlines {@link #value} and vectorizes Math.max. */
		@Override
		public long applyAll(double[] in, double[] out) {
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

		/** Its own loop, so that C2 inlines {@link #value} and vectorizes it. */
		@Override
		public long applyAll(double[] in, double[] out) {
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
	public static final ScalarFunction HARDSIGMOID = ScalarFunction.of((x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return 1.0;
		}
		return (x + 3.0) / 6.0;
	}, (x) -> (x > -3.0 && x < 3.0) ? 1.0 / 6.0 : 0.0);

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
	public static final ScalarFunction HARDSWISH = ScalarFunction.of((x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return x;
		}
		return x * (x + 3.0) / 6.0;
	}, (x) -> x > Double.MAX_VALUE / 6.0, (x) -> {
		if (x < -3.0) {
			return 0.0;
		}
		if (x > 3.0) {
			return 1.0;
		}
		return (2.0 * x + 3.0) / 6.0;
	}, (x) -> false);

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
		return ScalarFunction.of((x) -> (x > 0) ? x : slope * x, (x) -> (x > 0) ? 1.0 : slope);
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
		return ScalarFunction.of((x) -> Math.min(Math.max(x, min), max), (x) -> (x > min && x < max) ? 1.0 : 0.0);
	}

	/**
	 * hardshrink(x) = x if |x| &gt; lambda, else 0. Exact. hardshrink′ = 1 for |x| &gt;
	 * lambda, else 0: 0 at ±lambda, as PyTorch's {@code shrink_backward_kernel} (−lambda
	 * ≤ x ≤ lambda → 0). JAX has no hardshrink.
	 * @param lambda the non-negative cut-off
	 * @return the function
	 */
	public static ScalarFunction hardshrink(double lambda) {
		return ScalarFunction.of((x) -> (Math.abs(x) > lambda) ? x : 0.0, shrinkDerivative(lambda));
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
		return ScalarFunction.of((x) -> (x > lambda) ? x - lambda : (x < -lambda) ? x + lambda : 0.0,
				shrinkDerivative(lambda));
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
		return ScalarFunction.of((x) -> (x > threshold) ? x : value, (x) -> (x > threshold) ? 1.0 : 0.0);
	}

}

package ai.activation.kernel;

import org.apache.commons.numbers.gamma.Erfc;

/**
 * The elementwise activation functions, in forms that stay exact where the textbook formulas
 * overflow, cancel or flush to zero.
 */
public final class Scalars {

	/** The largest x with e^x finite: ln(Double.MAX_VALUE). */
	static final double LN_MAX = 709.782712893384;

	private Scalars() {
	}

	/** step(x) = 1 if x &gt; 0, else 0. Exact. */
	public static final ScalarFunction STEP = (x) -> (x > 0) ? 1.0 : 0.0;

	/** identity(x) = x. Exact. */
	public static final ScalarFunction IDENTITY = (x) -> x;

	/** relu(x) = max(0, x). Exact. */
	public static final ScalarFunction RELU = (x) -> Math.max(0.0, x);

	/** relu6(x) = min(max(0, x), 6). Exact. */
	public static final ScalarFunction RELU6 = (x) -> Math.min(Math.max(0.0, x), 6.0);

	/** sigmoid(x) = 1 / (1 + e^−x), evaluated as e^x / (1 + e^x) for x &lt; 0. */
	public static final ScalarFunction SIGMOID = new ScalarFunction() {
		@Override
		public double value(double x) {
			return sigmoid(x);
		}

		@Override
		public boolean naiveFails(double x) {
			return -x > LN_MAX;
		}
	};

	/** tanh x. The textbook (e^x − e^−x)/(e^x + e^−x) gives NaN for |x| &gt; 709.78. */
	public static final ScalarFunction TANH = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.tanh(x);
		}

		@Override
		public boolean naiveFails(double x) {
			return Math.abs(x) > LN_MAX;
		}
	};

	/** softsign(x) = x / (1 + |x|). */
	public static final ScalarFunction SOFTSIGN = (x) -> x / (1.0 + Math.abs(x));

	/** hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1), evaluated as (x + 3)/6 to avoid cancellation near −3. */
	public static final ScalarFunction HARDSIGMOID = (x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return 1.0;
		}
		return (x + 3.0) / 6.0;
	};

	/** hardswish(x) = x · hardsigmoid(x); the textbook x·relu6(x + 3)/6 overflows near 1e308. */
	public static final ScalarFunction HARDSWISH = new ScalarFunction() {
		@Override
		public double value(double x) {
			if (x <= -3.0) {
				return 0.0;
			}
			if (x >= 3.0) {
				return x;
			}
			return x * (x + 3.0) / 6.0;
		}

		@Override
		public boolean naiveFails(double x) {
			return Double.isInfinite(x * 6.0);
		}
	};

	/** tanhshrink(x) = x − tanh x. */
	public static final ScalarFunction TANHSHRINK = (x) -> x - Math.tanh(x);

	/** logsigmoid(x) = log σ(x) = −softplus(−x). */
	public static final ScalarFunction LOGSIGMOID = new ScalarFunction() {
		@Override
		public double value(double x) {
			return (x < 0) ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x));
		}

		@Override
		public boolean naiveFails(double x) {
			return -x > LN_MAX;
		}
	};

	/** silu(x) = x · σ(x). */
	public static final ScalarFunction SILU = new ScalarFunction() {
		@Override
		public double value(double x) {
			return x * sigmoid(x);
		}

		@Override
		public boolean naiveFails(double x) {
			return -x > LN_MAX;
		}
	};

	/** mish(x) = x · tanh(softplus(x)). */
	public static final ScalarFunction MISH = new ScalarFunction() {
		@Override
		public double value(double x) {
			if (x > 20) {
				return x;
			}
			double e = Math.exp(x);
			double n = e * (e + 2.0);
			return x * n / (n + 2.0);
		}

		@Override
		public boolean naiveFails(double x) {
			return x > LN_MAX;
		}
	};

	/** gelu(x) = x · Φ(x) = (x/2) · erfc(−x/√2). */
	public static final ScalarFunction GELU = new ScalarFunction() {
		@Override
		public double value(double x) {
			return 0.5 * x * Erfc.value(-x / Math.sqrt(2.0));
		}

		@Override
		public boolean naiveFails(double x) {
			return x < -5.9;
		}
	};

	/** gelu with the tanh approximation: (x/2)(1 + tanh(√(2/π)(x + 0.044715 x³))). */
	public static final ScalarFunction GELU_TANH = (x) -> {
		double u = Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x);
		return x * sigmoid(2.0 * u);
	};

	/** selu(x) = scale · (x if x &gt; 0, else alpha · (e^x − 1)), with PyTorch's constants. */
	public static final ScalarFunction SELU = new ScalarFunction() {
		@Override
		public double value(double x) {
			return (x > 0) ? SELU_SCALE * x : SELU_SCALE * (SELU_ALPHA * Math.expm1(x));
		}

		@Override
		public boolean naiveFails(double x) {
			return x <= 0 && x != 0 && Math.exp(x) - 1.0 == 0.0;
		}
	};

	/** PyTorch's SELU scale. */
	public static final double SELU_SCALE = 1.0507009873554804934193349852946;

	/** PyTorch's SELU alpha. */
	public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

	/**
	 * Returns σ(x) = 1 / (1 + e^−x), within 2 ulp; subnormal below x ≈ −708.
	 * @param x the argument
	 * @return the logistic function at x
	 */
	public static double sigmoid(double x) {
		if (x >= 0) {
			return 1.0 / (1.0 + Math.exp(-x));
		}
		double e = Math.exp(x);
		return e / (1.0 + e);
	}

	/**
	 * leaky_relu(x) = x if x &gt; 0, else slope·x; also prelu and rrelu in evaluation mode. Exact.
	 * @param slope the slope for x ≤ 0
	 * @return the function
	 */
	public static ScalarFunction leaky(double slope) {
		return (x) -> (x > 0) ? x : slope * x;
	}

	/**
	 * elu(x) = x if x &gt; 0, else alpha·(e^x − 1), with expm1 near zero.
	 * @param alpha the scale of the negative part
	 * @return the function
	 */
	public static ScalarFunction elu(double alpha) {
		return new ScalarFunction() {
			@Override
			public double value(double x) {
				return (x > 0) ? x : alpha * Math.expm1(x);
			}

			@Override
			public boolean naiveFails(double x) {
				return x < 0 && Math.exp(x) - 1.0 == 0.0;
			}
		};
	}

	/**
	 * celu(x) = max(0, x) + min(0, alpha·(e^(x/alpha) − 1)).
	 * @param alpha a non-zero scale
	 * @return the function
	 */
	public static ScalarFunction celu(double alpha) {
		return new ScalarFunction() {
			@Override
			public double value(double x) {
				return (x > 0) ? x : alpha * Math.expm1(x / alpha);
			}

			@Override
			public boolean naiveFails(double x) {
				double e = Math.exp(x / alpha);
				return Double.isInfinite(e) || (x < 0 && e - 1.0 == 0.0);
			}
		};
	}

	/**
	 * softplus(x) = (1/beta)·log(1 + e^(beta·x)); with a threshold, x where beta·x &gt; threshold.
	 * @param beta a positive sharpness
	 * @param threshold the linear cut-over, or NaN for none
	 * @return the function
	 */
	public static ScalarFunction softplus(double beta, double threshold) {
		return new ScalarFunction() {
			@Override
			public double value(double x) {
				double y = beta * x;
				if (!Double.isNaN(threshold) && y > threshold) {
					return x;
				}
				if (y > 0) {
					return x + Math.log1p(Math.exp(-y)) / beta;
				}
				return Math.log1p(Math.exp(y)) / beta;
			}

			@Override
			public boolean naiveFails(double x) {
				return beta * x > LN_MAX;
			}
		};
	}

	/**
	 * hardtanh(x) = clamp(x, min, max). Exact.
	 * @param min the lower bound
	 * @param max the upper bound, at least {@code min}
	 * @return the function
	 */
	public static ScalarFunction hardtanh(double min, double max) {
		return (x) -> Math.min(Math.max(x, min), max);
	}

	/**
	 * hardshrink(x) = x if |x| &gt; lambda, else 0. Exact.
	 * @param lambda the non-negative cut-off
	 * @return the function
	 */
	public static ScalarFunction hardshrink(double lambda) {
		return (x) -> (Math.abs(x) > lambda) ? x : 0.0;
	}

	/**
	 * softshrink(x) = x − lambda above lambda, x + lambda below −lambda, else 0. Correctly rounded.
	 * @param lambda the non-negative cut-off
	 * @return the function
	 */
	public static ScalarFunction softshrink(double lambda) {
		return (x) -> (x > lambda) ? x - lambda : (x < -lambda) ? x + lambda : 0.0;
	}

	/**
	 * threshold(x) = x if x &gt; threshold, else value. Exact.
	 * @param threshold the cut-off
	 * @param value the replacement at or below the cut-off
	 * @return the function
	 */
	public static ScalarFunction threshold(double threshold, double value) {
		return (x) -> (x > threshold) ? x : value;
	}

}

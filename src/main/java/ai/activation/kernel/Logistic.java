package ai.activation.kernel;

import static ai.activation.kernel.Scalars.LN_HALF_ULP_OF_ONE;
import static ai.activation.kernel.Scalars.LN_MAX;
import static ai.activation.kernel.Scalars.LN_UNDERFLOW;
import static ai.activation.kernel.Scalars.TAIL;

/**
 * The logistic family: sigmoid, logsigmoid, silu and softplus, and the helpers on σ the
 * other families share. Every derivative is built on σ(x)σ(−x) = E/(1 + E)² with E =
 * e^−|x|, never on σ − σ², which cancels to 0 in the right tail.
 */
public final class Logistic {

	private Logistic() {
	}

	/**
	 * sigmoid(x) = σ(x) = 1 / (1 + e^−x), evaluated as e^x / (1 + e^x) for x &lt; 0 so
	 * that the left tail is e^x itself, subnormal below x ≈ −708.4 and zero below
	 * −745.13. Within 2 ulp.
	 *
	 * <p>
	 * σ′(x) = σ(x)σ(−x) = E/(1 + E)², E = e^−|x|, with (1 + E)² in double-double, and E
	 * alone (scaled by 2^k, so subnormal results carry one rounding) for |x| &gt; 40,
	 * where the factor 1/(1 + E)² is 1 to 2^−55. Even in x.
	 *
	 * <p>
	 * Event: the textbook 1/(1 + e^−x) overflows e^−x for x &lt; −ln(MAX_VALUE) ≈ −709.78
	 * (and then returns 0 where the true value is subnormal). Derivative event: the
	 * textbook σ(x)(1 − σ(x)) gives 0 where the true σ′ is not 0: 1 − σ(x) flushes for
	 * 36.74 ≤ x &lt; 745.13 (σ rounds to 1), and σ(x) does for −745.13 &lt; x &lt;
	 * −709.78 (e^−x overflows).
	 */
	public static final ScalarFunction SIGMOID = new ScalarFunction() {
		@Override
		public double value(double x) {
			return sigmoid(x);
		}

		@Override
		public boolean naiveFails(double x) {
			return -x > LN_MAX;
		}

		@Override
		public double derivative(double x) {
			return sigmoidDerivative(x);
		}

		@Override
		public boolean naiveDerivativeFails(double x) {
			return (x >= -LN_HALF_ULP_OF_ONE && x < -LN_UNDERFLOW) || (-x > LN_MAX && x > LN_UNDERFLOW);
		}

		/** With the Vector API: the lanewise EXP, the special lanes by {@link #value}. */
		@Override
		public long applyAll(double[] in, double[] out) {
			return Simd.AVAILABLE ? VectorKernels.sigmoid(in, out) : ScalarFunction.super.applyAll(in, out);
		}
	};

	/**
	 * logsigmoid(x) = log σ(x) = −softplus(−x): x − log1p(e^x) for x &lt; 0, −log1p(e^−x)
	 * otherwise, so the right tail is −e^−x (subnormal beyond 708.4) and the left tail is
	 * x. Within 2 ulp, also on the bulk path (the lanewise EXP and LOG1P,
	 * {@code VectorKernels.logsigmoid}, |x| &gt; 700 scalar). logsigmoid′(x) = σ(−x),
	 * within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook log(1/(1 + e^−x)) overflows e^−x for x &lt; −709.78 (giving
	 * −∞), and flushes to 0 for 36.74 &lt; x &lt; 745.13, where 1 + e^−x rounds to 1 but
	 * the true value −e^−x is not 0. Derivative event: the textbook e^−x/(1 + e^−x) is
	 * ∞/∞ = NaN for x &lt; −709.78.
	 */
	public static final ScalarFunction LOGSIGMOID = Vectorized
		.of(ScalarFunction.of((x) -> (x < 0) ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x)),
				(x) -> -x > LN_MAX || (-x < LN_HALF_ULP_OF_ONE && -x > LN_UNDERFLOW), (x) -> sigmoid(-x),
				(x) -> -x > LN_MAX), (in, out, scalar) -> VectorKernels.logsigmoid(in, out, scalar));

	/**
	 * silu(x) = x · σ(x): x/(1 + e^−x) for x ≥ −40; below, x·e^x·(1 − e^x) ≈ x·e^x
	 * computed by scaling with 2^k, so that the result is accurate where σ(x) is
	 * subnormal but the product is not, and subnormal results carry a single rounding
	 * (non-zero down to x ≈ −751.5). Within 3 ulp.
	 *
	 * <p>
	 * silu′(x) = σ(x)(1 + x σ(−x)), by {@link #sigmoidTimesOnePlus}: in double-double for
	 * |x| ≤ 40 (silu′ has a zero at x ≈ −1.2785, where 1 + xσ(−x) cancels), (1 + x)e^x
	 * scaled below −40, and 1 + (x − 1)e^−x above 40.
	 *
	 * <p>
	 * Event: the textbook x/(1 + e^−x) overflows e^−x for x &lt; −709.78. Derivative
	 * event: the same overflow in the textbook σ(x)(1 + x(1 − σ(x))), which then returns
	 * 0.
	 */
	public static final ScalarFunction SILU = new ScalarFunction() {
		@Override
		public double value(double x) {
			if (x < TAIL) {
				return DoubleDouble.scaledExp(x, 1.0, x, 0.0);
			}
			if (x >= 0) {
				return x / (1.0 + Math.exp(-x));
			}
			double e = Math.exp(x);
			return x * e / (1.0 + e);
		}

		@Override
		public boolean naiveFails(double x) {
			return -x > LN_MAX;
		}

		@Override
		public double derivative(double x) {
			return sigmoidTimesOnePlus(x, 0.0, x, 0.0);
		}

		@Override
		public boolean naiveDerivativeFails(double x) {
			return -x > LN_MAX;
		}

		/** With the Vector API: the lanewise EXP, lanes below −40 by {@link #value}. */
		@Override
		public long applyAll(double[] in, double[] out) {
			return Simd.AVAILABLE ? VectorKernels.silu(in, out) : ScalarFunction.super.applyAll(in, out);
		}
	};

	/**
	 * silu with TensorFlow's beta (tf.nn.silu(features, beta)) and ONNX Swish's alpha:
	 * x·σ(beta·x). y = beta·x is formed in double-double, as its rounding is amplified
	 * |y|-fold in the left tail: x·σ(yh + yl), and x·e^y scaled by 2^k below y = −40.
	 * Within 3 ulp. At beta = 1 the catalog binds {@link #SILU}.
	 *
	 * <p>
	 * silu′(x) = σ(y)(1 + y·σ(−y)) with the same double-double y, by
	 * {@link #sigmoidTimesOnePlus}, which keeps the zero of the derivative exact. Within
	 * 4 ulp. Where beta·x overflows: the value is x or 0, the derivative 1 or 0.
	 *
	 * <p>
	 * Events: the textbook x/(1 + e^(−beta·x)) overflows e^(−beta·x) for beta·x &lt;
	 * −709.78, as silu's; so does its derivative.
	 * @param beta the factor of x inside σ
	 * @return the function
	 */
	public static ScalarFunction silu(double beta) {
		return ScalarFunction.of((x) -> {
			double yh = beta * x;
			if (Double.isInfinite(yh)) {
				return (yh > 0) ? x : x * 0.0;
			}
			double yl = Math.fma(beta, x, -yh);
			if (yh < TAIL) {
				return DoubleDouble.scaledExp(x, 1.0, yh, yl);
			}
			return x * sigmoid(yh, yl);
		}, (x) -> -(beta * x) > LN_MAX, (x) -> {
			double yh = beta * x;
			if (Double.isInfinite(yh)) {
				return (yh > 0) ? 1.0 : 0.0;
			}
			double yl = Math.fma(beta, x, -yh);
			return sigmoidTimesOnePlus(yh, yl, yh, yl);
		}, (x) -> -(beta * x) > LN_MAX);
	}

	/**
	 * softplus(x) = (1/beta)·log(1 + e^(beta·x)); with a threshold, x where beta·x &gt;
	 * threshold (PyTorch). y = beta·x is formed in double-double (its rounding is
	 * amplified |y|-fold in the left tail): x + log1p(e^−y)/beta for y &gt; 0,
	 * log1p(e^y)/beta for −40 ≤ y ≤ 0, and e^y/beta scaled by 2^k below. Where beta·x
	 * overflows the result is x (beta·x → +∞) or 0 (→ −∞). Within 3 ulp; at beta = 1
	 * without a threshold (the catalog's default) the bulk path is the lanewise EXP and
	 * LOG1P ({@code VectorKernels.softplus}, x &lt; −36 scalar), within the same 3. Out
	 * of range: a tiny beta with log(2)/beta &gt; MAX_VALUE.
	 *
	 * <p>
	 * softplus′(x) = σ(beta·x), with the low part of y applied as σ(yh)(1 + yl·σ(−yh))
	 * and e^y scaled below −40; 1 where beta·x &gt; threshold, as PyTorch's
	 * {@code softplus_backward_kernel} (so the derivative jumps there, as PyTorch's
	 * does).
	 *
	 * <p>
	 * Event (where the threshold does not apply): the textbook e^(beta·x) overflows
	 * (beta·x &gt; 709.78), or 1 + e^(beta·x) rounds to 1 and the result flushes to 0
	 * while the true value e^(beta·x)/beta is not 0 (ln(2^−1075·beta) &lt; beta·x &lt;
	 * −36.74). Derivative event (likewise): the textbook e^(beta·x)/(1 + e^(beta·x)) is
	 * ∞/∞ = NaN for beta·x &gt; 709.78.
	 * @param beta a positive sharpness
	 * @param threshold the linear cut-over, or NaN for none
	 * @return the function
	 */
	public static ScalarFunction softplus(double beta, double threshold) {
		ScalarFunction scalar = scalarSoftplus(beta, threshold);
		if (beta == 1.0 && Double.isNaN(threshold)) {
			return Vectorized.of(scalar, (in, out, f) -> VectorKernels.softplus(in, out, f));
		}
		return scalar;
	}

	private static ScalarFunction scalarSoftplus(double beta, double threshold) {
		double underflow = LN_UNDERFLOW + Math.log(beta);
		boolean thresholded = !Double.isNaN(threshold);
		return ScalarFunction.of((x) -> {
			double yh = beta * x;
			if (thresholded && yh > threshold) {
				return x;
			}
			if (Double.isInfinite(yh)) {
				return (yh > 0) ? x : 0.0;
			}
			double yl = Math.fma(beta, x, -yh);
			if (yh > 0) {
				double e = Math.exp(-yh);
				double g = Math.log1p(e) - yl * (e / (1.0 + e));
				return x + g / beta;
			}
			if (yh < TAIL) {
				return DoubleDouble.scaledExp(1.0, beta, yh, yl);
			}
			double e = Math.exp(yh);
			double g = Math.log1p(e) + yl * (e / (1.0 + e));
			return g / beta;
		}, (x) -> {
			double y = beta * x;
			if (thresholded && y > threshold) {
				return false;
			}
			return y > LN_MAX || (y < LN_HALF_ULP_OF_ONE && y > underflow);
		}, (x) -> {
			double yh = beta * x;
			if (thresholded && yh > threshold) {
				return 1.0;
			}
			if (Double.isInfinite(yh)) {
				return (yh > 0) ? 1.0 : 0.0;
			}
			return sigmoid(yh, Math.fma(beta, x, -yh));
		}, (x) -> {
			double y = beta * x;
			return !(thresholded && y > threshold) && y > LN_MAX;
		});
	}

	/**
	 * Returns σ(x) = 1 / (1 + e^−x), within 2 ulp; subnormal below x ≈ −708.4, zero below
	 * −745.13.
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
	 * σ(xh + xl) for a double-double argument: σ(xh)(1 + xl·σ(−xh)), and e^x scaled by
	 * 2^k below −40.
	 */
	static double sigmoid(double xh, double xl) {
		if (xh < TAIL) {
			return DoubleDouble.scaledExp(1.0, 1.0, xh, xl);
		}
		double s = sigmoid(xh);
		return Math.fma(s, xl * (1.0 - s), s);
	}

	/**
	 * Returns a·σ(b), accurate where σ(b) is subnormal but the product is not (scaled by
	 * 2^k for b &lt; −40), within 3 ulp.
	 * @param a the factor
	 * @param b the argument of σ
	 * @return a·σ(b)
	 */
	static double timesSigmoid(double a, double b) {
		if (b < TAIL) {
			return DoubleDouble.scaledExp(a, 1.0, b, 0.0);
		}
		return a * sigmoid(b);
	}

	/**
	 * Returns σ′(x) = σ(x)σ(−x) = E/(1 + E)², E = e^−|x|, within 2 ulp; E itself, scaled,
	 * for |x| &gt; 40.
	 * @param x the argument
	 * @return the derivative of the logistic function at x
	 */
	static double sigmoidDerivative(double x) {
		double a = Math.abs(x);
		if (a > -TAIL) {
			return DoubleDouble.scaledExp(1.0, 1.0, -a, 0.0);
		}
		return overOnePlusSquared(Math.exp(-a));
	}

	/**
	 * Returns e/(1 + e)² for 0 ≤ e ≤ 1, with 1 + e and its square in double-double, so
	 * that only the rounding of e and of the final division remain.
	 */
	static double overOnePlusSquared(double e) {
		double s = 1.0 + e;
		double sl = (1.0 - s) + e;
		double sq = s * s;
		double sql = Math.fma(s, s, -sq) + 2.0 * s * sl;
		double q = e / sq;
		return Math.fma(-q, sql / sq, q);
	}

	/**
	 * Returns σ(t)·(1 + k·σ(−t)) for double-double t and k: the shape of the derivative
	 * of u·σ(t(u)) (silu: t = k = x; gelu's tanh approximation: t = 2u, k = x·t′). With E
	 * = e^−|t|, it is E(1 + E + k)/(1 + E)² for t &lt; 0 and (1 + E + kE)/(1 + E)² for t
	 * ≥ 0, evaluated in double-double for |t| ≤ 40 (the sum cancels where the derivative
	 * has a zero); (1 + k)e^t, scaled by 2^k, below −40 (relative corrections of order E
	 * &lt; 2^−57 dropped); 1 + E(k − 1) above 40.
	 */
	static double sigmoidTimesOnePlus(double th, double tl, double kh, double kl) {
		if (th < TAIL) {
			return DoubleDouble.scaledExp((1.0 + kh) + kl, 1.0, th, tl);
		}
		if (th > -TAIL) {
			double e = Math.exp(-th);
			return 1.0 + e * (kh - 1.0);
		}
		double[] e = new double[2];
		double[] s = new double[2];
		double[] n = new double[2];
		if (th < 0) {
			DoubleDouble.exp(th, tl, e);
		}
		else {
			DoubleDouble.exp(-th, -tl, e);
		}
		DoubleDouble.add(1.0, 0.0, e[0], e[1], s);
		if (th < 0) {
			DoubleDouble.add(s[0], s[1], kh, kl, n);
			DoubleDouble.mul(n[0], n[1], e[0], e[1], n);
		}
		else {
			DoubleDouble.mul(kh, kl, e[0], e[1], n);
			DoubleDouble.add(n[0], n[1], s[0], s[1], n);
		}
		DoubleDouble.mul(s[0], s[1], s[0], s[1], s);
		DoubleDouble.div(n[0], n[1], s[0], s[1], n);
		return n[0] + n[1];
	}

}

package ai.activation.kernel;

import org.apache.commons.numbers.gamma.Erfc;

/**
 * The elementwise activation functions, in forms that stay accurate where the textbook
 * formulas overflow, cancel or flush to zero.
 *
 * <p>
 * For every finite argument each function returns a finite value within the stated ulp
 * bound of the correctly rounded true value (the bounds are measured in
 * {@code KernelAccuracyTests} and listed in {@code docs/accuracy.md}); the
 * piecewise-linear functions are exact (a single IEEE operation at most). The only
 * infinite results are where the true value itself is outside the double range; those
 * cases are named in the Javadoc of the function.
 *
 * <p>
 * {@link ScalarFunction#naiveFails(double)} is a cheap predicate (no exponential) telling
 * where the textbook formula in the Javadoc would overflow an intermediate, or return
 * NaN, ±∞ or a flushed zero; its exact definition is given per function.
 */
public final class Scalars {

	/** The largest x with e^x finite: ln(Double.MAX_VALUE). */
	static final double LN_MAX = 709.782712893384;

	/** ln(2^−1075): e^x rounds to zero at and below this. */
	static final double LN_UNDERFLOW = -745.1332191019411;

	/** −53·ln 2: at and below this, 1 + e^x rounds to 1. */
	static final double LN_HALF_ULP_OF_ONE = -36.7368005696771;

	/**
	 * 2^−54: for 0 &lt; |x| ≤ this, e^x and e^−x both round to 1 (and e^x − 1 to 0) for x
	 * &lt; 0.
	 */
	static final double EXP_FLUSH = 0x1p-54;

	/**
	 * Beyond this distance below zero, x·e^x is computed by scaling (σ(x) = e^x to
	 * 4e−18).
	 */
	static final double TAIL = -40.0;

	private Scalars() {
	}

	/** step(x) = 1 if x &gt; 0, else 0 (step(±0) = 0). Exact. */
	public static final ScalarFunction STEP = (x) -> (x > 0) ? 1.0 : 0.0;

	/** identity(x) = x. Exact. */
	public static final ScalarFunction IDENTITY = (x) -> x;

	/** relu(x) = max(0, x); relu(−0) = +0. Exact. */
	public static final ScalarFunction RELU = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.max(0.0, x);
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

	/** relu6(x) = min(max(0, x), 6). Exact. */
	public static final ScalarFunction RELU6 = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.min(Math.max(0.0, x), 6.0);
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
	 * sigmoid(x) = σ(x) = 1 / (1 + e^−x), evaluated as e^x / (1 + e^x) for x &lt; 0 so
	 * that the left tail is e^x itself, subnormal below x ≈ −708.4 and zero below
	 * −745.13. Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook 1/(1 + e^−x) overflows e^−x for x &lt; −ln(MAX_VALUE) ≈ −709.78
	 * (and then returns 0 where the true value is subnormal).
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

		/** With the Vector API: the lanewise EXP, the special lanes by {@link #value}. */
		@Override
		public long applyAll(double[] in, double[] out) {
			return Simd.AVAILABLE ? VectorKernels.sigmoid(in, out) : ScalarFunction.super.applyAll(in, out);
		}
	};

	/**
	 * tanh x, by {@link Math#tanh(double)}: ±1 for |x| &gt; 19.1, x for tiny x. Within 2
	 * ulp.
	 *
	 * <p>
	 * Event: the textbook (e^x − e^−x)/(e^x + e^−x) gives ∞/∞ = NaN for |x| &gt; 709.78,
	 * and a flushed 0 for 0 &lt; |x| ≤ 2^−54, where e^x and e^−x both round to 1.
	 */
	public static final ScalarFunction TANH = new ScalarFunction() {
		@Override
		public double value(double x) {
			return Math.tanh(x);
		}

		@Override
		public boolean naiveFails(double x) {
			double a = Math.abs(x);
			return a > LN_MAX || (a != 0 && a <= EXP_FLUSH);
		}

		/**
		 * With the Vector API: the lanewise TANH, the special lanes by {@link #value}.
		 */
		@Override
		public long applyAll(double[] in, double[] out) {
			return Simd.AVAILABLE ? VectorKernels.tanh(in, out) : ScalarFunction.super.applyAll(in, out);
		}
	};

	/** softsign(x) = x / (1 + |x|); ±1 once |x| ≥ 2^53. Within 2 ulp; no events. */
	public static final ScalarFunction SOFTSIGN = (x) -> x / (1.0 + Math.abs(x));

	/**
	 * hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1), evaluated as (x + 3)/6 (exact sum near
	 * −3). Within 1 ulp; no events.
	 */
	public static final ScalarFunction HARDSIGMOID = (x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return 1.0;
		}
		return (x + 3.0) / 6.0;
	};

	/**
	 * hardswish(x) = x · hardsigmoid(x): 0 for x ≤ −3, x for x ≥ 3, else x(x + 3)/6.
	 * Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook x·relu6(x + 3)/6 overflows x·6 for x &gt; MAX_VALUE/6 ≈
	 * 3.0e307.
	 */
	public static final ScalarFunction HARDSWISH = ScalarFunction.of((x) -> {
		if (x <= -3.0) {
			return 0.0;
		}
		if (x >= 3.0) {
			return x;
		}
		return x * (x + 3.0) / 6.0;
	}, (x) -> x > Double.MAX_VALUE / 6.0);

	/**
	 * tanhshrink(x) = x − tanh x. Three regimes: for |x| &lt; 1/2 the odd series x³(1/3 −
	 * 2x²/15 + …) with x³ and the leading coefficient in double-double; for 1/2 ≤ |x|
	 * &lt; 2 the exact identity (|x| − 1) + 2E/(1 + E), E = e^−2|x|, in double-double
	 * (the cancellation there amplifies the error of a double tanh up to 14-fold);
	 * beyond, x − tanh x directly. Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook x − tanh x flushes to 0 where tanh x rounds to x, that is for
	 * 2e−108 ≤ |x| ≤ 1.3e−8 (below 2e−108 the true value x³/3 rounds to 0 too).
	 */
	public static final ScalarFunction TANHSHRINK = ScalarFunction.of((x) -> tanhshrink(x), (x) -> {
		double a = Math.abs(x);
		return a >= 2e-108 && a <= 1.3e-8;
	});

	/**
	 * logsigmoid(x) = log σ(x) = −softplus(−x): x − log1p(e^x) for x &lt; 0, −log1p(e^−x)
	 * otherwise, so the right tail is −e^−x (subnormal beyond 708.4) and the left tail is
	 * x. Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook log(1/(1 + e^−x)) overflows e^−x for x &lt; −709.78 (giving
	 * −∞), and flushes to 0 for 36.74 &lt; x &lt; 745.13, where 1 + e^−x rounds to 1 but
	 * the true value −e^−x is not 0.
	 */
	public static final ScalarFunction LOGSIGMOID = ScalarFunction.of(
			(x) -> (x < 0) ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x)),
			(x) -> -x > LN_MAX || (-x < LN_HALF_ULP_OF_ONE && -x > LN_UNDERFLOW));

	/**
	 * silu(x) = x · σ(x): x/(1 + e^−x) for x ≥ −40; below, x·e^x·(1 − e^x) ≈ x·e^x
	 * computed by scaling with 2^k, so that the result is accurate where σ(x) is
	 * subnormal but the product is not, and subnormal results carry a single rounding
	 * (non-zero down to x ≈ −751.5). Within 3 ulp.
	 *
	 * <p>
	 * Event: the textbook x/(1 + e^−x) overflows e^−x for x &lt; −709.78.
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

		/** With the Vector API: the lanewise EXP, lanes below −40 by {@link #value}. */
		@Override
		public long applyAll(double[] in, double[] out) {
			return Simd.AVAILABLE ? VectorKernels.silu(in, out) : ScalarFunction.super.applyAll(in, out);
		}
	};

	/**
	 * mish(x) = x · tanh(softplus(x)) = x · n/(n + 2) with n = e^x(e^x + 2); for x &gt; 0
	 * as x · (1 − 2E²/(1 + 2E + 2E²)), E = e^−x; for x &lt; −40 as x·e^x by scaling
	 * (non-zero down to x ≈ −751.5). Within 3 ulp.
	 *
	 * <p>
	 * Event: the textbook x·tanh(log(1 + e^x)) overflows e^x for x &gt; 709.78, and
	 * flushes to 0 for −745.13 &lt; x &lt; −36.74, where 1 + e^x rounds to 1.
	 */
	public static final ScalarFunction MISH = ScalarFunction.of((x) -> {
		if (x < TAIL) {
			return DoubleDouble.scaledExp(x, 1.0, x, 0.0);
		}
		if (x > 0) {
			double e = Math.exp(-x);
			double e2 = 2.0 * e * e;
			return x - x * (e2 / (1.0 + 2.0 * e + e2));
		}
		double e = Math.exp(x);
		double n = e * (e + 2.0);
		return x * n / (n + 2.0);
	}, (x) -> x > LN_MAX || (x < LN_HALF_ULP_OF_ONE && x > LN_UNDERFLOW));

	/** 1/√2 as a double-double. */
	private static final double SQRT1_2_HI = 0.7071067811865476;

	private static final double SQRT1_2_LO = -4.833646656726457e-17;

	/** 1/√(2π) as a double-double. */
	private static final double INV_SQRT_2PI_HI = 0.3989422804014327;

	private static final double INV_SQRT_2PI_LO = -2.49232720227773e-17;

	/** 2/√π. */
	private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

	/**
	 * gelu(x) = x · Φ(x) = (x/2) · erfc(−x/√2). The argument z = −x/√2 is formed in
	 * double-double and its low part applied as erfc(zh + zl) ≈ erfc(zh)·(1 +
	 * zl·erfc′(zh)/erfc(zh)), since the rounding of z is amplified about 2z² in the left
	 * tail. For x &lt; −30 the Mills-ratio series −φ(x)·(1 − 1/x² + 3/x⁴ − 15/x⁶ + …) is
	 * used, with e^(−x²/2) in double-double and scaled by 2^k, so that subnormal results
	 * (x ≈ −37.5 … −38.6) still carry a single rounding. Within 3 ulp.
	 *
	 * <p>
	 * Event: in the textbook (x/2)(1 + erf(x/√2)), erf rounds to −1 for x &lt; −8.3744,
	 * flushing the result to 0 where the true value is not 0 (down to x ≈ −38.58).
	 */
	public static final ScalarFunction GELU = ScalarFunction.of((x) -> gelu(x),
			(x) -> x < -8.374388923067457 && x > -38.58);

	/** √(2/π) as a double-double. */
	private static final double SQRT_2_PI_HI = 0.7978845608028654;

	private static final double SQRT_2_PI_LO = -4.98465440455546e-17;

	/** 0.044715 as a double-double. */
	private static final double GELU_C_HI = 0.044715;

	private static final double GELU_C_LO = 2.1960211427085595e-18;

	/**
	 * gelu with the tanh approximation: (x/2)(1 + tanh u) = x·σ(2u), u = √(2/π)(x +
	 * 0.044715 x³), with the decimal constant 0.044715 taken exactly. 2u is formed in
	 * double-double (its rounding is amplified |2u|-fold in the left tail), σ(2u)
	 * corrected by its low part, and for 2u &lt; −40 the product x·e^(2u) is scaled by
	 * 2^k. x for x ≥ 10, −0 below −30 (true value &lt; 1e−800). Within 3 ulp.
	 *
	 * <p>
	 * Event: in the textbook, tanh u rounds to −1 for x &lt; −7.2 and the result flushes
	 * to 0 where the true value is not 0 (down to x ≈ −21.547).
	 */
	public static final ScalarFunction GELU_TANH = ScalarFunction.of((x) -> geluTanh(x),
			(x) -> x < -7.200040557303352 && x > -21.547);

	/** PyTorch's SELU scale. */
	public static final double SELU_SCALE = 1.0507009873554804934193349852946;

	/** PyTorch's SELU alpha. */
	public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

	/** SELU_SCALE · SELU_ALPHA, from the decimal constants, correctly rounded. */
	private static final double SELU_SCALE_ALPHA = 1.7580993408473768;

	/**
	 * selu(x) = scale · (x if x &gt; 0, else alpha · (e^x − 1)), with PyTorch's decimal
	 * constants; the negative part as (scale·alpha)·expm1(x). Within 2 ulp. Out of range:
	 * for x &gt; MAX_VALUE/scale ≈ 1.71e308 the true value exceeds MAX_VALUE and +∞ is
	 * returned.
	 *
	 * <p>
	 * Event: the textbook e^x − 1 flushes to 0 for −2^−54 ≤ x &lt; 0.
	 */
	public static final ScalarFunction SELU = ScalarFunction
		.of((x) -> (x > 0) ? SELU_SCALE * x : SELU_SCALE_ALPHA * Math.expm1(x), (x) -> x < 0 && x >= -EXP_FLUSH);

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
	 * The series coefficients c_j of x − tanh x = x³ Σ c_j x^(2j), c_0 = 1/3 excluded (in
	 * double-double).
	 */
	private static final double[] TANHSHRINK_SERIES = tanhshrinkSeries(22);

	private static final double THIRD_HI = 1.0 / 3.0;

	private static final double THIRD_LO = 1.850371707708594e-17;

	private static double[] tanhshrinkSeries(int n) {
		// tanh x = Σ a_k x^(2k+1) with a_0 = 1 and (2k+1) a_k = −Σ_{i+j=k−1} a_i a_j
		// (from tanh′ = 1 − tanh²)
		double[] a = new double[n + 2];
		a[0] = 1.0;
		for (int k = 1; k < a.length; k++) {
			double s = 0;
			for (int i = 0; i <= k - 1; i++) {
				s += a[i] * a[k - 1 - i];
			}
			a[k] = -s / (2 * k + 1);
		}
		double[] c = new double[n];
		for (int j = 0; j < n; j++) {
			c[j] = -a[j + 2];
		}
		return c;
	}

	static double tanhshrink(double x) {
		double a = Math.abs(x);
		double[] t = new double[2];
		if (a < 0.5) {
			double y = x * x;
			double yl = Math.fma(x, x, -y);
			double x3 = y * x;
			double x3l = Math.fma(y, x, -x3) + yl * x;
			double q = 0;
			double[] c = TANHSHRINK_SERIES;
			for (int j = c.length - 1; j >= 0; j--) {
				q = q * y + c[j];
			}
			DoubleDouble.add(THIRD_HI, THIRD_LO, q * y, 0.0, t);
			DoubleDouble.mul(x3, x3l, t[0], t[1], t);
			return t[0] + t[1];
		}
		if (a < 2.0) {
			double[] e = new double[2];
			DoubleDouble.exp(-2.0 * a, 0.0, e);
			DoubleDouble.add(1.0, 0.0, e[0], e[1], t);
			DoubleDouble.div(2.0 * e[0], 2.0 * e[1], t[0], t[1], t);
			DoubleDouble.add(a - 1.0, 0.0, t[0], t[1], t);
			double r = t[0] + t[1];
			return (x < 0) ? -r : r;
		}
		return x - Math.tanh(x);
	}

	static double gelu(double x) {
		if (x > 10.0) {
			// 1 − Φ(x) < 1e−23: x·Φ(x) rounds to x (and 2x would overflow near MAX_VALUE)
			return x;
		}
		if (x < -40.0) {
			// |x·Φ(x)| < φ(40) ≈ 1.5e−348: rounds to −0
			return -0.0;
		}
		if (x < -30.0) {
			// x·Φ(x) = −φ(x)·S, S = Σ (−1)^n (2n−1)!! / x^(2n)
			double r = 1.0 / (x * x);
			double s = 1.0;
			double term = 1.0;
			for (int n = 1; n <= 12; n++) {
				term *= -(2 * n - 1) * r;
				s += term;
			}
			double h = x * x;
			double l = Math.fma(x, x, -h);
			return DoubleDouble.scaledExp(-INV_SQRT_2PI_HI * s, 1.0, -0.5 * h,
					-0.5 * l + INV_SQRT_2PI_LO / INV_SQRT_2PI_HI);
		}
		// z = −x/√2 in double-double
		double zh = -x * SQRT1_2_HI;
		double zl = Math.fma(-x, SQRT1_2_HI, -zh) + -x * SQRT1_2_LO;
		double e = Erfc.value(zh);
		if (zh > 0.5) {
			// d/dz log erfc(z) = −(2/√π) e^(−z²) / erfc(z)
			double ratio = (zh < 26.0) ? -TWO_OVER_SQRT_PI * Math.exp(-zh * zh) / e : -2.0 * zh - 1.0 / zh;
			e = Math.fma(e, zl * ratio, e);
		}
		else {
			e -= TWO_OVER_SQRT_PI * Math.exp(-zh * zh) * zl;
		}
		return 0.5 * (x * e);
	}

	static double geluTanh(double x) {
		if (x >= 10.0) {
			return x;
		}
		if (x < -30.0) {
			return -0.0;
		}
		// t = 2u = 2√(2/π)(x + c x³) in double-double
		double[] t = new double[2];
		DoubleDouble.mul(x, 0.0, x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], GELU_C_HI, GELU_C_LO, t);
		DoubleDouble.add(t[0], t[1], x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], 2.0 * SQRT_2_PI_HI, 2.0 * SQRT_2_PI_LO, t);
		double th = t[0];
		double tl = t[1];
		if (th < TAIL) {
			return DoubleDouble.scaledExp(x, 1.0, th, tl);
		}
		double s = sigmoid(th);
		// σ(th + tl) ≈ σ(th)(1 + tl(1 − σ(th)))
		return x * Math.fma(s, tl * (1.0 - s), s);
	}

	/**
	 * leaky_relu(x) = x if x &gt; 0, else slope·x; also prelu and rrelu in evaluation
	 * mode. Exact (one multiplication). Out of range: with |slope| &gt; 1 and x near
	 * −MAX_VALUE the true value exceeds the double range and ±∞ is returned. No events.
	 * @param slope the slope for x ≤ 0
	 * @return the function
	 */
	public static ScalarFunction leaky(double slope) {
		return (x) -> (x > 0) ? x : slope * x;
	}

	/**
	 * elu(x) = x if x &gt; 0, else alpha·(e^x − 1), with expm1 near zero. Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook e^x − 1 flushes to 0 for −2^−54 ≤ x &lt; 0.
	 * @param alpha the scale of the negative part
	 * @return the function
	 */
	public static ScalarFunction elu(double alpha) {
		return ScalarFunction.of((x) -> (x > 0) ? x : alpha * Math.expm1(x),
				(x) -> x < 0 && x >= -EXP_FLUSH && alpha != 0);
	}

	/**
	 * celu(x) = max(0, x) + min(0, alpha·(e^(x/alpha) − 1)): x for x &gt; 0, else
	 * alpha·expm1(q) with q = x/alpha formed in double-double (for alpha &lt; 0, q is
	 * positive and its rounding is amplified q-fold) and, for q &gt; 40, alpha·e^q scaled
	 * by 2^k so that it does not overflow before the true value does. Within 3 ulp. Out
	 * of range: for alpha &lt; 0 and x/alpha &gt; ln(MAX_VALUE/|alpha|) the true value is
	 * below −MAX_VALUE and −∞ is returned.
	 *
	 * <p>
	 * Event (x &lt; 0 only): the textbook e^(x/alpha) overflows (x/alpha &gt; 709.78)
	 * while the true value is finite, or e^(x/alpha) − 1 flushes to 0 (|x/alpha| ≤
	 * 2^−54).
	 * @param alpha a non-zero scale
	 * @return the function
	 */
	public static ScalarFunction celu(double alpha) {
		double overflow = LN_MAX - Math.log(Math.abs(alpha));
		return ScalarFunction.of((x) -> {
			if (x > 0) {
				return x;
			}
			double qh = x / alpha;
			if (Double.isInfinite(qh)) {
				return (qh > 0) ? Double.NEGATIVE_INFINITY : -alpha;
			}
			double ql = Math.fma(-qh, alpha, x) / alpha;
			if (qh > 40.0) {
				return DoubleDouble.scaledExp(alpha, 1.0, qh, ql);
			}
			double m = Math.expm1(qh);
			// expm1(qh + ql) ≈ m + (m + 1)·ql
			return alpha * Math.fma(m + 1.0, ql, m);
		}, (x) -> {
			if (!(x < 0)) {
				return false;
			}
			double q = x / alpha;
			return (q > LN_MAX && q <= overflow) || Math.abs(q) <= EXP_FLUSH;
		});
	}

	/**
	 * softplus(x) = (1/beta)·log(1 + e^(beta·x)); with a threshold, x where beta·x &gt;
	 * threshold (PyTorch). y = beta·x is formed in double-double (its rounding is
	 * amplified |y|-fold in the left tail): x + log1p(e^−y)/beta for y &gt; 0,
	 * log1p(e^y)/beta for −40 ≤ y ≤ 0, and e^y/beta scaled by 2^k below. Where beta·x
	 * overflows the result is x (beta·x → +∞) or 0 (→ −∞). Within 3 ulp. Out of range: a
	 * tiny beta with log(2)/beta &gt; MAX_VALUE.
	 *
	 * <p>
	 * Event (where the threshold does not apply): the textbook e^(beta·x) overflows
	 * (beta·x &gt; 709.78), or 1 + e^(beta·x) rounds to 1 and the result flushes to 0
	 * while the true value e^(beta·x)/beta is not 0 (ln(2^−1075·beta) &lt; beta·x &lt;
	 * −36.74).
	 * @param beta a positive sharpness
	 * @param threshold the linear cut-over, or NaN for none
	 * @return the function
	 */
	public static ScalarFunction softplus(double beta, double threshold) {
		double underflow = LN_UNDERFLOW + Math.log(beta);
		return ScalarFunction.of((x) -> {
			double yh = beta * x;
			if (!Double.isNaN(threshold) && yh > threshold) {
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
			if (!Double.isNaN(threshold) && y > threshold) {
				return false;
			}
			return y > LN_MAX || (y < LN_HALF_ULP_OF_ONE && y > underflow);
		});
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
	 * softshrink(x) = x − lambda above lambda, x + lambda below −lambda, else 0.
	 * Correctly rounded (one subtraction).
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

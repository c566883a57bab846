package ai.activation.kernel;

import static ai.activation.kernel.Scalars.EXP_FLUSH;
import static ai.activation.kernel.Scalars.LN_HALF_ULP_OF_ONE;
import static ai.activation.kernel.Scalars.LN_MAX;
import static ai.activation.kernel.Scalars.LN_UNDERFLOW;
import static ai.activation.kernel.Scalars.TAIL;

/**
 * The hyperbolic family: tanh, tanhshrink, softsign and mish (x·tanh(softplus x)). The
 * derivatives use sech² forms, 4E/(1 + E)² with E = e^−2|x|, never 1 − tanh², which
 * cancels to 0 near saturation.
 */
public final class Hyperbolic {

	/** 55·ln(2)/2: beyond this |x|, tanh x rounds to ±1. */
	static final double TANH_SATURATES = 19.061547465398496;

	/** Beyond this |x|, sech² x ≈ 4e^−2|x| rounds to 0: (1075·ln 2 + ln 4)/2. */
	static final double SECH2_UNDERFLOWS = 373.25975673153055;

	/** √MAX_VALUE: above it, x² overflows. */
	private static final double SQRT_MAX = 1.3407807929942596e154;

	private Hyperbolic() {
	}

	/**
	 * tanh x, by {@link Math#tanh(double)}: ±1 for |x| &gt; 19.1, x for tiny x. Within 2
	 * ulp.
	 *
	 * <p>
	 * tanh′(x) = sech² x = 4E/(1 + E)², E = e^−2|x| (4σ′(2x)), with (1 + E)² in
	 * double-double, and 4E scaled by 2^k (subnormal beyond |x| ≈ 354) for |x| &gt; 20.
	 *
	 * <p>
	 * Event: the textbook (e^x − e^−x)/(e^x + e^−x) gives ∞/∞ = NaN for |x| &gt; 709.78,
	 * and a flushed 0 for 0 &lt; |x| ≤ 2^−54, where e^x and e^−x both round to 1.
	 * Derivative event: the textbook 1 − tanh² x flushes to 0 for 19.06 &lt; |x| &lt;
	 * 373.26, where tanh x rounds to ±1 but sech² x is not 0.
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

		@Override
		public double derivative(double x) {
			return 4.0 * Logistic.sigmoidDerivative(2.0 * x);
		}

		@Override
		public boolean naiveDerivativeFails(double x) {
			double a = Math.abs(x);
			return a > TANH_SATURATES && a < SECH2_UNDERFLOWS;
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
	private static double softsign(double x) {
		return x / (1.0 + Math.abs(x));
	}

	/**
	 * softsign(x) = x / (1 + |x|); ±1 once |x| ≥ 2^53. Within 2 ulp; no events.
	 *
	 * <p>
	 * softsign′(x) = 1/(1 + |x|)², with 1 + |x| and its reciprocal in double-double, and
	 * one rounding at the end (subnormal beyond |x| ≈ 1.3e154, 0 beyond 2^537.5).
	 * Derivative event: the textbook 1/(1 + |x|)² overflows the square, giving 0, for
	 * 1.34e154 &lt; |x| &lt; 2^537, where the true value is not 0.
	 */
	public static final ScalarFunction SOFTSIGN = ScalarFunction.of(Hyperbolic::softsign, (x) -> false, (x) -> {
		double a = Math.abs(x);
		double s = 1.0 + a;
		double sl = (a > 1.0) ? (a - s) + 1.0 : (1.0 - s) + a;
		double r = 1.0 / s;
		double rl = (Math.fma(-r, s, 1.0) - r * sl) / s;
		return Math.fma(r, r, 2.0 * r * rl);
	}, (x) -> {
		double a = Math.abs(x);
		return a > SQRT_MAX && a < 0x1p537;
	});

	/**
	 * tanhshrink(x) = x − tanh x. Three regimes: for |x| &lt; 1/2 the odd series x³(1/3 −
	 * 2x²/15 + …) with x³ and the leading coefficient in double-double; for 1/2 ≤ |x|
	 * &lt; 2 the exact identity (|x| − 1) + 2E/(1 + E), E = e^−2|x|, in double-double
	 * (the cancellation there amplifies the error of a double tanh up to 14-fold);
	 * beyond, x − tanh x directly. Within 2 ulp. The bulk path
	 * ({@code VectorKernels.tanhshrink}, with the Vector API) is a fitted polynomial for
	 * |x| &lt; 1.118 and the identity with the lanewise EXP beyond, within the same 2
	 * ulp.
	 *
	 * <p>
	 * tanhshrink′(x) = tanh² x, from tanh x in double-double (x minus the series for |x|
	 * &lt; 1/2, 1 − 2E/(1 + E) up to |x| = 20), squared with one rounding; 1 beyond 20 (1
	 * − tanh² x &lt; 4e^−40 &lt; 2^−54).
	 *
	 * <p>
	 * Event: the textbook x − tanh x flushes to 0 where tanh x rounds to x, that is for
	 * 2e−108 ≤ |x| ≤ 1.3e−8 (below 2e−108 the true value x³/3 rounds to 0 too).
	 * Derivative event: the textbook 1 − sech² x = 1 − (1 − tanh² x), which is what
	 * differentiating x − tanh x gives, flushes to 0 for |x| &lt; 2^−27 (1 − x² rounds to
	 * 1) where x² is not 0.
	 */
	public static final ScalarFunction TANHSHRINK = Vectorized.of(ScalarFunction.of(Hyperbolic::tanhshrink, (x) -> {
		double a = Math.abs(x);
		return a >= 2e-108 && a <= 1.3e-8;
	}, (x) -> {
		if (Math.abs(x) > 20.0) {
			return 1.0;
		}
		double[] t = new double[2];
		tanh(x, t);
		return Math.fma(t[0], t[0], 2.0 * t[0] * t[1]);
	}, (x) -> {
		double a = Math.abs(x);
		return a < 0x1p-27 && a * a != 0;
	}), (in, out, scalar) -> VectorKernels.tanhshrink(in, out, scalar));

	/**
	 * mish(x) = x · tanh(softplus(x)) = x · n/(n + 2) with n = e^x(e^x + 2); for x &gt; 0
	 * as x · (1 − 2E²/(1 + 2E + 2E²)), E = e^−x; for x &lt; −40 as x·e^x by scaling
	 * (non-zero down to x ≈ −751.5). Within 3 ulp.
	 *
	 * <p>
	 * mish′(x) = tanh(sp) + x·σ(x)·sech²(sp), sp = softplus(x); with E = e^x, n = E(E +
	 * 2) and w = n + 2 this is (n·w + 4xE(1 + E))/w², evaluated in double-double for |x|
	 * ≤ 40 (mish′ has a zero at x ≈ −1.1924, where the sum cancels); (1 + x)e^x, scaled,
	 * below −40 (relative corrections of order e^x dropped); 1 above 40 (mish′ − 1 &lt;
	 * 4x·e^−2x).
	 *
	 * <p>
	 * Event: the textbook x·tanh(log(1 + e^x)) overflows e^x for x &gt; 709.78, and
	 * flushes to 0 for −745.13 &lt; x &lt; −36.74, where 1 + e^x rounds to 1. Derivative
	 * event: the same spots in the textbook tanh(sp) + x·σ(x)·(1 − tanh²(sp)), PyTorch's
	 * {@code mish_backward_kernel}: e^x overflows, or softplus flushes to 0 and the
	 * result loses its leading term (it returns x·σ(x) for (1 + x)e^x).
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
	}, Hyperbolic::mishFails, Hyperbolic::mishDerivative, Hyperbolic::mishFails);

	private static boolean mishFails(double x) {
		return x > LN_MAX || (x < LN_HALF_ULP_OF_ONE && x > LN_UNDERFLOW);
	}

	private static double mishDerivative(double x) {
		if (x < TAIL) {
			return DoubleDouble.scaledExp(1.0 + x, 1.0, x, 0.0);
		}
		if (x > -TAIL) {
			return 1.0;
		}
		double[] e = new double[2];
		double[] n = new double[2];
		double[] w = new double[2];
		double[] u = new double[2];
		DoubleDouble.exp(x, 0.0, e);
		DoubleDouble.add(e[0], e[1], 2.0, 0.0, n);
		DoubleDouble.mul(n[0], n[1], e[0], e[1], n);
		DoubleDouble.add(n[0], n[1], 2.0, 0.0, w);
		// 4x·E·(1 + E)
		DoubleDouble.add(e[0], e[1], 1.0, 0.0, u);
		DoubleDouble.mul(u[0], u[1], e[0], e[1], u);
		DoubleDouble.mul(u[0], u[1], 4.0 * x, 0.0, u);
		DoubleDouble.mul(n[0], n[1], w[0], w[1], n);
		DoubleDouble.add(n[0], n[1], u[0], u[1], n);
		DoubleDouble.mul(w[0], w[1], w[0], w[1], w);
		DoubleDouble.div(n[0], n[1], w[0], w[1], n);
		return n[0] + n[1];
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

	/** Writes x − tanh x for |x| &lt; 1/2, by its series, as a double-double. */
	private static void tanhshrinkSeries(double x, double[] t) {
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
	}

	/**
	 * Writes 1 − tanh a = 2E/(1 + E), E = e^−2a, for 0 ≤ a &lt; 350, as a double-double.
	 */
	private static void oneMinusTanh(double a, double[] t) {
		double[] e = new double[2];
		DoubleDouble.exp(-2.0 * a, 0.0, e);
		DoubleDouble.add(1.0, 0.0, e[0], e[1], t);
		DoubleDouble.div(2.0 * e[0], 2.0 * e[1], t[0], t[1], t);
	}

	/** Writes tanh x for |x| ≤ 20 as a double-double. */
	private static void tanh(double x, double[] t) {
		double a = Math.abs(x);
		if (a < 0.5) {
			tanhshrinkSeries(x, t);
			DoubleDouble.add(x, 0.0, -t[0], -t[1], t);
			return;
		}
		oneMinusTanh(a, t);
		DoubleDouble.add(1.0, 0.0, -t[0], -t[1], t);
		if (x < 0) {
			t[0] = -t[0];
			t[1] = -t[1];
		}
	}

	static double tanhshrink(double x) {
		double a = Math.abs(x);
		double[] t = new double[2];
		if (a < 0.5) {
			tanhshrinkSeries(x, t);
			return t[0] + t[1];
		}
		if (a < 2.0) {
			oneMinusTanh(a, t);
			DoubleDouble.add(a - 1.0, 0.0, t[0], t[1], t);
			double r = t[0] + t[1];
			return (x < 0) ? -r : r;
		}
		return x - Math.tanh(x);
	}

}

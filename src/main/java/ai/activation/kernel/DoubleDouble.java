package ai.activation.kernel;

/**
 * Error-free transformations and the few double-double operations the kernels need to
 * keep the rounding of an intermediate from being amplified, plus an exponential that
 * cannot under- or overflow before the final rounding.
 *
 * <p>
 * A double-double {@code (hi, lo)} stands for the unevaluated sum {@code hi + lo} with
 * {@code |lo| ≤ ulp(hi)/2}; it carries about 106 bits. Methods returning one are written
 * into a caller-provided {@code double[2]} so that no allocation happens in the hot
 * loops.
 */
final class DoubleDouble {

	/**
	 * ln 2, high part with 32 trailing zero bits so that {@code k * LN2_HI} is exact for
	 * |k| &lt; 2^20.
	 */
	static final double LN2_HI = 6.93147180369123816490e-01;

	/** ln 2 − LN2_HI. */
	static final double LN2_LO = 1.90821492927058770002e-10;

	/** 1 / ln 2. */
	static final double INV_LN2 = 1.4426950408889634;

	private DoubleDouble() {
	}

	/**
	 * Writes {@code a + b} exactly as {@code (hi, lo)} (Knuth's two-sum).
	 * @param a an addend
	 * @param b an addend
	 * @param out receives {@code hi = fl(a + b)} and the rounding error {@code lo}
	 */
	static void twoSum(double a, double b, double[] out) {
		double s = a + b;
		double bb = s - a;
		double err = (a - (s - bb)) + (b - bb);
		out[0] = s;
		out[1] = err;
	}

	/**
	 * Adds two double-doubles, writing the normalised result.
	 * @param ah high part of a
	 * @param al low part of a
	 * @param bh high part of b
	 * @param bl low part of b
	 * @param out receives the sum
	 */
	static void add(double ah, double al, double bh, double bl, double[] out) {
		twoSum(ah, bh, out);
		double hi = out[0];
		double lo = out[1] + (al + bl);
		double s = hi + lo;
		out[1] = lo - (s - hi);
		out[0] = s;
	}

	/**
	 * Multiplies a double-double by a double-double, writing the normalised result.
	 * @param ah high part of a
	 * @param al low part of a
	 * @param bh high part of b
	 * @param bl low part of b
	 * @param out receives the product
	 */
	static void mul(double ah, double al, double bh, double bl, double[] out) {
		double p = ah * bh;
		double e = Math.fma(ah, bh, -p) + (ah * bl + al * bh);
		double s = p + e;
		out[1] = e - (s - p);
		out[0] = s;
	}

	/**
	 * Divides a double-double by a double-double, writing the normalised result (one
	 * Newton step).
	 * @param ah high part of the dividend
	 * @param al low part of the dividend
	 * @param bh high part of the divisor
	 * @param bl low part of the divisor
	 * @param out receives the quotient
	 */
	static void div(double ah, double al, double bh, double bl, double[] out) {
		double q = ah / bh;
		// remainder r = a − q·b, computed exactly enough
		double p = q * bh;
		double pe = Math.fma(q, bh, -p);
		double r = ((ah - p) - pe) + al - q * bl;
		double c = r / bh;
		double s = q + c;
		out[1] = c - (s - q);
		out[0] = s;
	}

	/**
	 * Returns {@code a · e^(th + tl) / b}, rounded once at the end, so that the result is
	 * accurate (within about 2 ulp) even where e^t alone would overflow or be subnormal
	 * while the result is not, and subnormal results carry one rounding only.
	 * @param a a finite factor
	 * @param b a finite non-zero divisor
	 * @param th the exponent, high part
	 * @param tl the exponent, low part (small against th)
	 * @return the product, ±∞ or ±0 where the true value is outside the double range
	 */
	static double scaledExp(double a, double b, double th, double tl) {
		return scaledExp(a, b, th, tl, 0);
	}

	/**
	 * Returns {@code a · e^(th + tl) / b · 2^scale}, rounded once at the end, as
	 * {@link #scaledExp(double, double, double, double)}.
	 * @param a a finite factor
	 * @param b a finite non-zero divisor
	 * @param th the exponent, high part
	 * @param tl the exponent, low part (small against th)
	 * @param scale a power of two to apply, |scale| &lt; 2500
	 * @return the product, ±∞ or ±0 where the true value is outside the double range
	 */
	static double scaledExp(double a, double b, double th, double tl, int scale) {
		double bound = th + scale * LN2_HI;
		if (a == 0.0 || bound < -1600.0) {
			return (a / b) * 0.0;
		}
		if (bound > 1600.0) {
			return (a / b) * Double.POSITIVE_INFINITY;
		}
		int k = (int) Math.rint(th * INV_LN2);
		// th − k ln2, with k·LN2_HI exact and th − k·LN2_HI exact (Sterbenz)
		double rh = th - k * LN2_HI;
		double c = k * LN2_LO;
		double r = rh - c;
		double rl = ((rh - r) - c) + tl;
		double m = Math.exp(r);
		m = Math.fma(m, rl, m);
		int ea = Math.getExponent(a);
		int eb = Math.getExponent(b);
		double fa = Math.scalb(a, -ea);
		double fb = Math.scalb(b, -eb);
		return Math.scalb(fa * m / fb, k + ea - eb + scale);
	}

	/**
	 * Returns {@code a · b · e^t}, rounded once at the end (after the two products of
	 * mantissas), where {@code a · b} alone may overflow or underflow.
	 * @param a a finite factor
	 * @param b a finite factor
	 * @param t the exponent
	 * @return the product
	 */
	static double productExp(double a, double b, double t) {
		if (a == 0.0 || b == 0.0) {
			return a * b * 0.0;
		}
		int ea = exponent(a);
		int eb = exponent(b);
		return scaledExp(Math.scalb(a, -ea) * Math.scalb(b, -eb), 1.0, t, 0.0, ea + eb);
	}

	/**
	 * Returns {@code a · b · c}, rounded once at the end (after the products of
	 * mantissas), where a partial product alone may overflow or underflow.
	 * @param a a finite factor
	 * @param b a finite factor
	 * @param c a finite factor
	 * @return the product, ±∞ or ±0 where it is outside the double range
	 */
	static double product(double a, double b, double c) {
		if (a == 0.0 || b == 0.0 || c == 0.0) {
			// the signed zero, without a·b overflowing to ∞·0 = NaN first
			return Math.copySign(1.0, a) * Math.copySign(1.0, b) * Math.copySign(0.0, c);
		}
		int ea = exponent(a);
		int eb = exponent(b);
		int ec = exponent(c);
		int e = ea + eb + ec;
		double m = Math.scalb(a, -ea) * Math.scalb(b, -eb) * Math.scalb(c, -ec);
		// scalb rounds once; keep the exponent within int range of scalb's clamp
		return Math.scalb(m, Math.max(-2200, Math.min(2200, e)));
	}

	/** The binary exponent e of a finite non-zero x, with x·2^−e in [1, 2). */
	static int exponent(double x) {
		int e = Math.getExponent(x);
		if (e < Double.MIN_EXPONENT) {
			e = Math.getExponent(x * 0x1p54) - 54;
		}
		return e;
	}

	/**
	 * Writes e^(xh + xl) as a double-double, with a relative error of about 1e-30, for
	 * |x| &lt; 700.
	 * @param xh the exponent, high part
	 * @param xl the exponent, low part
	 * @param out receives the result
	 */
	static void exp(double xh, double xl, double[] out) {
		int k = (int) Math.rint(xh * INV_LN2);
		// r = x − k ln2 in double-double; LN2_HI·k is exact and xh − k·LN2_HI is exact
		double rh = xh - k * LN2_HI;
		double[] t = new double[2];
		// k·LN2_LO exactly as a double-double
		double c = k * LN2_LO;
		double ce = Math.fma(k, LN2_LO, -c) + k * LN2_LO_LO;
		add(rh, xl, -c, -ce, t);
		// s = r / 256
		double sh = t[0] / 256.0;
		double sl = t[1] / 256.0;
		// f = e^s − 1 = s + s²/2 + s³/6 + ..., the cubic and higher terms in double
		// precision
		double[] s2 = new double[2];
		mul(sh, sl, sh, sl, s2);
		double tail = sh * sh * sh
				* (1.0 / 6 + sh * (1.0 / 24 + sh * (1.0 / 120 + sh * (1.0 / 720 + sh * (1.0 / 5040 + sh / 40320)))));
		double[] f = new double[2];
		add(sh, sl, s2[0] * 0.5, s2[1] * 0.5, f);
		add(f[0], f[1], tail, 0.0, f);
		// (e^s)^256: f ← 2f + f², eight times
		double[] sq = new double[2];
		for (int i = 0; i < 8; i++) {
			mul(f[0], f[1], f[0], f[1], sq);
			add(2.0 * f[0], 2.0 * f[1], sq[0], sq[1], f);
		}
		add(1.0, 0.0, f[0], f[1], out);
		out[0] = Math.scalb(out[0], k);
		out[1] = Math.scalb(out[1], k);
	}

	/** The part of ln 2 below LN2_HI + LN2_LO. */
	private static final double LN2_LO_LO = 1.1612227229362532e-26;

}

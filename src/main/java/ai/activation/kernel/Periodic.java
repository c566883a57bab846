package ai.activation.kernel;

/**
 * Snake, the periodic activation of Liu, Ziyin and Ueda (2020, "Neural Networks Fail to
 * Learn Periodic Functions and How to Fix It", arXiv:2006.08195).
 */
public final class Periodic {

	/** π/4 as a double-double. */
	private static final double PI_4_HI = 0.7853981633974483;

	private static final double PI_4_LO = 3.061616997868383e-17;

	/**
	 * Below this |a·x| the derivative's phase a·x + π/4 is held as a double-double, and
	 * the value's sine is sin p + e·cos p.
	 */
	static final double PHASE_LIMIT = 0x1p52;

	private Periodic() {
	}

	/**
	 * snake(x) = x + sin²(a·x)/a, a &gt; 0 (the paper's equation 3, frequency a = 1 by
	 * default). The product a·x is held exactly as a double-double p + e (fma). For |p|
	 * &lt; 2^52, |e| ≤ 2^−53·|p|, so sin(p + e) = sin p + e·cos p to within e²/2, far
	 * below an ulp of the result; the sine is of the true product and not of its rounding
	 * ({@link Math#sin} reduces its argument exactly), and e = 0 (a = 1 or a power of
	 * two) needs no cosine. For x &lt; 0 the sum x + sin²/a cancels: its condition is
	 * sin²p/(|p| − sin²p), at most 2.63 (near a·x = −1.17); so the square, the division
	 * by a and the sum are carried as double-doubles (fma), and the only error amplified
	 * is that of the sine (1 ulp at most, {@link Math#sin}). Above 2^52 the sine is sin
	 * p·cos e + cos p·sin e (e may exceed 1 there) and sin²/a ≤ 1/a is at most about an
	 * ulp of x. Where a·x exceeds the double range (a &gt; 1 and |x| &gt; MAX_VALUE/a)
	 * the term is below half an ulp of x and x itself is the correctly rounded value.
	 * Within 4 ulp.
	 *
	 * <p>
	 * snake′(x) = 1 + sin(2a·x) = 2 sin²(a·x + π/4), computed in that second form, with
	 * the phase a·x + π/4 as a double-double for |a·x| &lt; 2^52, so the derivative keeps
	 * its relative accuracy where it touches 0: within 4 ulp. Above 2^52, as (sin(a·x) +
	 * cos(a·x))², within 1e−15 absolute but not in ulps where it nears 0 (the phase would
	 * need a reduction by π beyond the double-double; such x are 2^52/a from 0 or
	 * farther, where the derivative is periodic noise at the spacing of doubles). Where
	 * a·x exceeds the double range the derivative is NaN, which the service answers with
	 * 422: its phase cannot be reduced in double arithmetic.
	 *
	 * <p>
	 * Events: the textbook x + sin²(a·x)/a gives NaN where a·x overflows (sin(±∞)); so
	 * does its derivative.
	 * @param a the frequency, greater than 0
	 * @return the function
	 */
	public static ScalarFunction snake(double a) {
		ScalarFunction scalar = ScalarFunction.of((x) -> {
			double p = a * x;
			if (Double.isInfinite(p)) {
				return x;
			}
			double e = Math.fma(a, x, -p);
			if (Math.abs(p) >= PHASE_LIMIT) {
				double s = Math.sin(p) * Math.cos(e) + Math.cos(p) * Math.sin(e);
				return x + s * s / a;
			}
			double s = Math.sin(p);
			double c = (e != 0) ? e * Math.cos(p) : 0.0;
			return sum(x, s, c, a);
		}, (x) -> Double.isInfinite(a * x), (x) -> {
			double p = a * x;
			if (Double.isInfinite(p)) {
				return Double.NaN;
			}
			double e = Math.fma(a, x, -p);
			double s;
			if (Math.abs(p) < PHASE_LIMIT) {
				double h = p + PI_4_HI;
				double bb = h - p;
				double l = ((p - (h - bb)) + (PI_4_HI - bb)) + (e + PI_4_LO);
				s = Math.sin(h) * Math.cos(l) + Math.cos(h) * Math.sin(l);
				return 2.0 * s * s;
			}
			double sin = Math.sin(p) * Math.cos(e) + Math.cos(p) * Math.sin(e);
			double cos = Math.cos(p) * Math.cos(e) - Math.sin(p) * Math.sin(e);
			s = sin + cos;
			return s * s;
		}, (x) -> Double.isInfinite(a * x));
		return Vectorized.of(scalar, (in, out, definition) -> VectorKernels.snake(in, out, definition, a));
	}

	/**
	 * x + (s + c)²/a with the square, the quotient and the sum as double-doubles and one
	 * rounding at the end, for |c| ≤ 2^−52·|s| + 2^−1074 (c the correction e·cos p of the
	 * sine); {@code VectorKernels.snake} evaluates the same steps lane by lane.
	 * @param x the argument
	 * @param s sin p
	 * @param c e·cos p
	 * @param a the frequency
	 * @return x + (s + c)²/a
	 */
	static double sum(double x, double s, double c, double a) {
		double hh = s * s;
		double hl = Math.fma(s, s, -hh) + 2.0 * s * c;
		double q = hh / a;
		if (Double.isInfinite(q)) {
			return x + q;
		}
		double ql = (Math.fma(-q, a, hh) + hl) / a;
		double sum = x + q;
		if (Double.isInfinite(sum)) {
			return sum;
		}
		double bb = sum - x;
		double err = (x - (sum - bb)) + (q - bb);
		return sum + (err + ql);
	}

}

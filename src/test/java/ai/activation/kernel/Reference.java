package ai.activation.kernel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * High-precision reference values for the kernel tests, computed with apfloat at
 * {@link #DIGITS} decimal digits from the exact value of the double argument, and rounded
 * to double correctly. Nothing here uses the kernels: where a shortcut is taken (a tail
 * where the true value provably rounds to 0, 1 or x), the bound is stated.
 */
final class Reference {

	/** Working precision in decimal digits. */
	static final long DIGITS = 60;

	static final Apfloat ZERO = new Apfloat(0);

	static final Apfloat ONE = new Apfloat(1);

	static final Apfloat TWO = new Apfloat(2);

	static final Apfloat SQRT2 = ApfloatMath.sqrt(new Apfloat(2, DIGITS + 10));

	static final Apfloat SQRT_2_OVER_PI = ApfloatMath.sqrt(TWO.divide(ApfloatMath.pi(DIGITS + 10)));

	/** PyTorch's SELU constants, taken as exact decimals. */
	static final Apfloat SELU_SCALE = new Apfloat("1.0507009873554804934193349852946", DIGITS + 10);

	static final Apfloat SELU_ALPHA = new Apfloat("1.6732632423543772848170429916717", DIGITS + 10);

	static final Apfloat GELU_C = new Apfloat("0.044715", DIGITS + 10);

	private static final MathContext EXACT_DIV = new MathContext(90, RoundingMode.HALF_EVEN);

	private Reference() {
	}

	/** The exact value of a double, at the working precision. */
	static Apfloat ap(double x) {
		return new Apfloat(new BigDecimal(x), DIGITS);
	}

	/**
	 * Rounds to the nearest double (Double.parseDouble is correctly rounded), ±∞ beyond
	 * the range.
	 */
	static double round(Apfloat a) {
		if (a.signum() == 0) {
			return 0.0;
		}
		return Double.parseDouble(a.toString(false));
	}

	/** e^x for |x| ≤ 1e5 (callers handle larger arguments). */
	static Apfloat exp(Apfloat x) {
		if (x.signum() == 0) {
			return ONE;
		}
		return ApfloatMath.exp(x);
	}

	/** e^x − 1, by its series where the difference would cancel. */
	static Apfloat expm1(Apfloat x) {
		if (x.signum() == 0) {
			return ZERO;
		}
		if (ApfloatMath.abs(x).compareTo(new Apfloat("1e-6")) < 0) {
			// x + x²/2 + … + x^8/8!; the next term is below 1e−54 relative
			Apfloat sum = ZERO;
			Apfloat term = ONE;
			for (int n = 1; n <= 8; n++) {
				term = term.multiply(x).divide(new Apfloat(n));
				sum = sum.add(term);
			}
			return sum;
		}
		return exp(x).subtract(ONE);
	}

	/** log(1 + u) for u &gt; −1, by its series for tiny u. */
	static Apfloat log1p(Apfloat u) {
		if (u.signum() == 0) {
			return ZERO;
		}
		if (ApfloatMath.abs(u).compareTo(new Apfloat("1e-6")) < 0) {
			Apfloat sum = ZERO;
			Apfloat power = ONE;
			for (int n = 1; n <= 10; n++) {
				power = power.multiply(u);
				Apfloat term = power.divide(new Apfloat(n));
				sum = (n % 2 == 1) ? sum.add(term) : sum.subtract(term);
			}
			return sum;
		}
		return ApfloatMath.log(new Apfloat(1, DIGITS).add(u));
	}

	/** σ(x) = 1/(1 + e^−x), for |x| ≤ 1e5. */
	static Apfloat sigmoid(Apfloat x) {
		if (x.signum() >= 0) {
			return ONE.divide(ONE.add(exp(x.negate())));
		}
		Apfloat e = exp(x);
		return e.divide(ONE.add(e));
	}

	/**
	 * tanh x = sign(x)·(1 − e^−2|x|)/(1 + e^−2|x|), by its series for tiny x, for |x| ≤
	 * 1e5.
	 */
	static Apfloat tanh(Apfloat x) {
		Apfloat a = ApfloatMath.abs(x);
		if (x.signum() == 0) {
			return ZERO;
		}
		Apfloat t;
		if (a.compareTo(new Apfloat("1e-4")) < 0) {
			// x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 − 1382x¹¹/155925
			t = a.subtract(tanhshrinkSeries(a));
		}
		else {
			Apfloat e = exp(a.multiply(TWO).negate());
			t = ONE.subtract(e).divide(ONE.add(e));
		}
		return (x.signum() < 0) ? t.negate() : t;
	}

	/**
	 * x − tanh x for 0 &lt; x &lt; 1e−4 by its series; the omitted terms are below 1e−48
	 * relative.
	 */
	static Apfloat tanhshrinkSeries(Apfloat x) {
		Apfloat x2 = x.multiply(x);
		long[][] c = { { 1, 3 }, { -2, 15 }, { 17, 315 }, { -62, 2835 }, { 1382, 155925 }, { -21844, 6081075 } };
		Apfloat sum = ZERO;
		Apfloat power = x2.multiply(x);
		for (long[] q : c) {
			sum = sum.add(power.multiply(new Apfloat(q[0])).divide(new Apfloat(q[1])));
			power = power.multiply(x2);
		}
		return sum;
	}

	private static final Apfloat SQRT_PI = ApfloatMath.sqrt(ApfloatMath.pi(DIGITS + 10));

	/**
	 * erfc z: for |z| ≤ 5 as 1 − erf z with erf z = (2/√π) e^(−z²) Σ 2^n
	 * z^(2n+1)/(2n+1)!! (positive terms; at most 12 of the 60 digits cancel); beyond, by
	 * the continued fraction erfc z = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z +
	 * …)))), 300 levels deep. Agrees with {@link ApfloatMath#erfc(Apfloat)} to 50 digits
	 * and is about ten times faster.
	 */
	static Apfloat erfc(Apfloat z) {
		if (z.signum() < 0) {
			return TWO.subtract(erfc(z.negate()));
		}
		if (z.signum() == 0) {
			return ONE;
		}
		Apfloat z2 = z.multiply(z);
		Apfloat e = exp(z2.negate());
		if (z.compareTo(new Apfloat(5)) <= 0) {
			Apfloat term = z;
			Apfloat sum = z;
			Apfloat eps = new Apfloat("1e-70");
			for (int n = 1; n < 5000; n++) {
				term = term.multiply(z2).multiply(TWO).divide(new Apfloat(2 * n + 1));
				sum = sum.add(term);
				if (term.compareTo(sum.multiply(eps)) < 0) {
					break;
				}
			}
			return ONE.subtract(TWO.multiply(e).multiply(sum).divide(SQRT_PI));
		}
		Apfloat f = z;
		for (int k = 300; k >= 1; k--) {
			f = z.add(new Apfloat(k).divide(TWO).divide(f));
		}
		return e.divide(SQRT_PI).divide(f);
	}

	/** Exact decimal of a double. */
	static BigDecimal bd(double x) {
		return new BigDecimal(x);
	}

	/** Rounds an exact (or 90-digit) decimal to the nearest double. */
	static double round(BigDecimal b) {
		return Double.parseDouble(b.toString());
	}

	static BigDecimal divide(BigDecimal a, BigDecimal b) {
		return a.divide(b, EXACT_DIV);
	}

	static Apfloat ap(BigDecimal b) {
		return new Apfloat(b, DIGITS);
	}

}

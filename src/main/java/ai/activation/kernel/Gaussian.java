package ai.activation.kernel;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;

import static ai.activation.kernel.Scalars.TAIL;

/**
 * The Gaussian error linear unit, exact and with PyTorch's tanh approximation.
 */
public final class Gaussian {

	/** 1/√2 as a double-double. */
	private static final double SQRT1_2_HI = 0.7071067811865476;

	private static final double SQRT1_2_LO = -4.833646656726457e-17;

	/** 1/√(2π) as a double-double. */
	private static final double INV_SQRT_2PI_HI = 0.3989422804014327;

	private static final double INV_SQRT_2PI_LO = -2.49232720227773e-17;

	/** √(π/2). */
	private static final double SQRT_PI_2 = 1.2533141373155003;

	/** 2/√π. */
	private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

	/** √(2/π) as a double-double. */
	private static final double SQRT_2_PI_HI = 0.7978845608028654;

	private static final double SQRT_2_PI_LO = -4.98465440455546e-17;

	/** 0.044715 as a double-double. */
	private static final double GELU_C_HI = 0.044715;

	private static final double GELU_C_LO = 2.1960211427085595e-18;

	private Gaussian() {
	}

	/**
	 * gelu(x) = x · Φ(x) = (x/2) · erfc(−x/√2). The argument z = −x/√2 is formed in
	 * double-double and its low part applied as erfc(zh + zl) ≈ erfc(zh)·(1 +
	 * zl·erfc′(zh)/erfc(zh)), since the rounding of z is amplified about 2z² in the left
	 * tail. For x &lt; −30 the Mills-ratio series −φ(x)·(1 − 1/x² + 3/x⁴ − 15/x⁶ + …) is
	 * used, with e^(−x²/2) in double-double and scaled by 2^k, so that subnormal results
	 * (x ≈ −37.5 … −38.6) still carry a single rounding. Within 3 ulp.
	 *
	 * <p>
	 * gelu′(x) = Φ(x) + xφ(x). For |x| ≤ 3/2 as 1/2 + φ(x)·(2x + x³/3 + x⁵/15 + …) (the
	 * series of Φ), in double-double: gelu′ has a zero at x ≈ −0.7518 where the two terms
	 * cancel. Left of −3/2 as φ(x)·(x + R(−x)), with the Mills ratio R(t) = (1 −
	 * Φ(t))/φ(t) = √(π/2)·erfcx(t/√2), so that Φ(x) never has to be formed (the textbook
	 * loses it to 0 below −8.37) and e^(−x²/2) is scaled by 2^k; right of 3/2 as 1 +
	 * (xφ(x) − erfc(x/√2)/2); 1 beyond 10.
	 *
	 * <p>
	 * Event: in the textbook (x/2)(1 + erf(x/√2)), erf rounds to −1 for x &lt; −8.3744,
	 * flushing the result to 0 where the true value is not 0 (down to x ≈ −38.58).
	 * Derivative event: in the same range the textbook Φ(x) = (1 + erf(x/√2))/2 flushes
	 * to 0 and Φ(x) + xφ(x) loses its term Φ(x) (a relative error of about 1/x²).
	 *
	 * <p>
	 * The bulk path ({@code VectorKernels.gelu}, with the Vector API) evaluates fdlibm's
	 * erf/erfc rationals lanewise, x ≥ −26, within the same 3 ulp.
	 */
	public static final ScalarFunction GELU = Vectorized.of(
			ScalarFunction.of(Gaussian::gelu, Gaussian::geluFails, Gaussian::geluDerivative, Gaussian::geluFails),
			(in, out, scalar) -> VectorKernels.gelu(in, out, scalar));

	private static boolean geluFails(double x) {
		return x < -8.374388923067457 && x > -38.58;
	}

	/**
	 * gelu with the tanh approximation: (x/2)(1 + tanh u) = x·σ(2u), u = √(2/π)(x +
	 * 0.044715 x³), with the decimal constant 0.044715 taken exactly. 2u is formed in
	 * double-double (its rounding is amplified |2u|-fold in the left tail), σ(2u)
	 * corrected by its low part, and for 2u &lt; −40 the product x·e^(2u) is scaled by
	 * 2^k. x for x ≥ 10, −0 below −30 (true value &lt; 1e−800). Within 3 ulp.
	 *
	 * <p>
	 * Its derivative, of the approximation as PyTorch's {@code gelu_backward} with
	 * approximate = "tanh" differentiates it: σ(t) + x·t′·σ(t)σ(−t) with t = 2u and t′ =
	 * 2√(2/π)(1 + 3·0.044715 x²), by {@link Logistic#sigmoidTimesOnePlus} with k = x·t′
	 * in double-double (the zero at x ≈ −0.7517 cancels); 1 for x ≥ 10, −0 below −30.
	 *
	 * <p>
	 * Event: in the textbook, tanh u rounds to −1 for x &lt; −7.2 and the result flushes
	 * to 0 where the true value is not 0 (down to x ≈ −21.547). Derivative event: there
	 * the textbook (1 + tanh u)/2 + (x/2)(1 − tanh² u)u′ flushes both terms to 0 while
	 * the true derivative is not 0 (down to x ≈ −21.593).
	 */
	public static final ScalarFunction GELU_TANH = ScalarFunction.of(Gaussian::geluTanh,
			(x) -> x < -7.200040557303352 && x > -21.547, Gaussian::geluTanhDerivative,
			(x) -> x < -7.200040557303352 && x > -21.593);

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

	static double geluDerivative(double x) {
		if (x > 10.0) {
			// Φ(x) + xφ(x) − 1 < 10φ(10) < 1e−21: rounds to 1
			return 1.0;
		}
		if (x < -40.0) {
			// |Φ(x) + xφ(x)| < 40φ(40) < 1e−346: rounds to −0
			return -0.0;
		}
		double h = x * x;
		double l = Math.fma(x, x, -h);
		if (x > 1.5) {
			double q = 0.5 * Erfc.value(x * SQRT1_2_HI);
			double p = x * INV_SQRT_2PI_HI * Math.exp(-0.5 * h) * (1.0 - 0.5 * l);
			return 1.0 + (p - q);
		}
		if (x < -1.5) {
			double m = x + SQRT_PI_2 * Erfcx.value(-x * SQRT1_2_HI);
			return DoubleDouble.scaledExp(m * INV_SQRT_2PI_HI, 1.0, -0.5 * h,
					-0.5 * l + INV_SQRT_2PI_LO / INV_SQRT_2PI_HI);
		}
		// 1/2 + φ(x)·S, S = 2x + Σ_{n≥1} x^(2n+1)/(2n+1)!!, in double-double
		double[] phi = new double[2];
		DoubleDouble.exp(-0.5 * h, -0.5 * l, phi);
		DoubleDouble.mul(phi[0], phi[1], INV_SQRT_2PI_HI, INV_SQRT_2PI_LO, phi);
		double[] term = { x, 0.0 };
		double[] sum = { 2.0 * x, 0.0 };
		for (int n = 1; n < 60 && term[0] != 0; n++) {
			DoubleDouble.mul(term[0], term[1], h, l, term);
			DoubleDouble.div(term[0], term[1], 2 * n + 1, 0.0, term);
			DoubleDouble.add(sum[0], sum[1], term[0], term[1], sum);
			if (Math.abs(term[0]) < 0x1p-110 * Math.abs(sum[0])) {
				break;
			}
		}
		DoubleDouble.mul(phi[0], phi[1], sum[0], sum[1], sum);
		DoubleDouble.add(0.5, 0.0, sum[0], sum[1], sum);
		return sum[0] + sum[1];
	}

	/** Writes t = 2u = 2√(2/π)(x + 0.044715 x³) as a double-double. */
	private static void twiceU(double x, double[] t) {
		DoubleDouble.mul(x, 0.0, x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], GELU_C_HI, GELU_C_LO, t);
		DoubleDouble.add(t[0], t[1], x, 0.0, t);
		DoubleDouble.mul(t[0], t[1], 2.0 * SQRT_2_PI_HI, 2.0 * SQRT_2_PI_LO, t);
	}

	static double geluTanh(double x) {
		if (x >= 10.0) {
			return x;
		}
		if (x < -30.0) {
			return -0.0;
		}
		double[] t = new double[2];
		twiceU(x, t);
		double th = t[0];
		double tl = t[1];
		if (th < TAIL) {
			return DoubleDouble.scaledExp(x, 1.0, th, tl);
		}
		double s = Logistic.sigmoid(th);
		// σ(th + tl) ≈ σ(th)(1 + tl(1 − σ(th)))
		return x * Math.fma(s, tl * (1.0 - s), s);
	}

	static double geluTanhDerivative(double x) {
		if (x >= 10.0) {
			// 1 − f′ < x·t′·e^−t < 1e−35
			return 1.0;
		}
		if (x < -30.0) {
			// |f′| < |1 + x t′|·e^t, t < −2300
			return -0.0;
		}
		double[] t = new double[2];
		twiceU(x, t);
		// k = x·t′, t′ = 2√(2/π)(1 + 3c x²)
		double[] k = new double[2];
		DoubleDouble.mul(x, 0.0, x, 0.0, k);
		DoubleDouble.mul(k[0], k[1], GELU_C_HI, GELU_C_LO, k);
		DoubleDouble.mul(k[0], k[1], 3.0, 0.0, k);
		DoubleDouble.add(k[0], k[1], 1.0, 0.0, k);
		DoubleDouble.mul(k[0], k[1], 2.0 * SQRT_2_PI_HI, 2.0 * SQRT_2_PI_LO, k);
		DoubleDouble.mul(k[0], k[1], x, 0.0, k);
		return Logistic.sigmoidTimesOnePlus(t[0], t[1], k[0], k[1]);
	}

}

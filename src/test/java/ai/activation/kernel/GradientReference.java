package ai.activation.kernel;

import java.math.BigDecimal;
import java.util.Arrays;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

import static ai.activation.kernel.Reference.ONE;
import static ai.activation.kernel.Reference.TWO;
import static ai.activation.kernel.Reference.ZERO;
import static ai.activation.kernel.Reference.ap;
import static ai.activation.kernel.Reference.bd;
import static ai.activation.kernel.Reference.round;

/**
 * High-precision references for the derivatives and vector-Jacobian products, computed
 * with apfloat (60 digits) from the exact value of the double argument and from the
 * definitions (σ(x)σ(−x), Φ(x) + xφ(x), tanh(sp) + xσ(x)sech²(sp), …), not from the
 * rearranged forms the kernels use. Where a shortcut is taken the bound is stated.
 */
final class GradientReference {

	private static final Apfloat FOUR = new Apfloat(4);

	private static final Apfloat SQRT_2PI = ApfloatMath
		.sqrt(TWO.multiply(ApfloatMath.pi(Reference.DIGITS + 10)).precision(Reference.DIGITS + 10));

	private GradientReference() {
	}

	/** σ′(x) = σ(x)σ(−x). */
	static double sigmoid(double x) {
		if (Math.abs(x) > 800) {
			return 0.0; // σ′ < e^−800 < 2^−1075
		}
		Apfloat a = ap(x);
		return round(Reference.sigmoid(a).multiply(Reference.sigmoid(a.negate())));
	}

	/** tanh′(x) = sech² x = 4/(e^x + e^−x)². */
	static double tanh(double x) {
		if (Math.abs(x) > 400) {
			return 0.0; // sech² < 4e^−800
		}
		Apfloat a = ap(x);
		Apfloat c = Reference.exp(a).add(Reference.exp(a.negate()));
		return round(FOUR.divide(c.multiply(c)));
	}

	/** softsign′(x) = 1/(1 + |x|)². */
	static double softsign(double x) {
		Apfloat s = ONE.add(ApfloatMath.abs(ap(x)));
		return round(ONE.divide(s.multiply(s)));
	}

	/** tanhshrink′(x) = tanh² x. */
	static double tanhshrink(double x) {
		if (Math.abs(x) > 40) {
			return 1.0; // 1 − tanh² < 4e^−80
		}
		Apfloat t = Reference.tanh(ap(x));
		return round(t.multiply(t));
	}

	/** logsigmoid′(x) = σ(−x). */
	static double logsigmoid(double x) {
		if (x > 800) {
			return 0.0;
		}
		if (x < -800) {
			return 1.0; // 1 − σ(−x) < e^−800
		}
		return round(Reference.sigmoid(ap(x).negate()));
	}

	/** silu′(x) = σ(x) + x σ(x) σ(−x). */
	static double silu(double x) {
		if (x < -800) {
			return -0.0; // |1 + x|e^x < 2^−1075
		}
		if (x > 800) {
			return 1.0; // x e^−x < 2^−54
		}
		Apfloat a = ap(x);
		Apfloat s = Reference.sigmoid(a);
		return round(s.add(a.multiply(s).multiply(Reference.sigmoid(a.negate()))));
	}

	/** mish′(x) = tanh(sp) + x σ(x) (1 − tanh²(sp)), sp = log(1 + e^x). */
	static double mish(double x) {
		if (x < -800) {
			return -0.0;
		}
		if (x > 40) {
			return 1.0; // |mish′ − 1| < 4x e^−2x < 2^−54
		}
		Apfloat a = ap(x);
		Apfloat sp = (x > 0) ? a.add(Reference.log1p(Reference.exp(a.negate()))) : Reference.log1p(Reference.exp(a));
		Apfloat t = Reference.tanh(sp);
		return round(t.add(a.multiply(Reference.sigmoid(a)).multiply(ONE.subtract(t.multiply(t)))));
	}

	/** gelu′(x) = Φ(x) + x φ(x). */
	static double gelu(double x) {
		if (x < -40) {
			return -0.0; // |Φ(x) + xφ(x)| < 40 φ(40) < 2^−1075
		}
		if (x > 10) {
			return 1.0; // |xφ(x) − (1 − Φ(x))| < 10 φ(10) < 2^−54
		}
		Apfloat a = ap(x);
		Apfloat phiBig = Reference.erfc(a.negate().divide(Reference.SQRT2)).divide(TWO);
		Apfloat phi = Reference.exp(a.multiply(a).divide(TWO).negate()).divide(SQRT_2PI);
		return round(phiBig.add(a.multiply(phi)));
	}

	/** d/dx of x σ(t), t = 2√(2/π)(x + c x³): σ(t) + x t′ σ(t) σ(−t). */
	static double geluTanh(double x) {
		if (x < -40) {
			return -0.0; // t < −2300
		}
		if (x > 10) {
			return 1.0; // t > 87: x t′ e^−t < 2^−54
		}
		Apfloat a = ap(x);
		Apfloat two = Reference.SQRT_2_OVER_PI.multiply(TWO);
		Apfloat t = two.multiply(a.add(Reference.GELU_C.multiply(a).multiply(a).multiply(a)));
		Apfloat dt = two.multiply(ONE.add(new Apfloat(3).multiply(Reference.GELU_C).multiply(a).multiply(a)));
		Apfloat s = Reference.sigmoid(t);
		return round(s.add(a.multiply(dt).multiply(s).multiply(Reference.sigmoid(t.negate()))));
	}

	/** selu′(x) = scale for x &gt; 0, scale·alpha·e^x for x ≤ 0. */
	static double selu(double x) {
		if (x > 0) {
			return round(Reference.SELU_SCALE);
		}
		if (x < -800) {
			return 0.0;
		}
		return round(Reference.SELU_SCALE.multiply(Reference.SELU_ALPHA).multiply(Reference.exp(ap(x))));
	}

	/** elu′ (alpha·e^x) or celu′ (e^(x/alpha)) for x ≤ 0; 1 above. */
	static double celu(double x, double alpha, boolean celu) {
		if (x > 0) {
			return 1.0;
		}
		Apfloat al = ap(alpha);
		Apfloat q = celu ? ap(x).divide(al) : ap(x);
		if (q.compareTo(new Apfloat(-800)) < 0) {
			return 0.0;
		}
		if (q.compareTo(new Apfloat(720)) > 0) {
			return Double.POSITIVE_INFINITY; // e^q > MAX_VALUE
		}
		return round(celu ? Reference.exp(q) : al.multiply(Reference.exp(q)));
	}

	/**
	 * squareplus′(x) = (1 + x/√(x² + b))/2, at a precision that grows with x²/b so that
	 * the cancellation for x &lt; 0 leaves 60 digits; relu′ at b = 0.
	 */
	static double squareplus(double x, double b) {
		if (b == 0) {
			return (x > 0) ? 1.0 : 0.0;
		}
		long digits = Reference.DIGITS + 10;
		if (x < 0) {
			digits += (long) Math.max(0, 2 * (Math.log10(-x) - Math.log10(b) / 2) + 2);
		}
		Apfloat a = new Apfloat(bd(x), digits);
		Apfloat root = ApfloatMath.sqrt(a.multiply(a).add(new Apfloat(bd(b), digits)));
		Apfloat one = new Apfloat(1, digits);
		return round(one.add(a.divide(root)).divide(new Apfloat(2, digits)));
	}

	/**
	 * snake′(x) = 1 + sin(2a·x), the sine of the exact product, at a precision that
	 * covers its reduction by π and a cancellation of 1 + sin to 20 digits.
	 */
	static double snake(double x, double a) {
		BigDecimal twice = bd(a).multiply(bd(x)).multiply(BigDecimal.valueOf(2));
		long digits = Reference.DIGITS + 30 + Math.max(0, twice.precision() - twice.scale());
		Apfloat sin = ApfloatMath.sin(new Apfloat(twice, digits));
		return round(sin.add(new Apfloat(1, digits)));
	}

	/** d/dx x·σ(beta·x) = σ(y)(1 + y·σ(−y)) with y = beta·x exact. */
	static double silu(double x, double beta) {
		BigDecimal product = bd(beta).multiply(bd(x));
		if (product.compareTo(BigDecimal.valueOf(-800)) < 0) {
			return -0.0; // e^y(1 + y) > −2^−1075
		}
		if (product.compareTo(BigDecimal.valueOf(40)) > 0) {
			return 1.0; // 1 + (y − 1)e^−y rounds to 1
		}
		Apfloat y = new Apfloat(product, Reference.DIGITS);
		return round(Reference.sigmoid(y).multiply(ONE.add(y.multiply(Reference.sigmoid(y.negate())))));
	}

	/** selu′ with alpha and gamma: gamma for x &gt; 0, gamma·alpha·e^x at and below 0. */
	static double selu(double x, double alpha, double gamma) {
		if (x > 0) {
			return gamma;
		}
		if (x < -800) {
			return 0.0;
		}
		return round(ap(gamma).multiply(ap(alpha)).multiply(Reference.exp(ap(x))));
	}

	/** log1mexp′(x) = 1/(e^x − 1) for x &gt; 0. */
	static double log1mexp(double x) {
		if (x > 746) {
			return 0.0; // below e^−x·(1 + 1e−300) < 2^−1076
		}
		return round(Reference.ONE.divide(Reference.expm1(ap(x))));
	}

	/** softplus′(x) = σ(beta·x); 1 where beta·x &gt; threshold. */
	static double softplus(double x, double beta, double threshold) {
		Apfloat y = ap(x).multiply(ap(beta));
		if (!Double.isNaN(threshold) && y.compareTo(ap(threshold)) > 0) {
			return 1.0;
		}
		if (y.compareTo(new Apfloat(800)) > 0) {
			return 1.0;
		}
		if (y.compareTo(new Apfloat(-800)) < 0) {
			return 0.0;
		}
		return round(Reference.sigmoid(y));
	}

	/** hardswish′: 0 below −3, (2x + 3)/6 on [−3, 3], 1 above (PyTorch). */
	static double hardswish(double x) {
		if (x < -3) {
			return 0.0;
		}
		if (x > 3) {
			return 1.0;
		}
		return round(
				ap(x).multiply(TWO).add(new Apfloat(3, Reference.DIGITS)).divide(new Apfloat(6, Reference.DIGITS)));
	}

	// ---------------------------------------------------------------- axis functions

	/** The probabilities e^(d_i)/Σ e^(d_j) of a lane, d = (v − max v)/T. */
	static Apfloat[] probabilities(double[] row, double t, boolean negate) {
		int n = row.length;
		BigDecimal[] v = new BigDecimal[n];
		int argmax = 0;
		for (int i = 0; i < n; i++) {
			v[i] = bd(negate ? -row[i] : row[i]);
			if (v[i].compareTo(v[argmax]) > 0) {
				argmax = i;
			}
		}
		Apfloat temperature = ap(t);
		Apfloat[] e = new Apfloat[n];
		Apfloat sum = ZERO;
		for (int i = 0; i < n; i++) {
			Apfloat d = Reference.ap(v[i].subtract(v[argmax])).divide(temperature);
			e[i] = (d.compareTo(new Apfloat(-3000)) < 0) ? ZERO : Reference.exp(d);
			sum = sum.add(e[i]);
		}
		for (int i = 0; i < n; i++) {
			e[i] = e[i].divide(sum);
		}
		return e;
	}

	/**
	 * softmax (or softmin, sign −1) VJP: ±(1/T) p_i (g_i − Σ g_j p_j), with g_i − Σ_j g_j
	 * p_j summed as Σ_{j≠i} p_j (g_i − g_j) (as Σ p = 1), since 1 − p_i rounds to 0 at 60
	 * digits where one term dominates; log_softmax: (1/T)(g_i − p_i Σ g_j) summed as g_i
	 * Σ_{j≠i} p_j − p_i Σ_{j≠i} g_j, for the same reason. Differences of g are exact.
	 */
	static double[] softmaxVjp(double[] row, double[] g, double t, boolean negate, boolean log) {
		Apfloat[] p = probabilities(row, t, negate);
		int n = row.length;
		Apfloat temperature = ap(t);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			Apfloat r = ZERO;
			if (log) {
				Apfloat others = ZERO;
				BigDecimal rest = BigDecimal.ZERO;
				for (int j = 0; j < n; j++) {
					if (j != i) {
						others = others.add(p[j]);
						rest = rest.add(bd(g[j]));
					}
				}
				r = ap(g[i]).multiply(others).subtract(p[i].multiply(Reference.ap(rest)));
			}
			else {
				for (int j = 0; j < n; j++) {
					if (j != i && p[j].signum() != 0) {
						r = r.add(p[j].multiply(Reference.ap(bd(g[i]).subtract(bd(g[j])))));
					}
				}
				r = p[i].multiply(r);
			}
			r = r.divide(temperature);
			out[i] = round(negate ? r.negate() : r);
		}
		return out;
	}

	/** GLU VJP for x = [a, b]: g σ(b) for a, g a σ(b) σ(−b) for b. */
	static double[] gluVjp(double[] x, double[] g) {
		int half = x.length / 2;
		double[] out = new double[x.length];
		for (int k = 0; k < half; k++) {
			double a = x[k];
			double b = x[k + half];
			if (Math.abs(b) > 1e5 || g[k] == 0) {
				// |g a e^−|b|| < 1e308 · e^−1e5
				out[k] = (b > 0) ? g[k] : 0.0;
				out[k + half] = 0.0;
				continue;
			}
			Apfloat s = Reference.sigmoid(ap(b));
			Apfloat sn = Reference.sigmoid(ap(b).negate());
			out[k] = round(ap(g[k]).multiply(s));
			out[k + half] = (a == 0) ? 0.0 : round(ap(g[k]).multiply(ap(a)).multiply(s).multiply(sn));
		}
		return out;
	}

	/** sparsemax VJP: g_i − mean of g over the support, 0 elsewhere, exactly. */
	static double[] sparsemaxVjp(double[] row, double[] g) {
		BigDecimal[] tau = KernelAccuracyTests.sparsemaxTau(row);
		int n = row.length;
		boolean[] support = new boolean[n];
		BigDecimal sum = BigDecimal.ZERO;
		int k = 0;
		for (int i = 0; i < n; i++) {
			BigDecimal p = tau[1].multiply(bd(row[i])).subtract(tau[0]);
			support[i] = p.signum() > 0;
			if (support[i]) {
				sum = sum.add(bd(g[i]));
				k++;
			}
		}
		// 1200 digits: the exact decimal of a double has at most 767, so g_i − mean
		// rounds right
		BigDecimal mean = sum.divide(BigDecimal.valueOf(Math.max(k, 1)), new java.math.MathContext(1200));
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = support[i] ? round(bd(g[i]).subtract(mean)) : 0.0;
		}
		return out;
	}

	static String describe(double[] row) {
		return Arrays.toString(row);
	}

}

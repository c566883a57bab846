package ai.activation.kernel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static ai.activation.kernel.Reference.bd;
import static ai.activation.kernel.Reference.round;

/**
 * α-entmax references at 70 digits, straight from the definition (Peters, Niculae and
 * Martins, 2019; deep-spin/entmax {@code entmax/root_finding.py}): p_i = [(α − 1) x_i −
 * τ]_+^(1/(α−1)), Σ p = 1. With z = x − max x exact and β = α − 1 exact, p_i = (1 + β(z_i
 * − c))_+^(1/β). c starts from a bisection in double (this class's own), then Newton
 * steps in 70-digit decimals, safeguarded by bisection on the bracket the steps keep,
 * until a step moves c by less than 1e−60. No sort and no support-size formula: the
 * support is whatever the root gives, so the exact 1.5 algorithm of the kernel is checked
 * against an independent construction.
 *
 * <p>
 * The power b^(1/β) is taken exactly as a rational power b^(m/k) (1/β = m/k in lowest
 * terms, k-th root by Newton's method in decimals), so α must be a dyadic number with a
 * small 1/β: 1.0078125 (1/β = 128), 1.125, 1.25, 1.5, 1.75 (4/3), 2, 3 (1/2), 5 (1/4).
 * apfloat's exp and log at this precision cost milliseconds each, too slow for 200 rows.
 */
final class EntmaxReference {

	private static final MathContext MC = new MathContext(70, RoundingMode.HALF_EVEN);

	private static final BigDecimal TOLERANCE = new BigDecimal("1e-60");

	private static final Map<String, Solution> CACHE = new ConcurrentHashMap<>();

	private EntmaxReference() {
	}

	/** The probabilities p and b = 1 + β(z − c) (0 outside the support). */
	record Solution(BigDecimal[] p, BigDecimal[] b) {
	}

	/** The correctly rounded α-entmax of a row. */
	static double[] values(double[] row, double alpha) {
		BigDecimal[] p = solve(row, alpha).p();
		double[] out = new double[row.length];
		for (int i = 0; i < row.length; i++) {
			out[i] = (p[i].signum() == 0) ? 0.0 : round(p[i]);
		}
		return out;
	}

	/**
	 * The vector-Jacobian product s_i (g_i − q), s_i = p_i^(2−α) = p_i/b_i on the
	 * support, q = Σ g_j s_j / Σ s_j, summed as s_i Σ_j s_j (g_i − g_j) / Σ_j s_j, whose
	 * differences of g are exact; correctly rounded.
	 */
	static double[] vjp(double[] row, double[] g, double alpha) {
		Solution solution = solve(row, alpha);
		int n = row.length;
		BigDecimal[] s = new BigDecimal[n];
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < n; i++) {
			s[i] = (solution.p()[i].signum() > 0) ? solution.p()[i].divide(solution.b()[i], MC) : BigDecimal.ZERO;
			total = total.add(s[i]);
		}
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			if (s[i].signum() == 0) {
				out[i] = 0.0;
				continue;
			}
			BigDecimal sum = BigDecimal.ZERO;
			for (int j = 0; j < n; j++) {
				if (s[j].signum() > 0 && j != i) {
					sum = sum.add(s[j].multiply(bd(g[i]).subtract(bd(g[j])), MC));
				}
			}
			BigDecimal v = s[i].multiply(sum, MC).divide(total, MC);
			out[i] = (v.signum() == 0) ? 0.0 : round(v);
		}
		return out;
	}

	static Solution solve(double[] row, double alpha) {
		return CACHE.computeIfAbsent(alpha + " " + Arrays.toString(row), (key) -> compute(row, alpha));
	}

	private static Solution compute(double[] row, double alpha) {
		int n = row.length;
		BigDecimal beta = bd(alpha).subtract(BigDecimal.ONE);
		// 1/β = m/k in lowest terms, β = N/2^j exactly
		BigInteger num = beta.unscaledValue();
		BigInteger den = BigInteger.TEN.pow(Math.max(0, beta.scale()));
		if (beta.scale() < 0) {
			num = num.multiply(BigInteger.TEN.pow(-beta.scale()));
		}
		BigInteger gcd = num.gcd(den);
		int m = den.divide(gcd).intValueExact();
		int k = num.divide(gcd).intValueExact();
		if (m > 1000 || k > 1000) {
			throw new IllegalArgumentException("1/(alpha - 1) = " + m + "/" + k + " is not a small rational");
		}
		BigDecimal max = bd(row[0]);
		for (double x : row) {
			max = max.max(bd(x));
		}
		// z_i − max, where 1 + βz > 0 (the others are outside any support, as c ≥ 0)
		BigDecimal[] z = new BigDecimal[n];
		for (int i = 0; i < n; i++) {
			BigDecimal d = bd(row[i]).subtract(max);
			z[i] = (BigDecimal.ONE.add(beta.multiply(d)).signum() > 0) ? d : null;
		}
		// a start in double: bisection of Σ (1 + β(z − c))_+^(1/β) − 1 on [0, 1/β]
		double betaD = alpha - 1;
		double lo = 0;
		double hi = 1 / betaD;
		for (int iteration = 0; iteration < 200; iteration++) {
			double mid = 0.5 * (lo + hi);
			double sum = 0;
			for (BigDecimal zi : z) {
				if (zi != null) {
					double b = 1 + betaD * (zi.doubleValue() - mid);
					sum += (b > 0) ? Math.pow(b, 1 / betaD) : 0;
				}
			}
			if (sum >= 1) {
				lo = mid;
			}
			else {
				hi = mid;
			}
		}
		BigDecimal low = BigDecimal.ZERO;
		BigDecimal high = BigDecimal.ONE.divide(beta, MC);
		BigDecimal c = bd(lo);
		BigDecimal[] p = new BigDecimal[n];
		BigDecimal[] base = new BigDecimal[n];
		for (int iteration = 0; iteration < 500; iteration++) {
			BigDecimal slope = evaluate(z, beta, m, k, c, p, base);
			BigDecimal f = BigDecimal.ONE.negate();
			for (BigDecimal v : p) {
				f = f.add(v);
			}
			if (f.signum() >= 0) {
				low = c;
			}
			else {
				high = c;
			}
			BigDecimal next = (slope.signum() > 0) ? c.add(f.divide(slope, MC), MC) : c;
			if (next.compareTo(low) < 0 || next.compareTo(high) > 0 || (next.equals(c) && f.signum() != 0)) {
				next = low.add(high).divide(BigDecimal.valueOf(2), MC);
			}
			boolean converged = next.subtract(c).abs().compareTo(TOLERANCE) < 0
					|| high.subtract(low).compareTo(TOLERANCE) < 0;
			c = next;
			if (converged) {
				break;
			}
		}
		evaluate(z, beta, m, k, c, p, base);
		return new Solution(p, base);
	}

	/** Writes p and b at c; returns −f′(c) = Σ p_i/b_i. */
	private static BigDecimal evaluate(BigDecimal[] z, BigDecimal beta, int m, int k, BigDecimal c, BigDecimal[] p,
			BigDecimal[] base) {
		BigDecimal slope = BigDecimal.ZERO;
		for (int i = 0; i < z.length; i++) {
			p[i] = BigDecimal.ZERO;
			base[i] = BigDecimal.ZERO;
			if (z[i] == null) {
				continue;
			}
			BigDecimal b = BigDecimal.ONE.add(beta.multiply(z[i].subtract(c)), MC);
			if (b.signum() <= 0) {
				continue;
			}
			base[i] = b;
			p[i] = root(b.pow(m, MC), k);
			slope = slope.add(p[i].divide(b, MC));
		}
		return slope;
	}

	/** The k-th root of a positive decimal, by Newton's method from a double start. */
	static BigDecimal root(BigDecimal a, int k) {
		if (k == 1) {
			return a;
		}
		if (k == 2) {
			return a.sqrt(MC);
		}
		// a = f · 10^e, f in [1, 10): a start of f^(1/k) · 10^(e/k)
		int e = a.precision() - a.scale() - 1;
		int q = Math.floorDiv(e, k);
		double f = a.movePointLeft(q * k).doubleValue();
		BigDecimal y = new BigDecimal(Math.pow(f, 1.0 / k)).movePointRight(q);
		BigDecimal kk = BigDecimal.valueOf(k);
		for (int iteration = 0; iteration < 100; iteration++) {
			// y ← y − (y^k − a)/(k y^(k−1))
			BigDecimal power = y.pow(k - 1, MC);
			BigDecimal step = power.multiply(y, MC).subtract(a).divide(kk.multiply(power), MC);
			y = y.subtract(step, MC);
			if (step.abs().compareTo(y.abs().multiply(TOLERANCE).movePointLeft(8)) <= 0) {
				break;
			}
		}
		return y;
	}

}

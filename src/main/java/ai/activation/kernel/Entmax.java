package ai.activation.kernel;

import java.util.Arrays;

/**
 * α-entmax along an axis (Peters, Niculae and Martins, 2019, "Sparse Sequence-to-Sequence
 * Models"): the sparse generalization of softmax (α = 1) and sparsemax (α = 2), p_i = [(α
 * − 1) x_i − τ]_+^(1/(α−1)) with τ such that the outputs sum to 1, as the reference
 * implementation deep-spin/entmax defines it ({@code entmax/activations.py},
 * {@code Entmax15Function}; {@code entmax/root_finding.py},
 * {@code EntmaxBisectFunction}).
 *
 * <p>
 * Both functions work in the shifted coordinates z_i = x_i − max x, held exactly as
 * double-doubles (two-sum), as the package subtracts the maximum. With β = α − 1 the
 * definition reads p_i = (1 + β(z_i − c))_+^(1/β) for one unknown c in [0, min(ln n,
 * 1/β)] (τ = β·max − 1 + βc); elements with z_i ≤ −1/β are never in the support.
 *
 * <p>
 * Their vector-Jacobian product is the package's backward: with s_i = p_i^(2−α) on the
 * support (0 elsewhere), gᵀJ = s ⊙ (g − q), q = Σ_j g_j s_j / Σ_j s_j, the sums and the
 * difference in double-double and g scaled by 2^−100 where it is above 2^1000. Where the
 * support changes (p_i = 0 exactly at the boundary), the element counts as outside it, as
 * the package's {@code torch.where(Y > 0, ...)}.
 */
public final class Entmax {

	/** ln 2 as a double-double. */
	private static final double LN2_HI = 0.6931471805599453;

	private static final double LN2_LO = 2.3190468138462996e-17;

	/** Below this |β(z − c)|, log1p(β(z − c))/β is taken from its series. */
	private static final double SERIES_BELOW = 0x1p-10;

	/** Below this exponent, e^L is carried as one double (p &lt; 1e−304). */
	private static final double TINY_EXPONENT = -700.0;

	private Entmax() {
	}

	/**
	 * 1.5-entmax ({@code entmax15} of deep-spin/entmax, {@code entmax/activations.py}):
	 * p_i = ((z_i − t)/2)_+², z = x − max x, by the exact sort-based algorithm. With the
	 * k largest z sorted, t_k = mean_k − √((4 − ss_k)/k), ss_k = Σ_{j≤k}(z_j − mean_k)²
	 * (the package's tau on X/2, doubled); the support size is the largest k with t_k ≤
	 * z_(k). Sums, t and the outputs are double-doubles, so ties resolve exactly and each
	 * output is within 1 ulp unless it is tiny against 1 through cancellation at the
	 * support's edge.
	 *
	 * <p>
	 * Events, per lane: the package's algorithm on the unshifted x (x/2 squared and
	 * summed) reaches sums n·(max|x|/2)² ≥ 2^53, where the 1 of the simplex constraint is
	 * absorbed (or the sums overflow).
	 * @return the function
	 */
	public static AxisFunction entmax15() {
		return new Exact15();
	}

	/**
	 * α-entmax ({@code entmax_bisect} of deep-spin/entmax,
	 * {@code entmax/root_finding.py}), for α ≥ 1. α = 1 is softmax
	 * ({@link AxisKernels#softmax(double)} at T = 1), α = 1.5 is {@link #entmax15()} and
	 * α = 2 is {@link AxisKernels#sparsemax()}, exactly. Otherwise c is found by
	 * bisection in double until the bracket cannot shrink, then refined by Newton steps
	 * on Σ p − 1 evaluated in double-double (its derivative −Σ p^(2−α) is at most −1),
	 * until the step is below 2^−100; no final normalization is needed. Each p_i =
	 * exp(log1p(β(z_i − c))/β), with log1p in double-double (its series where β(z_i − c)
	 * is tiny, so α near 1 keeps its accuracy), is then within a few ulp, except where it
	 * is tiny through cancellation at the support's edge. Where b = 1 + β(z − c) of the
	 * support falls below double-double resolution (α far above 2 with near-ties, such as
	 * α = 1e6 on [1, 1 − 1e−7]: the true second output is set by an excess of 10^−5.6e6
	 * over the gap), the root cannot be resolved; the outputs are then divided by their
	 * sum, as the package's {@code ensure_sum_one}, and are not within that bound.
	 *
	 * <p>
	 * Events, per lane: the package's bisection on the unshifted (α − 1)x brackets τ in
	 * an interval of width at most 1 next to (α − 1)·max x, which is lost in rounding
	 * once (α − 1)·max|x| ≥ 2^52.
	 * @param alpha α ≥ 1
	 * @return the function
	 */
	public static AxisFunction entmax(double alpha) {
		if (alpha == 1.0) {
			return AxisKernels.softmax(1.0);
		}
		if (alpha == 1.5) {
			return entmax15();
		}
		if (alpha == 2.0) {
			return AxisKernels.sparsemax();
		}
		return new Bisection(alpha);
	}

	/** The largest |x| and the maximum of a lane, into {@code out}. */
	private static void maxima(double[] in, int start, int stride, int n, double[] out) {
		double max = Double.NEGATIVE_INFINITY;
		double maxAbs = 0;
		for (int k = 0; k < n; k++) {
			double v = in[start + k * stride];
			max = Math.max(max, v);
			maxAbs = Math.max(maxAbs, Math.abs(v));
		}
		out[0] = max;
		out[1] = maxAbs;
	}

	/**
	 * Returns 2^−100 where the largest |g| of the lane is above 2^1000 (so that sums and
	 * differences of g cannot overflow), else 1.
	 */
	private static double laneScale(double[] grad, int start, int stride, int n) {
		double max = 0;
		for (int j = 0; j < n; j++) {
			max = Math.max(max, Math.abs(grad[start + j * stride]));
		}
		return (max > 0x1p1000) ? 0x1p-100 : 1.0;
	}

	/** √(ah + al) as a double-double, for ah ≥ 0. */
	static void sqrt(double ah, double al, double[] out) {
		if (ah <= 0) {
			out[0] = 0.0;
			out[1] = 0.0;
			return;
		}
		double s = Math.sqrt(ah);
		double r = Math.fma(-s, s, ah) + al;
		DoubleDouble.twoSum(s, r / (2 * s), out);
	}

	/**
	 * The product s ⊙ (g − q) of a lane, q = Σ g_j s_j / Σ s_j, from s as double-doubles
	 * (zero outside the support).
	 */
	private static void centredProduct(double[] grad, int start, int stride, int n, double[] sh, double[] sl,
			double[] out, double[] t) {
		double scale = laneScale(grad, start, stride, n);
		double numH = 0;
		double numL = 0;
		double denH = 0;
		double denL = 0;
		for (int k = 0; k < n; k++) {
			if (sh[k] == 0) {
				continue;
			}
			DoubleDouble.mul(sh[k], sl[k], grad[start + k * stride] * scale, 0.0, t);
			DoubleDouble.add(numH, numL, t[0], t[1], t);
			numH = t[0];
			numL = t[1];
			DoubleDouble.add(denH, denL, sh[k], sl[k], t);
			denH = t[0];
			denL = t[1];
		}
		double qh = 0;
		double ql = 0;
		if (denH > 0) {
			DoubleDouble.div(numH, numL, denH, denL, t);
			qh = t[0];
			ql = t[1];
		}
		for (int k = 0; k < n; k++) {
			int i = start + k * stride;
			if (sh[k] == 0) {
				out[i] = 0.0;
				continue;
			}
			DoubleDouble.add(grad[i] * scale, 0.0, -qh, -ql, t);
			DoubleDouble.mul(sh[k], sl[k], t[0], t[1], t);
			out[i] = (t[0] + t[1]) / scale;
		}
	}

	/** 1.5-entmax by the exact sort-based algorithm. */
	private static final class Exact15 implements AxisFunction {

		@Override
		public long apply(double[] in, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			double[] sh = new double[n];
			double[] sl = new double[n];
			long events = 0;
			for (int lane = 0; lane < lanes.count(); lane++) {
				int start = lanes.start(lane);
				events += halfGaps(in, start, stride, n, sh, sl);
				for (int k = 0; k < n; k++) {
					double h = sh[k];
					double l = sl[k];
					// p = h², h = (z − t)/2 > 0
					double p = h * h;
					out[start + k * stride] = Math.fma(h, h, -p) + 2 * h * l + p;
				}
			}
			return events;
		}

		@Override
		public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			double[] sh = new double[n];
			double[] sl = new double[n];
			double[] t = new double[2];
			long events = 0;
			for (int lane = 0; lane < lanes.count(); lane++) {
				int start = lanes.start(lane);
				events += halfGaps(in, start, stride, n, sh, sl);
				// s = p^(1/2) = (z − t)/2
				centredProduct(grad, start, stride, n, sh, sl, out, t);
			}
			return events;
		}

		/**
		 * Writes (z_k − t)/2 as double-doubles, 0 outside the support, for one lane;
		 * returns its event count.
		 */
		private static long halfGaps(double[] in, int start, int stride, int n, double[] gh, double[] gl) {
			double[] t = new double[2];
			double[] u = new double[2];
			maxima(in, start, stride, n, t);
			double max = t[0];
			double maxAbs = t[1];
			long events = (n * (0.25 * maxAbs * maxAbs) >= 0x1p53) ? 1 : 0;
			// the candidates: z = x − max > −2, as t ≥ −2
			double[] candidates = new double[n];
			int count = 0;
			for (int k = 0; k < n; k++) {
				double v = in[start + k * stride];
				DoubleDouble.twoSum(v, -max, t);
				if (t[0] > -2.0 || (t[0] == -2.0 && t[1] > 0)) {
					candidates[count++] = v;
				}
			}
			Arrays.sort(candidates, 0, count);
			double s1h = 0;
			double s1l = 0;
			double s2h = 0;
			double s2l = 0;
			double th = -2.0;
			double tl = 0.0;
			for (int k = 1; k <= count; k++) {
				DoubleDouble.twoSum(candidates[count - k], -max, t);
				double zh = t[0];
				double zl = t[1];
				DoubleDouble.add(s1h, s1l, zh, zl, u);
				s1h = u[0];
				s1l = u[1];
				DoubleDouble.mul(zh, zl, zh, zl, u);
				DoubleDouble.add(s2h, s2l, u[0], u[1], u);
				s2h = u[0];
				s2l = u[1];
				// mean = S1/k, ss = S2 − S1·mean, t_k = mean − √((4 − ss)/k)
				DoubleDouble.div(s1h, s1l, k, 0.0, u);
				double mh = u[0];
				double ml = u[1];
				DoubleDouble.mul(s1h, s1l, mh, ml, u);
				DoubleDouble.add(s2h, s2l, -u[0], -u[1], u);
				DoubleDouble.add(4.0, 0.0, -u[0], -u[1], u);
				if (u[0] < 0) {
					// no t puts all k in the support
					continue;
				}
				DoubleDouble.div(u[0], u[1], k, 0.0, u);
				sqrt(u[0], u[1], u);
				DoubleDouble.add(mh, ml, -u[0], -u[1], u);
				double ch = u[0];
				double cl = u[1];
				// t_k ≤ z_(k)
				DoubleDouble.add(zh, zl, -ch, -cl, u);
				if (u[0] > 0 || (u[0] == 0 && u[1] >= 0)) {
					th = ch;
					tl = cl;
				}
			}
			for (int k = 0; k < n; k++) {
				DoubleDouble.twoSum(in[start + k * stride], -max, t);
				if (!(t[0] > -2.0)) {
					gh[k] = 0.0;
					gl[k] = 0.0;
					continue;
				}
				DoubleDouble.add(t[0], t[1], -th, -tl, t);
				if (t[0] > 0) {
					gh[k] = 0.5 * t[0];
					gl[k] = 0.5 * t[1];
				}
				else {
					gh[k] = 0.0;
					gl[k] = 0.0;
				}
			}
			return events;
		}

	}

	/** α-entmax for α ∉ {1, 1.5, 2}: bisection, then Newton steps in double-double. */
	private static final class Bisection implements AxisFunction {

		private static final int NEWTON_STEPS = 6;

		/** β = α − 1 as a double-double. */
		private final double betaH;

		private final double betaL;

		Bisection(double alpha) {
			double[] t = new double[2];
			DoubleDouble.twoSum(alpha, -1.0, t);
			this.betaH = t[0];
			this.betaL = t[1];
		}

		@Override
		public long apply(double[] in, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			Lane lane = new Lane(n);
			long events = 0;
			for (int l = 0; l < lanes.count(); l++) {
				int start = lanes.start(l);
				events += solve(in, start, stride, n, lane);
				for (int k = 0; k < n; k++) {
					out[start + k * stride] = lane.value(k);
				}
			}
			return events;
		}

		@Override
		public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			Lane lane = new Lane(n);
			double[] t = new double[2];
			long events = 0;
			for (int l = 0; l < lanes.count(); l++) {
				int start = lanes.start(l);
				events += solve(in, start, stride, n, lane);
				// s = p^(2−α) = p/b, b = 1 + β(z − c)
				for (int k = 0; k < n; k++) {
					lane.slope(k, t);
					lane.sh[k] = t[0];
					lane.sl[k] = t[1];
				}
				centredProduct(grad, start, stride, n, lane.sh, lane.sl, out, t);
			}
			return events;
		}

		/** Finds c of one lane and writes, per element, log p (dd) and b (dd). */
		private long solve(double[] in, int start, int stride, int n, Lane lane) {
			double[] t = lane.t;
			maxima(in, start, stride, n, t);
			double max = t[0];
			double maxAbs = t[1];
			long events = (this.betaH * maxAbs >= 0x1p52) ? 1 : 0;
			// the candidates: 1 + βz > 0
			int count = 0;
			for (int k = 0; k < n; k++) {
				DoubleDouble.twoSum(in[start + k * stride], -max, t);
				lane.index[k] = -1;
				if (!(t[0] > Double.NEGATIVE_INFINITY)) {
					continue;
				}
				double zh = t[0];
				double zl = t[1];
				DoubleDouble.mul(this.betaH, this.betaL, zh, zl, t);
				if (t[0] > -1.0 || (t[0] == -1.0 && t[1] > 0)) {
					lane.zh[count] = zh;
					lane.zl[count] = zl;
					lane.index[k] = count++;
				}
			}
			lane.count = count;
			double ch = 0;
			double cl = 0;
			lane.norm = 1.0;
			if (count > 1) {
				ch = bisect(lane);
				for (int step = 0; step < NEWTON_STEPS; step++) {
					double delta = newtonStep(lane, ch, cl);
					DoubleDouble.add(ch, cl, delta, 0.0, t);
					if (!(t[0] * this.betaH < 1.0)) {
						// past c = 1/β, where the maximum leaves the support: the
						// double-double sums cannot resolve the root any better
						break;
					}
					ch = Math.max(t[0], 0.0);
					cl = (t[0] > 0) ? t[1] : 0.0;
					if (Math.abs(delta) <= 0x1p-100 * Math.max(ch, 0x1p-60)) {
						break;
					}
				}
				newtonStep(lane, ch, cl);
				if (Math.abs(lane.sum - 1.0) > 0x1p-40 && lane.sum > 0) {
					// only where b = 1 + β(z − c) of the support is below double-double
					// resolution (α far above 2 with near-ties): the package's
					// ensure_sum_one normalization
					lane.norm = lane.sum;
				}
			}
			else {
				lane.evaluate(this.betaH, this.betaL, ch, cl);
			}
			return events;
		}

		/**
		 * The largest double c where Σ p − 1, evaluated in double, is still ≥ 0, by
		 * bisection on [0, min(ln n, 1/β)] until the bracket cannot shrink.
		 */
		private double bisect(Lane lane) {
			double r = 1.0 / this.betaH;
			double lo = 0.0;
			double hi = Math.nextUp(Math.nextUp(Math.min(Math.log(lane.count), r)));
			while (true) {
				double mid = 0.5 * (lo + hi);
				if (mid <= lo || mid >= hi) {
					return lo;
				}
				double sum = 0;
				for (int k = 0; k < lane.count; k++) {
					double b = 1.0 + this.betaH * (lane.zh[k] - mid);
					if (b > 0) {
						sum += Math.pow(b, r);
					}
				}
				if (sum >= 1.0) {
					lo = mid;
				}
				else {
					hi = mid;
				}
			}
		}

		/** The Newton step (Σ p − 1)/Σ p^(2−α) at c, Σ p in double-double. */
		private double newtonStep(Lane lane, double ch, double cl) {
			lane.evaluate(this.betaH, this.betaL, ch, cl);
			double[] t = lane.t;
			double sh = 0;
			double sl = 0;
			double slopes = 0;
			for (int k = 0; k < lane.count; k++) {
				if (lane.bh[k] <= 0) {
					continue;
				}
				double lh = lane.lh[k];
				if (lh > TINY_EXPONENT) {
					DoubleDouble.exp(lh, lane.ll[k], t);
				}
				else {
					t[0] = Math.exp(lh);
					t[1] = 0.0;
				}
				slopes += t[0] / lane.bh[k];
				DoubleDouble.add(sh, sl, t[0], t[1], t);
				sh = t[0];
				sl = t[1];
			}
			lane.sum = sh + sl;
			DoubleDouble.add(sh, sl, -1.0, 0.0, t);
			return (slopes > 0) ? (t[0] + t[1]) / slopes : 0.0;
		}

	}

	/** The working arrays of one lane of {@link Bisection}. */
	private static final class Lane {

		final double[] zh;

		final double[] zl;

		/** The candidate number of each element, or −1 outside the candidates. */
		final int[] index;

		/** log p_k = log1p(β(z_k − c))/β as a double-double, per candidate. */
		final double[] lh;

		final double[] ll;

		/** b_k = 1 + β(z_k − c) as a double-double, ≤ 0 outside the support. */
		final double[] bh;

		final double[] bl;

		final double[] sh;

		final double[] sl;

		final double[] t = new double[2];

		final double[] u = new double[2];

		int count;

		/** Σ p at the last Newton evaluation. */
		double sum;

		/** The divisor of every p: 1, or Σ p where the root cannot be resolved. */
		double norm = 1.0;

		Lane(int n) {
			this.zh = new double[n];
			this.zl = new double[n];
			this.index = new int[n];
			this.lh = new double[n];
			this.ll = new double[n];
			this.bh = new double[n];
			this.bl = new double[n];
			this.sh = new double[n];
			this.sl = new double[n];
		}

		/** Writes b and log p of every candidate at c. */
		void evaluate(double betaH, double betaL, double ch, double cl) {
			double[] t = this.t;
			double[] u = this.u;
			for (int k = 0; k < this.count; k++) {
				// w = z − c, y = βw, b = 1 + y
				DoubleDouble.add(this.zh[k], this.zl[k], -ch, -cl, u);
				double wh = u[0];
				double wl = u[1];
				DoubleDouble.mul(betaH, betaL, wh, wl, t);
				double yh = t[0];
				double yl = t[1];
				DoubleDouble.add(1.0, 0.0, yh, yl, u);
				this.bh[k] = u[0];
				this.bl[k] = u[1];
				if (!(u[0] > 0)) {
					this.bh[k] = 0.0;
					this.bl[k] = 0.0;
					continue;
				}
				if (Math.abs(yh) < SERIES_BELOW) {
					// log1p(y)/β = w·(1 + s), s = Σ_{j≥1} (−y)^j/(j + 1)
					double s = -yh * (1.0 / 2 - yh * (1.0 / 3 - yh
							* (1.0 / 4 - yh * (1.0 / 5 - yh * (1.0 / 6 - yh * (1.0 / 7 - yh * (1.0 / 8 - yh / 9)))))));
					DoubleDouble.add(wh, wl, wh * s, 0.0, t);
				}
				else {
					log(u[0], u[1], t);
					DoubleDouble.div(t[0], t[1], betaH, betaL, t);
				}
				this.lh[k] = t[0];
				this.ll[k] = t[1];
			}
		}

		/** p of element k, rounded once. */
		double value(int k) {
			int c = this.index[k];
			if (c < 0 || this.bh[c] <= 0) {
				return 0.0;
			}
			return DoubleDouble.scaledExp(1.0, this.norm, this.lh[c], this.ll[c]);
		}

		/** p^(2−α) = p/b of element k as a double-double, 0 outside the support. */
		void slope(int k, double[] out) {
			int c = this.index[k];
			if (c < 0 || this.bh[c] <= 0) {
				out[0] = 0.0;
				out[1] = 0.0;
				return;
			}
			double lh = this.lh[c];
			if (lh > TINY_EXPONENT) {
				DoubleDouble.exp(lh, this.ll[c], out);
				DoubleDouble.div(out[0], out[1], this.bh[c], this.bl[c], out);
			}
			else {
				out[0] = DoubleDouble.scaledExp(1.0, this.bh[c], lh, this.ll[c]);
				out[1] = 0.0;
			}
		}

	}

	/** ln(bh + bl) as a double-double, for bh &gt; 0: one Newton step on e^L = b. */
	static void log(double bh, double bl, double[] out) {
		int e = DoubleDouble.exponent(bh);
		double mh = Math.scalb(bh, -e);
		double ml = Math.scalb(bl, -e);
		double l0 = Math.log(mh);
		double[] t = new double[2];
		// m·e^−L0 = 1 + d, ln m = L0 + d − d²/2
		DoubleDouble.exp(-l0, 0.0, t);
		DoubleDouble.mul(mh, ml, t[0], t[1], t);
		DoubleDouble.add(t[0], t[1], -1.0, 0.0, t);
		double d = t[0] + t[1];
		DoubleDouble.add(l0, 0.0, t[0], t[1], t);
		DoubleDouble.add(t[0], t[1], -0.5 * d * d, 0.0, t);
		double lh = t[0];
		double ll = t[1];
		// + e·ln 2
		double p = e * LN2_HI;
		double pe = Math.fma(e, LN2_HI, -p) + e * LN2_LO;
		DoubleDouble.add(lh, ll, p, pe, out);
	}

}

package ai.activation.kernel;

/**
 * logsumexp and logmeanexp along an axis: the log of the sum (or mean) of the
 * exponentials of a lane, one value per lane.
 *
 * <p>
 * With m the maximum of the lane, d_k = x_k − m as a double-double and R = Σ_{k≠argmax}
 * e^(d_k) summed with compensation, log Σ e^x = m + log(1 + R). log(1 + R) is taken to
 * double-double accuracy: y = log1p(R), corrected by one Newton step (1 + R − e^y)/e^y
 * with e^y in double-double ({@link DoubleDouble#exp}), so that the sum m + log(1 + R)
 * keeps its accuracy where it cancels (m close to −log(1 + R)). Exact when one term
 * dominates (R tiny: the result is m + R to the last bit), and never overflowing before
 * the true value does. Within 2 ulp.
 *
 * <p>
 * On a contiguous lane (the last axis) with the Vector API, R is summed by the lanewise
 * EXP with a compensated sum per vector lane instead (see {@code sums}), kept only where
 * its error argument gives the same bound, else the lane is summed again by the scalar
 * path.
 *
 * <p>
 * The vector-Jacobian product is g·softmax(x)_k, the softmax built from the same d_k and
 * S = 1 + R, with e^(d_k)/S scaled by 2^k where it is subnormal; within 3 ulp.
 *
 * <p>
 * Events, per lane: the textbook log Σ e^(x_k) overflows (a term or the sum beyond
 * MAX_VALUE) or takes the log of 0 (every term flushed, max ≤ −745.13).
 *
 * <p>
 * With a mask, as the {@code where} of jax-ml/jax {@code jax/_src/ops/special.py}
 * ({@code logsumexp}) and {@code jax/_src/nn/functions.py} ({@code logmeanexp}, which
 * divides by the count of included elements): the reduction of the unmasked elements of
 * each lane, by {@link MaskedLanes} on the unmasked kernel; masked positions get 0 in the
 * product. JAX answers −∞ for a lane with no element; the engine refuses one before.
 */
public final class LogSumExp {

	private LogSumExp() {
	}

	/**
	 * logsumexp (pytorch/pytorch {@code torch.logsumexp(input, dim, keepdim=False)},
	 * jax-ml/jax {@code jax.nn.logsumexp}).
	 * @param keepDims whether the output keeps the axis, with length 1
	 * @return the function, whose output axis has length 1 (removed unless
	 * {@code keepDims})
	 */
	public static AxisFunction logsumexp(boolean keepDims) {
		return new Reduction(keepDims, false);
	}

	/**
	 * logmeanexp = logsumexp − log n (jax-ml/jax {@code jax.nn.logmeanexp}), taken as m +
	 * log(S/n) with S/n a double-double, so that log S and log n never cancel (a lane of
	 * equal values gives that value exactly).
	 * @param keepDims whether the output keeps the axis, with length 1
	 * @return the function
	 */
	public static AxisFunction logmeanexp(boolean keepDims) {
		return new Reduction(keepDims, true);
	}

	private static final class Reduction implements AxisFunction {

		private final boolean keepDims;

		private final boolean mean;

		Reduction(boolean keepDims, boolean mean) {
			this.keepDims = keepDims;
			this.mean = mean;
		}

		@Override
		public int outputLength(int length) {
			return 1;
		}

		@Override
		public boolean removesAxis() {
			return !this.keepDims;
		}

		@Override
		public String maskRule() {
			return "Elements whose mask is false (0) take no part: the "
					+ (this.mean ? "log of the mean over the unmasked elements, the sum divided by their count"
							: "log of the sum over the unmasked elements")
					+ ", as jax.nn." + (this.mean ? "logmeanexp" : "logsumexp")
					+ "'s where; in the gradient, masked positions answer 0.";
		}

		@Override
		public long applyMasked(double[] in, double[] mask, Lanes lanes, double[] out) {
			return MaskedLanes.apply(this, in, mask, lanes, out);
		}

		@Override
		public long vjpMasked(double[] in, double[] grad, double[] mask, Lanes lanes, double[] out) {
			return MaskedLanes.vjp(this, in, grad, mask, lanes, out);
		}

		@Override
		public long apply(double[] in, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			Lanes reduced = new Lanes(lanes.outer(), 1, lanes.inner());
			double[] lane = new double[6];
			double[] t = new double[2];
			long events = 0;
			for (int k = 0; k < lanes.count(); k++) {
				int start = lanes.start(k);
				int path = sums(in, start, stride, n, lane, WHOLE);
				double result = result(lane, n, t);
				if (path == WHOLE && !(Math.abs(result) >= 2)) {
					path = sums(in, start, stride, n, lane, EXCEPT);
					result = result(lane, n, t);
				}
				if (path == EXCEPT && !vectorAccurate(lane[0], result, n)) {
					sums(in, start, stride, n, lane, SCALAR);
					result = result(lane, n, t);
				}
				double m = lane[0];
				double sh = lane[3];
				if (m > Scalars.LN_MAX || m <= Scalars.LN_UNDERFLOW
						|| (m > Scalars.LN_MAX - 50 && m + Math.log(sh) > Scalars.LN_MAX)) {
					events++;
				}
				out[reduced.start(k)] = result;
			}
			return events;
		}

		/** m + log S, or m + log(S/n), from the lane's sums. */
		private double result(double[] lane, int n, double[] t) {
			if (this.mean) {
				// log(S/n) from the double-double S/n: exactly 0 for a lane of equal
				// values, and no log n to cancel against log S
				DoubleDouble.div(lane[3], lane[2], n, 0.0, t);
				logOf(t[0], t[1], t);
			}
			else {
				t[0] = lane[4];
				t[1] = lane[5];
			}
			DoubleDouble.add(lane[0], 0.0, t[0], t[1], t);
			return t[0] + t[1];
		}

		/**
		 * Tells whether the result of the vector sum (each term by the lanewise EXP, S
		 * within about 2^−52 relative, so log S within about 2^−52 absolute) keeps the
		 * bound: where |m| ≥ log n + 2, as the scalar path's own Math.exp sum; where the
		 * result is at least 2 in magnitude, as an absolute error of 2^−52 is then below
		 * ulp/2; and for logsumexp where m ≥ 0, as there m + log S does not cancel (both
		 * non-negative, and a relative error δ of R moves log S = log1p(R) by at most
		 * R·δ/(1 + R) ≤ δ·log1p(R), so the result by at most δ relative). Elsewhere (a
		 * result near 0 from a cancelling m + log S, or the mean of nearly equal values)
		 * the lane is summed again by the scalar path, with double-double exponentials.
		 */
		private boolean vectorAccurate(double m, double result, int n) {
			return Math.abs(m) >= Math.log(n) + 2 || Math.abs(result) >= 2 || (!this.mean && m >= 0);
		}

		@Override
		public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			Lanes reduced = new Lanes(lanes.outer(), 1, lanes.inner());
			double[] lane = new double[6];
			double[] d = new double[2];
			long events = 0;
			for (int k = 0; k < lanes.count(); k++) {
				int start = lanes.start(k);
				sums(in, start, stride, n, lane, SCALAR);
				double m = lane[0];
				if (m > Scalars.LN_MAX || m <= Scalars.LN_UNDERFLOW) {
					events++;
				}
				double g = grad[reduced.start(k)];
				double sh = lane[3];
				double correction = lane[2] / sh;
				for (int j = 0; j < n; j++) {
					difference(in[start + j * stride], m, d);
					double p;
					if (d[0] > -700.0) {
						double e = Math.exp(d[0]);
						p = g * (Math.fma(e, d[1] - correction, e) / sh);
					}
					else {
						p = DoubleDouble.scaledExp(g, sh, d[0], d[1] - correction);
					}
					out[start + j * stride] = p;
				}
			}
			return events;
		}

	}

	/**
	 * Writes, for one lane: [0] the maximum m, [2] and [3] the low and high parts of S =
	 * 1 + R, [4] and [5] log S as a double-double ([1] is unused). {@link #SCALAR} sums
	 * by the scalar path. {@link #EXCEPT} sums a contiguous lane whose terms are all
	 * finite and above 2^−1009 by {@link VectorKernels#expSumExcept} (e^dh by the
	 * lanewise EXP, compensated per vector lane), the terms of the scalar path where |m|
	 * ≥ log n + 2; the caller checks that its result is accurate enough (see
	 * {@code vectorAccurate}). {@link #WHOLE} does the same but sums the term 1 of the
	 * first maximum with the others and takes R = S − 1: log S then has an absolute error
	 * of about 2^−52 (S's relative one), below half an ulp of a result of magnitude 2 or
	 * more, which the caller checks.
	 * @return the path the lane took: {@code mode}, or {@link #SCALAR} where the lane is
	 * not contiguous or not for the vector sum
	 */
	static int sums(double[] in, int start, int stride, int n, double[] lane, int mode) {
		double[] t = new double[2];
		if (mode != SCALAR && Simd.AVAILABLE && stride == 1) {
			VectorKernels.maxMin(in, start, n, 1.0, t);
			double m = t[0];
			double lowest = t[1];
			if (vectorSum(m, lowest)) {
				VectorKernels.expSumExcept(in, start, n, 1.0, m, 1.0, mode == EXCEPT, t);
				if (mode == WHOLE) {
					// R = S − 1, S ≥ 1 holding the maximum's term 1
					DoubleDouble.add(t[0], t[1], -1.0, 0.0, t);
				}
				logOfSum(m, t[0], t[1], lane);
				return mode;
			}
		}
		double m = Double.NEGATIVE_INFINITY;
		int argmax = 0;
		for (int k = 0; k < n; k++) {
			double v = in[start + k * stride];
			if (v > m) {
				m = v;
				argmax = k;
			}
		}
		double[] d = new double[2];
		double rh = 0;
		double rc = 0;
		// Where m is small, m + log S may cancel: then each term is e^d in double-double
		// (about 1e−22), not Math.exp's 1 ulp, which would be amplified by the
		// cancellation.
		boolean precise = Math.abs(m) < Math.log(n) + 2;
		for (int k = 0; k < n; k++) {
			if (k == argmax) {
				continue;
			}
			difference(in[start + k * stride], m, d);
			if (precise && d[0] > -700) {
				if (d[0] > -0x1p-60) {
					// e^d = 1 + d to 2^−121: no scaling of a subnormal d inside exp
					t[0] = 1.0;
					t[1] = d[0] + d[1];
				}
				else {
					DoubleDouble.exp(d[0], d[1], t);
				}
				DoubleDouble.add(rh, rc, t[0], t[1], t);
				rh = t[0];
				rc = t[1];
				continue;
			}
			double e = Math.exp(d[0]);
			e = Math.fma(e, d[1], e);
			double s = rh + e;
			rc += (Math.abs(rh) >= Math.abs(e)) ? (rh - s) + e : (e - s) + rh;
			rh = s;
		}
		double r = rh + rc;
		double rl = rc - (r - rh);
		logOfSum(m, r, rl, lane);
		return SCALAR;
	}

	/** The scalar sum ({@link #sums}). */
	static final int SCALAR = 0;

	/** The vector sum without the first maximum's term ({@link #sums}). */
	static final int EXCEPT = 1;

	/** The vector sum of every term ({@link #sums}). */
	static final int WHOLE = 2;

	/**
	 * Tells whether a contiguous lane with maximum m and minimum {@code lowest} may take
	 * the vector sum: both finite, and a span below 699, so that every term is above
	 * 2^−1009 (no subnormal e^d).
	 */
	private static boolean vectorSum(double m, double lowest) {
		return Double.isFinite(m) && Double.isFinite(lowest) && lowest - m > -699.0;
	}

	/**
	 * From the maximum m and R = rh + rl (the sum of the terms other than the first
	 * maximum), writes S = 1 + R and log S into {@code lane}, as {@link #sums}.
	 */
	private static void logOfSum(double m, double rh, double rl, double[] lane) {
		double[] t = new double[2];
		DoubleDouble.add(1.0, 0.0, rh, rl, t);
		double sh = t[0];
		double sl = t[1];
		// log S: R itself where R < 2^−60 (log1p(R) = R − R²/2 …, the rest below 2^−61
		// of R); else log1p(R), then one Newton step against e^y in double-double
		double y;
		double delta;
		if (rh < 0x1p-60) {
			y = rh;
			delta = rl;
		}
		else {
			y = Math.log1p(rh);
			DoubleDouble.exp(y, 0.0, t);
			delta = ((sh - t[0]) + (sl - t[1])) / sh;
		}
		lane[0] = m;
		lane[2] = sl;
		lane[3] = sh;
		lane[4] = y;
		lane[5] = delta;
	}

	/**
	 * log(qh + ql) as a double-double: log1p of the exact q − 1 near 1 (Sterbenz), so a
	 * ratio of 1 gives 0; log qh and one Newton step elsewhere. Only for logmeanexp,
	 * where q = S/n lies in [1/n, 1].
	 */
	private static void logOf(double qh, double ql, double[] out) {
		if (qh >= 0.5 && qh <= 2) {
			double uh = qh - 1.0;
			double[] t = new double[2];
			DoubleDouble.twoSum(uh, ql, t);
			double u = t[0];
			double ul = t[1];
			if (Math.abs(u) < 0x1p-60) {
				// log1p(u) = u − u²/2 + …: the rest is below 2^−120 of u
				out[0] = u;
				out[1] = ul - 0.5 * u * u;
				return;
			}
			// log1p(u), then one Newton step against e^y in double-double, as the sum
			// m + log(S/n) may cancel
			double y = Math.log1p(u);
			DoubleDouble.exp(y, 0.0, t);
			double e0 = t[0];
			double e1 = t[1];
			DoubleDouble.add(1.0, 0.0, u, ul, t);
			out[0] = y;
			out[1] = ((t[0] - e0) + (t[1] - e1)) / t[0];
			return;
		}
		// log qh, then one Newton step against e^y in double-double: Math.log's ulp of
		// log q (up to log n in magnitude, q = S/n ≥ 1/n) would be amplified where
		// m + log q cancels
		double y = Math.log(qh);
		double[] t = new double[2];
		DoubleDouble.exp(y, 0.0, t);
		out[0] = y;
		out[1] = ((qh - t[0]) + (ql - t[1])) / qh;
	}

	/** x − m as a double-double; −∞ where the difference is below −MAX_VALUE. */
	private static void difference(double x, double m, double[] out) {
		DoubleDouble.twoSum(x, -m, out);
		if (Double.isInfinite(out[0])) {
			out[1] = 0.0;
		}
	}

}

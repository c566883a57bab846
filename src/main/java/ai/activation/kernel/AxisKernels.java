package ai.activation.kernel;

import java.util.Arrays;

/**
 * The activation functions applied along an axis: the softmax family, GLU and sparsemax.
 */
public final class AxisKernels {

	private AxisKernels() {
	}

	/**
	 * softmax: e^((x_i − m)/T) / Σ_j e^((x_j − m)/T), with m the maximum of the lane. Its
	 * vector-Jacobian product is (1/T)·y ⊙ (g − Σ_j g_j y_j), as {@link SoftmaxFamily}
	 * computes it.
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmax(double temperature) {
		return new SoftmaxFamily(temperature, false, false);
	}

	/**
	 * softmax at T = 1 over the channels of an image, as PyTorch's Softmax2d
	 * ({@code torch/nn/modules/activation.py}), which takes no mask: {@link #softmax}'s
	 * values and products, without its masked paths.
	 * @return the function
	 */
	public static AxisFunction channelSoftmax() {
		AxisFunction softmax = softmax(1);
		return new AxisFunction() {

			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				return softmax.apply(in, lanes, out);
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				return softmax.vjp(in, grad, lanes, out);
			}

		};
	}

	/**
	 * softmin: the softmax of −x. Its vector-Jacobian product is −(1/T)·y ⊙ (g − Σ_j g_j
	 * y_j).
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmin(double temperature) {
		return new SoftmaxFamily(temperature, true, false);
	}

	/**
	 * log_softmax: (x_i − m)/T − log Σ_j e^((x_j − m)/T). Its vector-Jacobian product is
	 * (1/T)·(g − softmax(x/T)·Σ_j g_j).
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction logSoftmax(double temperature) {
		return new SoftmaxFamily(temperature, false, true);
	}

	/**
	 * glu: a·σ(b), where a and b are the first and second halves of the lane. For b &lt;
	 * −40 the product a·e^b is scaled by 2^k, so it stays accurate where σ(b) is
	 * subnormal but the product is not. Within 3 ulp.
	 *
	 * <p>
	 * Events, counted per output element: the textbook a/(1 + e^−b) overflows e^−b (b
	 * &lt; −709.78).
	 *
	 * <p>
	 * Its vector-Jacobian product has the input's shape: ∂/∂a = g·σ(b) (scaled by 2^k for
	 * b &lt; −40, within 3 ulp) and ∂/∂b = g·a·σ(b)σ(−b), with σ′(b) = E/(1 + E)², E =
	 * e^−|b|, and the product g·a·σ′(b) rounded once (g·a alone may overflow), g·a·E
	 * scaled by 2^k for |b| &gt; 40; within 4 ulp. PyTorch's {@code glu_backward_kernel}
	 * forms (1 − σ)·σ·a·g instead, which flushes for b &gt; 36.74. Events, per gate
	 * element: the textbook σ(b) overflows e^−b (b &lt; −709.78), or σ(b)(1 − σ(b))
	 * flushes to 0 where σ′(b) is not 0 (as {@link Logistic#SIGMOID}'s derivative
	 * events).
	 * @return the function, whose output axis is half as long
	 */
	public static AxisFunction glu() {
		return new AxisFunction() {
			@Override
			public int lengthMultiple() {
				return 2;
			}

			@Override
			public int outputLength(int length) {
				return length / 2;
			}

			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				long events = 0;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					int stride = lanes.inner();
					if (Simd.AVAILABLE && stride == 1) {
						events += VectorKernels.glu(in, src, half, out, dst);
						continue;
					}
					for (int k = 0; k < half; k++) {
						double a = in[src + k * stride];
						double b = in[src + (k + half) * stride];
						if (Logistic.SIGMOID.naiveFails(b)) {
							events++;
						}
						out[dst + k * stride] = Logistic.timesSigmoid(a, b);
					}
				}
				return events;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				int stride = lanes.inner();
				long events = 0;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					for (int k = 0; k < half; k++) {
						int ia = src + k * stride;
						int ib = src + (k + half) * stride;
						double a = in[ia];
						double b = in[ib];
						double g = grad[dst + k * stride];
						if (Logistic.SIGMOID.naiveFails(b) || Logistic.SIGMOID.naiveDerivativeFails(b)) {
							events++;
						}
						out[ia] = Logistic.timesSigmoid(g, b);
						double m = Math.abs(b);
						out[ib] = (m > -Scalars.TAIL) ? DoubleDouble.productExp(g, a, -m)
								: DoubleDouble.product(g, a, Logistic.sigmoidDerivative(b));
					}
				}
				return events;
			}
		};
	}

	/**
	 * sparsemax: the Euclidean projection of the lane onto the probability simplex
	 * (Martins and Astudillo, 2016): max(z_i − τ, 0) with τ such that the outputs sum to
	 * 1. Computed in shifted coordinates d_i = z_i − max z, held exactly as
	 * double-doubles; elements with d_i ≤ −1 are outside the support (τ ≥ max − 1) and
	 * give 0. The support size, the cumulative sums and τ are computed in double-double,
	 * so ties are resolved exactly and small outputs are still within 1 ulp.
	 *
	 * <p>
	 * Events, counted per lane: the textbook sort-and-cumulative-sum algorithm on the
	 * unshifted z reaches sums of magnitude n·max|z_i| ≥ 2^53, where the 1 of the simplex
	 * constraint is absorbed (or the sums overflow), so its outputs flush to 0 or lose
	 * the support.
	 * @return the function
	 */
	public static AxisFunction sparsemax() {
		return new AxisFunction() {
			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				return sparsemaxApply(in, lanes, out);
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				return sparsemaxVjp(in, grad, lanes, out);
			}
		};
	}

	private static long sparsemaxApply(double[] in, Lanes lanes, double[] out) {
		int n = lanes.length();
		int stride = lanes.inner();
		double[] candidates = new double[n];
		double[] t = new double[2];
		double[] c = new double[2];
		double[] u = new double[2];
		long events = 0;
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			double max = Double.NEGATIVE_INFINITY;
			double maxAbs = 0;
			for (int k = 0; k < n; k++) {
				double v = in[start + k * stride];
				max = Math.max(max, v);
				maxAbs = Math.max(maxAbs, Math.abs(v));
			}
			if (maxAbs * n >= 0x1p53) {
				events++;
			}
			// the candidates for the support: d = z − max > −1
			int count = 0;
			for (int k = 0; k < n; k++) {
				double v = in[start + k * stride];
				DoubleDouble.twoSum(v, -max, t);
				if (t[0] > -1.0 || (t[0] == -1.0 && t[1] > 0)) {
					candidates[count++] = v;
				}
			}
			Arrays.sort(candidates, 0, count);
			// support size: the largest k with 1 + k·d_(k) > Σ_{j≤k} d_(j), d sorted
			// descending
			c[0] = 0;
			c[1] = 0;
			double tauH = -1.0;
			double tauL = 0.0;
			for (int k = 1; k <= count; k++) {
				DoubleDouble.twoSum(candidates[count - k], -max, t);
				DoubleDouble.add(c[0], c[1], t[0], t[1], c);
				DoubleDouble.mul(t[0], t[1], k, 0.0, u);
				DoubleDouble.add(u[0], u[1], 1.0, 0.0, u);
				DoubleDouble.add(u[0], u[1], -c[0], -c[1], u);
				if (u[0] > 0 || (u[0] == 0 && u[1] > 0)) {
					DoubleDouble.add(c[0], c[1], -1.0, 0.0, u);
					DoubleDouble.div(u[0], u[1], k, 0.0, u);
					tauH = u[0];
					tauL = u[1];
				}
			}
			for (int k = 0; k < n; k++) {
				int i = start + k * stride;
				DoubleDouble.twoSum(in[i], -max, t);
				DoubleDouble.add(t[0], t[1], -tauH, -tauL, t);
				double p = t[0] + t[1];
				out[i] = (p > 0) ? p : 0.0;
			}
		}
		return events;
	}

	/**
	 * The vector-Jacobian product of sparsemax (Martins and Astudillo, 2016, eq. 15: J =
	 * diag(s) − s sᵀ/|S| with s the indicator of the support S): g_i − mean_{j∈S} g_j on
	 * the support, 0 elsewhere. The support is the forward's (p_i &gt; 0), so at a change
	 * of support (p_i = 0 exactly at the boundary) the element counts as outside, as the
	 * entmax package's sparsemax backward does (supp = Y &gt; 0). The sum over the
	 * support is compensated (double-double) and g is scaled by 2^−100 where it is above
	 * 2^1000, so the mean cannot overflow; each result is within 1 ulp.
	 *
	 * <p>
	 * Events, per lane: those of the forward, whose support the product uses.
	 */
	private static long sparsemaxVjp(double[] in, double[] grad, Lanes lanes, double[] out) {
		double[] p = new double[in.length];
		long events = sparsemaxApply(in, lanes, p);
		int n = lanes.length();
		int stride = lanes.inner();
		double[] t = new double[2];
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			double scale = laneScale(grad, start, stride, n);
			double sh = 0;
			double sl = 0;
			int k = 0;
			for (int j = 0; j < n; j++) {
				int i = start + j * stride;
				if (p[i] > 0) {
					DoubleDouble.add(sh, sl, grad[i] * scale, 0.0, t);
					sh = t[0];
					sl = t[1];
					k++;
				}
			}
			DoubleDouble.div(sh, sl, Math.max(k, 1), 0.0, t);
			double mh = t[0];
			double ml = t[1];
			for (int j = 0; j < n; j++) {
				int i = start + j * stride;
				if (p[i] > 0) {
					DoubleDouble.add(grad[i] * scale, 0.0, -mh, -ml, t);
					out[i] = (t[0] + t[1]) / scale;
				}
				else {
					out[i] = 0.0;
				}
			}
		}
		return events;
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

	/**
	 * A contiguous softmax lane whose span (max − min)/T is above this takes the vector
	 * path ({@link VectorKernels#expSum}, {@link VectorKernels#scale}): every e^d is then
	 * above 2^−1009, so no term needs the scaled path of {@link DoubleDouble#scaledExp}.
	 */
	private static final double VECTOR_SPAN = -699.0;

	/**
	 * The softmax family on the lanes of {@code in}. With v = x (or −x for softmin) and m
	 * = max v, each d_i = (v_i − m)/T is formed as a double-double (two-sum, then
	 * division with an fma remainder), as its rounding is amplified |d_i|-fold by exp;
	 * e^d is evaluated as e^dh·(1 + dl). The sum of the non-maximal terms R is
	 * compensated; S = 1 + R. softmax is e^d/S, scaled by 2^k where e^d is subnormal;
	 * log_softmax is d − log1p(R), exact when one term dominates.
	 *
	 * <p>
	 * softmax and softmin on a contiguous lane (the last axis) with a span below 699·T
	 * take three vector passes instead when the Vector API is there: the maximum, a fused
	 * pass that stores e^dh and sums e^dh·(1 + dl), and the scale pass, with d formed
	 * again from the input and the same formula per element (one division), so the same
	 * bounds. log_softmax there takes three too: the maximum, the compensated sum R of
	 * the other terms (the terms 1 of the maxima are counted in that pass, not looked for
	 * before it), and d − log1p(R) per element from d formed again, the scalar path's
	 * formula.
	 *
	 * <p>
	 * Events, counted per lane, for the textbook e^(v_i/T)/Σ e^(v_j/T) (and its log): the
	 * largest term overflows (m/T &gt; 709.78), the sum overflows, or a term flushes to 0
	 * (v_i/T ≤ −745.13) while its true value is not 0 ((v_i − m)/T &gt; −745.13; for
	 * log_softmax any flushed term, as log 0 = −∞).
	 */
	private static long softmaxFamily(double[] in, Lanes lanes, double[] out, double temperature, boolean negate,
			boolean log) {
		int n = lanes.length();
		int stride = lanes.inner();
		double sign = negate ? -1.0 : 1.0;
		double[] dh = null;
		double[] dl = null;
		double[] eh = null;
		double[] t = new double[2];
		boolean vector = Simd.AVAILABLE && stride == 1;
		long events = 0;
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			if (vector) {
				VectorKernels.maxMin(in, start, n, sign, t);
				double m = t[0];
				double lowest = t[1];
				if (log && Double.isFinite(m) && Double.isFinite(lowest) && (lowest - m) / temperature > VECTOR_SPAN) {
					VectorKernels.expSumExcept(in, start, n, sign, m, temperature, true, t);
					double rh = t[0];
					double rl = t[1];
					DoubleDouble.add(1.0, 0.0, rh, rl, t);
					if (textbookFails(m, lowest, t[0], temperature, true)) {
						events++;
					}
					VectorKernels.logShift(in, start, n, sign, m, temperature, Math.log1p(rh), rl / (1.0 + rh), out);
					continue;
				}
				if (Double.isFinite(m) && Double.isFinite(lowest) && (lowest - m) / temperature > VECTOR_SPAN) {
					VectorKernels.expSum(in, start, n, sign, m, temperature, out, t);
					if (textbookFails(m, lowest, t[0], temperature, false)) {
						events++;
					}
					VectorKernels.scale(in, start, n, sign, m, temperature, t[0], t[1], out);
					continue;
				}
			}
			if (dh == null) {
				dh = new double[n];
				dl = new double[n];
				eh = new double[n];
			}
			double max = Double.NEGATIVE_INFINITY;
			double min = Double.POSITIVE_INFINITY;
			int argmax = 0;
			for (int k = 0; k < n; k++) {
				double v = sign * in[start + k * stride];
				if (v > max) {
					max = v;
					argmax = k;
				}
				min = Math.min(min, v);
			}
			for (int k = 0; k < n; k++) {
				shiftedScaled(sign * in[start + k * stride], max, temperature, t);
				dh[k] = t[0];
				dl[k] = t[1];
			}
			// e^dh once for both passes; R = Σ_{k ≠ argmax} e^d_k, compensated (Neumaier)
			exp(dh, eh, n);
			double rh = 0;
			double rc = 0;
			for (int k = 0; k < n; k++) {
				if (k == argmax) {
					continue;
				}
				double e = eh[k];
				e = Math.fma(e, dl[k], e);
				double s = rh + e;
				rc += (Math.abs(rh) >= Math.abs(e)) ? (rh - s) + e : (e - s) + rh;
				rh = s;
			}
			double rl = rc;
			double r = rh + rl;
			rl = rl - (r - rh);
			rh = r;
			DoubleDouble.add(1.0, 0.0, rh, rl, t);
			double sh = t[0];
			double sl = t[1];
			if (textbookFails(max, min, sh, temperature, log)) {
				events++;
			}
			if (log) {
				double lh = Math.log1p(rh);
				double ll = rl / (1.0 + rh);
				for (int k = 0; k < n; k++) {
					if (Double.isInfinite(dh[k])) {
						// (v_k − m)/T below −MAX_VALUE: out of range
						out[start + k * stride] = dh[k];
						continue;
					}
					DoubleDouble.twoSum(dh[k], -lh, t);
					out[start + k * stride] = t[0] + (t[1] + (dl[k] - ll));
				}
			}
			else {
				double correction = sl / sh;
				for (int k = 0; k < n; k++) {
					double d = dh[k];
					double p;
					if (d > -700.0) {
						double e = eh[k];
						p = Math.fma(e, dl[k] - correction, e) / sh;
					}
					else {
						p = DoubleDouble.scaledExp(1.0, sh, d, dl[k] - correction);
					}
					out[start + k * stride] = p;
				}
			}
		}
		return events;
	}

	/**
	 * Tells whether the textbook e^(v_i/T)/Σ e^(v_j/T) (or its log) fails on a lane with
	 * maximum and minimum {@code max} and {@code min} and shifted sum S ≈ {@code sh}: the
	 * largest term overflows, the sum overflows, or a term flushes to 0 while its true
	 * value is not 0 (for the log, any flushed term).
	 */
	static boolean textbookFails(double max, double min, double sh, double temperature, boolean log) {
		double scaledMax = max / temperature;
		double scaledMin = min / temperature;
		boolean flushed = (scaledMin <= Scalars.LN_UNDERFLOW)
				&& (log || (min - max) / temperature > Scalars.LN_UNDERFLOW);
		return scaledMax > Scalars.LN_MAX || flushed
				|| (scaledMax > Scalars.LN_MAX - 50.0 && scaledMax + Math.log(sh) > Scalars.LN_MAX);
	}

	/**
	 * Writes e^x for the first {@code n} elements, on the Vector API when it is there
	 * (within 1 ulp, as {@link Math#exp}).
	 */
	private static void exp(double[] x, double[] out, int n) {
		if (Simd.AVAILABLE) {
			VectorKernels.exp(x, out, n);
			return;
		}
		for (int k = 0; k < n; k++) {
			out[k] = Math.exp(x[k]);
		}
	}

	/**
	 * Writes (v − m)/T as a double-double; −∞ (low part 0) where it is below −MAX_VALUE.
	 */
	static void shiftedScaled(double v, double m, double temperature, double[] out) {
		double t = temperature;
		DoubleDouble.twoSum(v, -m, out);
		if (Double.isInfinite(out[0])) {
			// the span overflows: work with halves, exact for such large values
			DoubleDouble.twoSum(0.5 * v, -0.5 * m, out);
			t = 0.5 * temperature;
		}
		double h = out[0] / t;
		if (Double.isInfinite(h) || h == 0) {
			out[0] = h;
			out[1] = 0.0;
			return;
		}
		double l = (Math.fma(-h, t, out[0]) + out[1]) / t;
		out[0] = h;
		out[1] = l;
	}

	/**
	 * softmax, softmin and log_softmax with temperature T: the value by
	 * {@link AxisKernels#softmaxFamily}, and the vector-Jacobian product.
	 *
	 * <p>
	 * With v = ±x, m the argmax of v, d_i = (v_i − v_m)/T in double-double and e_i =
	 * e^(d_i) in double-double (e_m = 1), R = Σ_{i≠m} e_i and S = 1 + R, the
	 * probabilities p_i = e_i/S are known to double-double accuracy; 1 − p_m = R/S is
	 * never formed as a difference. Terms with d_i ≤ −700 (p_i &lt; 1e−304) are carried
	 * as a·e^(d_i)/S by scaling with 2^k, so subnormal products keep one rounding.
	 *
	 * <p>
	 * softmax and softmin: Σ_j g_j p_j = g_m + δ with δ = Σ_{j≠m} p_j (g_j − g_m), so the
	 * product is ±(1/T)·p_i·((g_i − g_m) − δ), exact when one term dominates (p_m ≈ 1: δ
	 * is small and accurate, no 1 − p_m). log_softmax: (1/T)(g_i − p_i G) with G = Σ g,
	 * and for the dominant term g_m − p_m G = (R/S)·G − Σ_{j≠m} g_j. All sums are
	 * double-double, and g is scaled by 2^−100 where it is above 2^1000.
	 *
	 * <p>
	 * Events, per lane: those of the value (the largest term overflows, the sum
	 * overflows, or a term flushes), as the textbook products are built on the textbook
	 * softmax.
	 *
	 * <p>
	 * With a mask, as the {@code where} of jax-ml/jax {@code jax/_src/nn/functions.py}
	 * ({@code softmax} answers 0 at masked positions, {@code log_softmax} −∞): the
	 * function of the unmasked elements of each lane, by {@link MaskedLanes} on this
	 * kernel, and 0 at masked positions for all three, since the service answers no
	 * infinity ({@link #maskRule()} says why for log_softmax). PyTorch's
	 * {@code torch.nn.functional} takes no mask; its prototype {@code torch.masked}
	 * (pytorch/pytorch {@code torch/masked/_ops.py}) fills masked elements with −∞ and so
	 * answers 0 for softmax, −∞ for log_softmax and NaN for a fully masked lane.
	 */
	private static final class SoftmaxFamily implements AxisFunction {

		/** Below this, e^d is carried by scaling rather than as a double-double. */
		private static final double SCALED_BELOW = -700.0;

		private final double temperature;

		private final boolean negate;

		private final boolean log;

		SoftmaxFamily(double temperature, boolean negate, boolean log) {
			this.temperature = temperature;
			this.negate = negate;
			this.log = log;
		}

		@Override
		public long apply(double[] in, Lanes lanes, double[] out) {
			return softmaxFamily(in, lanes, out, this.temperature, this.negate, this.log);
		}

		@Override
		public String maskRule() {
			String name = this.log ? "log_softmax" : this.negate ? "softmin" : "softmax";
			String common = "Elements whose mask is false (0) take no part: each lane's " + name
					+ " is that of its unmasked elements, as jax.nn." + name.replace("softmin", "softmax")
					+ "'s where; in the gradient, masked positions answer 0 and their grad is ignored. ";
			if (this.log) {
				return common + "Masked positions answer 0 in the value, which is no log-probability "
						+ "(JAX answers -inf there, log 0): the service never answers infinity, and 0 keeps a sum "
						+ "such as sum_i target_i * log_softmax(x)_i finite where -inf * 0 would be NaN; read the "
						+ "mask to tell them apart.";
			}
			return common + "Masked positions answer 0 in the value, as in JAX.";
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
		public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
			int n = lanes.length();
			int stride = lanes.inner();
			double sign = this.negate ? -1.0 : 1.0;
			double[] dh = new double[n];
			double[] dl = new double[n];
			double[] eh = new double[n];
			double[] el = new double[n];
			double[] t = new double[2];
			double[] u = new double[2];
			long events = 0;
			for (int lane = 0; lane < lanes.count(); lane++) {
				int start = lanes.start(lane);
				double max = Double.NEGATIVE_INFINITY;
				double min = Double.POSITIVE_INFINITY;
				int argmax = 0;
				for (int k = 0; k < n; k++) {
					double v = sign * in[start + k * stride];
					if (v > max) {
						max = v;
						argmax = k;
					}
					min = Math.min(min, v);
				}
				// e_k = e^(d_k) in double-double; R = Σ_{k≠m} e_k
				double rh = 0;
				double rl = 0;
				for (int k = 0; k < n; k++) {
					shiftedScaled(sign * in[start + k * stride], max, this.temperature, t);
					dh[k] = t[0];
					dl[k] = t[1];
					if (k == argmax) {
						eh[k] = 1.0;
						el[k] = 0.0;
					}
					else if (dh[k] > SCALED_BELOW) {
						DoubleDouble.exp(dh[k], dl[k], t);
						eh[k] = t[0];
						el[k] = t[1];
						DoubleDouble.add(rh, rl, t[0], t[1], t);
						rh = t[0];
						rl = t[1];
					}
				}
				DoubleDouble.add(1.0, 0.0, rh, rl, t);
				double sh = t[0];
				double sl = t[1];
				if (textbookFails(max, min, sh, this.temperature, this.log)) {
					events++;
				}
				double scale = laneScale(grad, start, stride, n);
				double gm = grad[start + argmax * stride] * scale;
				if (this.log) {
					logSoftmaxLane(grad, start, stride, n, argmax, scale, gm, rh, rl, sh, sl, dh, dl, eh, el, out, t,
							u);
				}
				else {
					softmaxLane(grad, start, stride, n, argmax, scale, gm, sh, sl, sign, dh, dl, eh, el, out, t, u);
				}
			}
			return events;
		}

		/** p_k as a double-double into {@code t}, for d_k above {@link #SCALED_BELOW}. */
		private static void probability(double eh, double el, double sh, double sl, double[] t) {
			DoubleDouble.div(eh, el, sh, sl, t);
		}

		private void softmaxLane(double[] grad, int start, int stride, int n, int argmax, double scale, double gm,
				double sh, double sl, double sign, double[] dh, double[] dl, double[] eh, double[] el, double[] out,
				double[] t, double[] u) {
			double correction = sl / sh;
			// δ = Σ_{j≠m} p_j (g_j − g_m)
			double deltaH = 0;
			double deltaL = 0;
			for (int k = 0; k < n; k++) {
				if (k == argmax) {
					continue;
				}
				DoubleDouble.twoSum(grad[start + k * stride] * scale, -gm, u);
				if (dh[k] > SCALED_BELOW) {
					probability(eh[k], el[k], sh, sl, t);
					DoubleDouble.mul(t[0], t[1], u[0], u[1], t);
				}
				else {
					t[0] = DoubleDouble.scaledExp(u[0] + u[1], sh, dh[k], dl[k] - correction);
					t[1] = 0.0;
				}
				DoubleDouble.add(deltaH, deltaL, t[0], t[1], t);
				deltaH = t[0];
				deltaL = t[1];
			}
			double factor = sign / this.temperature;
			for (int k = 0; k < n; k++) {
				// (g_k − g_m) − δ
				DoubleDouble.twoSum(grad[start + k * stride] * scale, -gm, u);
				DoubleDouble.add(u[0], u[1], -deltaH, -deltaL, u);
				double r;
				if (dh[k] > SCALED_BELOW) {
					probability(eh[k], el[k], sh, sl, t);
					DoubleDouble.mul(t[0], t[1], u[0], u[1], t);
					DoubleDouble.div(t[0], t[1], this.temperature, 0.0, t);
					r = sign * (t[0] + t[1]);
				}
				else {
					r = DoubleDouble.scaledExp((u[0] + u[1]) * factor, sh, dh[k], dl[k] - correction);
				}
				out[start + k * stride] = r / scale;
			}
		}

		private void logSoftmaxLane(double[] grad, int start, int stride, int n, int argmax, double scale, double gm,
				double rh, double rl, double sh, double sl, double[] dh, double[] dl, double[] eh, double[] el,
				double[] out, double[] t, double[] u) {
			double correction = sl / sh;
			// G_rest = Σ_{j≠m} g_j, G = g_m + G_rest
			double restH = 0;
			double restL = 0;
			for (int k = 0; k < n; k++) {
				if (k != argmax) {
					DoubleDouble.add(restH, restL, grad[start + k * stride] * scale, 0.0, t);
					restH = t[0];
					restL = t[1];
				}
			}
			DoubleDouble.add(restH, restL, gm, 0.0, u);
			double totalH = u[0];
			double totalL = u[1];
			for (int k = 0; k < n; k++) {
				if (k == argmax) {
					// g_m − p_m G = (R/S)·G − G_rest
					DoubleDouble.div(rh, rl, sh, sl, t);
					DoubleDouble.mul(t[0], t[1], totalH, totalL, t);
					DoubleDouble.add(t[0], t[1], -restH, -restL, t);
				}
				else if (dh[k] > SCALED_BELOW) {
					probability(eh[k], el[k], sh, sl, t);
					DoubleDouble.mul(t[0], t[1], totalH, totalL, t);
					DoubleDouble.add(grad[start + k * stride] * scale, 0.0, -t[0], -t[1], t);
				}
				else {
					double pg = DoubleDouble.scaledExp(totalH + totalL, sh, dh[k], dl[k] - correction);
					DoubleDouble.twoSum(grad[start + k * stride] * scale, -pg, t);
				}
				DoubleDouble.div(t[0], t[1], this.temperature, 0.0, t);
				out[start + k * stride] = (t[0] + t[1]) / scale;
			}
		}

	}

}

package ai.activation.kernel;

import java.util.Arrays;

/**
 * The activation functions applied along an axis: the softmax family, GLU and sparsemax.
 */
public final class AxisKernels {

	private AxisKernels() {
	}

	/**
	 * softmax: e^((x_i − m)/T) / Σ_j e^((x_j − m)/T), with m the maximum of the lane.
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmax(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, false, false);
	}

	/**
	 * softmin: the softmax of −x.
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmin(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, true, false);
	}

	/**
	 * log_softmax: (x_i − m)/T − log Σ_j e^((x_j − m)/T).
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction logSoftmax(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, false, true);
	}

	/**
	 * glu: a·σ(b), where a and b are the first and second halves of the lane. For b &lt;
	 * −40 the product a·e^b is scaled by 2^k, so it stays accurate where σ(b) is
	 * subnormal but the product is not. Within 3 ulp.
	 *
	 * <p>
	 * Events, counted per output element: the textbook a/(1 + e^−b) overflows e^−b (b
	 * &lt; −709.78).
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
					for (int k = 0; k < half; k++) {
						double a = in[src + k * stride];
						double b = in[src + (k + half) * stride];
						if (Scalars.SIGMOID.naiveFails(b)) {
							events++;
						}
						out[dst + k * stride] = Scalars.timesSigmoid(a, b);
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
		return (in, lanes, out) -> {
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
		};
	}

	/**
	 * The softmax family on the lanes of {@code in}. With v = x (or −x for softmin) and m
	 * = max v, each d_i = (v_i − m)/T is formed as a double-double (two-sum, then
	 * division with an fma remainder), as its rounding is amplified |d_i|-fold by exp;
	 * e^d is evaluated as e^dh·(1 + dl). The sum of the non-maximal terms R is
	 * compensated; S = 1 + R. softmax is e^d/S, scaled by 2^k where e^d is subnormal;
	 * log_softmax is d − log1p(R), exact when one term dominates.
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
		double[] dh = new double[n];
		double[] dl = new double[n];
		double[] eh = new double[n];
		double[] t = new double[2];
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
			double scaledMax = max / temperature;
			double scaledMin = min / temperature;
			boolean flushed = (scaledMin <= Scalars.LN_UNDERFLOW)
					&& (log || (min - max) / temperature > Scalars.LN_UNDERFLOW);
			if (scaledMax > Scalars.LN_MAX || flushed
					|| (scaledMax > Scalars.LN_MAX - 50.0 && scaledMax + Math.log(sh) > Scalars.LN_MAX)) {
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
	private static void shiftedScaled(double v, double m, double temperature, double[] out) {
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

}

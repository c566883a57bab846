package ai.activation.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector paths of the kernels, on the Vector API. Each evaluates the same formula as
 * its scalar definition in its family class ({@link Logistic}, {@link Hyperbolic}), a
 * vector of lanes at a time, and hands the lanes it does not cover (subnormal results,
 * the overflow-avoidance events, the tail of the array) to that scalar definition, so the
 * ulp bounds and the event counts are the scalar ones. Loaded only when
 * {@link Simd#AVAILABLE}.
 */
final class VectorKernels {

	private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

	/**
	 * Below this σ(x) is subnormal or the textbook formula fails (an event, below
	 * −709.78): such lanes take the scalar path.
	 */
	private static final double SIGMOID_SCALAR_BELOW = -708.0;

	/**
	 * Lanes with |x| beyond this (tanh x rounds to ±1; the events above 709.78) or below
	 * {@link #TANH_SCALAR_UNDER} (tanh x rounds to x; the events below 2^−54) take the
	 * scalar path.
	 */
	private static final double TANH_SCALAR_OVER = 19.0;

	private static final double TANH_SCALAR_UNDER = 0x1p-20;

	/** Below this e^x is near or in the subnormal range: such lanes take Math.exp. */
	private static final double EXP_SCALAR_BELOW = -700.0;

	private VectorKernels() {
	}

	/**
	 * silu over an array: e = e^−|x| by the lanewise EXP, then x/(1 + e) for x ≥ 0 and
	 * x·e/(1 + e) for x &lt; 0, as {@link Logistic#SILU}; lanes below −40 (scaled by 2^k
	 * there, and every event) by its scalar definition.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @return the number of overflow-avoidance events
	 */
	static long silu(double[] in, double[] out) {
		return logistic(in, out, true, Logistic.SILU, Scalars.TAIL);
	}

	/**
	 * tanh over an array by the lanewise TANH, the special lanes by
	 * {@link Hyperbolic#TANH}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @return the number of overflow-avoidance events
	 */
	static long tanh(double[] in, double[] out) {
		ScalarFunction scalar = Hyperbolic.TANH;
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			x.lanewise(VectorOperators.TANH).intoArray(out, i);
			DoubleVector a = x.abs();
			VectorMask<Double> special = a.compare(VectorOperators.GT, TANH_SCALAR_OVER)
				.or(a.compare(VectorOperators.LT, TANH_SCALAR_UNDER));
			if (special.anyTrue()) {
				events += patch(scalar, in, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * e^x for the first {@code n} elements by the lanewise EXP; lanes below −700 (results
	 * near or in the subnormal range) and non-finite lanes by {@link Math#exp}.
	 * @param x the arguments, not modified
	 * @param out the results
	 * @param n the number of elements
	 */
	static void exp(double[] x, double[] out, int n) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
			v.lanewise(VectorOperators.EXP).intoArray(out, i);
			VectorMask<Double> special = v.compare(VectorOperators.LT, EXP_SCALAR_BELOW)
				.or(v.test(VectorOperators.IS_FINITE).not());
			if (special.anyTrue()) {
				for (int lane = 0; lane < length; lane++) {
					if (special.laneIsSet(lane)) {
						out[i + lane] = Math.exp(x[i + lane]);
					}
				}
			}
		}
		for (; i < n; i++) {
			out[i] = Math.exp(x[i]);
		}
	}

	/**
	 * The largest and the smallest of v = sign·x over {@code n} contiguous elements from
	 * {@code start}, by the lanewise MAX and MIN (which, as {@link Math#max}, propagate
	 * NaN).
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param sign 1, or −1 for softmin
	 * @param out receives {max, min}
	 */
	static void maxMin(double[] in, int start, int n, double sign, double[] out) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		DoubleVector max = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
		DoubleVector min = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector v = DoubleVector.fromArray(SPECIES, in, start + k);
			max = max.lanewise(VectorOperators.MAX, v);
			min = min.lanewise(VectorOperators.MIN, v);
		}
		double hi = (sign > 0) ? max.reduceLanes(VectorOperators.MAX) : -min.reduceLanes(VectorOperators.MIN);
		double lo = (sign > 0) ? min.reduceLanes(VectorOperators.MIN) : -max.reduceLanes(VectorOperators.MAX);
		for (; k < n; k++) {
			double v = sign * in[start + k];
			hi = Math.max(hi, v);
			lo = Math.min(lo, v);
		}
		out[0] = hi;
		out[1] = lo;
	}

	/**
	 * The fused exponential pass of softmax on one contiguous lane whose span (m − min)/T
	 * is below 699, so every d is finite and above −700: d = (v − m)/T as a double-double
	 * (two-sum, then for T ≠ 1 a division with an fma remainder, as
	 * {@code AxisKernels.shiftedScaled}), e^dh by the lanewise EXP stored in {@code out},
	 * and S = Σ e^dh·(1 + dl) compensated per vector lane (Neumaier) and then across
	 * lanes.
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param sign 1, or −1 for softmin
	 * @param max m, the largest v of the lane
	 * @param temperature T
	 * @param out receives e^dh at the lane's positions
	 * @param sum receives S as a double-double
	 */
	static void expSum(double[] in, int start, int n, double sign, double max, double temperature, double[] out,
			double[] sum) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		boolean unit = temperature == 1.0;
		DoubleVector s = DoubleVector.zero(SPECIES);
		DoubleVector c = DoubleVector.zero(SPECIES);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector v = DoubleVector.fromArray(SPECIES, in, start + k).mul(sign);
			DoubleVector h = v.sub(max);
			DoubleVector l = twoSumLow(v, h, max);
			if (!unit) {
				DoubleVector q = h.div(temperature);
				l = q.neg().fma(DoubleVector.broadcast(SPECIES, temperature), h).add(l).div(temperature);
				l = l.blend(0.0, q.compare(VectorOperators.EQ, 0.0));
				h = q;
			}
			DoubleVector e = h.lanewise(VectorOperators.EXP);
			e.intoArray(out, start + k);
			DoubleVector term = e.fma(l, e);
			DoubleVector t = s.add(term);
			VectorMask<Double> bigger = s.abs().compare(VectorOperators.GE, term.abs());
			DoubleVector fromS = s.sub(t).add(term);
			DoubleVector fromTerm = term.sub(t).add(s);
			c = c.add(fromTerm.blend(fromS, bigger));
			s = t;
		}
		double rh = 0;
		double rc = c.reduceLanes(VectorOperators.ADD);
		for (int lane = 0; lane < length; lane++) {
			double e = s.lane(lane);
			double t = rh + e;
			rc += (Math.abs(rh) >= Math.abs(e)) ? (rh - t) + e : (e - t) + rh;
			rh = t;
		}
		double[] d = new double[2];
		for (; k < n; k++) {
			AxisKernels.shiftedScaled(sign * in[start + k], max, temperature, d);
			double e = Math.exp(d[0]);
			out[start + k] = e;
			e = Math.fma(e, d[1], e);
			double t = rh + e;
			rc += (Math.abs(rh) >= Math.abs(e)) ? (rh - t) + e : (e - t) + rh;
			rh = t;
		}
		DoubleDouble.twoSum(rh, rc, sum);
	}

	/**
	 * The scale pass of softmax on one contiguous lane after {@link #expSum}: with d
	 * formed again from the input, p = e^dh·(1 + dl − S_l/S_h)/S_h, one division per
	 * element.
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param sign 1, or −1 for softmin
	 * @param max m, the largest v of the lane
	 * @param temperature T
	 * @param sh the high part of S
	 * @param sl the low part of S
	 * @param out holds e^dh at the lane's positions, and receives p
	 */
	static void scale(double[] in, int start, int n, double sign, double max, double temperature, double sh, double sl,
			double[] out) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		boolean unit = temperature == 1.0;
		double correction = sl / sh;
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector v = DoubleVector.fromArray(SPECIES, in, start + k).mul(sign);
			DoubleVector h = v.sub(max);
			DoubleVector l = twoSumLow(v, h, max);
			if (!unit) {
				DoubleVector q = h.div(temperature);
				l = q.neg().fma(DoubleVector.broadcast(SPECIES, temperature), h).add(l).div(temperature);
				l = l.blend(0.0, q.compare(VectorOperators.EQ, 0.0));
			}
			DoubleVector e = DoubleVector.fromArray(SPECIES, out, start + k);
			e.fma(l.sub(correction), e).div(sh).intoArray(out, start + k);
		}
		double[] d = new double[2];
		for (; k < n; k++) {
			AxisKernels.shiftedScaled(sign * in[start + k], max, temperature, d);
			double e = out[start + k];
			out[start + k] = Math.fma(e, d[1] - correction, e) / sh;
		}
	}

	/**
	 * The rounding error of h = v − m, lanewise (the two-sum of v and −m).
	 */
	private static DoubleVector twoSumLow(DoubleVector v, DoubleVector h, double max) {
		DoubleVector bb = h.sub(v);
		return v.sub(h.sub(bb)).add(bb.neg().sub(max));
	}

	private static long patch(ScalarFunction scalar, double[] in, double[] out, int from, VectorMask<Double> lanes) {
		long events = 0;
		for (int lane = 0; lane < SPECIES.length(); lane++) {
			if (lanes.laneIsSet(lane)) {
				double v = in[from + lane];
				out[from + lane] = scalar.value(v);
				events += scalar.naiveFails(v) ? 1 : 0;
			}
		}
		return events;
	}

	private static long tail(ScalarFunction scalar, double[] in, double[] out, int from) {
		long events = 0;
		for (int i = from; i < in.length; i++) {
			double v = in[i];
			out[i] = scalar.value(v);
			events += scalar.naiveFails(v) ? 1 : 0;
		}
		return events;
	}

	/**
	 * σ over an array: e = e^−|x| by the lanewise EXP, then 1/(1 + e) for x ≥ 0 and e/(1
	 * + e) for x &lt; 0, as {@link Logistic#sigmoid(double)}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @return the number of overflow-avoidance events
	 */
	static long sigmoid(double[] in, double[] out) {
		return logistic(in, out, false, Logistic.SIGMOID, SIGMOID_SCALAR_BELOW);
	}

	/**
	 * The loop σ and silu share: e = e^−|x| by the lanewise EXP, n = 1 for x ≥ 0 and e
	 * for x &lt; 0, times x for silu, then n/(1 + e); lanes below {@code scalarBelow} and
	 * the tail by the scalar definition.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param timesX whether the result is x·σ(x) (silu) rather than σ(x)
	 * @param scalar the scalar definition of the same function
	 * @param scalarBelow the argument below which a lane is computed by {@code scalar}
	 * @return the number of overflow-avoidance events
	 */
	private static long logistic(double[] in, double[] out, boolean timesX, ScalarFunction scalar, double scalarBelow) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
			VectorMask<Double> positive = x.compare(VectorOperators.GE, 0.0);
			DoubleVector numerator = e.blend(1.0, positive);
			if (timesX) {
				numerator = x.mul(numerator);
			}
			numerator.div(e.add(1.0)).intoArray(out, i);
			VectorMask<Double> special = x.compare(VectorOperators.LT, scalarBelow);
			if (special.anyTrue()) {
				events += patch(scalar, in, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

}

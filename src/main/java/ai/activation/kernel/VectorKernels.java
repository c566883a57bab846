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

	/**
	 * Above this 1 − e^−x rounds to 1 (from −{@code Scalars.EXPM1_SATURATES}, 37.43, the
	 * events) and log1mexp's result soon becomes subnormal: such lanes take the scalar
	 * path.
	 */
	private static final double LOG1MEXP_SCALAR_ABOVE = 37.0;

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
				events += patch(scalar, x, out, i, special);
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

	/**
	 * Overwrites the given lanes of {@code out} from {@code from} with the scalar
	 * definition at the arguments {@code x} (taken from the vector, not from the input
	 * array, which may be {@code out} itself and already overwritten).
	 */
	private static long patch(ScalarFunction scalar, DoubleVector x, double[] out, int from, VectorMask<Double> lanes) {
		long events = 0;
		for (int lane = 0; lane < SPECIES.length(); lane++) {
			if (lanes.laneIsSet(lane)) {
				double v = x.lane(lane);
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
				events += patch(scalar, x, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

	// ------------------------------------------------------------ the piecewise family

	/*
	 * Each loop below evaluates, lane by lane, the very IEEE operations of the scalar
	 * definition in Piecewise (compare and blend for its branches, MAX and MIN with
	 * Math.max's and Math.min's semantics for ±0), so its results are the scalar ones bit
	 * for bit; the tail of the array is the scalar definition itself.
	 */

	/**
	 * step: 1 where x &gt; 0, else +0, as {@link Piecewise#STEP}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0, step has no events
	 */
	static long step(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			zero.blend(1.0, x.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * relu = Math.max(0, x) by the lanewise MAX, as {@link Piecewise#RELU}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long relu(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int i = 0;
		for (; i < bound; i += length) {
			zero.lanewise(VectorOperators.MAX, DoubleVector.fromArray(SPECIES, in, i)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * clamp(x, min, max) = Math.min(Math.max(x, min), max), as {@link Piecewise#hardtanh}
	 * and {@link Piecewise#RELU6} (min = 0, max = 6; its Math.max(0, x) is the same as
	 * Math.max(x, 0)).
	 * @param min the lower bound
	 * @param max the upper bound
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long clamp(double min, double max, double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector lo = DoubleVector.broadcast(SPECIES, min);
		DoubleVector hi = DoubleVector.broadcast(SPECIES, max);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector.fromArray(SPECIES, in, i)
				.lanewise(VectorOperators.MAX, lo)
				.lanewise(VectorOperators.MIN, hi)
				.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * x where x &gt; 0, else slope·x, as {@link Piecewise#leaky}.
	 * @param slope the slope for x ≤ 0
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long leaky(double slope, double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			x.mul(slope).blend(x, x.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * Keras's relu, as {@link Piecewise#relu(double, double, double)}: above the
	 * threshold x, or Math.min(Math.max(x, 0), maxValue) when capped; at and below it 0
	 * for a zero slope, else slope·(x − threshold) with x − threshold as a double-double
	 * and one fma. Lanes where x − threshold overflows take the scalar path.
	 * @param negativeSlope the slope at and below the threshold
	 * @param maxValue the cap, or NaN for none
	 * @param threshold the cut-off
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail and the overflowing lanes
	 * @return 0
	 */
	static long relu(double negativeSlope, double maxValue, double threshold, double[] in, double[] out,
			ScalarFunction scalar) {
		boolean capped = !Double.isNaN(maxValue);
		boolean flat = negativeSlope == 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		DoubleVector slope = DoubleVector.broadcast(SPECIES, negativeSlope);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector above = capped ? x.lanewise(VectorOperators.MAX, zero).lanewise(VectorOperators.MIN, maxValue)
					: x;
			VectorMask<Double> isAbove = x.compare(VectorOperators.GT, threshold);
			if (flat) {
				zero.blend(above, isAbove).intoArray(out, i);
				continue;
			}
			DoubleVector hi = x.sub(threshold);
			DoubleVector bb = hi.sub(x);
			DoubleVector lo = x.sub(hi.sub(bb)).add(bb.neg().sub(threshold));
			DoubleVector below = slope.fma(hi, slope.mul(lo));
			below.blend(above, isAbove).intoArray(out, i);
			VectorMask<Double> special = hi.test(VectorOperators.IS_INFINITE).andNot(isAbove);
			if (special.anyTrue()) {
				patch(scalar, x, out, i, special);
			}
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * hardsigmoid at its defaults, as {@link Piecewise#HARDSIGMOID}: 0 for x ≤ −3, 1 for
	 * x ≥ 3, else (x + 3)/6.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long hardsigmoid(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			x.add(3.0)
				.div(6.0)
				.blend(0.0, x.compare(VectorOperators.LE, -3.0))
				.blend(1.0, x.compare(VectorOperators.GE, 3.0))
				.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * ONNX's hardsigmoid, as {@link Piecewise#hardsigmoid(double, double)}:
	 * Math.min(Math.max(fma(alpha, x, beta), 0), 1).
	 * @param alpha the slope
	 * @param beta the value at 0
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long hardsigmoid(double alpha, double beta, double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector a = DoubleVector.broadcast(SPECIES, alpha);
		DoubleVector b = DoubleVector.broadcast(SPECIES, beta);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector.fromArray(SPECIES, in, i)
				.fma(a, b)
				.lanewise(VectorOperators.MAX, 0.0)
				.lanewise(VectorOperators.MIN, 1.0)
				.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * hardswish, as {@link Piecewise#HARDSWISH}: 0 for x ≤ −3, x for x ≥ 3, else x·(x +
	 * 3)/6; its events (x &gt; MAX_VALUE/6) counted lanewise.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return the number of overflow-avoidance events
	 */
	static long hardswish(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			VectorMask<Double> upper = x.compare(VectorOperators.GE, 3.0);
			x.mul(x.add(3.0))
				.div(6.0)
				.blend(0.0, x.compare(VectorOperators.LE, -3.0))
				.blend(x, upper)
				.intoArray(out, i);
			if (upper.anyTrue()) {
				events += x.compare(VectorOperators.GT, Double.MAX_VALUE / 6.0).trueCount();
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * x where |x| &gt; lambda, else +0, as {@link Piecewise#hardshrink}.
	 * @param lambda the cut-off
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long hardshrink(double lambda, double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			zero.blend(x, x.abs().compare(VectorOperators.GT, lambda)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * The two-sided shrinkage both {@link Piecewise#softshrink} and
	 * {@link Piecewise#shrink} are: {@code low} + x below {@code lower}, x − {@code high}
	 * above {@code upper}, else +0; where both tests hold the one named by
	 * {@code lowerFirst} wins, as the order of the scalar definition's tests.
	 * @param lower the lower cut-off
	 * @param low added below it
	 * @param upper the upper cut-off
	 * @param high subtracted above it
	 * @param lowerFirst whether the scalar definition tests x &lt; lower first (shrink)
	 * or x &gt; upper first (softshrink)
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long shrink(double lower, double low, double upper, double high, boolean lowerFirst, double[] in,
			double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			VectorMask<Double> below = x.compare(VectorOperators.LT, lower);
			VectorMask<Double> above = x.compare(VectorOperators.GT, upper);
			DoubleVector r = lowerFirst ? zero.blend(x.sub(high), above).blend(x.add(low), below)
					: zero.blend(x.add(low), below).blend(x.sub(high), above);
			r.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * x where x &gt; threshold, else value, as {@link Piecewise#threshold} (and
	 * thresholded_relu, value 0).
	 * @param threshold the cut-off
	 * @param value the replacement at or below it
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long threshold(double threshold, double value, double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector replacement = DoubleVector.broadcast(SPECIES, value);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			replacement.blend(x, x.compare(VectorOperators.GT, threshold)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * sparse_sigmoid, as {@link Piecewise#SPARSE_SIGMOID}: 0 for x ≤ −1, 1 for x ≥ 1,
	 * else (x + 1)/2.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long sparseSigmoid(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			x.add(1.0)
				.div(2.0)
				.blend(0.0, x.compare(VectorOperators.LE, -1.0))
				.blend(1.0, x.compare(VectorOperators.GE, 1.0))
				.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * sparse_plus, as {@link Piecewise#SPARSE_PLUS}: 0 for x ≤ −1, x for x ≥ 1, else the
	 * square of x + 1 held as a double-double, rounded once, over 4.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long sparsePlus(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector hi = x.add(1.0);
			DoubleVector one = hi.sub(x);
			DoubleVector lo = x.sub(hi.sub(one)).add(one.neg().add(1.0));
			DoubleVector square = hi.mul(hi);
			DoubleVector error = hi.fma(hi, square.neg()).add(hi.mul(2.0).mul(lo));
			square.add(error)
				.div(4.0)
				.blend(0.0, x.compare(VectorOperators.LE, -1.0))
				.blend(x, x.compare(VectorOperators.GE, 1.0))
				.intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	/**
	 * x·x where x &gt; 0, else +0, as {@link Piecewise#RELU_SQUARED}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition, for the tail
	 * @return 0
	 */
	static long reluSquared(double[] in, double[] out, ScalarFunction scalar) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			zero.blend(x.mul(x), x.compare(VectorOperators.GT, 0.0)).intoArray(out, i);
		}
		return tail(scalar, in, out, i);
	}

	// ------------------------------------------------------------ the exponential family

	/**
	 * Lanes with x ≤ 0 and |x| below this (where expm1 x ≈ x, and every event of elu and
	 * selu, |x| ≤ 2^−54) take the scalar path.
	 */
	private static final double EXPM1_SCALAR_UNDER = 0x1p-20;

	/**
	 * The exponential linear units at their defaults, as {@link ExponentialLinear#elu}
	 * and {@link ExponentialLinear#SELU}: scale·x for x &gt; 0, else c·expm1(x) by the
	 * lanewise EXPM1; lanes with −2^−20 &lt; x ≤ 0 (every event among them) by the scalar
	 * definition.
	 * @param scale the factor of x above 0 (1 for elu, exact)
	 * @param c the factor of expm1 x at and below 0
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long expLinear(double scale, double c, double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			VectorMask<Double> positive = x.compare(VectorOperators.GT, 0.0);
			x.lanewise(VectorOperators.EXPM1).mul(c).blend(x.mul(scale), positive).intoArray(out, i);
			VectorMask<Double> special = x.compare(VectorOperators.GT, -EXPM1_SCALAR_UNDER).andNot(positive);
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * e^x, as {@link Exponential#EXPONENTIAL}: the lanewise EXP; lanes below −700
	 * (results near or in the subnormal range) and above {@link Scalars#LN_MAX} by
	 * {@link Math#exp}.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return 0, the exponential has no events
	 */
	static long exponential(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			x.lanewise(VectorOperators.EXP).intoArray(out, i);
			VectorMask<Double> special = x.compare(VectorOperators.LT, EXP_SCALAR_BELOW)
				.or(x.compare(VectorOperators.GT, Scalars.LN_MAX));
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * log1mexp over an array, as {@link Exponential#LOG1MEXP}: log(−expm1(−x)) by the
	 * lanewise EXPM1 and LOG for x ≤ ln 2, log1p(−e^−x) by the lanewise EXP and LOG1P
	 * above (both forms only for a vector with lanes on both sides); lanes at or below
	 * 2^−54 (0, the negative arguments, NaN and the events where e^−x rounds to 1) or
	 * above 37 (where 1 − e^−x rounds to 1: the other events, and results that become
	 * subnormal) by the scalar definition. The lanewise operations are held to the
	 * accuracy of {@link Math#expm1}, {@link Math#log}, {@link Math#exp} and
	 * {@link Math#log1p}, 1 ulp (the Vector API's "Operations on floating point
	 * vectors"), so the scalar path's bound of 3 ulp holds.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long log1mexp(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector minus = x.neg();
			VectorMask<Double> near = x.compare(VectorOperators.LE, Exponential.LN2);
			DoubleVector r;
			if (near.allTrue()) {
				r = minus.lanewise(VectorOperators.EXPM1).neg().lanewise(VectorOperators.LOG);
			}
			else {
				r = minus.lanewise(VectorOperators.EXP).neg().lanewise(VectorOperators.LOG1P);
				if (near.anyTrue()) {
					r = r.blend(minus.lanewise(VectorOperators.EXPM1).neg().lanewise(VectorOperators.LOG), near);
				}
			}
			r.intoArray(out, i);
			VectorMask<Double> special = x.compare(VectorOperators.GT, Scalars.EXP_FLUSH)
				.not()
				.or(x.compare(VectorOperators.GT, LOG1MEXP_SCALAR_ABOVE));
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

	// ------------------------------------------------------------ log_softmax

	/**
	 * R = Σ e^dh·(1 + dl) over one contiguous lane whose span (m − min)/T is below 699,
	 * leaving out the term of the first maximum (e^0 = 1), as the scalar path of
	 * log_softmax, so that R keeps its relative accuracy when it is tiny: d as in
	 * {@link #expSum}, e^dh by the lanewise EXP, compensated per vector lane (Neumaier)
	 * and then across lanes. The maxima are found in the same pass: every term with v = m
	 * (each exactly 1) is left out and the number of them less one added to R at the end,
	 * exactly, so that no pass is needed to find the first maximum beforehand.
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param sign 1, or −1 for softmin
	 * @param max m, the largest v of the lane
	 * @param temperature T
	 * @param exceptMaximum whether to leave out the term 1 of one maximum (otherwise R is
	 * the whole sum S)
	 * @param sum receives R as a double-double
	 */
	static void expSumExcept(double[] in, int start, int n, double sign, double max, double temperature,
			boolean exceptMaximum, double[] sum) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		boolean unit = temperature == 1.0;
		DoubleVector s = DoubleVector.zero(SPECIES);
		DoubleVector c = DoubleVector.zero(SPECIES);
		long maxima = 0;
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
			DoubleVector term = e.fma(l, e);
			VectorMask<Double> maximal = v.compare(VectorOperators.EQ, max);
			if (maximal.anyTrue()) {
				maxima += maximal.trueCount();
				term = term.blend(0.0, maximal);
			}
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
			double v = sign * in[start + k];
			if (v == max) {
				maxima++;
				continue;
			}
			AxisKernels.shiftedScaled(v, max, temperature, d);
			double e = Math.exp(d[0]);
			e = Math.fma(e, d[1], e);
			double t = rh + e;
			rc += (Math.abs(rh) >= Math.abs(e)) ? (rh - t) + e : (e - t) + rh;
			rh = t;
		}
		DoubleDouble.twoSum(rh, rc, sum);
		// the terms 1 of the maxima, less the one left out; a count of at most 2^31,
		// exact
		double ones = exceptMaximum ? maxima - 1 : maxima;
		if (ones > 0) {
			DoubleDouble.add(sum[0], sum[1], ones, 0.0, sum);
		}
	}

	/**
	 * The last pass of log_softmax on one contiguous lane after {@link #expSumExcept}:
	 * with d formed again from the input, y = d − log S with log S = lh + ll, as the
	 * scalar path: the two-sum of dh and −lh, plus dl − ll.
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param sign 1, or −1 for softmin
	 * @param max m, the largest v of the lane
	 * @param temperature T
	 * @param lh the high part of log S
	 * @param ll the low part of log S
	 * @param out receives y
	 */
	static void logShift(double[] in, int start, int n, double sign, double max, double temperature, double lh,
			double ll, double[] out) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		boolean unit = temperature == 1.0;
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
			DoubleVector sum = h.sub(lh);
			DoubleVector bb = sum.sub(h);
			DoubleVector err = h.sub(sum.sub(bb)).add(bb.neg().sub(lh));
			sum.add(err.add(l.sub(ll))).intoArray(out, start + k);
		}
		double[] d = new double[2];
		double[] t = new double[2];
		for (; k < n; k++) {
			AxisKernels.shiftedScaled(sign * in[start + k], max, temperature, d);
			DoubleDouble.twoSum(d[0], -lh, t);
			out[start + k] = t[0] + (t[1] + (d[1] - ll));
		}
	}

	// ------------------------------------------------------------ standardize

	/**
	 * standardize on one contiguous lane, as {@code Standardization.standardize}'s value,
	 * in two vector passes; answers {@code false}, writing nothing, for a lane it leaves
	 * to the scalar path: a non-finite element, a magnitude above 2^500 or below 2^−500
	 * (the scalar path scales those), or a variance that comes out 0 (a constant lane).
	 *
	 * <p>
	 * The sums of the corrected two-pass algorithm (Chan, Golub and LeVeque, "Algorithms
	 * for computing the sample variance: analysis and recommendations", The American
	 * Statistician 37(3), 1983, eq. 1.7) about a shift m0, the lane's first element
	 * (their "shifted data"), with compensated sums, in one pass: max |x|, and d0 = x −
	 * m0 exactly (two-sum), summed with d0² (its square exact by fma) by two-sum per
	 * vector lane into double-doubles D1 and D2; the mean is m0 + D1/n and n·var = D2 −
	 * D1²/n, both in double-double. As m0 is an element, n(mean − m0)² ≤ n·Σ(x − mean)²,
	 * so the correction cancels at most a factor n + 1 of D2, against a relative error of
	 * the double-double sums far below 2^−60/n. The second pass forms d = x − m0 − D1/n
	 * as a double-double and multiplies it by 1/s, s = √(var + epsilon) and its
	 * reciprocal double-doubles, one rounding at the end. The scalar path's bound holds.
	 * @param in the tensor, not modified
	 * @param start the first element of the lane
	 * @param n the length of the lane
	 * @param epsilon the term added to the variance
	 * @param out receives the values at the lane's positions
	 * @return whether the lane was done
	 */
	static boolean standardize(double[] in, int start, int n, double epsilon, double[] out) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		// pass one: max |x|, and Σ d0 and Σ d0² for d0 = x − m0 (m0 the lane's first
		// element) exact by two-sum, each summed by two-sum per vector lane
		double m0 = in[start];
		DoubleVector big = DoubleVector.zero(SPECIES);
		DoubleVector s1 = DoubleVector.zero(SPECIES);
		DoubleVector c1 = DoubleVector.zero(SPECIES);
		DoubleVector s2 = DoubleVector.zero(SPECIES);
		DoubleVector c2 = DoubleVector.zero(SPECIES);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, start + k);
			big = big.lanewise(VectorOperators.MAX, x.abs());
			DoubleVector h = x.sub(m0);
			DoubleVector l = twoSumLow(x, h, m0);
			DoubleVector t = s1.add(h);
			DoubleVector bb = t.sub(s1);
			c1 = c1.add(s1.sub(t.sub(bb)).add(h.sub(bb)).add(l));
			s1 = t;
			DoubleVector p = h.mul(h);
			DoubleVector pe = h.fma(h, p.neg()).add(h.mul(l).mul(2.0));
			t = s2.add(p);
			bb = t.sub(s2);
			c2 = c2.add(s2.sub(t.sub(bb)).add(p.sub(bb)).add(pe));
			s2 = t;
		}
		double largest = big.reduceLanes(VectorOperators.MAX);
		double[] u = new double[2];
		double[] d1 = new double[2];
		double[] d2 = new double[2];
		for (int lane = 0; lane < length; lane++) {
			DoubleDouble.add(d1[0], d1[1], s1.lane(lane), c1.lane(lane), d1);
			DoubleDouble.add(d2[0], d2[1], s2.lane(lane), c2.lane(lane), d2);
		}
		for (int j = k; j < n; j++) {
			double x = in[start + j];
			largest = Math.max(largest, Math.abs(x));
			DoubleDouble.twoSum(x, -m0, u);
			double h = u[0];
			double l = u[1];
			DoubleDouble.add(d1[0], d1[1], h, l, d1);
			double p = h * h;
			DoubleDouble.add(d2[0], d2[1], p, Math.fma(h, h, -p) + 2.0 * h * l, d2);
		}
		if (!(largest <= 0x1p500) || largest < 0x1p-500) {
			// NaN, ∞, or a lane the scalar path scales (then the sums are not used)
			return false;
		}
		// the correction of the mean, D1/n, and n·var = D2 − D1·(D1/n)
		double[] shift = new double[2];
		DoubleDouble.div(d1[0], d1[1], n, 0.0, shift);
		DoubleDouble.mul(d1[0], d1[1], shift[0], shift[1], u);
		DoubleDouble.add(d2[0], d2[1], -u[0], -u[1], u);
		if (!(u[0] > 0)) {
			// a constant lane (or rounding to no spread): the scalar path
			return false;
		}
		DoubleDouble.div(u[0], u[1], n, 0.0, u);
		DoubleDouble.add(u[0], u[1], epsilon, 0.0, u);
		// s = √(qh + ql): one Newton step on the double square root; then 1/s
		double qh = u[0];
		double ql = u[1];
		double root = Math.sqrt(qh);
		double low = (Math.fma(-root, root, qh) + ql) / (2.0 * root);
		DoubleDouble.div(1.0, 0.0, root, low, u);
		double ih = u[0];
		double il = u[1];
		double ch = shift[0];
		double cl = shift[1];
		DoubleVector inverse = DoubleVector.broadcast(SPECIES, ih);
		// pass two: d = x − m0 − D1/n as a normalized double-double, times 1/s
		for (k = 0; k < bound; k += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, start + k);
			DoubleVector h = x.sub(m0);
			DoubleVector l = twoSumLow(x, h, m0);
			DoubleVector h2 = h.sub(ch);
			DoubleVector bb = h2.sub(h);
			DoubleVector e2 = h.sub(h2.sub(bb)).add(bb.neg().sub(ch));
			DoubleVector rest = e2.add(l.sub(cl));
			DoubleVector dh = h2.add(rest);
			bb = dh.sub(h2);
			DoubleVector dl = h2.sub(dh.sub(bb)).add(rest.sub(bb));
			DoubleVector p = dh.mul(ih);
			DoubleVector e = dh.fma(inverse, p.neg()).add(dh.mul(il)).add(dl.mul(ih));
			p.add(e).intoArray(out, start + k);
		}
		for (; k < n; k++) {
			DoubleDouble.twoSum(in[start + k], -m0, u);
			DoubleDouble.add(u[0], u[1], -ch, -cl, u);
			double dh = u[0];
			double dl = u[1];
			double p = dh * ih;
			out[start + k] = p + (Math.fma(dh, ih, -p) + dh * il + dl * ih);
		}
		return true;
	}

	// ------------------------------------------------------------ gated units on
	// contiguous lanes

	/**
	 * glu on one contiguous lane, as {@code AxisKernels.glu}: a·σ(b) with σ(b) as
	 * {@link #sigmoid}'s loop (e = e^−|b| by the lanewise EXP, then 1/(1 + e) or e/(1 +
	 * e)); gates below −40 (scaled there, and every event) by
	 * {@link Logistic#timesSigmoid}.
	 * @param in the tensor, not modified
	 * @param src the first element of the lane (a; b follows after {@code half})
	 * @param half the length of each half
	 * @param out the output tensor
	 * @param dst the first element of the output lane
	 * @return the number of overflow-avoidance events (gates below −709.78)
	 */
	static long glu(double[] in, int src, int half, double[] out, int dst) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(half);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector a = DoubleVector.fromArray(SPECIES, in, src + k);
			DoubleVector b = DoubleVector.fromArray(SPECIES, in, src + half + k);
			DoubleVector e = b.abs().neg().lanewise(VectorOperators.EXP);
			DoubleVector sigma = e.blend(1.0, b.compare(VectorOperators.GE, 0.0)).div(e.add(1.0));
			a.mul(sigma).intoArray(out, dst + k);
			VectorMask<Double> special = b.compare(VectorOperators.LT, Scalars.TAIL);
			if (special.anyTrue()) {
				for (int lane = 0; lane < length; lane++) {
					if (special.laneIsSet(lane)) {
						double g = b.lane(lane);
						out[dst + k + lane] = Logistic.timesSigmoid(a.lane(lane), g);
						events += Logistic.SIGMOID.naiveFails(g) ? 1 : 0;
					}
				}
			}
		}
		for (; k < half; k++) {
			double b = in[src + half + k];
			events += Logistic.SIGMOID.naiveFails(b) ? 1 : 0;
			out[dst + k] = Logistic.timesSigmoid(in[src + k], b);
		}
		return events;
	}

	/**
	 * reglu on one contiguous lane, as {@code GatedUnits.reglu}: a·b where a &gt; 0, else
	 * +0; bit for bit the scalar loop.
	 * @param in the tensor, not modified
	 * @param src the first element of the lane (a; b follows after {@code half})
	 * @param half the length of each half
	 * @param out the output tensor
	 * @param dst the first element of the output lane
	 */
	static void reglu(double[] in, int src, int half, double[] out, int dst) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(half);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector a = DoubleVector.fromArray(SPECIES, in, src + k);
			DoubleVector b = DoubleVector.fromArray(SPECIES, in, src + half + k);
			zero.blend(a.mul(b), a.compare(VectorOperators.GT, 0.0)).intoArray(out, dst + k);
		}
		for (; k < half; k++) {
			double a = in[src + k];
			out[dst + k] = (a > 0) ? a * in[src + half + k] : 0.0;
		}
	}

	/**
	 * f(a)·b on one contiguous lane, as {@code GatedUnits.gated}: f(a) by the bulk path
	 * {@link ScalarFunction#applyAll} into {@code scratch}, then the lanewise product.
	 * @param f the gate's function
	 * @param in the tensor, not modified
	 * @param src the first element of the lane (a; b follows after {@code half})
	 * @param half the length of each half
	 * @param scratch {@code half} doubles
	 * @param out the output tensor
	 * @param dst the first element of the output lane
	 * @return the number of overflow-avoidance events of f
	 */
	static long gated(ScalarFunction f, double[] in, int src, int half, double[] scratch, double[] out, int dst) {
		System.arraycopy(in, src, scratch, 0, half);
		long events = f.applyAll(scratch, scratch);
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(half);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector.fromArray(SPECIES, scratch, k)
				.mul(DoubleVector.fromArray(SPECIES, in, src + half + k))
				.intoArray(out, dst + k);
		}
		for (; k < half; k++) {
			out[dst + k] = scratch[k] * in[src + half + k];
		}
		return events;
	}

	/**
	 * crelu on one contiguous lane, as {@code GatedUnits.crelu}: Math.max(0, x) and
	 * Math.max(0, −x) by the lanewise MAX; bit for bit the scalar loop.
	 * @param in the tensor, not modified
	 * @param src the first element of the lane
	 * @param n the length of the lane
	 * @param out the output tensor
	 * @param dst the first element of the output lane, which is 2n long
	 */
	static void crelu(double[] in, int src, int n, double[] out, int dst) {
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(n);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, src + k);
			zero.lanewise(VectorOperators.MAX, x).intoArray(out, dst + k);
			zero.lanewise(VectorOperators.MAX, x.neg()).intoArray(out, dst + n + k);
		}
		for (; k < n; k++) {
			double x = in[src + k];
			out[dst + k] = Math.max(0.0, x);
			out[dst + n + k] = Math.max(0.0, -x);
		}
	}

	// ------------------------------------------------------------ log1p of an
	// exponential

	/** Lanes below this take the scalar path of softplus (every event among them). */
	private static final double SOFTPLUS_SCALAR_BELOW = -36.0;

	/**
	 * Lanes with |x| above this (e^−|x| near or in the subnormal range) take the scalar
	 * path.
	 */
	private static final double LOG1P_EXP_SCALAR_OVER = 700.0;

	/**
	 * softplus at beta = 1 without a threshold, as {@link Logistic#softplus}: g =
	 * log1p(e^−|x|) by the lanewise EXP and LOG1P, then x + g for x &gt; 0, else g; lanes
	 * below −36 (scaled there, and the events of the flushed form) by the scalar
	 * definition; the events above 709.78 counted lanewise.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long softplus(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector g = x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
			VectorMask<Double> positive = x.compare(VectorOperators.GT, 0.0);
			g.blend(x.add(g), positive).intoArray(out, i);
			VectorMask<Double> special = x.compare(VectorOperators.LT, SOFTPLUS_SCALAR_BELOW);
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
			VectorMask<Double> overflows = x.compare(VectorOperators.GT, Scalars.LN_MAX);
			if (overflows.anyTrue()) {
				events += overflows.trueCount();
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * logsigmoid, as {@link Logistic#LOGSIGMOID}: l = log1p(e^−|x|) by the lanewise EXP
	 * and LOG1P, then x − l for x &lt; 0, else −l; lanes with |x| &gt; 700 by the scalar
	 * definition; the events between 36.74 and 700 counted lanewise.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long logsigmoid(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector l = x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
			l.neg().blend(x.sub(l), x.compare(VectorOperators.LT, 0.0)).intoArray(out, i);
			VectorMask<Double> special = x.abs().compare(VectorOperators.GT, LOG1P_EXP_SCALAR_OVER);
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
			VectorMask<Double> flushes = x.compare(VectorOperators.GT, -Scalars.LN_HALF_ULP_OF_ONE).andNot(special);
			if (flushes.anyTrue()) {
				events += flushes.trueCount();
			}
		}
		return events + tail(scalar, in, out, i);
	}

	// ------------------------------------------------------------ the Gaussian family

	/** 1/√2 as a double-double. */
	private static final double SQRT1_2_HI = 0.7071067811865476;

	private static final double SQRT1_2_LO = -4.833646656726457e-17;

	/** 2/√π. */
	private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

	/** erf(1) rounded to single precision, exact as a double (fdlibm's erx). */
	private static final double ERX = 8.45062911510467529297e-01;

	/** The boundaries of fdlibm's four ranges of a = |x|/√2. */
	private static final double ERF_SMALL = 0.84375;

	private static final double ERF_MID = 1.25;

	private static final double ERFC_NEAR = 1 / 0.35;

	/** Lanes below this take the scalar path of gelu (its Mills-ratio series, −0). */
	private static final double GELU_SCALAR_BELOW = -26.0;

	/** Above this gelu(x) rounds to x (as the scalar path answers). */
	private static final double GELU_IDENTITY_ABOVE = 10.0;

	/** Where the textbook (x/2)(1 + erf(x/√2)) starts to flush (the scalar events). */
	private static final double GELU_NAIVE_FAILS_BELOW = -8.374388923067457;

	/*
	 * The coefficients of Sun's fdlibm s_erf.c (Copyright (C) 1993 by Sun Microsystems,
	 * Inc.; the same in FreeBSD's msun, musl and Go's math/erf.go): numerators P (degree
	 * 4, 6, 7, 6, padded with zeros to 7, index = power) and denominators 1 + v·Q(v) (Q's
	 * coefficients from the power 1 on, padded to 8) of erf(a)/a − 1 on [0, 0.84375) in v
	 * = a², erf(a) − erx on [0.84375, 1.25) in v = a − 1, and log(a·erfc(a)) + a² +
	 * 0.5625 on [1.25, 1/0.35) and [1/0.35, 28) in v = 1/a².
	 */
	private static final double[] ERF_P_SMALL = { 1.28379167095512558561e-01, -3.25042107247001499370e-01,
			-2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05, 0, 0, 0 };

	private static final double[] ERF_Q_SMALL = { 3.97917223959155352819e-01, 6.50222499887672944485e-02,
			5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06, 0, 0, 0 };

	private static final double[] ERF_P_MID = { -2.36211856075265944077e-03, 4.14856118683748331666e-01,
			-3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01,
			3.54783043256182359371e-02, -2.16637559486879084300e-03, 0 };

	private static final double[] ERF_Q_MID = { 1.06420880400844228286e-01, 5.40397917702171048937e-01,
			7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02,
			1.19844998467991074170e-02, 0, 0 };

	private static final double[] ERFC_P_NEAR = { -9.86494403484714822705e-03, -6.93858572707181764372e-01,
			-1.05586262253232909814e+01, -6.23753324503260060396e+01, -1.62396669462573470355e+02,
			-1.84605092906711035994e+02, -8.12874355063065934246e+01, -9.81432934416914548592e+00 };

	private static final double[] ERFC_Q_NEAR = { 1.96512716674392571292e+01, 1.37657754143519042600e+02,
			4.34565877475229228821e+02, 6.45387271733267880336e+02, 4.29008140027567833386e+02,
			1.08635005541779435134e+02, 6.57024977031928170135e+00, -6.04244152148580987438e-02 };

	private static final double[] ERFC_P_FAR = { -9.86494292470009928597e-03, -7.99283237680523006574e-01,
			-1.77579549177547519889e+01, -1.60636384855821916062e+02, -6.37566443368389627722e+02,
			-1.02509513161107724954e+03, -4.83519191608651397019e+02, 0 };

	private static final double[] ERFC_Q_FAR = { 3.03380607434824582924e+01, 3.25792512996573918826e+02,
			1.53672958608443695994e+03, 3.19985821950859553908e+03, 2.55305040643316442583e+03,
			4.74528541206955367215e+02, -2.24409524465858183362e+01, 0 };

	/**
	 * gelu(x) = x·Φ(x) over an array, as {@link Gaussian#GELU}, on fdlibm's erf/erfc (W.
	 * J. Cody's form, with the coefficients of Sun's s_erf.c, see above) in a = |x|/√2
	 * held as a double-double ah + al, one rational per lane with its coefficients
	 * selected by blends:
	 * <ul>
	 * <li>a &lt; 0.84375: 2Φ(x) = 1 + w + w·y + wl·(2/√π)e^(−w²), w = x/√2 = wh + wl, y =
	 * P(a²)/Q(a²) ≈ erf(a)/a − 1, with 1 + wh as an exact two-sum;</li>
	 * <li>a &lt; 1.25: 2Φ(x) = (1 ± erx) ± (P(a − 1)/Q(a − 1) + al·(2/√π)e^(−a²)), the
	 * sign of x;</li>
	 * <li>beyond: erfc(a) = e^E/a with E = −a² − 0.5625 + R(1/a²)/S(1/a²); since x =
	 * ∓√2·a, (x/2)·erfc(a) = ∓e^E/√2 with no division. E is formed as a double-double (a²
	 * = ah² + 2ah·al by an fma, and the two-sums of −0.5625 + R/S and of −ah²), e^E as
	 * the lanewise EXP of its high part times 1 + its low part: the rounding of a² is
	 * amplified 2a²-fold in e^(−a²), and x = ∓√2·a is exact only to the double-double.
	 * For x &lt; 0 the result is −e^E/√2, for x &gt; 0 x − e^E/√2.</li>
	 * </ul>
	 * then x·Φ(x) as 0.5·(x·2Φ) as the scalar path. Lanes above 10 are x (as the scalar
	 * path); lanes below −26 and NaN by the scalar definition; the events (−38.58 &lt; x
	 * &lt; −8.3744) counted lanewise.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long gelu(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			// w = x/√2 = wh + wl, a = |w| = ah + al
			DoubleVector wh = x.mul(SQRT1_2_HI);
			DoubleVector wl = x.fma(DoubleVector.broadcast(SPECIES, SQRT1_2_HI), wh.neg()).add(x.mul(SQRT1_2_LO));
			VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
			DoubleVector ah = wh.abs();
			DoubleVector al = wl.blend(wl.neg(), negative);
			VectorMask<Double> small = ah.compare(VectorOperators.LT, ERF_SMALL);
			VectorMask<Double> mid = ah.compare(VectorOperators.LT, ERF_MID);
			VectorMask<Double> near = ah.compare(VectorOperators.LT, ERFC_NEAR);
			// ah² = p + q
			DoubleVector p = ah.mul(ah);
			DoubleVector q = ah.fma(ah, p.neg());
			DoubleVector v = DoubleVector.broadcast(SPECIES, 1.0).div(p).blend(ah.sub(1.0), mid).blend(p, small);
			DoubleVector num = coefficient(7, near, mid, small, ERFC_P_FAR, ERFC_P_NEAR, ERF_P_MID, ERF_P_SMALL);
			DoubleVector den = coefficient(7, near, mid, small, ERFC_Q_FAR, ERFC_Q_NEAR, ERF_Q_MID, ERF_Q_SMALL);
			for (int k = 6; k >= 0; k--) {
				num = num.fma(v, coefficient(k, near, mid, small, ERFC_P_FAR, ERFC_P_NEAR, ERF_P_MID, ERF_P_SMALL));
				den = den.fma(v, coefficient(k, near, mid, small, ERFC_Q_FAR, ERFC_Q_NEAR, ERF_Q_MID, ERF_Q_SMALL));
			}
			DoubleVector y = num.div(den.fma(v, DoubleVector.broadcast(SPECIES, 1.0)));
			// E = −a² − 0.5625 + y as sE + eE (tail lanes), −ah² elsewhere
			DoubleVector c = y.sub(0.5625);
			DoubleVector ce = DoubleVector.broadcast(SPECIES, -0.5625).sub(c).add(y);
			DoubleVector sE = c.sub(p);
			DoubleVector eE = p.neg().sub(sE).add(c).add(ce).sub(ah.add(ah).fma(al, q));
			DoubleVector e = sE.blend(p.neg(), mid).lanewise(VectorOperators.EXP);
			DoubleVector d = e.mul(TWO_OVER_SQRT_PI);
			// the tail: ∓e^E/√2
			DoubleVector g = e.fma(eE, e);
			DoubleVector scaled = g.fma(DoubleVector.broadcast(SPECIES, SQRT1_2_HI), g.mul(SQRT1_2_LO));
			DoubleVector far = g.neg()
				.fma(DoubleVector.broadcast(SPECIES, SQRT1_2_HI), x)
				.blend(scaled.neg(), negative);
			// a < 0.84375: 2Φ = (1 + wh) + (w·y + wl·d)
			DoubleVector s = wh.add(1.0);
			DoubleVector s0 = DoubleVector.broadcast(SPECIES, 1.0).sub(s).add(wh);
			DoubleVector twoPhiSmall = wh.fma(y, wl.fma(d, s0)).add(s);
			// a < 1.25: 2Φ = (1 ± erx) ± (y + al·d)
			DoubleVector yy = al.fma(d, y);
			DoubleVector twoPhiMid = yy.add(1.0 + ERX).blend(yy.neg().add(1.0 - ERX), negative);
			DoubleVector twoPhi = twoPhiMid.blend(twoPhiSmall, small);
			far.blend(x.mul(twoPhi).mul(0.5), mid)
				.blend(x, x.compare(VectorOperators.GT, GELU_IDENTITY_ABOVE))
				.intoArray(out, i);
			// the lanes that flush in the textbook form; the special ones (x < −26, NaN:
			// the lanes not at or above −26) are counted by the scalar path instead. No
			// mask logic (or, andNot, not) outside the rare branch: on JDK 17 those fall
			// back to Java code that allocates a boolean[] per call (JMH -prof gc)
			events += x.compare(VectorOperators.LT, GELU_NAIVE_FAILS_BELOW).trueCount();
			VectorMask<Double> ordinary = x.compare(VectorOperators.GE, GELU_SCALAR_BELOW);
			if (!ordinary.allTrue()) {
				events -= x.compare(VectorOperators.LT, GELU_SCALAR_BELOW).trueCount();
				events += patch(scalar, x, out, i, ordinary.not());
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/** The k-th coefficient of each lane's range, by blends. */
	private static DoubleVector coefficient(int k, VectorMask<Double> near, VectorMask<Double> mid,
			VectorMask<Double> small, double[] far, double[] nearCoefficients, double[] midCoefficients,
			double[] smallCoefficients) {
		return DoubleVector.broadcast(SPECIES, far[k])
			.blend(nearCoefficients[k], near)
			.blend(midCoefficients[k], mid)
			.blend(smallCoefficients[k], small);
	}

	// ------------------------------------------------------------ tanhshrink

	/**
	 * tanhshrink's g(y) = (x − tanh x)/x³ over y = x², as C + t·q(t): on [0, 1/4] with t
	 * = y and C = 1/3 (q of degree 10, padded with zeros), on [1/4, 5/4] with t = (y −
	 * 3/4)/(1/2) and C = g(3/4) (degree 15); C as a double-double. Fitted for this kernel
	 * by {@code scripts/fits/tanhshrink.py} with mpmath (Chebyshev interpolation at 50
	 * digits, then rounded; the rounded polynomial within 2^−55.8 of g relative, measured
	 * at 600 points per range).
	 */
	private static final double[] TANHSHRINK_Q_SMALL = { -0.13333333333333333, 0.053968253968253554,
			-0.02186948853608865, 0.008863235525732788, -0.0035921279023247246, 0.0014558318582275247,
			-0.0005899976228565356, 0.00023890187148381905, -9.579052341928215e-05, 3.5744412631158804e-05,
			-9.302623983870165e-06, 0, 0, 0, 0, 0 };

	private static final double[] TANHSHRINK_Q_MID = { -0.03924198196600979, 0.006086253290803022,
			-0.0009455797769431928, 0.0001469423038560512, -2.283544048242971e-05, 3.548737509024337e-06,
			-5.514912594478429e-07, 8.570446059038744e-08, -1.3318882987339216e-08, 2.06982010767807e-09,
			-3.2168772547167266e-10, 4.99918591814179e-11, -7.7365147139315e-12, 1.2022925449481259e-12,
			-2.0682174537458585e-13, 3.214111932719219e-14 };

	private static final double TANHSHRINK_C_HI = 0.25661494743903795;

	private static final double TANHSHRINK_C_LO = -1.6816094359204554e-17;

	private static final double THIRD_HI = 1.0 / 3.0;

	private static final double THIRD_LO = 1.850371707708594e-17;

	/**
	 * Lanes with |x| below this (x³ near or in the subnormal range, ±0) take the scalar
	 * path.
	 */
	private static final double TANHSHRINK_SCALAR_UNDER = 0x1p-300;

	/**
	 * tanhshrink(x) = x − tanh x over an array, as {@link Hyperbolic#TANHSHRINK}: for x²
	 * &lt; 5/4 (|x| &lt; 1.118, where x − tanh x cancels) x³·(1/3 + g(x²)) with x³ and x²
	 * as double-doubles and the polynomial g above; beyond, ±((|x| − 1) + 2E/(1 + E)), E
	 * = e^−2|x| by the lanewise EXP, where |x| − 1 is exact and both terms are positive.
	 * Lanes with |x| &lt; 2^−300 by the scalar definition; the events (2e−108 ≤ |x| ≤
	 * 1.3e−8) counted lanewise.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long tanhshrink(double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector a = x.abs();
			DoubleVector y = x.mul(x);
			DoubleVector e = a.mul(-2.0).lanewise(VectorOperators.EXP);
			DoubleVector r = a.sub(1.0).add(e.add(e).div(e.add(1.0)));
			DoubleVector far = r.blend(r.neg(), x.compare(VectorOperators.LT, 0.0));
			far.intoArray(out, i);
			VectorMask<Double> series = y.compare(VectorOperators.LT, 1.25);
			if (series.anyTrue()) {
				// the polynomial only where some lane needs it (a store, not a merge of
				// vectors, which C2 would box)
				DoubleVector yl = x.fma(x, y.neg());
				DoubleVector x3 = y.mul(x);
				DoubleVector x3l = y.fma(x, x3.neg()).add(yl.mul(x));
				VectorMask<Double> small = y.compare(VectorOperators.LT, 0.25);
				DoubleVector t = y.sub(0.75).add(yl).mul(2.0).blend(y, small);
				int last = TANHSHRINK_Q_MID.length - 1;
				DoubleVector q = DoubleVector.broadcast(SPECIES, TANHSHRINK_Q_MID[last])
					.blend(TANHSHRINK_Q_SMALL[last], small);
				for (int k = last - 1; k >= 0; k--) {
					q = q.fma(t,
							DoubleVector.broadcast(SPECIES, TANHSHRINK_Q_MID[k]).blend(TANHSHRINK_Q_SMALL[k], small));
				}
				DoubleVector chi = DoubleVector.broadcast(SPECIES, TANHSHRINK_C_HI).blend(THIRD_HI, small);
				DoubleVector clo = DoubleVector.broadcast(SPECIES, TANHSHRINK_C_LO).blend(THIRD_LO, small);
				DoubleVector s = t.fma(q, clo);
				DoubleVector near = x3.fma(chi, x3.fma(s, x3l.mul(chi)));
				far.blend(near, series).intoArray(out, i);
			}
			// the mask logic only in the rare branch (see gelu)
			VectorMask<Double> tiny = a.compare(VectorOperators.LE, 1.3e-8);
			if (tiny.anyTrue()) {
				VectorMask<Double> special = a.compare(VectorOperators.LT, TANHSHRINK_SCALAR_UNDER);
				if (special.anyTrue()) {
					events += patch(scalar, x, out, i, special);
				}
				events += a.compare(VectorOperators.GE, 2e-108).and(tiny).andNot(special).trueCount();
			}
		}
		return events + tail(scalar, in, out, i);
	}

	// ------------------------------------------------------------ squareplus

	/**
	 * squareplus at b &gt; 0, as {@link Algebraic#squareplus}: s = √fma(x, x, b) by the
	 * lanewise FMA and SQRT (both correctly rounded, as Math.fma and Math.sqrt), then
	 * (b/4)/(s/2 − x/2) for x &lt; 0, else (x + s)/2; bit for bit the scalar definition,
	 * which also takes the lanes where x² + b is not within (1e−290, 1e290) (its
	 * {@link Math#hypot}) and NaN. The events of the cancelling form (x &lt; 0 with x² +
	 * b rounding to x²) counted lanewise, those of the overflowing x² among the patched
	 * lanes.
	 * @param b the smoothness, greater than 0
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @return the number of overflow-avoidance events
	 */
	static long squareplus(double b, double[] in, double[] out, ScalarFunction scalar) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector vb = DoubleVector.broadcast(SPECIES, b);
		double quarter = b * 0.25;
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector q = x.fma(x, vb);
			DoubleVector s = q.lanewise(VectorOperators.SQRT);
			VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
			DoubleVector below = DoubleVector.broadcast(SPECIES, quarter).div(s.mul(0.5).sub(x.mul(0.5)));
			x.add(s).mul(0.5).blend(below, negative).intoArray(out, i);
			VectorMask<Double> special = q.compare(VectorOperators.GT, 1e-290)
				.and(q.compare(VectorOperators.LT, 1e290))
				.not();
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
			DoubleVector square = x.mul(x);
			VectorMask<Double> cancels = square.add(b)
				.compare(VectorOperators.EQ, square)
				.and(negative)
				.andNot(special);
			if (cancels.anyTrue()) {
				events += cancels.trueCount();
			}
		}
		return events + tail(scalar, in, out, i);
	}

	/**
	 * swiglu at alpha = 1 on one contiguous lane: silu(a)·b in one pass, silu(a) as
	 * {@link #silu}'s loop (e = e^−|a| by the lanewise EXP, then a/(1 + e) or a·e/(1 +
	 * e)) and then times b, so the same operations as {@link #gated} with {@link #silu}
	 * without its copy and second pass; gates below −40 (scaled there, and every event)
	 * by {@link Logistic#SILU}.
	 * @param in the tensor, not modified
	 * @param src the first element of the lane (a; b follows after {@code half})
	 * @param half the length of each half
	 * @param out the output tensor
	 * @param dst the first element of the output lane
	 * @return the number of overflow-avoidance events of silu
	 */
	static long swiglu(double[] in, int src, int half, double[] out, int dst) {
		ScalarFunction silu = Logistic.SILU;
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(half);
		int k = 0;
		for (; k < bound; k += length) {
			DoubleVector a = DoubleVector.fromArray(SPECIES, in, src + k);
			DoubleVector b = DoubleVector.fromArray(SPECIES, in, src + half + k);
			DoubleVector e = a.abs().neg().lanewise(VectorOperators.EXP);
			DoubleVector numerator = a.mul(e.blend(1.0, a.compare(VectorOperators.GE, 0.0)));
			numerator.div(e.add(1.0)).mul(b).intoArray(out, dst + k);
			VectorMask<Double> special = a.compare(VectorOperators.LT, Scalars.TAIL);
			if (special.anyTrue()) {
				for (int lane = 0; lane < length; lane++) {
					if (special.laneIsSet(lane)) {
						double g = a.lane(lane);
						out[dst + k + lane] = silu.value(g) * b.lane(lane);
						events += silu.naiveFails(g) ? 1 : 0;
					}
				}
			}
		}
		for (; k < half; k++) {
			double a = in[src + k];
			events += silu.naiveFails(a) ? 1 : 0;
			out[dst + k] = silu.value(a) * in[src + half + k];
		}
		return events;
	}

	/**
	 * {@link Finiteness#absMax} a vector of lanes at a time.
	 * @param values the values, not modified
	 * @param from the first index, inclusive
	 * @param to the last index, exclusive
	 * @return max |x|, NaN if one is NaN
	 */
	static double absMax(double[] values, int from, int to) {
		int length = SPECIES.length();
		int bound = from + SPECIES.loopBound(to - from);
		DoubleVector m0 = DoubleVector.zero(SPECIES);
		DoubleVector m1 = DoubleVector.zero(SPECIES);
		int i = from;
		for (; i + length < bound; i += 2 * length) {
			m0 = m0.max(DoubleVector.fromArray(SPECIES, values, i).abs());
			m1 = m1.max(DoubleVector.fromArray(SPECIES, values, i + length).abs());
		}
		for (; i < bound; i += length) {
			m0 = m0.max(DoubleVector.fromArray(SPECIES, values, i).abs());
		}
		return Math.max(m0.max(m1).reduceLanes(VectorOperators.MAX), Finiteness.absMax(values, i, to));
	}

	/**
	 * {@link Finiteness#zeroProductSum} a vector of lanes at a time: 0 if every value of
	 * {@code values[from, to)} is finite, NaN if one is not.
	 * @param values the values, not modified
	 * @param from the first index, inclusive
	 * @param to the last index, exclusive
	 * @return the sum of the products
	 */
	static double zeroProductSum(double[] values, int from, int to) {
		int length = SPECIES.length();
		int bound = from + SPECIES.loopBound(to - from);
		DoubleVector s0 = DoubleVector.zero(SPECIES);
		DoubleVector s1 = DoubleVector.zero(SPECIES);
		int i = from;
		for (; i + length < bound; i += 2 * length) {
			s0 = s0.add(DoubleVector.fromArray(SPECIES, values, i).mul(0.0));
			s1 = s1.add(DoubleVector.fromArray(SPECIES, values, i + length).mul(0.0));
		}
		for (; i < bound; i += length) {
			s0 = s0.add(DoubleVector.fromArray(SPECIES, values, i).mul(0.0));
		}
		return s0.add(s1).reduceLanes(VectorOperators.ADD) + Finiteness.zeroProductSum(values, i, to);
	}

	/**
	 * snake over an array, as {@link Periodic#snake(double)}: p = a·x and its rounding
	 * error e = fma(a, x, −p), s = sin p by the lanewise SIN and c = e·cos p by the
	 * lanewise COS (only for vectors with some e ≠ 0), then x + (s + c)²/a in
	 * double-doubles as {@link Periodic#sum}; lanes with |a·x| ≥ 2^52 (where e may exceed
	 * 1; the events where a·x overflows among them) or a result that is not finite by the
	 * scalar definition. The lanewise SIN and COS are held to the accuracy of
	 * {@link Math#sin} and {@link Math#cos}, 1 ulp (the Vector API's "Operations on
	 * floating point vectors": lanewise operations "follow the accuracy and monotonicity
	 * specifications of the equivalent Java operation or method"; SIN and COS are only
	 * not guaranteed to be semi-monotonic), so the scalar path's bound holds.
	 * @param in the arguments, not modified
	 * @param out the results
	 * @param scalar the scalar definition
	 * @param a the frequency
	 * @return the number of overflow-avoidance events
	 */
	static long snake(double[] in, double[] out, ScalarFunction scalar, double a) {
		long events = 0;
		int length = SPECIES.length();
		int bound = SPECIES.loopBound(in.length);
		DoubleVector zero = DoubleVector.zero(SPECIES);
		// a power of two in the normal range (a = 1 by default): 1/a is exact, and a
		// product by it is the quotient, bit for bit, at a fraction of a division's cost
		double inverse = 1.0 / a;
		boolean exact = Math.getExponent(a) > Double.MIN_EXPONENT && Math.getExponent(a) < Double.MAX_EXPONENT
				&& a == Math.scalb(1.0, Math.getExponent(a));
		int i = 0;
		for (; i < bound; i += length) {
			DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
			DoubleVector p = x.mul(a);
			DoubleVector e = x.lanewise(VectorOperators.FMA, a, p.neg());
			DoubleVector s = p.lanewise(VectorOperators.SIN);
			DoubleVector c = zero;
			if (e.compare(VectorOperators.NE, 0.0).anyTrue()) {
				c = e.mul(p.lanewise(VectorOperators.COS));
			}
			DoubleVector hh = s.mul(s);
			DoubleVector hl = s.lanewise(VectorOperators.FMA, s, hh.neg()).add(s.mul(c).mul(2.0));
			DoubleVector q = exact ? hh.mul(inverse) : hh.div(a);
			DoubleVector ql = q.neg().lanewise(VectorOperators.FMA, a, hh).add(hl);
			ql = exact ? ql.mul(inverse) : ql.div(a);
			DoubleVector sum = x.add(q);
			DoubleVector bb = sum.sub(x);
			DoubleVector err = x.sub(sum.sub(bb)).add(q.sub(bb));
			DoubleVector r = sum.add(err.add(ql));
			r.intoArray(out, i);
			VectorMask<Double> special = p.abs()
				.compare(VectorOperators.GE, Periodic.PHASE_LIMIT)
				.or(r.abs().compare(VectorOperators.LE, Double.MAX_VALUE).not());
			if (special.anyTrue()) {
				events += patch(scalar, x, out, i, special);
			}
		}
		return events + tail(scalar, in, out, i);
	}

}

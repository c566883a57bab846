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

package ai.activation.kernel;

/**
 * Finds the first value of an array that is NaN or infinite. Every call scans its output
 * (a kernel's NaN or infinity becomes a 4xx answer naming its element) and every binary
 * request its input, so the scan runs over each value once or twice per request. It runs
 * a block at a time: the products {@code x·0} of a block are summed, which gives 0 when
 * every value is finite and NaN otherwise (∞·0 is NaN by IEEE 754-2019 §7.2, and NaN·0 by
 * §6.2), so a block costs one multiply and one add per value with no branch, and only a
 * block whose sum is NaN is scanned value by value for the index. With the Vector API the
 * products and sums run a vector of lanes at a time.
 */
public final class Finiteness {

	/** Values per block: a block is scanned again only when it holds a bad value. */
	static final int BLOCK = 512;

	private Finiteness() {
	}

	/**
	 * Returns the index of the first value in {@code values[from, to)} that is NaN or
	 * infinite.
	 * @param values the values, not modified
	 * @param from the first index, inclusive
	 * @param to the last index, exclusive
	 * @return its index in {@code values}, or {@code -1} if every value is finite
	 */
	public static int first(double[] values, int from, int to) {
		for (int start = from; start < to; start += BLOCK) {
			int end = Math.min(to, start + BLOCK);
			double sum = Simd.AVAILABLE ? VectorKernels.zeroProductSum(values, start, end)
					: zeroProductSum(values, start, end);
			if (sum != 0) {
				return scan(values, start, end);
			}
		}
		return -1;
	}

	/**
	 * Returns the index of the first value of {@code values} that is NaN or infinite.
	 * @param values the values, not modified
	 * @return its index, or {@code -1} if every value is finite
	 */
	public static int first(double[] values) {
		return first(values, 0, values.length);
	}

	/**
	 * Tells whether every value of {@code values[from, to)} is below {@code bound} in
	 * magnitude, in one pass of {@code max(m, |x|)} without a branch per value: the
	 * maximum of Java's {@link Math#max} is NaN if any value is (and so is the Vector
	 * API's lanewise and reduced {@code MAX}, which follow it), and NaN is below no
	 * bound. With {@code bound} = +∞ it tells that every value is finite; with the least
	 * double that rounds to an infinite float, that every value narrows to a finite
	 * float.
	 * @param values the values, not modified
	 * @param from the first index, inclusive
	 * @param to the last index, exclusive
	 * @param bound the bound, exclusive
	 * @return {@code true} if every |x| &lt; bound
	 */
	public static boolean allBelow(double[] values, int from, int to, double bound) {
		double max = Simd.AVAILABLE ? VectorKernels.absMax(values, from, to) : absMax(values, from, to);
		return max < bound;
	}

	/** max |x| over {@code values[from, to)}, NaN if one is NaN; 0 if none. */
	static double absMax(double[] values, int from, int to) {
		double m0 = 0;
		double m1 = 0;
		int i = from;
		for (; i + 1 < to; i += 2) {
			m0 = Math.max(m0, Math.abs(values[i]));
			m1 = Math.max(m1, Math.abs(values[i + 1]));
		}
		for (; i < to; i++) {
			m0 = Math.max(m0, Math.abs(values[i]));
		}
		return Math.max(m0, m1);
	}

	/** Σ x·0 over {@code values[from, to)}: 0 if all are finite, NaN if one is not. */
	static double zeroProductSum(double[] values, int from, int to) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int i = from;
		for (; i + 3 < to; i += 4) {
			s0 += values[i] * 0.0;
			s1 += values[i + 1] * 0.0;
			s2 += values[i + 2] * 0.0;
			s3 += values[i + 3] * 0.0;
		}
		for (; i < to; i++) {
			s0 += values[i] * 0.0;
		}
		return (s0 + s1) + (s2 + s3);
	}

	/** The value-by-value scan of one block known to hold a bad value. */
	static int scan(double[] values, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!Double.isFinite(values[i])) {
				return i;
			}
		}
		return -1;
	}

}

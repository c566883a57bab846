package ai.activation.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector paths of logsumexp, logmeanexp and standardize on contiguous lanes (the last
 * axis), against the apfloat and BigDecimal references of {@link KernelAccuracyTests}
 * (computed from the row alone, at 60 or more digits), and the same rows as strided lanes
 * (axis 0 of an (n, 2) tensor), which take the scalar path: lanes shorter than a vector,
 * lengths not a multiple of it, long lanes, a dominant term, ties, huge spans, cancelling
 * and subnormal results, large means with a small spread, and the scaled magnitudes the
 * vector path hands to the scalar one. Each kernel is first run on a few thousand lanes,
 * so that the checked calls run C2's code (the intrinsic lanewise EXP), not the
 * interpreter's.
 */
class VectorReductionsTests {

	/** The Javadoc bounds: logsumexp and standardize 2 ulp, logmeanexp 4 (the tests'). */
	private static final double LOGSUMEXP_ULPS = 2;

	private static final double LOGMEANEXP_ULPS = 4;

	private static final double STANDARDIZE_ULPS = 2;

	@Test
	void vectorPathsShouldBeOn() {
		assertThat(Simd.AVAILABLE).isTrue();
	}

	@Test
	void logsumexpAndLogmeanexpShouldStayWithinTheirBoundsOnContiguousAndStridedLanes() {
		AxisFunction sum = LogSumExp.logsumexp(false);
		AxisFunction mean = LogSumExp.logmeanexp(false);
		warmUp(sum);
		warmUp(mean);
		List<double[]> rows = exponentialRows();
		for (double[] row : rows) {
			double expectedSum = KernelAccuracyTests.logsumexp(row, false);
			double expectedMean = KernelAccuracyTests.logsumexp(row, true);
			for (boolean strided : new boolean[] { true, false }) {
				double got = reduce(sum, row, strided);
				assertThat(KernelAccuracyTests.ulps(got, expectedSum))
					.as("logsumexp (%s) of %s: %s, expected %s", strided ? "strided" : "contiguous", describe(row), got,
							expectedSum)
					.isLessThanOrEqualTo(LOGSUMEXP_ULPS);
				got = reduce(mean, row, strided);
				assertThat(KernelAccuracyTests.ulps(got, expectedMean))
					.as("logmeanexp (%s) of %s: %s, expected %s", strided ? "strided" : "contiguous", describe(row),
							got, expectedMean)
					.isLessThanOrEqualTo(LOGMEANEXP_ULPS);
			}
		}
	}

	@Test
	void logsumexpShouldBeExactWhenOneTermDominates() {
		AxisFunction sum = LogSumExp.logsumexp(false);
		warmUp(sum);
		SplittableRandom random = new SplittableRandom(5);
		for (int n : new int[] { 9, 16, 33, 100 }) {
			for (double below : new double[] { 38, 45, 600 }) {
				// log Σ e^x = m + R with R ≈ (n − 1)·e^−below below ulp(m)/2 for m = 5,
				// so the result is m itself; at m = 0 it is R, which must keep its
				// relative accuracy
				for (double m : new double[] { 0, 5, 40 }) {
					double[] row = new double[n];
					for (int i = 0; i < n; i++) {
						row[i] = m - below - random.nextDouble(0, 20);
					}
					row[random.nextInt(n)] = m;
					double expected = KernelAccuracyTests.logsumexp(row, false);
					double got = reduce(sum, row, false);
					assertThat(KernelAccuracyTests.ulps(got, expected)).as("logsumexp of %s", describe(row))
						.isLessThanOrEqualTo(LOGSUMEXP_ULPS);
					if (m != 0) {
						// the claim of the Javadoc: exact (correctly rounded) there
						assertThat(got).as("a dominant %s in %s", m, describe(row)).isEqualTo(expected);
					}
				}
			}
		}
	}

	/**
	 * log_softmax's vector sum leaves out every term of a maximum and adds their number
	 * less one back exactly: a unique maximum far above the rest (R tiny, whose relative
	 * accuracy the log1p keeps), two to five tied maxima anywhere in the lane (in the
	 * vector body and in the tail), with T = 1 and 3; each within log_softmax's budget of
	 * 4 ulp of the apfloat reference.
	 */
	@Test
	void logSoftmaxShouldStayWithinItsBoundWithTiesAndADominantMaximum() {
		SplittableRandom random = new SplittableRandom(17);
		for (double t : new double[] { 1, 3 }) {
			AxisFunction f = AxisKernels.logSoftmax(t);
			warmUp(f);
			for (int n : new int[] { 9, 37, 100, 1003 }) {
				for (int ties : new int[] { 1, 2, 5 }) {
					for (double below : new double[] { 0, 40, 300 }) {
						double m = random.nextDouble(-5, 5);
						double[] row = new double[n];
						for (int i = 0; i < n; i++) {
							row[i] = m - below * t - random.nextDouble(0.001, 10);
						}
						for (int k = 0; k < ties; k++) {
							// the last one in the tail (the last n mod 8 elements) at
							// times
							row[(k == ties - 1 && ties > 1) ? n - 1 : random.nextInt(n)] = m;
						}
						double[] out = new double[n];
						f.apply(row, new Lanes(1, n, 1), out);
						double[] expected = KernelAccuracyTests.softmaxReference(row, t, false, true);
						for (int i = 0; i < n; i++) {
							assertThat(KernelAccuracyTests.ulps(out[i], expected[i]))
								.as("log_softmax T=%s of %s (%d maxima, the rest %s below) at %d: %s, expected %s", t,
										describe(row), ties, below, i, out[i], expected[i])
								.isLessThanOrEqualTo(4.0);
						}
					}
				}
			}
		}
	}

	@Test
	void standardizeShouldStayWithinItsBoundOnContiguousAndStridedLanes() {
		for (double epsilon : new double[] { 1e-5, 1, 0x1p-1030 }) {
			AxisFunction f = Standardization.standardize(epsilon);
			warmUp(f);
			for (double[] row : standardizeRows()) {
				double[] expected = KernelAccuracyTests.standardize(row, epsilon);
				for (boolean strided : new boolean[] { true, false }) {
					double[] got = map(f, row, strided);
					for (int i = 0; i < row.length; i++) {
						assertThat(KernelAccuracyTests.ulps(got[i], expected[i]))
							.as("standardize epsilon=%s (%s) of %s at %d: %s, expected %s", epsilon,
									strided ? "strided" : "contiguous", describe(row), i, got[i], expected[i])
							.isLessThanOrEqualTo(STANDARDIZE_ULPS);
					}
				}
			}
		}
	}

	@Test
	void standardizeProductShouldStayWithinItsBoundOnTinyLanesTheScalarPathNowScales() {
		// lanes below 2^−500 with epsilon ≥ 2^−1000 are scaled up by the scalar path
		// (value and VJP); the VJP's budget is 4 ulp, or 2^−90 of the lane's largest
		// component where the product is a structural near-zero
		SplittableRandom random = new SplittableRandom(19);
		for (double epsilon : new double[] { 1e-5, 1, 0x1p-1000 }) {
			AxisFunction f = Standardization.standardize(epsilon);
			for (double scale : new double[] { 1e-310, 1e-300, 1e-200 }) {
				for (int n : new int[] { 2, 3, 12 }) {
					double[] row = uniform(random, n, 0, scale);
					double[] grad = uniform(random, n, 0, 1);
					double[] out = new double[n];
					f.vjp(row, grad, new Lanes(1, n, 1), out);
					double[] expected = KernelAccuracyTests.standardizeVjp(row, grad, epsilon);
					double largest = 0;
					for (double e : expected) {
						largest = Math.max(largest, Math.abs(e));
					}
					for (int i = 0; i < n; i++) {
						if (Math.abs(expected[i]) < 0x1p-90 * largest) {
							assertThat(Math.abs(out[i] - expected[i])).isLessThanOrEqualTo(0x1p-90 * largest);
							continue;
						}
						assertThat(KernelAccuracyTests.ulps(out[i], expected[i]))
							.as("standardize epsilon=%s vjp of %s at %d: %s, expected %s", epsilon, describe(row), i,
									out[i], expected[i])
							.isLessThanOrEqualTo(4.0);
					}
				}
			}
		}
	}

	/** Rows for the sums of exponentials. */
	private static List<double[]> exponentialRows() {
		List<double[]> rows = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(11);
		double[] scales = { 1e-3, 1, 5, 30, 400 };
		double[] shifts = { 0, -3, 3, 10, -10, -30, 30, 700, -700 };
		int[] lengths = { 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 24, 31, 64, 65, 257 };
		for (int n : lengths) {
			for (double scale : scales) {
				double shift = shifts[random.nextInt(shifts.length)];
				rows.add(uniform(random, n, shift, scale));
			}
		}
		// one long lane like the benchmark's, and its mean shifted near 0
		rows.add(uniform(random, 3001, 0, 10));
		rows.add(uniform(random, 3001, -7, 10));
		// ties: every element the maximum, and a few maxima among others
		rows.add(constant(17, 2.5));
		rows.add(constant(24, -0.75));
		double[] ties = uniform(random, 29, 0, 4);
		ties[3] = 9;
		ties[11] = 9;
		ties[28] = 9;
		rows.add(ties);
		// huge spans (terms that flush): the scalar path
		double[] span = uniform(random, 40, 0, 3);
		span[7] = -800;
		span[30] = -1e300;
		rows.add(span);
		// results near or at 0 (m + log S cancels, the mean of nearly equal values) and
		// subnormal ones
		rows.add(repeat(new double[] { 1e-310, -1e-310, 0 }, 9));
		rows.add(repeat(new double[] { 1e-300, 0, -1e-300, 2e-300 }, 5));
		double[] minusLogN = constant(16, -Math.log(16));
		minusLogN[5] = Math.nextUp(minusLogN[5]);
		rows.add(minusLogN);
		rows.add(repeat(new double[] { 1, Math.nextUp(1.0) }, 12));
		rows.add(repeat(new double[] { -1e-3, 1e-3 }, 10));
		return rows;
	}

	/** Rows for standardize. */
	private static List<double[]> standardizeRows() {
		List<double[]> rows = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(13);
		double[] scales = { 1e-300, 1e-3, 1, 1e4, 1e200 };
		double[] shifts = { 0, 1, -1e6, 1e8, 1e16 };
		int[] lengths = { 1, 2, 3, 7, 8, 9, 16, 17, 31, 33, 100, 1001 };
		for (int n : lengths) {
			for (double scale : scales) {
				double shift = shifts[random.nextInt(shifts.length)];
				rows.add(uniform(random, n, shift * ((scale < 1e-100) ? 1e-300 : 1), scale));
			}
		}
		// a large mean against a small spread (the cancellation of mean(x²) − mean²)
		double[] cancel = new double[25];
		for (int i = 0; i < cancel.length; i++) {
			cancel[i] = 1e20 + 65536 * (i % 5 - 2);
		}
		rows.add(cancel);
		rows.add(repeat(new double[] { 1, Math.nextUp(1.0), Math.nextDown(1.0) }, 9));
		rows.add(uniform(random, 40, 1e9, 1e-4));
		// a constant lane and one element off (the outlier), ties
		rows.add(constant(18, 3.25));
		double[] outlier = constant(19, 7);
		outlier[0] = 8;
		rows.add(outlier);
		// magnitudes the scalar path scales: above 2^500, below 2^−500
		rows.add(uniform(random, 20, 0, 0x1p600));
		rows.add(uniform(random, 20, 0, 0x1p-600));
		// subnormal elements
		rows.add(uniform(random, 12, 0, 1e-310));
		return rows;
	}

	private static double[] uniform(SplittableRandom random, int n, double shift, double scale) {
		double[] row = new double[n];
		for (int i = 0; i < n; i++) {
			row[i] = shift + scale * random.nextDouble(-1, 1);
		}
		return row;
	}

	private static double[] constant(int n, double value) {
		double[] row = new double[n];
		java.util.Arrays.fill(row, value);
		return row;
	}

	private static double[] repeat(double[] pattern, int times) {
		double[] row = new double[pattern.length * times];
		for (int i = 0; i < row.length; i++) {
			row[i] = pattern[i % pattern.length];
		}
		return row;
	}

	/** The function on the row as a contiguous lane, or as axis 0 of an (n, 2) tensor. */
	private static double reduce(AxisFunction f, double[] row, boolean strided) {
		return map(f, row, strided)[0];
	}

	private static double[] map(AxisFunction f, double[] row, boolean strided) {
		int n = row.length;
		int m = f.outputLength(n);
		if (!strided) {
			double[] out = new double[m];
			f.apply(row, new Lanes(1, n, 1), out);
			return out;
		}
		// lane 0 is the row, lane 1 its reverse
		double[] in = new double[2 * n];
		for (int i = 0; i < n; i++) {
			in[2 * i] = row[i];
			in[2 * i + 1] = row[n - 1 - i];
		}
		double[] out = new double[2 * m];
		f.apply(in, new Lanes(1, n, 2), out);
		double[] lane = new double[m];
		for (int i = 0; i < m; i++) {
			lane[i] = out[2 * i];
		}
		return lane;
	}

	private static void warmUp(AxisFunction f) {
		SplittableRandom random = new SplittableRandom(3);
		double[] in = new double[64 * 37];
		for (int i = 0; i < in.length; i++) {
			in[i] = random.nextDouble(-12, 12);
		}
		double[] out = new double[in.length];
		for (int r = 0; r < 400; r++) {
			f.apply(in, new Lanes(64, 37, 1), out);
		}
	}

	private static String describe(double[] row) {
		if (row.length <= 6) {
			return java.util.Arrays.toString(row);
		}
		return "a row of " + row.length + " from " + row[0] + ", " + row[1] + ", " + row[2] + " …";
	}

}

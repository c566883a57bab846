package ai.activation.kernel;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Finiteness#first} against the plain value-by-value definition, written here: on
 * every length from 0 to past two blocks, at every offset of a bad value, with several
 * bad values (the first one counts), with finite values that a product could mistake (the
 * largest double, the smallest subnormal, −0), and through both the vector and the scalar
 * sum.
 */
class FinitenessTests {

	private static final double[] BAD = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
			Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L) };

	private static final double[] TRICKY = { Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0,
			Double.MIN_NORMAL, 1e308, -1e-320 };

	@Test
	void everyLengthAndEveryPositionOfOneBadValue() {
		SplittableRandom random = new SplittableRandom(7);
		for (int n = 0; n <= 2 * Finiteness.BLOCK + 37; n = (n < 80) ? n + 1 : n + 13) {
			double[] values = finite(random, n);
			assertThat(Finiteness.first(values)).as("all finite, n=%d", n).isEqualTo(-1);
			for (int at = 0; at < n; at++) {
				double keep = values[at];
				values[at] = BAD[at % BAD.length];
				assertThat(Finiteness.first(values)).as("n=%d, bad at %d", n, at).isEqualTo(at);
				values[at] = keep;
			}
		}
	}

	@Test
	void theFirstOfSeveralBadValuesInARange() {
		SplittableRandom random = new SplittableRandom(11);
		for (int trial = 0; trial < 2000; trial++) {
			int n = random.nextInt(1, 3000);
			double[] values = finite(random, n);
			int bads = random.nextInt(0, 5);
			for (int k = 0; k < bads; k++) {
				values[random.nextInt(n)] = BAD[random.nextInt(BAD.length)];
			}
			int from = random.nextInt(0, n);
			int to = random.nextInt(from, n + 1);
			assertThat(Finiteness.first(values, from, to)).as("trial %d", trial)
				.isEqualTo(definition(values, from, to));
		}
	}

	@Test
	void theVectorAndScalarSumsAgreeOnWhetherABlockIsClean() {
		assertThat(Simd.AVAILABLE).as("the tests run with the Vector API").isTrue();
		SplittableRandom random = new SplittableRandom(13);
		for (int trial = 0; trial < 5000; trial++) {
			int n = random.nextInt(0, 200);
			double[] values = finite(random, n);
			if (n > 0 && random.nextBoolean()) {
				values[random.nextInt(n)] = BAD[random.nextInt(BAD.length)];
			}
			int from = (n == 0) ? 0 : random.nextInt(0, n);
			boolean clean = definition(values, from, n) < 0;
			assertThat(VectorKernels.zeroProductSum(values, from, n) == 0).as("vector, trial %d", trial)
				.isEqualTo(clean);
			assertThat(Finiteness.zeroProductSum(values, from, n) == 0).as("scalar, trial %d", trial).isEqualTo(clean);
		}
	}

	@Test
	void allBelowShouldMatchItsDefinitionThroughTheVectorAndScalarMaxima() {
		assertThat(Simd.AVAILABLE).as("the tests run with the Vector API").isTrue();
		SplittableRandom random = new SplittableRandom(17);
		double[] bounds = { Double.POSITIVE_INFINITY, 0x1.ffffffp127, 1.0, Double.MIN_VALUE };
		for (int trial = 0; trial < 5000; trial++) {
			int n = random.nextInt(0, 200);
			double[] values = finite(random, n);
			if (n > 0 && random.nextBoolean()) {
				values[random.nextInt(n)] = BAD[random.nextInt(BAD.length)];
			}
			int from = (n == 0) ? 0 : random.nextInt(0, n);
			double bound = bounds[trial % bounds.length];
			boolean below = true;
			for (int i = from; i < n; i++) {
				below &= Math.abs(values[i]) < bound; // false for NaN
			}
			assertThat(Finiteness.allBelow(values, from, n, bound)).as("trial %d", trial).isEqualTo(below);
			assertThat(Finiteness.absMax(values, from, n) < bound).as("scalar, trial %d", trial).isEqualTo(below);
		}
	}

	@Test
	void theFloatBoundShouldBeWhereNarrowingOverflows() {
		double bound = 0x1.ffffffp127;
		assertThat((float) bound).isInfinite();
		assertThat((float) Math.nextDown(bound)).isEqualTo(Float.MAX_VALUE);
		double[] values = new double[37];
		values[36] = -Math.nextDown(bound);
		assertThat(Finiteness.allBelow(values, 0, 37, bound)).isTrue();
		values[5] = bound;
		assertThat(Finiteness.allBelow(values, 0, 37, bound)).isFalse();
	}

	private static double[] finite(SplittableRandom random, int n) {
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			values[i] = random.nextBoolean() ? TRICKY[random.nextInt(TRICKY.length)]
					: Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)
							* (random.nextBoolean() ? 1 : -1);
		}
		return values;
	}

	private static int definition(double[] values, int from, int to) {
		for (int i = from; i < to; i++) {
			if (Double.isNaN(values[i]) || Double.isInfinite(values[i])) {
				return i;
			}
		}
		return -1;
	}

}

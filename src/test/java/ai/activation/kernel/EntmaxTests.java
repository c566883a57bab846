package ai.activation.kernel;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Edge cases of {@link Entmax}: ties, lanes of one element, huge values, the α that are
 * other functions exactly, α near 1 and very large, lanes of an N-d tensor, events, and
 * the vector-Jacobian product against central differences of the value.
 */
class EntmaxTests {

	private static double[] apply(AxisFunction f, double... row) {
		double[] out = new double[row.length];
		f.apply(row, new Lanes(1, row.length, 1), out);
		return out;
	}

	private static double[] vjp(AxisFunction f, double[] row, double[] grad) {
		double[] out = new double[row.length];
		f.vjp(row, grad, new Lanes(1, row.length, 1), out);
		return out;
	}

	private static long events(AxisFunction f, double... row) {
		return f.apply(row, new Lanes(1, row.length, 1), new double[row.length]);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1.5, 1.0078125, 1.25, 1.75, 3, 5 })
	void entmaxWhenTheLaneHasTiesShouldSplitItEvenly(double alpha) {
		AxisFunction f = Entmax.entmax(alpha);
		assertThat(apply(f, 5, 5, 5, 5)).containsExactly(0.25, 0.25, 0.25, 0.25);
		assertThat(apply(f, 1e308, 1e308)).containsExactly(0.5, 0.5);
		assertThat(apply(f, -1e308, -1e308)).containsExactly(0.5, 0.5);
		if (alpha >= 1.5) {
			// the 1 is 2 below the ties: outside the support for α ≥ 1.5 (z ≤ −1/β)
			assertThat(apply(f, 3, 3, 1)).containsExactly(0.5, 0.5, 0.0);
		}
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1, 1.5, 1.0078125, 1.25, 2, 3 })
	void entmaxOfOneElementShouldBeOneWithAZeroProduct(double alpha) {
		AxisFunction f = Entmax.entmax(alpha);
		assertThat(apply(f, 42)).containsExactly(1.0);
		assertThat(apply(f, -1e300)).containsExactly(1.0);
		assertThat(vjp(f, new double[] { 42 }, new double[] { 3 })).containsExactly(0.0);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1.5, 1.25, 3 })
	void entmaxWhenTheSpanOverflowsShouldGiveAllToTheMaximum(double alpha) {
		AxisFunction f = Entmax.entmax(alpha);
		assertThat(apply(f, 1e308, -1e308)).containsExactly(1.0, 0.0);
		assertThat(apply(f, Double.MAX_VALUE, -Double.MAX_VALUE, 0)).containsExactly(1.0, 0.0, 0.0);
		assertThat(vjp(f, new double[] { Double.MAX_VALUE, -Double.MAX_VALUE }, new double[] { 1e308, -1e308 }))
			.containsExactly(0.0, 0.0);
	}

	@Test
	void entmaxAtOneOneAndAHalfAndTwoShouldBeSoftmaxEntmax15AndSparsemaxExactly() {
		SplittableRandom random = new SplittableRandom(11);
		double[] row = new double[12];
		double[] grad = new double[12];
		for (int i = 0; i < row.length; i++) {
			row[i] = random.nextDouble(-3, 3);
			grad[i] = random.nextDouble(-1, 1);
		}
		assertThat(apply(Entmax.entmax(1), row)).containsExactly(apply(AxisKernels.softmax(1), row));
		assertThat(apply(Entmax.entmax(1.5), row)).containsExactly(apply(Entmax.entmax15(), row));
		assertThat(apply(Entmax.entmax(2), row)).containsExactly(apply(AxisKernels.sparsemax(), row));
		assertThat(vjp(Entmax.entmax(1), row, grad)).containsExactly(vjp(AxisKernels.softmax(1), row, grad));
		assertThat(vjp(Entmax.entmax(2), row, grad)).containsExactly(vjp(AxisKernels.sparsemax(), row, grad));
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0x1p-30, 0x1p-60, 1e-300 })
	void entmaxWhenAlphaApproachesOneShouldApproachSoftmax(double beta) {
		double[] row = { 2, 1, 0.5, -3, -40, 0 };
		double[] p = apply(Entmax.entmax(1 + beta), row);
		double[] softmax = KernelAccuracyTests.softmaxReference(row, 1, false, false);
		for (int i = 0; i < row.length; i++) {
			// p_i = softmax_i·(1 + O(β·z²))
			assertThat(p[i]).as("element %d", i).isCloseTo(softmax[i], within(Math.max(1e-7, 1e4 * beta) * softmax[i]));
		}
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1e3, 1e6, 1e300 })
	void entmaxWithAHugeAlphaShouldStillSumToOne(double alpha) {
		// far beyond double-double resolution of the support's edge (the true p_2 of
		// the first row at α = 1e6 is about 2.3e−6, set by an excess of 10^−5.6e6 over
		// the gap): the outputs are normalized, as the package's ensure_sum_one
		for (double[] row : new double[][] { { 1, 1 - 1e-7, 0.5, 1 - 2e-7 }, { 5, 5, 5, 5 }, { 1e308, 1e308 } }) {
			double[] p = apply(Entmax.entmax(alpha), row);
			double sum = 0;
			for (double v : p) {
				assertThat(v).isBetween(0.0, 1.0);
				sum += v;
			}
			assertThat(sum).as("%s", java.util.Arrays.toString(row)).isCloseTo(1.0, within(1e-15));
		}
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1.5, 1.25, 3 })
	void entmaxShouldFollowTheLanesOfAnNdTensor(double alpha) {
		AxisFunction f = Entmax.entmax(alpha);
		int[] shape = { 3, 4, 5 };
		SplittableRandom random = new SplittableRandom(3);
		double[] tensor = new double[60];
		for (int i = 0; i < tensor.length; i++) {
			tensor[i] = random.nextDouble(-2, 2);
		}
		double[] out = new double[60];
		f.apply(tensor, Lanes.of(shape, 1), out);
		for (int a = 0; a < 3; a++) {
			for (int c = 0; c < 5; c++) {
				double[] lane = new double[4];
				for (int k = 0; k < 4; k++) {
					lane[k] = tensor[a * 20 + k * 5 + c];
				}
				double[] expected = apply(f, lane);
				for (int k = 0; k < 4; k++) {
					assertThat(out[a * 20 + k * 5 + c]).isEqualTo(expected[k]);
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(doubles = { 1.5, 1.125, 1.25, 1.75, 3 })
	void entmaxProductShouldMatchCentralDifferencesOfTheValue(double alpha) {
		AxisFunction f = Entmax.entmax(alpha);
		double[] row = { 0.3, -0.2, 0.9, 0.1, -1.4 };
		double[] grad = { 0.7, -0.1, 0.4, -0.9, 0.5 };
		double[] product = vjp(f, row, grad);
		double h = 1e-6;
		for (int i = 0; i < row.length; i++) {
			double[] up = row.clone();
			double[] down = row.clone();
			up[i] += h;
			down[i] -= h;
			double[] pu = apply(f, up);
			double[] pd = apply(f, down);
			double difference = 0;
			for (int j = 0; j < row.length; j++) {
				difference += grad[j] * (pu[j] - pd[j]) / (2 * h);
			}
			assertThat(product[i]).as("element %d", i).isCloseTo(difference, within(1e-7));
		}
	}

	@Test
	void entmaxShouldCountLanesWhereThePackagesUnshiftedSumsLoseTheConstraint() {
		// 1.5: n·(max|x|/2)² ≥ 2^53
		assertThat(events(Entmax.entmax15(), 2e8, 2e8 - 1)).isEqualTo(1);
		assertThat(events(Entmax.entmax15(), 1e3, 999)).isZero();
		// bisection: (α − 1)·max|x| ≥ 2^52
		assertThat(events(Entmax.entmax(1.25), 0x1p54, 0)).isEqualTo(1);
		assertThat(events(Entmax.entmax(1.25), 1e6, 0)).isZero();
	}

}

package ai.activation.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overflow-avoidance events: for each function that has them, an input where the textbook
 * formula fails and one where it does not.
 */
class KernelEventTests {

	private static long events(ScalarFunction f, double... in) {
		return f.applyAll(in, new double[in.length]);
	}

	private static long events(AxisFunction f, int rows, double... in) {
		int length = in.length / rows;
		return f.apply(in, new Lanes(rows, length, 1), new double[rows * f.outputLength(length)]);
	}

	@Test
	void sigmoidOfMinus800AndZeroShouldCountExactlyOneEvent() {
		assertThat(events(Logistic.SIGMOID, -800, 0)).isEqualTo(1);
		assertThat(events(Logistic.SIGMOID, 800, -709, 1e-300)).isZero();
	}

	@Test
	void softmaxOfAHugeRowAndASmallRowShouldCountExactlyOneEvent() {
		assertThat(events(AxisKernels.softmax(1), 2, 1010, 1000, 990, 1, 2, 3)).isEqualTo(1);
	}

	@Test
	void softmaxShouldCountRowsWhoseTermsAllUnderflowOrWhoseSumOverflows() {
		assertThat(events(AxisKernels.softmax(1), 1, -800, -800)).isEqualTo(1);
		assertThat(events(AxisKernels.softmax(1), 1, 709, 709, 709)).isEqualTo(1);
		assertThat(events(AxisKernels.softmax(1), 1, -740, -746)).isEqualTo(1);
		// the second term flushes, but so does its true value: no event
		assertThat(events(AxisKernels.softmax(1), 1, 0, -800)).isZero();
		assertThat(events(AxisKernels.softmax(1), 1, 700, 0, -700)).isZero();
		// T = 0.5 doubles the exponents
		assertThat(events(AxisKernels.softmax(0.5), 1, 400, 0)).isEqualTo(1);
	}

	@Test
	void softminShouldCountTheEventsOfTheSoftmaxOfMinusX() {
		assertThat(events(AxisKernels.softmin(1), 2, -1010, -1000, 1, 2)).isEqualTo(1);
		assertThat(events(AxisKernels.softmin(1), 1, 1, 2, 3)).isZero();
	}

	@Test
	void logSoftmaxShouldCountRowsWithAnyFlushedTerm() {
		assertThat(events(AxisKernels.logSoftmax(1), 1, 0, -800)).isEqualTo(1);
		assertThat(events(AxisKernels.logSoftmax(1), 1, 0, -40, -50)).isZero();
	}

	@Test
	void gluShouldCountElementsWhoseGateOverflowsTheTextbookExponential() {
		assertThat(events(AxisKernels.glu(), 1, 1, 1, -800, 0)).isEqualTo(1);
		assertThat(events(AxisKernels.glu(), 1, 1, 1, -700, 3)).isZero();
	}

	@Test
	void sparsemaxShouldCountLanesWhereTheTextbookSumsAbsorbTheOne() {
		assertThat(events(AxisKernels.sparsemax(), 2, 1e17, 1e17, 1, 2)).isEqualTo(1);
		assertThat(events(AxisKernels.sparsemax(), 1, 1e10, 0)).isZero();
	}

	@Test
	void tanhShouldCountNaNOfTheTextbookQuotientAndFlushedTinyValues() {
		assertThat(events(Hyperbolic.TANH, 710, -800, 1e-20)).isEqualTo(3);
		assertThat(events(Hyperbolic.TANH, 0, 1e-10, 19, -700)).isZero();
	}

	@Test
	void hardswishShouldCountOverflowOfTheTextbookProduct() {
		assertThat(events(Piecewise.HARDSWISH, 1e308)).isEqualTo(1);
		assertThat(events(Piecewise.HARDSWISH, 1e300, -1e308)).isZero();
	}

	@Test
	void tanhshrinkShouldCountTinyValuesWhereTheTextbookCancelsToZero() {
		assertThat(events(Hyperbolic.TANHSHRINK, 1e-10, -1e-50)).isEqualTo(2);
		assertThat(events(Hyperbolic.TANHSHRINK, 1e-3, 1e-200, 0)).isZero();
	}

	@Test
	void logsigmoidShouldCountOverflowAndFlushedTails() {
		assertThat(events(Logistic.LOGSIGMOID, -710, 40)).isEqualTo(2);
		assertThat(events(Logistic.LOGSIGMOID, -700, 30, 800)).isZero();
	}

	@Test
	void siluShouldCountOverflowOfTheTextbookExponential() {
		assertThat(events(Logistic.SILU, -740)).isEqualTo(1);
		assertThat(events(Logistic.SILU, -700, 800)).isZero();
	}

	@Test
	void mishShouldCountOverflowAndFlushedLeftTail() {
		assertThat(events(Hyperbolic.MISH, 710, -40)).isEqualTo(2);
		assertThat(events(Hyperbolic.MISH, 700, -30, -800)).isZero();
	}

	@Test
	void geluShouldCountWhereOnePlusErfFlushes() {
		assertThat(events(Gaussian.GELU, -9, -38)).isEqualTo(2);
		assertThat(events(Gaussian.GELU, -8, 5, -39)).isZero();
		assertThat(events(Gaussian.GELU_TANH, -8, -20)).isEqualTo(2);
		assertThat(events(Gaussian.GELU_TANH, -7, 5, -22)).isZero();
	}

	@Test
	void eluFamilyShouldCountFlushedExpMinusOne() {
		assertThat(events(ExponentialLinear.elu(1), -1e-20)).isEqualTo(1);
		assertThat(events(ExponentialLinear.elu(1), -1e-10, 1e-20)).isZero();
		assertThat(events(ExponentialLinear.SELU, -1e-20)).isEqualTo(1);
		assertThat(events(ExponentialLinear.SELU, -1)).isZero();
		assertThat(events(ExponentialLinear.celu(1), -1e-20)).isEqualTo(1);
		assertThat(events(ExponentialLinear.celu(1), -1)).isZero();
	}

	@Test
	void celuWithNegativeAlphaShouldCountOverflowOnlyWhereTheTrueValueIsFinite() {
		assertThat(events(ExponentialLinear.celu(-0.5), -355)).isEqualTo(1);
		assertThat(events(ExponentialLinear.celu(-0.5), -300, -1e308)).isZero();
	}

	@Test
	void softplusShouldCountOverflowAndFlushedLeftTail() {
		assertThat(events(Logistic.softplus(1, Double.NaN), 710, -40)).isEqualTo(2);
		assertThat(events(Logistic.softplus(1, Double.NaN), 700, -30, -800)).isZero();
		// beyond the threshold the linear branch is taken: no event
		assertThat(events(Logistic.softplus(1, 20), 710)).isZero();
		assertThat(events(Logistic.softplus(2, Double.NaN), 355)).isEqualTo(1);
	}

	@Test
	void functionsWithoutEventsShouldNeverCountAny() {
		double[] extremes = { -Double.MAX_VALUE, -1e308, -800, -1e-300, 0, 1e-300, 800, Double.MAX_VALUE };
		for (ScalarFunction f : new ScalarFunction[] { Piecewise.STEP, Piecewise.IDENTITY, Piecewise.RELU,
				Piecewise.RELU6, Hyperbolic.SOFTSIGN, Piecewise.HARDSIGMOID, Piecewise.leaky(0.01),
				Piecewise.hardtanh(-1, 1), Piecewise.hardshrink(0.5), Piecewise.softshrink(0.5),
				Piecewise.threshold(0, 0) }) {
			assertThat(events(f, extremes)).isZero();
		}
	}

}

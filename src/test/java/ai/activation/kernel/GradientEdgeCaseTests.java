package ai.activation.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The derivatives at the kinks (PyTorch's convention), at −0.0, and where the textbook
 * formulas of the gradient fail. Expected values are closed forms or were computed with
 * mpmath at 40 digits (quoted to the digits needed).
 */
class GradientEdgeCaseTests {

	private static double ulps(double got, double expected) {
		return KernelAccuracyTests.ulps(got, expected);
	}

	@Test
	void reluFamilyDerivativesAtTheKinksShouldFollowPyTorch() {
		assertThat(Piecewise.RELU.derivative(0.0)).isZero();
		assertThat(Piecewise.RELU.derivative(-0.0)).isZero();
		assertThat(Piecewise.RELU6.derivative(6.0)).isZero();
		assertThat(Piecewise.RELU6.derivative(0.0)).isZero();
		assertThat(Piecewise.leaky(0.01).derivative(0.0)).isEqualTo(0.01);
		assertThat(Piecewise.leaky(0.01).derivative(-0.0)).isEqualTo(0.01);
		assertThat(Piecewise.STEP.derivative(0.0)).isZero();
		assertThat(Piecewise.STEP.derivative(1.0)).isZero();
	}

	@Test
	void clampAndShrinkDerivativesAtTheirEdgesShouldBeZero() {
		assertThat(Piecewise.hardtanh(-1, 1).derivative(1.0)).isZero();
		assertThat(Piecewise.hardtanh(-1, 1).derivative(-1.0)).isZero();
		assertThat(Piecewise.hardtanh(-1, 1).derivative(0.5)).isEqualTo(1.0);
		assertThat(Piecewise.hardshrink(0.5).derivative(0.5)).isZero();
		assertThat(Piecewise.softshrink(0.5).derivative(-0.5)).isZero();
		assertThat(Piecewise.softshrink(0.5).derivative(-0.75)).isEqualTo(1.0);
		assertThat(Piecewise.threshold(1, -5).derivative(1.0)).isZero();
		assertThat(Piecewise.HARDSIGMOID.derivative(3.0)).isZero();
		assertThat(Piecewise.HARDSIGMOID.derivative(-3.0)).isZero();
	}

	@Test
	void hardswishDerivativeAtPlusMinusThreeShouldBePyTorchsOneSidedValues() {
		// hardswish_backward: x < −3 → 0, x ≤ 3 → x/3 + 1/2, else 1
		assertThat(Piecewise.HARDSWISH.derivative(-3.0)).isEqualTo(-0.5);
		assertThat(Piecewise.HARDSWISH.derivative(3.0)).isEqualTo(1.5);
		assertThat(Piecewise.HARDSWISH.derivative(Math.nextDown(-3.0))).isZero();
		assertThat(Piecewise.HARDSWISH.derivative(Math.nextUp(3.0))).isEqualTo(1.0);
	}

	@Test
	void exponentialLinearDerivativesAtZeroShouldBeTheLeftValue() {
		assertThat(ExponentialLinear.elu(0.5).derivative(0.0)).isEqualTo(0.5);
		assertThat(ExponentialLinear.SELU.derivative(0.0)).isEqualTo(1.7580993408473768);
		assertThat(ExponentialLinear.SELU.derivative(Double.MIN_VALUE)).isEqualTo(ExponentialLinear.SELU_SCALE);
		assertThat(ExponentialLinear.celu(2).derivative(0.0)).isEqualTo(1.0);
	}

	@Test
	void sigmoidDerivativeInTheRightTailShouldNotFlushToZero() {
		// σ(1 − σ) is 0 here; σ(x)σ(−x) = 4.24835425529158896e−18
		assertThat(ulps(Logistic.SIGMOID.derivative(40), 4.2483542552915889592e-18)).isLessThanOrEqualTo(1);
		assertThat(Logistic.SIGMOID.derivative(-745)).isEqualTo(Double.MIN_VALUE);
		assertThat(Logistic.SIGMOID.naiveDerivativeFails(40)).isTrue();
		assertThat(Logistic.SIGMOID.naiveDerivativeFails(30)).isFalse();
	}

	@Test
	void tanhDerivativeNearSaturationShouldBeSechSquared() {
		// 1 − tanh² is 0 here; sech² 30 = 3.5026043050786081e−26
		assertThat(ulps(Hyperbolic.TANH.derivative(30), 3.5026043050786081354e-26)).isLessThanOrEqualTo(1);
		assertThat(ulps(Hyperbolic.TANH.derivative(-30), 3.5026043050786081354e-26)).isLessThanOrEqualTo(1);
		assertThat(Hyperbolic.TANH.derivative(-0.0)).isEqualTo(1.0);
	}

	@Test
	void geluDerivativeInTheLeftTailShouldKeepPhi() {
		// Φ(−10) − 10φ(10) = −7.6184000964648141e−22 (without Φ: −7.6946e−22)
		assertThat(ulps(Gaussian.GELU.derivative(-10), -7.6184000964648140857e-22)).isLessThanOrEqualTo(2);
		assertThat(Gaussian.GELU.derivative(-0.0)).isEqualTo(0.5);
	}

	@Test
	void siluDerivativeWhereSigmoidIsSubnormalShouldNotBeZero() {
		assertThat(ulps(Logistic.SILU.derivative(-740), -3.0954787713555081663e-319)).isLessThanOrEqualTo(1);
	}

	@Test
	void softsignDerivativeOfHugeArgumentsShouldNotOverflowTheSquare() {
		// 1/(1 + 1e150)² = 1e−300, the textbook square is 1e300 · 1e300 = ∞ only above
		// 1.34e154
		assertThat(ulps(Hyperbolic.SOFTSIGN.derivative(1e150), 1e-300)).isLessThanOrEqualTo(1);
		assertThat(Hyperbolic.SOFTSIGN.derivative(Double.MAX_VALUE)).isZero();
	}

	@Test
	void softplusDerivativeWithThresholdShouldBeOneAboveIt() {
		assertThat(Logistic.softplus(1, 20).derivative(20.5)).isEqualTo(1.0);
		assertThat(Logistic.softplus(1, Double.NaN).derivative(1e308)).isEqualTo(1.0);
		assertThat(Logistic.softplus(2, Double.NaN).derivative(-1e308)).isZero();
	}

	@Test
	void gradientAllShouldMultiplyByTheUpstreamGradient() {
		double[] in = { -2, -0.5, 0, 0.5, 3 };
		double[] grad = { 2, -4, 0.5, 8, -1 };
		double[] out = new double[in.length];
		Logistic.SIGMOID.gradientAll(in, grad, out);
		for (int i = 0; i < in.length; i++) {
			// powers of two: the product is exact
			assertThat(out[i]).isEqualTo(Logistic.SIGMOID.derivative(in[i]) * grad[i]);
		}
		long events = Logistic.SIGMOID.gradientAll(new double[] { 40, -720, 0 }, null, out);
		assertThat(events).isEqualTo(2);
	}

	@Test
	void softmaxVjpShouldKeepTheDominantTermsGradient() {
		// row [0, −740], g = [0, 1]: −p_0·p_1 = −4.18873988e−322 (y·(g − Σgy) with y_0
		// rounded to 1 gives 1·(0 − e^−740)... and log_softmax-style 1 − y_0 gives 0)
		double[] out = new double[2];
		AxisKernels.softmax(1).vjp(new double[] { 0, -740 }, new double[] { 0, 1 }, new Lanes(1, 2, 1), out);
		assertThat(ulps(out[0], -4.1887398800480489395e-322)).isLessThanOrEqualTo(1);
	}

	@Test
	void logSoftmaxVjpShouldNotCancelWhenOneTermDominates() {
		// row [0, −50], g = [1, 0]: 1 − p_0 = p_1 = 1.92874984796391778e−22 (textbook 0)
		double[] out = new double[2];
		AxisKernels.logSoftmax(1).vjp(new double[] { 0, -50 }, new double[] { 1, 0 }, new Lanes(1, 2, 1), out);
		assertThat(ulps(out[0], 1.928749847963917783e-22)).isLessThanOrEqualTo(1);
	}

	@Test
	void gluVjpShouldHaveTheInputsShapeAndSurviveAnOverflowingProduct() {
		// a = 1e300, b = 0, g = 1e10: ∂/∂a = g/2, ∂/∂b = g·a/4 = 2.5e309 → beyond range;
		// with g = 1e-10: ∂/∂b = 2.5e289
		double[] out = new double[2];
		AxisKernels.glu().vjp(new double[] { 1e300, 0 }, new double[] { 1e-10 }, new Lanes(1, 2, 1), out);
		assertThat(out[0]).isEqualTo(0.5e-10);
		assertThat(ulps(out[1], 2.5e289)).isLessThanOrEqualTo(1);
	}

	@Test
	void sparsemaxVjpShouldCentreTheGradientOnTheSupport() {
		// z = [2, 1.5, 0]: support {0, 1} (τ = 1.25), mean of g there = 2
		double[] out = new double[3];
		AxisKernels.sparsemax().vjp(new double[] { 2, 1.5, 0 }, new double[] { 1, 3, 100 }, new Lanes(1, 3, 1), out);
		assertThat(out).containsExactly(-1.0, 1.0, 0.0);
	}

}

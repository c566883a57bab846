package ai.activation.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The documented failure spots of the textbook formulas, one per test. Expected values
 * are independent: closed forms or values computed to high precision (quoted to the
 * digits needed).
 */
class KernelEdgeCaseTests {

	private static double[] apply(AxisFunction f, double... row) {
		double[] out = new double[f.outputLength(row.length)];
		f.apply(row, new Lanes(1, row.length, 1), out);
		return out;
	}

	private static double ulps(double got, double expected) {
		return KernelAccuracyTests.ulps(got, expected);
	}

	@Test
	void sigmoidOfMinus745ShouldBeSubnormalNotZero() {
		// σ(−745) = e^−745/(1 + e^−745) rounds to Double.MIN_VALUE (the textbook gives 0)
		assertThat(Logistic.SIGMOID.value(-745)).isEqualTo(Double.MIN_VALUE);
		// σ(−720) rounds to 2.0322308024e−313 (subnormal)
		assertThat(Logistic.SIGMOID.value(-720)).isEqualTo(2.0322308024E-313);
	}

	@Test
	void sigmoidOfHugeArgumentsShouldBeZeroAndOne() {
		assertThat(Logistic.SIGMOID.value(-Double.MAX_VALUE)).isZero();
		assertThat(Logistic.SIGMOID.value(Double.MAX_VALUE)).isEqualTo(1.0);
	}

	@Test
	void hardswishOf1e308ShouldNotOverflow() {
		assertThat(Piecewise.HARDSWISH.value(1e308)).isEqualTo(1e308);
		assertThat(Piecewise.HARDSWISH.value(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
	}

	@Test
	void geluAtMinus13ShouldBeAboutMinus8e38() {
		// −13 Φ(−13) = −7.952313719414843e−38 (60-digit reference); erf-based forms give
		// −0
		assertThat(ulps(Gaussian.GELU.value(-13), -7.952313719414843e-38)).isLessThanOrEqualTo(2);
	}

	@Test
	void geluInTheSubnormalTailShouldNotBeFlushed() {
		// −38 Φ(−38) rounds to −1.096462777e−314 (subnormal)
		assertThat(ulps(Gaussian.GELU.value(-38), -1.096462777e-314)).isLessThanOrEqualTo(1);
	}

	@Test
	void geluTanhInTheLeftTailShouldNotBeFlushed() {
		// −10 σ(2u), 2u = −2√(2/π)(10 + 44.715) ≈ −87.3: −1.204092348209806e−37
		assertThat(ulps(Gaussian.GELU_TANH.value(-10), -1.204092348209806e-37)).isLessThanOrEqualTo(2);
	}

	@Test
	void tanhshrinkOfTinyXShouldNotCancel() {
		// x³/3 for x = 1e−8: 3.3333e−25 (the next term is 1e−16 smaller)
		assertThat(Hyperbolic.TANHSHRINK.value(1e-8)).isCloseTo(1e-24 / 3, within(1e-39));
		assertThat(Hyperbolic.TANHSHRINK.value(-1e-100)).isCloseTo(-1e-300 / 3, within(1e-315));
	}

	@Test
	void eluNearZeroShouldUseExpm1() {
		assertThat(ExponentialLinear.elu(1).value(-1e-20)).isEqualTo(-1e-20);
		assertThat(ExponentialLinear.SELU.value(-1e-20)).isCloseTo(-1.7580993408473768e-20, within(1e-35));
	}

	@Test
	void celuWithNegativeAlphaShouldNotOverflowBeforeTheTrueValue() {
		// alpha = −0.5, x = −355: −0.5·(e^710 − 1) ≈ −1.117e308, finite though e^710
		// overflows
		double v = ExponentialLinear.celu(-0.5).value(-355);
		assertThat(ulps(v, -1.1169973830808555e308)).isLessThanOrEqualTo(2);
	}

	@Test
	void celuWithNegativeAlphaAtVeryNegativeXShouldBeMinusInfinity() {
		// the true value −2(e^(5e307) − 1) is outside the double range: the service
		// reports it
		assertThat(ExponentialLinear.celu(-2).value(-1e308)).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void seluOfHugeXShouldBeInfiniteAsTheTrueValueIsOutOfRange() {
		assertThat(ExponentialLinear.SELU.value(1.79e308)).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void leakyReluWithSlope2AtMinus1e308ShouldBeMinusInfinity() {
		assertThat(Piecewise.leaky(2).value(-1e308)).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void siluWhereSigmoidIsSubnormalShouldStillBeAccurate() {
		// −740 σ(−740) rounds to −3.09967e−319 (subnormal, and σ(−740) ≈ 4.2e−322 has 7
		// bits)
		assertThat(Logistic.SILU.value(-740)).isEqualTo(-3.09967E-319);
		assertThat(ulps(Hyperbolic.MISH.value(-740), -3.09967E-319)).isLessThanOrEqualTo(1);
	}

	@Test
	void softplusWithHugeXAndBetaAboveOneShouldNotOverflow() {
		assertThat(Logistic.softplus(2, Double.NaN).value(1e308)).isEqualTo(1e308);
		assertThat(Logistic.softplus(2, Double.NaN).value(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
	}

	@Test
	void softplusWithThresholdShouldReturnXAboveIt() {
		assertThat(Logistic.softplus(2, 20).value(10.5)).isEqualTo(10.5);
		// below the threshold: log1p(e^20)/2 + … for x = 10 (β·x = 20 is not above 20)
		assertThat(ulps(Logistic.softplus(2, 20).value(10), 10.000000001030577)).isLessThanOrEqualTo(1);
	}

	@Test
	void softplusWithSmallBetaShouldKeepTheLeftTail() {
		// (1/0.5)·log1p(e^(−0.5·1480)) = 2e^−740 rounds to 8.4e−322, though e^−740·…
		// alone is subnormal
		assertThat(Logistic.softplus(0.5, Double.NaN).value(-1480)).isEqualTo(8.4E-322);
	}

	@Test
	void softmaxWhenRowHasHugeValuesShouldNotOverflow() {
		// 60-digit reference: [0.9999546000703311, 4.539786860886666e−5,
		// 2.061060046209062e−9]
		double[] p = apply(AxisKernels.softmax(1), 1010, 1000, 990);
		assertThat(ulps(p[0], 0.9999546000703311)).isLessThanOrEqualTo(2);
		assertThat(ulps(p[1], 4.539786860886666E-5)).isLessThanOrEqualTo(2);
		assertThat(ulps(p[2], 2.061060046209062E-9)).isLessThanOrEqualTo(2);
	}

	@Test
	void softmaxWithSubnormalOutputShouldNotFlush() {
		// e^−740/(1 + e^−740) rounds to 4.2e−322
		assertThat(apply(AxisKernels.softmax(1), 0, -740)).containsExactly(1.0, 4.2E-322);
	}

	@Test
	void softmaxOfEqualVeryNegativeValuesShouldBeUniform() {
		assertThat(apply(AxisKernels.softmax(1), -800, -800)).containsExactly(0.5, 0.5);
	}

	@Test
	void softminShouldBeTheSoftmaxOfMinusX() {
		assertThat(apply(AxisKernels.softmin(2), 1, 2, 3)).containsExactly(apply(AxisKernels.softmax(2), -1, -2, -3));
	}

	@Test
	void logSoftmaxWhenOneTermDominatesShouldKeepTheTinyCorrection() {
		// log_softmax([0, −40, −50])_0 = −log(1 + e^−40 + e^−50) = −4.248547130276385e−18
		double[] l = apply(AxisKernels.logSoftmax(1), 0, -40, -50);
		assertThat(ulps(l[0], -4.248547130276385E-18)).isLessThanOrEqualTo(1);
		assertThat(l[1]).isEqualTo(-40.0);
		assertThat(l[2]).isEqualTo(-50.0);
	}

	@Test
	void logSoftmaxWithASpanBeyondTheRangeShouldBeMinusInfinity() {
		double[] l = apply(AxisKernels.logSoftmax(1), 1.5e308, -1.5e308);
		assertThat(l[0]).isEqualTo(0.0);
		assertThat(l[1]).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void logSoftmaxWithAHugeSpanAndLargeTemperatureShouldStayFinite() {
		// (−1.5e308 − 1.5e308)/3 = −1e308, representable although the span itself is not
		double[] l = apply(AxisKernels.logSoftmax(3), 1.5e308, -1.5e308);
		assertThat(l[1]).isEqualTo(-1e308);
	}

	@Test
	void gluWhereSigmoidIsSubnormalShouldKeepTheProduct() {
		// 1e300 · σ(−1000) = 5.075958897549457e−135, while σ(−1000) alone rounds to 0
		double[] out = apply(AxisKernels.glu(), 1e300, -1000);
		assertThat(ulps(out[0], 5.075958897549457E-135)).isLessThanOrEqualTo(2);
	}

	@Test
	void sparsemaxShouldResolveTiesAndHugeValues() {
		assertThat(apply(AxisKernels.sparsemax(), 1, 1)).containsExactly(0.5, 0.5);
		assertThat(apply(AxisKernels.sparsemax(), 1, 0)).containsExactly(1.0, 0.0);
		assertThat(apply(AxisKernels.sparsemax(), 1e308, 1e308)).containsExactly(0.5, 0.5);
		assertThat(apply(AxisKernels.sparsemax(), 3, 3, 1)).containsExactly(0.5, 0.5, 0.0);
		assertThat(apply(AxisKernels.sparsemax(), 42)).containsExactly(1.0);
	}

	@Test
	void sparsemaxWithSmallOutputsShouldStayAccurate() {
		// z = [0, −1 + 2^−40]: τ = −1 + 2^−41, outputs 1 − 2^−41 and 2^−41 exactly
		assertThat(apply(AxisKernels.sparsemax(), 0, -1 + 0x1p-40)).containsExactly(1 - 0x1p-41, 0x1p-41);
		// shifted by 1000: the same projection
		assertThat(apply(AxisKernels.sparsemax(), 1000, 999 + 0x1p-40)).containsExactly(1 - 0x1p-41, 0x1p-41);
	}

	@Test
	void kernelsShouldNotMutateTheirInput() {
		double[] in = { 1010, 1000, 990, 1, 2, 3 };
		double[] copy = in.clone();
		double[] out = new double[6];
		AxisKernels.softmax(1).apply(in, new Lanes(2, 3, 1), out);
		AxisKernels.sparsemax().apply(in, new Lanes(2, 3, 1), out);
		Logistic.SIGMOID.applyAll(in, out);
		assertThat(in).containsExactly(copy);
	}

}

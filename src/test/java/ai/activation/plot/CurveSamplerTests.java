package ai.activation.plot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import ai.activation.engine.InvalidParameterException;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;
import ai.activation.catalog.Range;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The curves behind the graphs, checked at every sample against textbook formulas
 * evaluated independently in double precision; each formula is within a few ulp of the
 * truth over [-6, 6], so the budget is 8 ulp of the expected value (plus 1e-300 absolute
 * where values approach zero).
 */
class CurveSamplerTests {

	private static final PlotRange DEFAULT_RANGE = new PlotRange(-6, 6);

	private static final int SAMPLES = 401;

	private static final int ULP_BUDGET = 8;

	@Test
	void sigmoidCurveIsTheLogisticFunctionAtEverySample() {
		Curve curve = sample(Activation.SIGMOID, Map.of());
		assertMatches(curve, (x) -> 1 / (1 + Math.exp(-x)));
		assertThat(curve.label()).isEqualTo("sigmoid(x)");
		assertThat(curve.slice()).isNull();
		assertThat(curve.omitted()).isZero();
	}

	@Test
	void eluCurveHonoursAlpha() {
		assertMatches(sample(Activation.ELU, Map.of("alpha", 0.5)), (x) -> (x > 0) ? x : 0.5 * Math.expm1(x));
		assertMatches(sample(Activation.ELU, Map.of("alpha", 1.0)), (x) -> (x > 0) ? x : Math.expm1(x));
	}

	@Test
	void softmaxSliceIsTheFirstOutputForXAndZeroWhichIsTheSigmoid() {
		Curve curve = sample(Activation.SOFTMAX, Map.of("axis", -1, "temperature", 1.0));
		assertMatches(curve, (x) -> 1 / (1 + Math.exp(-x)));
		assertThat(curve.slice()).isEqualTo("[x, 0]");
		assertThat(curve.label()).isEqualTo("softmax([x, 0])[0]");
	}

	@Test
	void softmaxSliceHonoursTheTemperature() {
		assertMatches(sample(Activation.SOFTMAX, Map.of("axis", 0, "temperature", 2.0)),
				(x) -> 1 / (1 + Math.exp(-x / 2)));
	}

	@Test
	void logSoftmaxAndSoftminSlicesAreTheLogSigmoidAndTheMirroredSigmoid() {
		assertMatches(sample(Activation.LOG_SOFTMAX, Map.of("axis", -1, "temperature", 1.0)),
				(x) -> -Math.log1p(Math.exp(-x)));
		assertMatches(sample(Activation.SOFTMIN, Map.of("axis", -1, "temperature", 1.0)), (x) -> 1 / (1 + Math.exp(x)));
	}

	@Test
	void sparsemaxSliceIsTheClampedLine() {
		assertMatches(sample(Activation.SPARSEMAX, Map.of("axis", -1)), (x) -> Math.min(1, Math.max(0, (x + 1) / 2)));
	}

	@Test
	void gluSliceGatesXByItselfWhichIsTheSilu() {
		Curve curve = sample(Activation.GLU, Map.of("axis", -1));
		assertMatches(curve, (x) -> x / (1 + Math.exp(-x)));
		assertThat(curve.slice()).isEqualTo("[x, x]");
	}

	@Test
	void everyFunctionAlongAnAxisIsPlottedAsASliceAndEveryOtherAsItself() {
		for (Activation function : Catalog.all()) {
			Curve curve = function.domain().equals(Range.ANY) ? sample(function, defaults(function)) : CurveSampler
				.sample(function, new Arguments(defaults(function)), new PlotRange(0.015, 6), SAMPLES);
			assertThat(curve.slice() != null).as(function.canonicalName()).isEqualTo(function.alongAxis());
			assertThat(curve.label()).startsWith(function.canonicalName() + "(");
			assertThat(curve.x()).hasSize(SAMPLES);
			assertThat(curve.omitted()).as(function.canonicalName()).isZero();
		}
	}

	@Test
	void anAxisThatAVectorDoesNotHaveIsRejected() {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> sample(Activation.SOFTMAX, Map.of("axis", 1, "temperature", 1.0)));
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", "axis");
		assertThat(ex.getBody().getDetail()).contains("axis was 1");
	}

	@Test
	void sigmoidDerivativeIsSigmaTimesSigmaOfMinusX() {
		Curve curve = derivative(Activation.SIGMOID, Map.of());
		assertThat(curve.label()).isEqualTo("d/dx sigmoid(x)");
		assertMatches(curve, (x) -> 1 / (1 + Math.exp(-x)) / (1 + Math.exp(x)));
	}

	@Test
	void reluDerivativeIsTheStepWithZeroAtTheKink() {
		Curve curve = derivative(Activation.RELU, defaults(Activation.RELU));
		assertThat(curve.y()[SAMPLES / 2]).isEqualTo(0.0);
		assertMatches(curve, (x) -> (x > 0) ? 1 : 0);
	}

	@Test
	void softmaxSliceDerivativeIsTheSigmoidsDerivative() {
		Curve curve = derivative(Activation.SOFTMAX, Map.of("axis", -1, "temperature", 1.0));
		assertThat(curve.label()).isEqualTo("d/dx softmax([x, 0])[0]");
		assertMatches(curve, (x) -> 1 / (1 + Math.exp(-x)) / (1 + Math.exp(x)));
	}

	@Test
	void softmax2dSliceIsTheSigmoidOverTheChannelsOfAnImage() {
		// softmax2d takes images only: the rows go in as the channels of the pixels of
		// one
		// image, and the curve is the sigmoid, as softmax's
		Curve curve = sample(Activation.SOFTMAX2D, Map.of());
		assertThat(curve.label()).isEqualTo("softmax2d([x, 0])[0]");
		assertMatches(curve, (x) -> 1 / (1 + Math.exp(-x)));
		Curve derivative = derivative(Activation.SOFTMAX2D, Map.of());
		assertMatches(derivative, (x) -> 1 / (1 + Math.exp(-x)) / (1 + Math.exp(x)));
	}

	@Test
	void gluSliceDerivativeAddsBothHalvesByTheChainRule() {
		// d/dx glu([x, x])[0] = d/dx x σ(x) = σ(x) + x σ(x) σ(-x); the budget is taken
		// of the larger term, as the sum cancels where it crosses zero.
		Curve curve = derivative(Activation.GLU, Map.of("axis", 0));
		double[] x = DEFAULT_RANGE.samples(SAMPLES);
		for (int i = 0; i < SAMPLES; i++) {
			double sigma = 1 / (1 + Math.exp(-x[i]));
			double other = x[i] * sigma / (1 + Math.exp(x[i]));
			double scale = Math.max(Math.abs(sigma), Math.abs(other));
			assertThat(curve.y()[i]).as("at x = %s", x[i])
				.isCloseTo(sigma + other, within(ULP_BUDGET * Math.ulp(scale) + 1e-300));
		}
	}

	@Test
	void valuesTooLargeToDrawAreLeftOutAndCounted() {
		// |1e307 * x| > MAX / 4 for x < -4.4942328371557896: samples i = 0 .. 50 of
		// -6 + 0.03 i.
		assertLeftOut(sample(Activation.LEAKY_RELU, Map.of("negative_slope", 1e307)), 50);
	}

	@Test
	void valuesBeyondTheDoublesAreLeftOutAndCounted() {
		// 1e308 * x overflows for x < -1.7976931348623157 and exceeds MAX / 4 for
		// x < -0.44942328371557896: samples i = 0 .. 185 of -6 + 0.03 i.
		assertLeftOut(sample(Activation.LEAKY_RELU, Map.of("negative_slope", 1e308)), 185);
	}

	private static void assertLeftOut(Curve curve, int lastLeftOut) {
		assertThat(curve.omitted()).isEqualTo(lastLeftOut + 1);
		for (int i = 0; i < SAMPLES; i++) {
			if (i <= lastLeftOut) {
				assertThat(curve.y()[i]).as("sample %d", i).isNaN();
			}
			else {
				assertThat(curve.y()[i]).as("sample %d", i).isFinite();
			}
		}
	}

	private static Curve sample(Activation function, Map<String, Object> arguments) {
		return CurveSampler.sample(function, new Arguments(arguments), DEFAULT_RANGE, SAMPLES);
	}

	private static Curve derivative(Activation function, Map<String, Object> arguments) {
		return CurveSampler.sample(function, new Arguments(arguments), DEFAULT_RANGE, SAMPLES, true);
	}

	private static Map<String, Object> defaults(Activation function) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Parameter parameter : function.parameters()) {
			values.put(parameter.name(), parameter.defaultValue());
		}
		return values;
	}

	private static void assertMatches(Curve curve, DoubleUnaryOperator expected) {
		double[] x = DEFAULT_RANGE.samples(SAMPLES);
		assertThat(curve.x()).containsExactly(x);
		for (int i = 0; i < SAMPLES; i++) {
			double want = expected.applyAsDouble(x[i]);
			assertThat(curve.y()[i]).as("at x = %s", x[i])
				.isCloseTo(want, within(ULP_BUDGET * Math.ulp(want) + 1e-300));
		}
	}

}

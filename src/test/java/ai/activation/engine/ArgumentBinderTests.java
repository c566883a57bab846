package ai.activation.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The query-parameter binding of {@link ArgumentBinder}, without HTTP.
 */
class ArgumentBinderTests {

	@Test
	void omittedParametersTakeTheirCatalogDefaults() {
		Arguments softmax = ArgumentBinder.bindText(Activation.SOFTMAX, Map.of());
		assertThat(softmax.axis()).isEqualTo(-1);
		assertThat(softmax.number("temperature")).isEqualTo(1.0);
		Arguments softplus = ArgumentBinder.bindText(Activation.SOFTPLUS, Map.of());
		assertThat(softplus.number("beta")).isEqualTo(1.0);
		assertThat(softplus.numberOrNaN("threshold")).isNaN();
		assertThat(ArgumentBinder.bindText(Activation.GELU, Map.of()).choice("approximate")).isEqualTo("none");
	}

	@Test
	void aConventionSwitchesTheDefaultsWhereItsLibraryDiffersAndAnExplicitParameterWins() {
		assertThat(bind(Activation.LEAKY_RELU, "convention", "keras").number("negative_slope")).isEqualTo(0.2);
		assertThat(bind(Activation.LEAKY_RELU, "convention", "TensorFlow").number("negative_slope")).isEqualTo(0.2);
		assertThat(bind(Activation.LEAKY_RELU, "convention", "jax").number("negative_slope")).isEqualTo(0.01);
		assertThat(bind(Activation.GELU, "convention", "jax").choice("approximate")).isEqualTo("tanh");
		assertThat(bind(Activation.GELU, "convention", "keras").choice("approximate")).isEqualTo("none");
		Arguments onnx = bind(Activation.SELU, "convention", "onnx");
		assertThat(onnx.number("alpha")).isEqualTo(1.67326319217681884765625);
		assertThat(onnx.number("gamma")).isEqualTo(1.05070102214813232421875);
		assertThat(bind(Activation.HARDSIGMOID, "convention", "onnx").number("alpha")).isEqualTo(0.2);
		assertThat(bind(Activation.HARDSIGMOID, "convention", "onnx").number("beta")).isEqualTo(0.5);
		Arguments explicit = ArgumentBinder.bindText(Activation.LEAKY_RELU,
				Map.of("convention", new String[] { "keras" }, "negative_slope", new String[] { "0.3" }));
		assertThat(explicit.number("negative_slope")).isEqualTo(0.3);
		// every function takes it, also one without parameters
		assertThat(bind(Activation.SIGMOID, "convention", "onnx").asMap()).isEmpty();
	}

	@Test
	void anUnknownOrRepeatedConventionIsRejectedWithTheLibrariesItKnows() {
		InvalidParameterException unknown = reject(Activation.LEAKY_RELU, "convention", "caffe");
		assertThat(unknown.getBody().getDetail())
			.isEqualTo("Parameter 'convention' must be one of pytorch, keras, jax, onnx, tensorflow, but was 'caffe'.");
		InvalidParameterException repeated = catchThrowableOfType(InvalidParameterException.class,
				() -> ArgumentBinder.bindText(Activation.GELU, Map.of("convention", new String[] { "jax", "onnx" })));
		assertThat(repeated.getBody().getProperties()).containsEntry("parameter", "convention");
	}

	private static Arguments bind(Activation function, String name, String raw) {
		return ArgumentBinder.bindText(function, Map.of(name, new String[] { raw }));
	}

	@Test
	void plainDecimalsInEveryNotationAreAccepted() {
		assertThat(slope("0.2")).isEqualTo(0.2);
		assertThat(slope("-3")).isEqualTo(-3.0);
		assertThat(slope("+2.5")).isEqualTo(2.5);
		assertThat(slope(".5")).isEqualTo(0.5);
		assertThat(slope("7.")).isEqualTo(7.0);
		assertThat(slope("1e-3")).isEqualTo(0.001);
		assertThat(slope("2.5E+2")).isEqualTo(250.0);
		assertThat(slope("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "abc", "NaN", "nan", "Infinity", "-Infinity", "inf", "0x10", "0x1p3", "1e",
			"1e400", "-1e400", "1,5", "1.5d", "1.5f", " 1", "1 ", "--1", "1e1.5" })
	void anythingButAFiniteDecimalIsRejectedNamingTheParameter(String raw) {
		InvalidParameterException ex = reject(Activation.LEAKY_RELU, "negative_slope", raw);
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", "negative_slope")
			.containsEntry("allowed", "a finite number in (-inf, inf)");
	}

	@Test
	void numbersOutsideTheRangeAreRejectedWithTheRange() {
		assertThat(reject(Activation.SOFTMAX, "temperature", "0").getBody().getDetail()).contains("(0, inf)");
		assertThat(reject(Activation.SOFTMAX, "temperature", "-1").getBody().getDetail()).contains("(0, inf)");
		assertThat(reject(Activation.CELU, "alpha", "0").getBody().getDetail()).contains("except 0");
		assertThat(reject(Activation.CELU, "alpha", "-0.0").getBody().getDetail()).contains("except 0");
		assertThat(reject(Activation.HARDSHRINK, "lambda", "-0.1").getBody().getDetail()).contains("[0, inf)");
		assertThat(
				ArgumentBinder.bindText(Activation.HARDSHRINK, Map.of("lambda", new String[] { "0" })).number("lambda"))
			.isEqualTo(0.0);
	}

	@Test
	void anAxisMustBeAnInteger() {
		assertThat(ArgumentBinder.bindText(Activation.SOFTMAX, Map.of("axis", new String[] { "-2" })).axis())
			.isEqualTo(-2);
		reject(Activation.SOFTMAX, "axis", "1.0");
		reject(Activation.SOFTMAX, "axis", "one");
		reject(Activation.SOFTMAX, "axis", "3000000000");
	}

	@Test
	void choicesMatchIgnoringCaseAndBindTheCatalogSpelling() {
		assertThat(ArgumentBinder.bindText(Activation.GELU, Map.of("approximate", new String[] { "TANH" }))
			.choice("approximate")).isEqualTo("tanh");
		assertThat(reject(Activation.GELU, "approximate", "erf").getBody().getProperties()).containsEntry("allowed",
				"one of none, tanh");
	}

	@Test
	void aParameterGivenTwiceIsRejected() {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> ArgumentBinder.bindText(Activation.SOFTMAX, Map.of("axis", new String[] { "0", "0" })));
		assertThat(ex.getBody().getDetail()).contains("given 2 times");
	}

	@Test
	void anUnknownParameterIsRejectedListingTheKnownOnes() {
		InvalidParameterException ex = reject(Activation.SOFTMAX, "Axis", "0");
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", "Axis")
			.containsEntry("allowed", "one of the parameters axis, temperature");
	}

	@Test
	void aParameterToAFunctionThatTakesNoneIsRejected() {
		InvalidParameterException ex = reject(Activation.SIGMOID, "alpha", "1");
		assertThat(ex.getBody().getDetail()).isEqualTo("sigmoid takes no parameters, but 'alpha' was given.");
	}

	@Test
	void constraintsBetweenParametersAreCheckedWithDefaultsFilledIn() {
		Map<String, String[]> query = new LinkedHashMap<>();
		query.put("lower", new String[] { "0.5" });
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> ArgumentBinder.bindText(Activation.RRELU, query));
		ProblemDetail problem = ex.getBody();
		assertThat(problem.getProperties()).containsEntry("parameter", "lower");
		assertThat(problem.getDetail()).contains("lower <= upper", "lower = 0.5", "upper = 0.3333333333333333");
		assertThat(ArgumentBinder.bindText(Activation.RRELU, Map.of("lower", new String[] { "0.3" })).number("lower"))
			.isEqualTo(0.3);
	}

	private double slope(String raw) {
		return ArgumentBinder.bindText(Activation.LEAKY_RELU, Map.of("negative_slope", new String[] { raw }))
			.number("negative_slope");
	}

	private InvalidParameterException reject(Activation function, String name, String raw) {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> ArgumentBinder.bindText(function, Map.of(name, new String[] { raw })));
		assertThat(ex).as("%s=%s is rejected", name, raw).isNotNull();
		assertThat(ex.getStatusCode().value()).isEqualTo(400);
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", name);
		return ex;
	}

}

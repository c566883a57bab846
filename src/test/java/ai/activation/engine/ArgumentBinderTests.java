package ai.activation.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Convention;
import ai.activation.catalog.Kernel;
import ai.activation.kernel.ScalarFunction;
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

	/**
	 * JAX's derivatives at the kinks, each worked out by hand from the expression
	 * jax-ml/jax {@code jax/_src/nn/functions.py} differentiates (see
	 * {@link Convention}), against PyTorch's backward kernels; away from the kinks both
	 * agree.
	 */
	@Test
	void conventionJaxTakesJaxsDerivativeAtTheKinksAndTheOthersKeepPyTorchs() {
		assertThat(Convention.kinkOwners(Activation.LEAKY_RELU)).containsExactly("jax");
		assertThat(Arrays.stream(Activation.values()).filter((f) -> !Convention.kinkOwners(f).isEmpty()))
			.containsExactlyInAnyOrder(Activation.LEAKY_RELU, Activation.HARDTANH, Activation.HARDSWISH,
					Activation.SPARSE_SIGMOID);
		// x, PyTorch's derivative, JAX's derivative
		double[][] leakyRelu = { { 0.0, 0.01, 1 }, { -0.0, 0.01, 1 }, { -1e-300, 0.01, 0.01 }, { 1e-300, 1, 1 } };
		double[][] hardtanh = { { -1, 0, 1 }, { 1, 0, 1 }, { Math.nextUp(1.0), 0, 0 }, { Math.nextDown(-1.0), 0, 0 },
				{ 0.5, 1, 1 } };
		double[][] hardswish = { { -3, -0.5, 0 }, { 3, 1.5, 1 }, { Math.nextDown(-3.0), 0, 0 },
				{ Math.nextUp(3.0), 1, 1 }, { 1.5, 1, 1 } };
		double[][] sparseSigmoid = { { -1, 0, 0.25 }, { 1, 0, 0.25 }, { 0, 0.5, 0.5 }, { Math.nextUp(1.0), 0, 0 } };
		// the slope given, as Keras's and TensorFlow's default differs
		assertDerivatives(Activation.LEAKY_RELU, leakyRelu, "negative_slope", "0.01");
		assertDerivatives(Activation.HARDTANH, hardtanh);
		assertDerivatives(Activation.HARDSWISH, hardswish);
		assertDerivatives(Activation.SPARSE_SIGMOID, sparseSigmoid);
	}

	private static void assertDerivatives(Activation function, double[][] cases, String... parameter) {
		for (Convention convention : Convention.values()) {
			Map<String, String[]> text = new LinkedHashMap<>();
			text.put("convention", new String[] { convention.label() });
			if (parameter.length == 2) {
				text.put(parameter[0], new String[] { parameter[1] });
			}
			ScalarFunction bound = ((Kernel.Elementwise) function.bind(ArgumentBinder.bindText(function, text)))
				.function();
			for (double[] c : cases) {
				double expected = (convention == Convention.JAX) ? c[2] : c[1];
				assertThat(bound.derivative(c[0])).as("%s'(%s) under %s", function, c[0], convention)
					.isEqualTo(expected);
				// the value does not change with the convention
				ScalarFunction own = ((Kernel.Elementwise) function.bind(ArgumentBinder.bindText(function, Map.of())))
					.function();
				assertThat(bound.value(c[0])).isEqualTo(own.value(c[0]));
			}
		}
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
	void preluTakesOneWeightOrACommaSeparatedListOfThem() {
		assertThat(ArgumentBinder.bindText(Activation.PRELU, Map.of()).numbers("weight")).containsExactly(0.25);
		assertThat(
				ArgumentBinder.bindText(Activation.PRELU, Map.of("weight", new String[] { "0.1" })).numbers("weight"))
			.containsExactly(0.1);
		assertThat(ArgumentBinder.bindText(Activation.PRELU, Map.of("weight", new String[] { "0.25, -1e-3,3" }))
			.numbers("weight")).containsExactly(0.25, -1e-3, 3);
		assertThat(reject(Activation.PRELU, "weight", "0.1,x,0.3").getBody().getDetail()).contains("element 1", "'x'");
		assertThat(reject(Activation.PRELU, "weight", "0.1,,0.3").getBody().getDetail()).contains("element 1");
		assertThat(reject(Activation.PRELU, "weight", "0.1,1e400").getBody().getDetail()).contains("element 1",
				"finite");
		reject(Activation.PRELU, "weight", "0.1,");
		reject(Activation.PRELU, "weight", "NaN,1");
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

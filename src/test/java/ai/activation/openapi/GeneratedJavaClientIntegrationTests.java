package ai.activation.openapi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Convention;
import ai.activation.client.ApiClient;
import ai.activation.client.ApiException;
import ai.activation.client.api.CatalogApi;
import ai.activation.client.api.ElementwiseFunctionsApi;
import ai.activation.client.api.FunctionsAlongAnAxisApi;
import ai.activation.client.model.ActivationRequest;
import ai.activation.client.model.ActivationResponse;
import ai.activation.client.model.FunctionDescription;
import ai.activation.client.model.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * End-to-end through the Java client that openapi-generator ({@code java}, library
 * {@code native}) generates from the service's own {@code /v3/api-docs} in the build
 * (pom.xml): plain lists in and out, the function parameters as typed method arguments,
 * and problems surfacing as the client's {@link ApiException}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GeneratedJavaClientIntegrationTests {

	/** The body and the binary codec's parameters, which every method takes. */
	private static final Set<String> COMMON_PARAMETERS = Set.of("activationRequest", "convention", "dtype", "shape");

	@LocalServerPort
	private int port;

	private ApiClient client;

	private ElementwiseFunctionsApi elementwise;

	private FunctionsAlongAnAxisApi alongAxis;

	@BeforeEach
	void connect() {
		this.client = new ApiClient();
		this.client.updateBaseUri("http://localhost:" + this.port);
		this.elementwise = new ElementwiseFunctionsApi(this.client);
		this.alongAxis = new FunctionsAlongAnAxisApi(this.client);
	}

	@Test
	void sigmoidOfAPlainListOfDoublesShouldAnswerAPlainList() throws ApiException {
		List<Double> vector = GeneratedClientChecks.VECTOR;
		ActivationResponse response = this.elementwise.activateSigmoid(new ActivationRequest().values(vector), null,
				null);
		GeneratedClientChecks.checkSigmoidOfVector(response.getFunction(), response.getShape(), response.getValues());
		assertThat(response.getValues()).isInstanceOf(List.class);
	}

	@Test
	void sigmoidOfANestedListShouldAnswerANestedListOfTheSameShape() throws ApiException {
		List<List<Double>> matrix = GeneratedClientChecks.MATRIX;
		ActivationResponse response = this.elementwise.activateSigmoid(new ActivationRequest().values(matrix), null,
				null);
		GeneratedClientChecks.checkSigmoidOfMatrix(response.getFunction(), response.getShape(), response.getValues());
	}

	@Test
	void sigmoidOfIntegersShouldTakeThemAsNumbers() throws ApiException {
		List<Integer> integers = GeneratedClientChecks.INTEGERS;
		ActivationResponse response = this.elementwise.activateSigmoid(new ActivationRequest().values(integers), null,
				null);
		GeneratedClientChecks.checkSigmoidOfIntegers(response.getFunction(), response.getShape(), response.getValues());
	}

	@Test
	void leakyReluShouldTakeItsNegativeSlopeAsADoubleArgument() throws ApiException {
		ActivationResponse response = this.elementwise.activateLeakyRelu(
				new ActivationRequest().values(GeneratedClientChecks.LEAKY_INPUT), GeneratedClientChecks.NEGATIVE_SLOPE,
				null, null, null);
		GeneratedClientChecks.checkLeakyRelu(response.getFunction(), response.getShape(), response.getValues());
	}

	@Test
	void leakyReluShouldTakeAConventionAsAnArgument() throws ApiException {
		// Keras 3's leaky_relu slope is 0.2
		ActivationResponse response = this.elementwise
			.activateLeakyRelu(new ActivationRequest().values(List.of(-10.0, 10.0)), null, "keras", null, null);
		assertThat(response.getValues()).isEqualTo(List.of(-2.0, 10.0));
	}

	@Test
	void softmaxShouldTakeItsAxisAndTemperatureAsTypedArguments() throws ApiException {
		ActivationResponse response = this.alongAxis.activateSoftmax(
				new ActivationRequest().values(GeneratedClientChecks.SOFTMAX_INPUT),
				List.of(GeneratedClientChecks.SOFTMAX_AXIS), GeneratedClientChecks.TEMPERATURE, null, null, null);
		GeneratedClientChecks.checkSoftmax(response.getFunction(), response.getShape(), response.getValues());
	}

	@Test
	void listsOfAxesAndOfWeightsShouldGoAsTheDocumentsFormStyleArrays() throws ApiException {
		// softmax over both axes of [[0, 0], [ln 2, 0]]: 1/5, 1/5, 2/5, 1/5 (within an
		// ulp)
		ActivationResponse softmax = this.alongAxis.activateSoftmax(
				new ActivationRequest().values(List.of(List.of(0.0, 0.0), List.of(Math.log(2), 0.0))), List.of(0, 1),
				null, null, null, null);
		assertThat(softmax.getShape()).isEqualTo(List.of(2, 2));
		double[] expected = { 0.2, 0.2, 0.4, 0.2 };
		List<?> rows = (List<?>) softmax.getValues();
		for (int i = 0; i < 4; i++) {
			double value = ((Number) ((List<?>) rows.get(i / 2)).get(i % 2)).doubleValue();
			assertThat(value).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(Math.ulp(expected[i])));
		}
		// prelu with a weight per channel (axis 1 of a (2, 3) input): exact products
		ActivationResponse prelu = this.elementwise.activatePrelu(
				new ActivationRequest().values(List.of(List.of(-1.0, -2.0, -3.0), List.of(4.0, -8.0, -0.5))),
				List.of(0.5, 0.25, 2.0), null, null, null, null);
		assertThat(prelu.getValues()).isEqualTo(List.of(List.of(-0.5, -0.5, -6.0), List.of(4.0, -2.0, -1.0)));
	}

	@Test
	void geluShouldTakeItsApproximationAsAnArgument() throws ApiException {
		ActivationResponse response = this.elementwise.activateGelu(
				new ActivationRequest().values(GeneratedClientChecks.GELU_INPUT), GeneratedClientChecks.APPROXIMATE,
				null, null, null);
		GeneratedClientChecks.checkGelu(response.getFunction(), response.getShape(), response.getValues());
	}

	@Test
	void catalogShouldListEveryFunction() throws ApiException {
		List<FunctionDescription> functions = new CatalogApi(this.client).listFunctions().getFunctions();
		GeneratedClientChecks.checkCatalog(functions.stream().map(FunctionDescription::getName).toList());
		FunctionDescription softmax = new CatalogApi(this.client).describeFunction("softmax");
		assertThat(softmax.getAlongAxis()).isTrue();
	}

	@Test
	void emptyValuesShouldSurfaceAsTheClientsExceptionWithTheProblem() throws JsonProcessingException {
		ApiException error = catchThrowableOfType(ApiException.class,
				() -> this.elementwise.activateSigmoid(new ActivationRequest().values(List.of()), null, null));
		assertThat(error).isNotNull();
		assertThat(error.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
		Problem problem = this.client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
		GeneratedClientChecks.checkEmptyValuesProblem(error.getCode(), problem.getDetail(), problem.getPointer());
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getInstance()).hasToString("/activate/sigmoid");
	}

	@Test
	void everyCatalogFunctionShouldHaveAMethodTakingItsParametersTyped() {
		Map<String, List<String>> methods = new HashMap<>();
		for (Class<?> api : List.of(ElementwiseFunctionsApi.class, FunctionsAlongAnAxisApi.class)) {
			for (Method method : api.getDeclaredMethods()) {
				if (Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("activate")
						&& method.getReturnType() == ActivationResponse.class
						&& method.getParameterTypes()[method.getParameterCount() - 1] != Map.class) {
					methods.put(method.getName(),
							Arrays.stream(method.getParameters())
								.map(Parameter::getName)
								.filter((name) -> !COMMON_PARAMETERS.contains(name))
								.toList());
				}
			}
		}
		GeneratedClientChecks.checkEveryFunctionHasItsMethod(methods, GeneratedClientChecks::camelCase,
				GeneratedClientChecks::camelCase);
		for (Activation function : Catalog.all()) {
			Method method = Arrays
				.stream((function.alongAxis() ? FunctionsAlongAnAxisApi.class : ElementwiseFunctionsApi.class)
					.getDeclaredMethods())
				.filter((m) -> m.getName()
					.equals(GeneratedClientChecks.camelCase("activate_" + function.canonicalName()))
						&& m.getParameterCount() == function.parameters().size()
								// convention, where it changes anything: defaults or
								// kinks
								+ ((function.parameters().isEmpty() && Convention.kinkOwners(function).isEmpty()) ? 3
										: 4))
				.findFirst()
				.orElseThrow();
			assertThat(method.getParameterTypes()[0]).isEqualTo(ActivationRequest.class);
			for (int i = 0; i < function.parameters().size(); i++) {
				Class<?> expected = switch (function.parameters().get(i).type()) {
					case NUMBER -> Double.class;
					case AXIS -> Integer.class;
					// arrays in the form style: weight=0.25,0.1 and axis=0,2
					case NUMBERS, AXES -> List.class;
					case CHOICE -> String.class;
				};
				assertThat(method.getParameterTypes()[i + 1])
					.as("%s %s", method.getName(), function.parameters().get(i).name())
					.isEqualTo(expected);
			}
		}
	}

}

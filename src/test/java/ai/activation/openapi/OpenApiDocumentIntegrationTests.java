package ai.activation.openapi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Convention;
import ai.activation.catalog.Parameter;
import ai.activation.catalog.Range;
import ai.activation.limits.LimitsProperties;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: the served OpenAPI document is valid, has one operation per
 * catalog function with every parameter as the catalog defines it, and its examples are
 * what the service answers and what mpmath computes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIntegrationTests {

	/**
	 * The binary codec's query parameters, which every operation has besides the
	 * function's own.
	 */
	private static final Set<String> CODEC_PARAMETERS = Set.of("dtype", "shape");

	@LocalServerPort
	private int port;

	@Autowired
	private BuildProperties build;

	@Autowired
	private LimitsProperties limits;

	private HttpTestClient client;

	private String document;

	@BeforeEach
	void fetchDocument() {
		this.client = new HttpTestClient(this.port);
		HttpResponse<String> response = this.client.get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		this.document = response.body();
	}

	@Test
	void documentParsesAndValidatesAsOpenApiWithoutMessages() {
		SwaggerParseResult result = parse();
		assertThat(result.getMessages()).isEmpty();
		assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
	}

	@Test
	void infoNamesTheServiceItsBuildVersionAndAContact() {
		OpenAPI openApi = parse().getOpenAPI();
		assertThat(openApi.getInfo().getTitle()).isEqualTo("activation-service");
		assertThat(openApi.getInfo().getVersion()).isEqualTo(this.build.getVersion()).isNotBlank();
		assertThat(openApi.getInfo().getContact().getUrl()).isEqualTo("https://activation.ai/contact");
	}

	@Test
	void everyCatalogFunctionHasAGradientOperationWhoseExampleIsTheServicesAnswer() {
		JsonNode paths = HttpTestClient.json(this.client.get("/v3/api-docs")).get("paths");
		for (Activation function : Catalog.all()) {
			JsonNode operation = paths.get("/activate/" + function.canonicalName() + "/gradient").get("post");
			assertThat(operation.get("operationId").asString()).isEqualTo("gradient_" + function.canonicalName());
			assertThat(operation.get("responses").has("422")).isTrue();
			JsonNode request = example(operation, "/requestBody");
			JsonNode documented = example(operation, "/responses/200");
			assertThat(request.has("grad")).as(function.canonicalName()).isEqualTo(function.alongAxis());
			JsonNode answer = HttpTestClient.assertResult(
					this.client.post("/activate/" + function.canonicalName() + "/gradient", request.toString()));
			assertThat(answer).as(function.canonicalName()).isEqualTo(documented);
		}
	}

	@Test
	void everyCatalogFunctionHasItsOwnPostOperationAndNoOtherPostIsDocumented() {
		OpenAPI openApi = parse().getOpenAPI();
		for (Activation function : Catalog.all()) {
			Operation operation = openApi.getPaths().get("/activate/" + function.canonicalName()).getPost();
			assertThat(operation).as(function.canonicalName()).isNotNull();
			assertThat(operation.getOperationId()).isEqualTo("activate_" + function.canonicalName());
			assertThat(operation.getSummary()).isEqualTo(function.summary());
			assertThat(operation.getDescription()).contains(function.formula(), function.latex(),
					"](/activate/" + function.canonicalName() + "/plot)");
			assertThat(operation.getResponses()).containsKeys("200", "400", "406", "415", "422");
		}
		assertThat(openApi.getPaths()
			.entrySet()
			.stream()
			.filter((path) -> path.getKey().startsWith("/activate/") && path.getValue().getPost() != null
					&& !path.getKey().endsWith("/gradient")))
			.extracting(Map.Entry::getKey)
			.containsExactlyElementsOf(Catalog.all().stream().map((f) -> "/activate/" + f.canonicalName()).toList());
		assertThat(openApi.getPaths()
			.entrySet()
			.stream()
			.filter((path) -> path.getValue().getPost() != null && path.getKey().endsWith("/gradient")))
			.extracting(Map.Entry::getKey)
			.containsExactlyElementsOf(
					Catalog.all().stream().map((f) -> "/activate/" + f.canonicalName() + "/gradient").toList());
		assertThat(openApi.getPaths().get("/activate").readOperations()).hasSize(1);
		assertThat(openApi.getPaths().get("/activate/{function}").readOperations()).hasSize(1);
		assertThat(openApi.getPaths().get("/activate/{function}").getGet().getResponses()).containsKey("404");
		assertThat(openApi.getPaths()).doesNotContainKey("/error");
	}

	@Test
	void everyOperationDocumentsTheBinaryFormatAndTheLimits() {
		OpenAPI openApi = parse().getOpenAPI();
		for (Activation function : Catalog.all()) {
			Operation operation = openApi.getPaths().get("/activate/" + function.canonicalName()).getPost();
			assertThat(operation.getRequestBody().getContent()).as(function.canonicalName())
				.containsOnlyKeys("application/json", "application/octet-stream");
			assertThat(operation.getResponses().get("200").getContent()).as(function.canonicalName())
				.containsOnlyKeys("application/json", "application/octet-stream");
			assertThat(operation.getResponses().get("200").getHeaders()).as(function.canonicalName())
				.containsOnlyKeys("Activation-Shape", "Activation-Dtype", "Activation-Overflow-Avoided");
			assertThat(operation.getResponses()).as(function.canonicalName())
				.containsKeys("400", "401", "406", "413", "415", "422", "503");
			Map<String, io.swagger.v3.oas.models.parameters.Parameter> codec = new java.util.HashMap<>();
			operation.getParameters()
				.stream()
				.filter((parameter) -> CODEC_PARAMETERS.contains(parameter.getName()))
				.forEach((parameter) -> codec.put(parameter.getName(), parameter));
			assertThat(codec).as(function.canonicalName()).containsOnlyKeys("dtype", "shape");
			assertThat(codec.get("dtype").getSchema().getEnum()).containsExactly("float64", "float32");
			assertThat(codec.get("dtype").getSchema().getDefault()).isEqualTo("float64");
			assertThat(codec.get("shape").getSchema().getPattern()).isNotNull();
			assertThat("2,3").matches(codec.get("shape").getSchema().getPattern());
		}
		assertThat(openApi.getComponents().getResponses().get("Overloaded").getHeaders()).containsKey("Retry-After");
	}

	@Test
	@SuppressWarnings("rawtypes")
	void valuesAreANonEmptyArrayOfEachRankUpToTheLimitWrittenWithoutTypeSoThatGeneratedClientsTakePlainLists() {
		Map<String, Schema> schemas = parse().getOpenAPI().getComponents().getSchemas();
		Schema<?> values = schemas.get("Values");
		assertThat(values.getType()).isNull();
		assertThat(values.getTypes()).isNull();
		assertThat(values.getNot().getTypes()).containsExactlyInAnyOrder("null", "boolean", "object", "number",
				"string");
		assertThat(values.getMinItems()).isEqualTo(1);
		List<Schema> ranks = values.getItems().getOneOf();
		assertThat(ranks).hasSize(this.limits.getMaxRank());
		for (int rank = 0; rank < ranks.size(); rank++) {
			Schema<?> element = ranks.get(rank);
			for (int depth = 0; depth < rank; depth++) {
				assertThat(element.getTypes()).containsExactly("array");
				assertThat(element.getMinItems()).isEqualTo(1);
				element = element.getItems();
			}
			assertThat(element.getTypes()).containsExactly("number");
		}
		for (String body : List.of("ActivationRequest", "ActivationResponse")) {
			Schema<?> schema = schemas.get(body);
			assertThat(schema.getProperties().get("values").get$ref()).isEqualTo("#/components/schemas/Values");
		}
		assertThat(schemas.get("Problem").getAdditionalProperties()).isEqualTo(true);
	}

	@Test
	void everyParameterHasTheCatalogsNameTypeDefaultAndAllowedValues() {
		OpenAPI openApi = parse().getOpenAPI();
		for (Activation function : Catalog.all()) {
			List<io.swagger.v3.oas.models.parameters.Parameter> documented = openApi.getPaths()
				.get("/activate/" + function.canonicalName())
				.getPost()
				.getParameters()
				.stream()
				.filter((parameter) -> !CODEC_PARAMETERS.contains(parameter.getName()))
				.toList();
			List<Parameter> catalog = function.parameters();
			List<io.swagger.v3.oas.models.parameters.Parameter> convention = documented.stream()
				.filter((parameter) -> parameter.getName().equals(Convention.PARAMETER))
				.toList();
			documented = documented.stream().filter((parameter) -> !convention.contains(parameter)).toList();
			// every function with parameters, or whose derivative at the kinks a library
			// defines differently, documents the convention, naming what each changes
			boolean conventional = !catalog.isEmpty() || !Convention.kinkOwners(function).isEmpty();
			assertThat(convention).as(function.canonicalName()).hasSize(conventional ? 1 : 0);
			if (conventional) {
				assertThat(convention.get(0).getSchema().getEnum()).as(function.canonicalName())
					.containsExactlyElementsOf(Convention.labels());
				assertThat(convention.get(0).getSchema().getDefault()).isEqualTo("pytorch");
			}
			if (function == Activation.LEAKY_RELU) {
				assertThat(convention.get(0).getDescription()).contains("keras: negative_slope = 0.2",
						"tensorflow: negative_slope = 0.2", "jax: the gradient's value at the kinks");
			}
			if (function == Activation.HARDSWISH) {
				assertThat(convention.get(0).getDescription()).contains("jax: the gradient's value at the kinks");
			}
			if (catalog.isEmpty()) {
				assertThat(documented).as(function.canonicalName()).isNullOrEmpty();
				continue;
			}
			assertThat(documented).extracting(io.swagger.v3.oas.models.parameters.Parameter::getName)
				.as(function.canonicalName())
				.containsExactlyElementsOf(catalog.stream().map(Parameter::name).toList());
			for (int i = 0; i < catalog.size(); i++) {
				assertThat(documented.get(i).getIn()).isEqualTo("query");
				assertThat(documented.get(i).getRequired()).isFalse();
				assertMatches(function.canonicalName() + "." + catalog.get(i).name(), documented.get(i).getSchema(),
						catalog.get(i));
			}
		}
	}

	private static void assertMatches(String name, Schema<?> schema, Parameter parameter) {
		switch (parameter.type()) {
			case NUMBER -> {
				assertThat(schema.getTypes()).as(name).containsExactly("number");
				assertThat(number(schema.getDefault())).as(name).isEqualTo(parameter.defaultValue());
				Range range = parameter.range();
				assertBound(name + " min", range.min(), range.minInclusive(), schema.getMinimum(),
						schema.getExclusiveMinimumValue());
				assertBound(name + " max", range.max(), range.maxInclusive(), schema.getMaximum(),
						schema.getExclusiveMaximumValue());
				if (range.excludesZero()) {
					assertThat(schema.getNot().getConst()).as(name).isEqualTo(0);
				}
				else {
					assertThat(schema.getNot()).as(name).isNull();
				}
			}
			case AXIS -> {
				assertThat(schema.getTypes()).as(name).containsExactly("integer");
				assertThat(schema.getDefault()).as(name).isEqualTo(parameter.defaultValue());
			}
			case CHOICE -> {
				assertThat(schema.getTypes()).as(name).containsExactly("string");
				assertThat(schema.getDefault()).as(name).isEqualTo(parameter.defaultValue());
				assertThat(List.copyOf(schema.getEnum())).as(name).isEqualTo(parameter.choices());
			}
		}
	}

	private static void assertBound(String name, double bound, boolean inclusive, BigDecimal minimum,
			BigDecimal exclusive) {
		if (Double.isInfinite(bound)) {
			assertThat(minimum).as(name).isNull();
			assertThat(exclusive).as(name).isNull();
		}
		else if (inclusive) {
			assertThat(minimum).as(name).isEqualByComparingTo(BigDecimal.valueOf(bound));
			assertThat(exclusive).as(name).isNull();
		}
		else {
			assertThat(exclusive).as(name).isEqualByComparingTo(BigDecimal.valueOf(bound));
			assertThat(minimum).as(name).isNull();
		}
	}

	private static Double number(Object value) {
		return (value != null) ? ((Number) value).doubleValue() : null;
	}

	@Test
	void eachRequestExampleGetsExactlyItsDocumentedResponseFromTheService() {
		JsonNode paths = HttpTestClient.json(this.client.get("/v3/api-docs")).get("paths");
		for (Activation function : Catalog.all()) {
			JsonNode operation = paths.get("/activate/" + function.canonicalName()).get("post");
			JsonNode request = example(operation, "/requestBody");
			JsonNode documented = example(operation, "/responses/200");
			JsonNode answer = HttpTestClient
				.assertResult(this.client.post("/activate/" + function.canonicalName(), request.toString()));
			assertThat(answer.get("function").asString()).isEqualTo(function.canonicalName())
				.isEqualTo(documented.get("function").asString());
			assertThat(answer.get("shape")).isEqualTo(documented.get("shape"));
			List<Double> answered = ExampleReferences.flatten(answer.get("values"));
			assertThat(answered).as(function.canonicalName())
				.containsExactlyElementsOf(ExampleReferences.flatten(documented.get("values")));
		}
	}

	@Test
	void documentedAnswersAgreeWithTheMpmathReferencesWithinTheUlpBudget() {
		Map<String, ExampleReferences.Reference> references = ExampleReferences.load();
		assertThat(references.keySet())
			.containsExactlyInAnyOrderElementsOf(Catalog.all().stream().map(Activation::canonicalName).toList());
		JsonNode paths = HttpTestClient.json(this.client.get("/v3/api-docs")).get("paths");
		for (Activation function : Catalog.all()) {
			String name = function.canonicalName();
			ExampleReferences.Reference reference = references.get(name);
			JsonNode operation = paths.get("/activate/" + name).get("post");
			JsonNode request = example(operation, "/requestBody").get("values");
			JsonNode documented = example(operation, "/responses/200");
			assertThat(ExampleReferences.flatten(request)).as(name + " input").isEqualTo(reference.input());
			assertThat(shape(documented)).as(name + " shape").isEqualTo(reference.outputShape());
			List<Double> values = ExampleReferences.flatten(documented.get("values"));
			assertThat(values).hasSameSizeAs(reference.output());
			for (int i = 0; i < values.size(); i++) {
				assertThat(ExampleReferences.ulpDistance(values.get(i), reference.output().get(i)))
					.as("%s output %d: %s against %s", name, i, values.get(i), reference.output().get(i))
					.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
			}
		}
	}

	@Test
	void theOpenInferenceProtocolPathsAreDocumentedWithTheCatalogAsTheModelEnumAndErrorBodies() {
		OpenAPI openApi = parse().getOpenAPI();
		List<String> v2 = openApi.getPaths().keySet().stream().filter((path) -> path.startsWith("/v2")).toList();
		assertThat(v2).containsExactlyInAnyOrder("/v2", "/v2/health/live", "/v2/health/ready", "/v2/models",
				"/v2/models/{model}", "/v2/models/{model}/ready", "/v2/models/{model}/infer");
		List<Object> canonical = Catalog.all().stream().<Object>map(Activation::canonicalName).toList();
		for (String path : v2) {
			for (Operation operation : openApi.getPaths().get(path).readOperations()) {
				assertThat(operation.getTags()).as(path).containsExactly("Open Inference Protocol v2");
				if (path.contains("{model}")) {
					assertThat(operation.getParameters()).as(path).hasSize(1);
					assertThat(operation.getParameters().get(0).getName()).isEqualTo("model");
					assertThat(List.copyOf(operation.getParameters().get(0).getSchema().getEnum())).as(path)
						.isEqualTo(canonical);
				}
			}
		}
		Operation infer = openApi.getPaths().get("/v2/models/{model}/infer").getPost();
		assertThat(infer.getOperationId()).isEqualTo("modelInfer");
		assertThat(infer.getRequestBody().getContent()).containsOnlyKeys("application/json",
				"application/octet-stream");
		assertThat(infer.getDescription()).contains("Inference-Header-Content-Length", "binary_data_size",
				"binary_data_output");
		assertThat(infer.getResponses()).containsKeys("200", "400", "404", "413", "503");
		for (String status : List.of("400", "404", "413", "503")) {
			String ref = infer.getResponses().get(status).get$ref();
			io.swagger.v3.oas.models.responses.ApiResponse response = openApi.getComponents()
				.getResponses()
				.get(ref.substring(ref.lastIndexOf('/') + 1));
			assertThat(response.getContent().get("application/json").getSchema().get$ref()).as(status)
				.isEqualTo("#/components/schemas/InferenceError");
		}
		assertThat(openApi.getComponents().getSchemas().get("InferenceError").getProperties())
			.containsOnlyKeys("error");
		assertThat(openApi.getComponents().getSchemas().get("InferenceRequest").getProperties()).containsOnlyKeys("id",
				"parameters", "inputs", "outputs");
		assertThat(openApi.getComponents().getSchemas().get("InferenceRequestInput").getProperties())
			.containsOnlyKeys("name", "shape", "datatype", "parameters", "data");
		assertThat(openApi.getComponents().getSchemas().get("InferenceResponse").getProperties())
			.containsOnlyKeys("model_name", "model_version", "id", "parameters", "outputs");
		assertThat(openApi.getComponents().getSchemas().get("InferenceResponseOutput").getProperties())
			.containsOnlyKeys("name", "shape", "datatype", "parameters", "data");
		assertThat(openApi.getComponents().getSchemas().get("ModelMetadataResponse").getProperties())
			.containsKeys("name", "versions", "platform", "inputs", "outputs");
	}

	@Test
	void theInferenceExamplesAreTheServicesAnswersAndAgreeWithIndependentlyComputedValues() {
		JsonNode infer = HttpTestClient.json(this.client.get("/v3/api-docs"))
			.get("paths")
			.get("/v2/models/{model}/infer")
			.get("post");
		JsonNode requests = infer.at("/requestBody/content/application~1json/examples");
		JsonNode responses = infer.at("/responses/200/content/application~1json/examples");
		assertThat(requests.propertyNames()).containsExactly("softmax", "leaky_relu");
		for (String model : requests.propertyNames()) {
			JsonNode request = requests.get(model).get("value");
			JsonNode documented = responses.get(model).get("value");
			HttpResponse<String> answer = this.client.post("/v2/models/" + model + "/infer", request.toString());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			assertThat(HttpTestClient.json(answer)).as(model).isEqualTo(documented);
			assertThat(documented.get("model_name").asString()).isEqualTo(model);
			assertThat(documented.get("id")).isEqualTo(request.get("id"));
			assertThat(documented.at("/outputs/0/shape")).isEqualTo(request.at("/inputs/0/shape"));
			assertThat(documented.at("/outputs/0/datatype")).isEqualTo(request.at("/inputs/0/datatype"));
		}
		// softmax along the last axis of a 2 x 3 FP64 tensor, each row by exact decimal
		// exp.
		JsonNode softmax = requests.get("softmax").get("value").at("/inputs/0");
		List<Double> input = ExampleReferences.flatten(softmax.get("data"));
		int row = softmax.at("/shape/1").intValue();
		List<Double> output = ExampleReferences.flatten(responses.get("softmax").at("/value/outputs/0/data"));
		assertThat(output).hasSameSizeAs(input);
		for (int start = 0; start < input.size(); start += row) {
			List<BigDecimal> expected = softmax(input.subList(start, start + row));
			for (int i = 0; i < row; i++) {
				assertThat(ExampleReferences.ulpDistance(output.get(start + i), expected.get(i)))
					.as("softmax %d: %s against %s", start + i, output.get(start + i), expected.get(i))
					.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
			}
		}
		// leaky_relu with negative_slope from the request parameters, in FP32: one
		// rounding of the exact product.
		JsonNode leaky = requests.get("leaky_relu").get("value");
		BigDecimal slope = new BigDecimal(leaky.at("/parameters/negative_slope").toString());
		List<Double> x = ExampleReferences.flatten(leaky.at("/inputs/0/data"));
		List<Double> y = ExampleReferences.flatten(responses.get("leaky_relu").at("/value/outputs/0/data"));
		assertThat(y).hasSameSizeAs(x);
		for (int i = 0; i < x.size(); i++) {
			BigDecimal xi = new BigDecimal(x.get(i).floatValue());
			BigDecimal exact = (xi.signum() > 0) ? xi : slope.multiply(xi);
			assertThat(y.get(i).floatValue()).as("leaky_relu %d", i).isEqualTo(exact.floatValue());
		}
	}

	/**
	 * Softmax of one row, by decimal exp to 50 digits: e^(x_i - m) / sum_j e^(x_j - m).
	 */
	private static List<BigDecimal> softmax(List<Double> row) {
		MathContext context = new MathContext(50);
		double max = row.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		List<BigDecimal> terms = row.stream()
			.map((v) -> exp(new BigDecimal(v).subtract(new BigDecimal(max)), context))
			.toList();
		BigDecimal sum = terms.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		return terms.stream().map((t) -> t.divide(sum, context)).toList();
	}

	/**
	 * e^x for x <= 0 by halving x until it is small, the Taylor series, and squaring
	 * back.
	 */
	private static BigDecimal exp(BigDecimal x, MathContext context) {
		int halvings = 0;
		BigDecimal small = x;
		while (small.abs().compareTo(new BigDecimal("0.01")) > 0) {
			small = small.divide(BigDecimal.valueOf(2), context);
			halvings++;
		}
		BigDecimal sum = BigDecimal.ONE;
		BigDecimal term = BigDecimal.ONE;
		for (int n = 1; n < 40; n++) {
			term = term.multiply(small, context).divide(BigDecimal.valueOf(n), context);
			sum = sum.add(term, context);
		}
		for (int i = 0; i < halvings; i++) {
			sum = sum.multiply(sum, context);
		}
		return sum;
	}

	@Test
	void swaggerUiAndItsAssetsAreServedWhileUnknownPathsStayNotFoundProblems() {
		HttpResponse<String> entry = this.client.get("/swagger-ui.html");
		assertThat(entry.statusCode()).isEqualTo(302);
		assertThat(entry.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/swagger-ui/index.html"));
		HttpResponse<String> page = this.client.get("/swagger-ui/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui-bundle.js");
		HttpResponse<String> bundle = this.client.get("/swagger-ui/swagger-ui-bundle.js");
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
		HttpTestClient.assertProblem(this.client.get("/swagger-ui/no-such-asset.js"), 404);
		HttpTestClient.assertProblem(this.client.get("/no-such-page.html"), 404);
	}

	private static List<Integer> shape(JsonNode response) {
		return response.get("shape").valueStream().map(JsonNode::intValue).toList();
	}

	private SwaggerParseResult parse() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIParser().readContents(this.document, null, options);
		assertThat(result.getOpenAPI()).as(String.valueOf(result.getMessages())).isNotNull();
		return result;
	}

	/**
	 * Returns the JSON example of a request body or response: its one {@code example},
	 * or, for a function that takes a mask, the one named {@code unmasked}.
	 */
	static JsonNode example(JsonNode operation, String part) {
		JsonNode media = operation.at(part + "/content/application~1json");
		return media.has("example") ? media.get("example") : media.at("/examples/unmasked/value");
	}

	@Test
	void theFunctionsThatTakeAMaskDocumentItWithTheServicesRealMaskedAnswers() {
		Map<String, ExampleReferences.Reference> references = ExampleReferences.loadMasked();
		List<String> masked = Catalog.all()
			.stream()
			.filter((f) -> f.maskRule().isPresent())
			.map(Activation::canonicalName)
			.toList();
		assertThat(masked).containsExactly("softmax", "log_softmax", "softmin", "logsumexp", "logmeanexp");
		assertThat(references.keySet()).containsExactlyInAnyOrderElementsOf(masked);
		JsonNode document = HttpTestClient.json(this.client.get("/v3/api-docs"));
		JsonNode paths = document.get("paths");
		assertThat(document.at("/components/schemas/ActivationRequest/properties/mask/$ref").asString())
			.isEqualTo("#/components/schemas/Mask");
		assertThat(document.at("/components/schemas/GradientRequest/properties/mask/$ref").asString())
			.isEqualTo("#/components/schemas/Mask");
		for (Activation function : Catalog.all()) {
			String name = function.canonicalName();
			for (String path : List.of("/activate/" + name, "/activate/" + name + "/gradient")) {
				JsonNode operation = paths.get(path).get("post");
				JsonNode media = operation.at("/requestBody/content/application~1json");
				if (!masked.contains(name)) {
					assertThat(media.has("examples")).as(path).isFalse();
					assertThat(operation.get("description").asString()).as(path).doesNotContain("**Mask:**");
					continue;
				}
				assertThat(media.at("/schema/$ref").asString()).as(path)
					.endsWith(path.endsWith("/gradient") ? "/GradientRequest" : "/ActivationRequest");
				assertThat(operation.get("description").asString()).as(path)
					.contains("**Mask:**", function.maskRule().get());
				JsonNode request = media.at("/examples/masked/value");
				assertThat(request.has("mask")).as(path).isTrue();
				JsonNode documented = operation.at("/responses/200/content/application~1json/examples/masked/value");
				JsonNode answer = HttpTestClient.assertResult(this.client.post(path, request.toString()));
				assertThat(answer).as(path).isEqualTo(documented);
				if (path.endsWith("/gradient")) {
					continue;
				}
				ExampleReferences.Reference reference = references.get(name);
				assertThat(ExampleReferences.flatten(request.get("values"))).as(name).isEqualTo(reference.input());
				assertThat(shape(documented)).as(name + " shape").isEqualTo(reference.outputShape());
				List<Double> values = ExampleReferences.flatten(documented.get("values"));
				assertThat(values).hasSameSizeAs(reference.output());
				for (int i = 0; i < values.size(); i++) {
					assertThat(ExampleReferences.ulpDistance(values.get(i), reference.output().get(i)))
						.as("%s masked output %d: %s against %s", name, i, values.get(i), reference.output().get(i))
						.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
				}
			}
		}
	}

}

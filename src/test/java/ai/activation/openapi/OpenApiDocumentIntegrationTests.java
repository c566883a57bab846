package ai.activation.openapi;

import java.math.BigDecimal;
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
			JsonNode request = operation.at("/requestBody/content/application~1json/example");
			JsonNode documented = operation.at("/responses/200/content/application~1json/example");
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
			.filter((path) -> path.getValue().getPost() != null && !path.getKey().endsWith("/gradient")))
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
			// every function with parameters documents the convention that picks their
			// defaults, naming what each library changes
			assertThat(convention).as(function.canonicalName()).hasSize(catalog.isEmpty() ? 0 : 1);
			if (!catalog.isEmpty()) {
				assertThat(convention.get(0).getSchema().getEnum()).as(function.canonicalName())
					.containsExactlyElementsOf(Convention.labels());
				assertThat(convention.get(0).getSchema().getDefault()).isEqualTo("pytorch");
			}
			if (function == Activation.LEAKY_RELU) {
				assertThat(convention.get(0).getDescription()).contains("keras: negative_slope = 0.2",
						"tensorflow: negative_slope = 0.2");
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
			JsonNode request = operation.at("/requestBody/content/application~1json/example");
			JsonNode documented = operation.at("/responses/200/content/application~1json/example");
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
			JsonNode request = operation.at("/requestBody/content/application~1json/example/values");
			JsonNode documented = operation.at("/responses/200/content/application~1json/example");
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

}

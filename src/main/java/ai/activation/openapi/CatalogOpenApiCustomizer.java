package ai.activation.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Catalog;
import ai.activation.limits.LimitsProperties;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Completes the document springdoc derives from the controllers: the {@code info}
 * section, one {@code POST /activate/<name>} operation per catalog function in place of
 * the generic {@code POST /activate/{function}} (whose resolved arguments springdoc
 * cannot see), descriptions of the catalog endpoints, and the Open Inference Protocol v2
 * operations under {@code /v2} ({@link InferenceOperations}).
 */
@Component
@EnableConfigurationProperties(OpenApiProperties.class)
class CatalogOpenApiCustomizer implements OpenApiCustomizer {

	private static final String CATALOG = "catalog";

	private static final String FUNCTION_PATH = "/activate/{function}";

	private static final String LIST_PATH = "/activate";

	private static final String GRADIENT_PATH = "/activate/{function}/gradient";

	private final OpenApiProperties properties;

	private final FunctionExamples examples;

	private final InferenceExamples inferences;

	private final ObjectProvider<BuildProperties> build;

	private final LimitsProperties limits;

	CatalogOpenApiCustomizer(OpenApiProperties properties, FunctionExamples examples, InferenceExamples inferences,
			ObjectProvider<BuildProperties> build, LimitsProperties limits) {
		this.properties = properties;
		this.examples = examples;
		this.inferences = inferences;
		this.build = build;
		this.limits = limits;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.info(info());
		openApi.tags(List.of(new Tag().name(CATALOG).description("The functions, their parameters and formulas."),
				new Tag().name(FunctionOperations.ELEMENTWISE)
					.description("Functions applied to each element; the result has the input's shape."),
				new Tag().name(FunctionOperations.ALONG_AXIS)
					.description("Functions applied along one axis (axis=-1, the last, by default)."),
				new Tag().name(FunctionOperations.GRADIENTS)
					.description("The vector-Jacobian product of each function, for backpropagation."),
				new Tag().name(InferenceOperations.TAG)
					.description("Every catalog function as a model of the Open Inference Protocol v2 (KServe V2, "
							+ "Triton's HTTP/REST API): health, metadata and inference, JSON or binary tensors, "
							+ "`{\"error\"}` bodies.")));
		if (openApi.getComponents() == null) {
			openApi.components(new Components());
		}
		Schemas.addTo(openApi.getComponents(), this.limits);
		InferenceOperations.addComponents(openApi.getComponents(), this.limits);
		Paths given = (openApi.getPaths() != null) ? openApi.getPaths() : new Paths();
		Paths paths = new Paths();
		PathItem list = given.remove(LIST_PATH);
		if (list != null) {
			describeList(list.getGet());
			paths.addPathItem(LIST_PATH, list);
		}
		PathItem function = given.remove(FUNCTION_PATH);
		if (function != null) {
			function.setPost(null);
			describeFunction(function.getGet());
			paths.addPathItem(FUNCTION_PATH, function);
		}
		given.remove(GRADIENT_PATH);
		Catalog.all()
			.forEach((activation) -> paths.addPathItem(FunctionOperations.path(activation),
					new PathItem().post(FunctionOperations.of(activation, this.examples.of(activation), this.limits))));
		Catalog.all()
			.forEach((activation) -> paths.addPathItem(FunctionOperations.gradientPath(activation),
					new PathItem().post(FunctionOperations.gradient(activation, this.examples.gradientOf(activation),
							this.examples.outputHalvesTheAxis(activation), this.limits))));
		InferenceOperations.addPaths(paths, this.inferences, this.limits);
		given.forEach(paths::addPathItem);
		openApi.paths(paths);
		removeUnreferencedSchemas(openApi);
	}

	private Info info() {
		BuildProperties build = this.build.getIfAvailable();
		String version = (build != null) ? build.getVersion() : "unknown (built without build-info)";
		return new Info().title(this.properties.title())
			.version(version)
			.description("Applies the activation functions of neural networks to vectors and tensors: "
					+ "`POST /activate/{function}` with `{\"values\": [...]}`, parameters in the query string. "
					+ "Every result is within 4 ulp of the correctly rounded true value at any finite input. "
					+ "Every error is an RFC 9457 `application/problem+json` body. Each function's graph is "
					+ "served as SVG at `GET /activate/{function}/plot`. The vector-Jacobian product of each "
					+ "function is `POST /activate/{function}/gradient` with `{\"values\": X, \"grad\": G}`: "
					+ "f′(x)·G element by element (G = ones when omitted), Gᵀ·J along an axis (G required).")
			.contact(new Contact().name("The activation-service team").url(this.properties.contactUrl().toString()));
	}

	private static void describeList(Operation operation) {
		if (operation == null) {
			return;
		}
		operation.operationId("listFunctions")
			.tags(List.of(CATALOG))
			.summary("Lists every function")
			.description("Every catalog function with its aliases, formula (plain text and LaTeX) and parameters "
					+ "with their types, defaults and allowed ranges.");
		ApiResponse ok = operation.getResponses().get("200");
		ok.description("The catalog, in catalog order.");
		// springdoc sees a Map<String, List<FunctionDescription>>; the map has one key.
		ok.getContent().forEach((type, media) -> {
			if (media.getSchema().getAdditionalProperties() instanceof Schema<?> descriptions) {
				media.schema(
						Schemas.typed("object").addProperty("functions", descriptions).required(List.of("functions")));
			}
		});
		operation.getResponses().addApiResponse("406", Schemas.responseRef(Schemas.NOT_ACCEPTABLE));
	}

	private static void describeFunction(Operation operation) {
		if (operation == null) {
			return;
		}
		operation.operationId("describeFunction")
			.tags(List.of(CATALOG))
			.summary("Describes one function")
			.description("One function, found by canonical name or alias, case-insensitively and with `-` and `_` "
					+ "alike. Apply it with `POST /activate/{function}`, documented per function below.");
		operation.setParameters(List.of(FunctionCallOperationCustomizer.functionParameter()
			.description("A canonical name or an alias, matched case-insensitively with `-` and `_` alike: one of "
					+ String.join(", ", Catalog.names()) + ".")
			.example("swish")));
		operation.getResponses().get("200").description("The function's description.");
		operation.getResponses().addApiResponse("404", Schemas.responseRef(Schemas.UNKNOWN_FUNCTION));
		operation.getResponses().addApiResponse("406", Schemas.responseRef(Schemas.NOT_ACCEPTABLE));
	}

	/**
	 * Drops the schemas springdoc derived for the generic operation that this customizer
	 * replaces, and any other schema that nothing refers to.
	 */
	@SuppressWarnings("rawtypes")
	private static void removeUnreferencedSchemas(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		boolean removed = true;
		while (removed) {
			removed = false;
			for (String name : List.copyOf(schemas.keySet())) {
				Schema<?> schema = schemas.remove(name);
				String rest = Json31.pretty(openApi);
				if (rest.contains("\"#/components/schemas/" + name + "\"")) {
					schemas.put(name, schema);
				}
				else {
					removed = true;
				}
			}
		}
		openApi.getComponents().setSchemas(new LinkedHashMap<>(schemas));
	}

}

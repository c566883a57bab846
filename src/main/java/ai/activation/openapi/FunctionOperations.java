package ai.activation.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.activation.activate.TensorFormats;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Convention;
import ai.activation.catalog.Parameter;
import ai.activation.catalog.Range;
import ai.activation.limits.LimitsProperties;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Builds the {@code POST /activate/<name>} operation of one catalog function: summary,
 * formula, graph, query parameters with their defaults and ranges, a request example with
 * the service's real answer, and the problems it may answer with.
 */
final class FunctionOperations {

	/** The tag of the functions applied element by element. */
	static final String ELEMENTWISE = "elementwise functions";

	/** The tag of the functions applied along an axis. */
	static final String ALONG_AXIS = "functions along an axis";

	/** The tag of the gradients. */
	static final String GRADIENTS = "gradients";

	/** The name of the example without a mask of a function that takes one. */
	static final String UNMASKED = "unmasked";

	/** The name of the example with a mask. */
	static final String MASKED = "masked";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private static final String BINARY = org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE;

	private FunctionOperations() {
	}

	/**
	 * Returns the path of a function's operation.
	 * @param function the function
	 * @return e.g. {@code /activate/sigmoid}
	 */
	static String path(Activation function) {
		return "/activate/" + function.canonicalName();
	}

	/**
	 * Returns the path of a function's gradient.
	 * @param function the function
	 * @return e.g. {@code /activate/sigmoid/gradient}
	 */
	static String gradientPath(Activation function) {
		return path(function) + "/gradient";
	}

	/**
	 * Returns the path of a function's graph.
	 * @param function the function
	 * @return e.g. {@code /activate/sigmoid/plot}
	 */
	static String plotPath(Activation function) {
		return path(function) + "/plot";
	}

	/**
	 * Builds the operation of one function.
	 * @param function the function
	 * @param example its request example and the service's answer
	 * @param limits the configured limits, which the texts state
	 * @return the operation
	 */
	static Operation of(Activation function, FunctionExamples.Example example, LimitsProperties limits) {
		Operation operation = new Operation().operationId("activate_" + function.canonicalName())
			.addTagsItem(function.alongAxis() ? ALONG_AXIS : ELEMENTWISE)
			.summary(function.summary())
			.description(description(function))
			.requestBody(new RequestBody().required(true)
				.description("The values: as JSON, a non-empty array of finite numbers or a rectangular nested array "
						+ "of rank up to " + limits.getMaxRank() + "; or as `" + BINARY + "`, the raw "
						+ "little-endian values in row-major order, their type given by `"
						+ TensorFormats.DTYPE_PARAMETER + "` and their shape by `" + TensorFormats.SHAPE_PARAMETER
						+ "`.")
				.content(new Content().addMediaType(JSON, examples(Schemas.ref(Schemas.REQUEST), example, true))
					.addMediaType(BINARY, new MediaType().schema(Schemas.typed("string").format("binary")))))
			.responses(responses(function, example,
					"The " + function.canonicalName() + " of the values, nested like them."));
		function.parameters().forEach((parameter) -> operation.addParametersItem(parameter(parameter)));
		conventionParameter(function).ifPresent(operation::addParametersItem);
		operation.addParametersItem(dtypeParameter());
		operation.addParametersItem(shapeParameter(limits));
		return operation;
	}

	/**
	 * Builds the gradient operation of one function.
	 * @param function the function
	 * @param example its gradient request example and the service's answer
	 * @param outputHalvesTheAxis whether the output halves the axis, as GLU's does
	 * @param limits the configured limits, which the texts state
	 * @return the operation
	 */
	static Operation gradient(Activation function, FunctionExamples.Example example, boolean outputHalvesTheAxis,
			LimitsProperties limits) {
		String name = function.canonicalName();
		String grad = function.alongAxis() ? "`grad` is required: G has the shape of the output"
				+ (outputHalvesTheAxis ? " (the input's with the axis halved)" : " (the input's)")
				+ ", and the answer is the vector-Jacobian product Gᵀ·J along the axis, with the input's " + "shape."
				: "`grad` is optional: G has the input's shape, and the answer is f′(x)·G element by element; "
						+ "without it G is ones, so the answer is the derivative f′(x).";
		Operation operation = new Operation().operationId("gradient_" + name)
			.addTagsItem(GRADIENTS)
			.summary("The vector-Jacobian product of " + name)
			.description("**Function:** `" + function.formula() + "`\n\n" + grad + "\n\n" + maskParagraph(function)
					+ "The same parameters, " + "limits and problems as `POST " + path(function)
					+ "`; a fault in G is pointed at as " + "`/grad/...`. As `" + BINARY
					+ "`: X then G, one after the other in the same `" + TensorFormats.DTYPE_PARAMETER + "`; `"
					+ TensorFormats.SHAPE_PARAMETER
					+ "` describes X, and G's length follows from the output's shape (without `"
					+ TensorFormats.SHAPE_PARAMETER + "`, X is the vector that with its G fills the body).")
			.requestBody(new RequestBody().required(true)
				.description("X and, " + (function.alongAxis() ? "required here" : "optionally")
						+ ", G: as JSON, each a non-empty array of finite numbers or a rectangular nested array of "
						+ "rank up to " + limits.getMaxRank() + "; or as `" + BINARY + "`, the raw little-endian "
						+ "values of X then G.")
				.content(
						new Content().addMediaType(JSON, examples(Schemas.ref(Schemas.GRADIENT_REQUEST), example, true))
							.addMediaType(BINARY, new MediaType().schema(Schemas.typed("string").format("binary")))))
			.responses(responses(function, example, "The vector-Jacobian product, with the shape of the values."));
		function.parameters().forEach((parameter) -> operation.addParametersItem(parameter(parameter)));
		conventionParameter(function).ifPresent(operation::addParametersItem);
		operation.addParametersItem(dtypeParameter());
		operation.addParametersItem(shapeParameter(limits));
		return operation;
	}

	/**
	 * The JSON media of a request or response: its one example, or, for a function that
	 * takes a mask, two named ones, {@value #UNMASKED} and {@value #MASKED}, each the
	 * service's real answer.
	 */
	private static MediaType examples(Schema<?> schema, FunctionExamples.Example example, boolean request) {
		MediaType media = new MediaType().schema(schema);
		Object plain = request ? example.request() : example.response();
		FunctionExamples.Example masked = example.masked();
		if (masked == null) {
			return media.example(plain);
		}
		return media.addExamples(UNMASKED, new Example().summary("Every element takes part").value(plain))
			.addExamples(MASKED, new Example().summary("With a mask: one element of each lane masked")
				.value(request ? masked.request() : masked.response()));
	}

	/** The mask rule of a function that takes one, as a paragraph; else empty. */
	private static String maskParagraph(Activation function) {
		return function.maskRule()
			.map((rule) -> "**Mask:** an optional `mask` beside `values`, of the input's shape, true (or 1) where an "
					+ "element takes part and false (or 0) where it does not. " + rule
					+ " A lane whose every element is masked is a 400 pointing at its first element, e.g. "
					+ "`/mask/1/0`; masks are given in JSON bodies only.\n\n")
			.orElse("");
	}

	/** How the function meets the input's shape, in one sentence. */
	private static String along(Activation function) {
		if (!function.ranks().isEmpty()) {
			return "Applied over the channels (axis -3) of a (C, H, W) or (N, C, H, W) input; values of rank "
					+ function.ranks().stream().map(String::valueOf).collect(Collectors.joining(" or "))
					+ " only, other ranks are a 400.";
		}
		if (!function.alongAxis()) {
			return function.parameters().stream().anyMatch((p) -> p.type() == Parameter.Type.NUMBERS)
					? "Applied to each element, with one weight per channel when several are given; the result "
							+ "has the shape of the input."
					: "Applied to each element; the result has the shape of the input.";
		}
		return function.parameters().stream().anyMatch((p) -> p.type() == Parameter.Type.AXES)
				? "Applied along the axis given by `axis`, or along several taken together (`axis=0,2`, as JAX's "
						+ "tuple of axes); the other axes are kept."
				: "Applied along the axis given by `axis`; the other axes are kept.";
	}

	private static String description(Activation function) {
		StringBuilder text = new StringBuilder();
		text.append("**Formula:** `").append(function.formula()).append("`\n\n");
		text.append("```latex\n").append(function.latex()).append("\n```\n\n");
		text.append(along(function));
		text.append("\n\n");
		text.append(maskParagraph(function));
		if (!function.aliases().isEmpty()) {
			text.append("Also answers at ")
				.append(function.aliases()
					.stream()
					.map((alias) -> "`/activate/" + alias + "`")
					.collect(Collectors.joining(", ")))
				.append("; names are matched case-insensitively, with `-` and `_` alike.\n\n");
		}
		if (!function.constraints().isEmpty()) {
			text.append("The parameters must satisfy ")
				.append(function.constraints()
					.stream()
					.map((c) -> "`" + c.rule() + "`")
					.collect(Collectors.joining(", ")))
				.append(".\n\n");
		}
		text.append("![Graph of ")
			.append(function.canonicalName())
			.append(" at its default parameters](")
			.append(plotPath(function))
			.append(")\n\n");
		text.append("The graph as SVG, for other ranges and parameters: `GET ")
			.append(plotPath(function))
			.append("?from=-6&to=6")
			.append(function.parameters()
				.stream()
				.filter((p) -> p.type() != Parameter.Type.AXIS && p.type() != Parameter.Type.AXES)
				.map((p) -> "&" + p.name() + "=…")
				.collect(Collectors.joining()))
			.append("`.");
		return text.toString();
	}

	/**
	 * The {@code convention} parameter, for a function that has parameters or whose
	 * derivative at the kinks a library defines differently: which library's defaults
	 * apply, and what each changes for this function.
	 */
	private static Optional<QueryParameter> conventionParameter(Activation function) {
		if (function.parameters().isEmpty() && Convention.kinkOwners(function).isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> own = Convention.PYTORCH.defaults(function);
		List<String> changes = new ArrayList<>();
		for (Convention convention : Convention.values()) {
			List<String> changed = new ArrayList<>();
			convention.defaults(function).forEach((name, value) -> {
				if (!Objects.equals(value, own.get(name))) {
					changed.add(name + " = " + value);
				}
			});
			if (convention.ownsKinksOf(function)) {
				changed.add("the gradient's value at the kinks (see derivative.convention)");
			}
			if (!changed.isEmpty()) {
				changes.add(convention.label() + ": " + String.join(", ", changed));
			}
		}
		String effect = changes.isEmpty() ? "For " + function.canonicalName() + " every library's defaults agree."
				: "For " + function.canonicalName() + ", " + String.join("; ", changes) + "; the others as pytorch.";
		QueryParameter query = new QueryParameter();
		query.name(Convention.PARAMETER)
			.required(false)
			.description("The library whose defaults apply; pytorch, the catalog's own, when omitted. " + effect
					+ " A parameter given explicitly always wins.")
			.schema(Schemas.typed("string")
				._enum(new ArrayList<Object>(Convention.labels()))
				._default(Convention.PYTORCH.label()));
		return Optional.of(query);
	}

	private static QueryParameter dtypeParameter() {
		QueryParameter query = new QueryParameter();
		query.name(TensorFormats.DTYPE_PARAMETER)
			.required(false)
			.description("The element type of an `" + BINARY + "` body, and of the answer when it is `" + BINARY
					+ "`: 8-byte or 4-byte little-endian IEEE 754. float32 values are widened exactly; a float32 "
					+ "answer is rounded to the nearest float.")
			.schema(Schemas.typed("string")
				._enum(List.copyOf(TensorFormats.dtypes()))
				._default(TensorFormats.defaultDtype()));
		return query;
	}

	private static QueryParameter shapeParameter(LimitsProperties limits) {
		QueryParameter query = new QueryParameter();
		query.name(TensorFormats.SHAPE_PARAMETER)
			.required(false)
			.description("The shape of an `" + BINARY + "` body, comma-separated, rank 1 to " + limits.getMaxRank()
					+ ", e.g. `2,3`; without it the body is one vector. Refused with a JSON "
					+ "body, whose nesting gives its shape.")
			.schema(Schemas.typed("string").pattern("^[0-9]+(,[0-9]+)*$"));
		// No example: Swagger UI would fill it in and send it with the JSON example body.
		return query;
	}

	private static QueryParameter parameter(Parameter parameter) {
		QueryParameter query = new QueryParameter();
		query.name(parameter.name())
			.required(false)
			.description(parameter.description() + " Allowed: " + parameter.allowed() + ".")
			.schema(schema(parameter));
		if (parameter.type() == Parameter.Type.NUMBERS || parameter.type() == Parameter.Type.AXES) {
			query.style(io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.FORM).explode(false);
		}
		return query;
	}

	private static Schema<?> schema(Parameter parameter) {
		return switch (parameter.type()) {
			case NUMBER -> number(parameter.range()).format("double")._default(parameter.defaultValue());
			// an array in the form style, not exploded: weight=0.25,0.1,0.3
			case NUMBERS -> Schemas.typed("array")
				.items(number(parameter.range()).format("double"))
				.minItems(1)
				._default(List.of(parameter.defaultValue()));
			case AXIS -> Schemas.typed("integer").format("int32")._default(parameter.defaultValue());
			case AXES -> Schemas.typed("array")
				.items(Schemas.typed("integer").format("int32"))
				.minItems(1)
				._default(List.of(parameter.defaultValue()));
			case CHOICE ->
				Schemas.typed("string")._enum(List.copyOf(parameter.choices()))._default(parameter.defaultValue());
		};
	}

	private static Schema<Object> number(Range range) {
		Schema<Object> schema = Schemas.typed("number");
		if (Double.isFinite(range.min())) {
			if (range.minInclusive()) {
				schema.minimum(BigDecimal.valueOf(range.min()));
			}
			else {
				schema.exclusiveMinimumValue(BigDecimal.valueOf(range.min()));
			}
		}
		if (Double.isFinite(range.max())) {
			if (range.maxInclusive()) {
				schema.maximum(BigDecimal.valueOf(range.max()));
			}
			else {
				schema.exclusiveMaximumValue(BigDecimal.valueOf(range.max()));
			}
		}
		if (range.excludesZero()) {
			schema.not(Schemas.typed("number")._const(0));
		}
		return schema;
	}

	private static ApiResponses responses(Activation function, FunctionExamples.Example example, String description) {
		ApiResponses responses = new ApiResponses();
		responses.addApiResponse("200", new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON, examples(Schemas.ref(Schemas.RESPONSE), example, false))
				.addMediaType(BINARY, new MediaType().schema(Schemas.typed("string").format("binary"))))
			.addHeaderObject(TensorFormats.SHAPE_HEADER,
					new Header().description("With a binary answer: its shape, e.g. `2,3`.")
						.schema(Schemas.typed("string")))
			.addHeaderObject(TensorFormats.DTYPE_HEADER,
					new Header().description("With a binary answer: its element type.")
						.schema(Schemas.typed("string")._enum(List.copyOf(TensorFormats.dtypes()))))
			.addHeaderObject(TensorFormats.OVERFLOW_AVOIDED_HEADER, new Header()
				.description("How many results of this call the textbook formula would have overflowed and the service "
						+ "answered exactly instead: rows for the functions along an axis, elements for "
						+ "the others.")
				.schema(Schemas.typed("integer").minimum(BigDecimal.ZERO))));
		responses.addApiResponse("400", Schemas.responseRef(Schemas.BAD_REQUEST));
		responses.addApiResponse("401", Schemas.responseRef(Schemas.UNAUTHORIZED));
		responses.addApiResponse("406", Schemas.responseRef(Schemas.NOT_ACCEPTABLE));
		responses.addApiResponse("413", Schemas.responseRef(Schemas.TOO_LARGE));
		responses.addApiResponse("415", Schemas.responseRef(Schemas.UNSUPPORTED_MEDIA_TYPE));
		responses.addApiResponse("422", Schemas.responseRef(Schemas.OUT_OF_RANGE));
		responses.addApiResponse("503", Schemas.responseRef(Schemas.OVERLOADED));
		return responses;
	}

}

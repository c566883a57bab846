package ai.activation.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.limits.LimitsProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The operations of the Open Inference Protocol v2 under {@code /v2}, written out here
 * rather than derived by springdoc (whose scan is limited to {@code /activate/**}): the
 * health, metadata and inference endpoints of kserve/open-inference-protocol
 * {@code specification/protocol/inference_rest.md}, with that document's field names
 * ({@code $inference_request}, {@code $request_input}, {@code $request_output},
 * {@code $inference_response}, {@code $response_output},
 * {@code $metadata_server_response}, {@code $metadata_model_response},
 * {@code $metadata_tensor}, and the {@code {"error": $string}} error objects), KServe's
 * model list, and Triton's binary tensor data extension (triton-inference-server/server
 * {@code docs/protocol/extension_binary_data.md}) in the inference description.
 *
 * <p>
 * Inference is one operation whose {@code {model}} path parameter is an enum of the
 * catalog's canonical names. The {@code /versions/{version}} variants of model metadata,
 * model ready and inference, whose only version is {@code 1}, are served but not listed
 * as operations of their own; the descriptions say they exist.
 */
final class InferenceOperations {

	/** The tag of every {@code /v2} operation. */
	static final String TAG = "Open Inference Protocol v2";

	static final String INFERENCE_REQUEST = "InferenceRequest";

	static final String REQUEST_INPUT = "InferenceRequestInput";

	static final String REQUEST_OUTPUT = "InferenceRequestOutput";

	static final String INFERENCE_RESPONSE = "InferenceResponse";

	static final String RESPONSE_OUTPUT = "InferenceResponseOutput";

	static final String SERVER_METADATA = "ServerMetadataResponse";

	static final String MODEL_METADATA = "ModelMetadataResponse";

	static final String METADATA_TENSOR = "MetadataTensor";

	static final String ERROR = "InferenceError";

	private static final String ERROR_400 = "InferenceBadRequest";

	private static final String ERROR_401 = "InferenceUnauthorized";

	private static final String ERROR_404 = "InferenceNotFound";

	private static final String ERROR_413 = "InferenceTooLarge";

	private static final String ERROR_422 = "InferenceOutOfRange";

	private static final String ERROR_503 = "InferenceUnavailable";

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private static final String BINARY = org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE;

	private static final String HEADER_LENGTH = "Inference-Header-Content-Length";

	private static final String MODEL = "model";

	private InferenceOperations() {
	}

	/**
	 * Adds the schemas and error responses of the protocol.
	 * @param components the document's components
	 * @param limits the configured limits, which the texts state
	 */
	static void addComponents(Components components, LimitsProperties limits) {
		Schema<?> parameters = Schemas.typed("object").additionalProperties(true);
		components.addSchemas(ERROR,
				Schemas.typed("object")
					.description("The error object of every /v2 answer that is not a 200: "
							+ "`{\"error\": $string}`, the descriptive message for the error.")
					.addProperty("error", Schemas.typed("string").description("What is wrong, for a person to act on."))
					.required(List.of("error")));
		components.addSchemas(REQUEST_INPUT, Schemas.typed("object")
			.description("`$request_input`: the model's one input tensor, or the mask of a function that takes one.")
			.addProperty("name", Schemas.typed("string")
				.description("The input's name, `input`; `mask` for the optional mask of the softmax family, "
						+ "logsumexp and logmeanexp: the input's shape, BOOL (JSON true and false; one byte, 0 or 1, "
						+ "in binary data) or 0 and 1 in a number datatype, true where an element takes part."))
			.addProperty("shape", shape("The input's shape, rank 1 to " + limits.getMaxRank() + "."))
			.addProperty("datatype",
					datatype("FP64, FP32 or an integer type in JSON; FP16 and BF16 as binary data "
							+ "only. The answer has the input's datatype (FP64 for an integer input)."))
			.addProperty("parameters", Schemas.typed("object")
				.description("`binary_data_size`: the byte length of this input's binary data after the JSON "
						+ "header (binary tensor data extension); then `data` is absent.")
				.addProperty("binary_data_size", Schemas.typed("integer").format("int64").minimum(BigDecimal.ZERO))
				.additionalProperties(true))
			.addProperty("data",
					Schemas.ref(Schemas.VALUES)
						.description("The tensor's contents: a flat row-major array whose length is the product "
								+ "of `shape`, or an array nested exactly as `shape`."))
			.required(List.of("name", "shape", "datatype")));
		components.addSchemas(REQUEST_OUTPUT,
				Schemas.typed("object")
					.description("`$request_output`: the output asked for, `output`.")
					.addProperty("name", Schemas.typed("string").description("The output's name, `output`."))
					.addProperty("parameters", Schemas.typed("object")
						.description("`binary_data`: true to have this output as binary data after the JSON header.")
						.addProperty("binary_data", Schemas.typed("boolean"))
						.additionalProperties(true))
					.required(List.of("name")));
		components.addSchemas(INFERENCE_REQUEST, Schemas.typed("object")
			.description("`$inference_request`: exactly one input, `input`, and for the functions that take a mask an "
					+ "optional second, `mask`; the function's own parameters in `parameters`.")
			.addProperty("id", Schemas.typed("string").description("Returned in the response when given."))
			.addProperty("parameters", Schemas.typed("object")
				.description("The function's parameters, as in model metadata (e.g. `negative_slope`, `axis`): "
						+ "numbers as JSON numbers, choices as JSON strings; and `binary_data_output`, true to have "
						+ "every output as binary data.")
				.addProperty("binary_data_output", Schemas.typed("boolean"))
				.additionalProperties(true))
			.addProperty("inputs", Schemas.typed("array").items(Schemas.ref(REQUEST_INPUT)).minItems(1).maxItems(1))
			.addProperty("outputs", Schemas.typed("array").items(Schemas.ref(REQUEST_OUTPUT)).maxItems(1))
			.required(List.of("inputs")));
		components.addSchemas(RESPONSE_OUTPUT,
				Schemas.typed("object")
					.description("`$response_output`: the result, in the input's datatype.")
					.addProperty("name", Schemas.typed("string").description("`output`."))
					.addProperty("datatype", datatype("The input's datatype; FP64 for an integer input."))
					.addProperty("shape", shape("The input's shape (GLU and its kin halve the axis)."))
					.addProperty("parameters",
							Schemas.typed("object")
								.description("`binary_data_size` when the output follows the JSON as binary data.")
								.addProperty("binary_data_size", Schemas.typed("integer").format("int64"))
								.additionalProperties(true))
					.addProperty("data",
							Schemas.ref(Schemas.VALUES)
								.description("The result, flat and row major; absent when sent as " + "binary data."))
					.required(List.of("name", "datatype", "shape")));
		components.addSchemas(INFERENCE_RESPONSE,
				Schemas.typed("object")
					.description("`$inference_response`.")
					.addProperty("model_name", Schemas.typed("string").description("The canonical name of the model."))
					.addProperty("model_version", Schemas.typed("string").description("`1`, the only version."))
					.addProperty("id", Schemas.typed("string").description("The request's `id`, when it gave one."))
					.addProperty("parameters",
							Schemas.typed("object")
								.description("`overflow_avoided`: how many results the textbook formula would have "
										+ "overflowed and the service answered exactly instead.")
								.addProperty("overflow_avoided", Schemas.typed("integer").format("int64"))
								.additionalProperties(true))
					.addProperty("outputs", Schemas.typed("array").items(Schemas.ref(RESPONSE_OUTPUT)))
					.required(List.of("model_name", "outputs")));
		components.addSchemas(SERVER_METADATA,
				Schemas.typed("object")
					.description("`$metadata_server_response`.")
					.addProperty("name", Schemas.typed("string"))
					.addProperty("version", Schemas.typed("string"))
					.addProperty("extensions", Schemas.typed("array").items(Schemas.typed("string")))
					.required(List.of("name", "version", "extensions")));
		components.addSchemas(METADATA_TENSOR,
				Schemas.typed("object")
					.description("`$metadata_tensor`; -1 marks a variable dimension.")
					.addProperty("name", Schemas.typed("string"))
					.addProperty("datatype", Schemas.typed("string"))
					.addProperty("shape", Schemas.typed("array").items(Schemas.typed("integer").format("int64")))
					.required(List.of("name", "datatype", "shape")));
		components.addSchemas(MODEL_METADATA,
				Schemas.typed("object")
					.description("`$metadata_model_response`, with the service's own `description`, `parameters` (the "
							+ "function's, for the request-level `parameters` of an inference), `constraints` and, for "
							+ "the functions that take one, `mask` (what the optional second input `mask` does) after "
							+ "the protocol's members.")
					.addProperty("name", Schemas.typed("string"))
					.addProperty("versions", Schemas.typed("array").items(Schemas.typed("string")))
					.addProperty("platform", Schemas.typed("string"))
					.addProperty("inputs", Schemas.typed("array").items(Schemas.ref(METADATA_TENSOR)))
					.addProperty("outputs", Schemas.typed("array").items(Schemas.ref(METADATA_TENSOR)))
					.addProperty("description", Schemas.typed("string"))
					.addProperty("parameters", Schemas.typed("array").items(parameters))
					.addProperty("constraints", Schemas.typed("array").items(Schemas.typed("string")))
					.addProperty("mask", Schemas.typed("string"))
					.required(List.of("name", "platform", "inputs", "outputs")));
		components.addResponses(ERROR_400, error("The request is invalid: malformed JSON, not exactly one input, a "
				+ "shape that does not match the data, an unknown datatype, a bad Inference-Header-Content-Length, "
				+ "an unknown or out-of-range parameter. The message names the offending field, e.g. "
				+ "`inputs[0].data[3]`."));
		components.addResponses(ERROR_401, error("Only when API keys are configured "
				+ "(activation.security.api-keys): the X-API-Key header is missing or holds no configured key."));
		components.addResponses(ERROR_404, error("No model has this name, or the model has no such version."));
		components.addResponses(ERROR_413,
				error("The body is larger than activation.limits.max-body-size, or holds more than "
						+ String.format(Locale.ROOT, "%,d", limits.getMaxValues())
						+ " values (activation.limits.max-values)."));
		components.addResponses(ERROR_422,
				error("A result lies beyond the range of the output datatype (e.g. FP32); send FP64."));
		components.addResponses(ERROR_503,
				error("The server is not ready (starting or shutting down), or the values being computed at once "
						+ "have reached its memory budget; retry after Retry-After's seconds when it is given.")
					.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again.")
						.schema(Schemas.typed("integer"))));
	}

	/**
	 * Adds the {@code /v2} operations.
	 * @param paths the document's paths
	 * @param examples the inference examples, with the service's real answers
	 * @param limits the configured limits, which the texts state
	 */
	static void addPaths(Paths paths, InferenceExamples examples, LimitsProperties limits) {
		paths.addPathItem("/v2", new PathItem().get(get("serverMetadata", "Server metadata",
				"The server's name, version and the extensions it supports (`binary_tensor_data`, " + "`parameters`).",
				SERVER_METADATA, false)));
		paths.addPathItem("/v2/health/live", new PathItem().get(health("serverLive", "Server live", "live",
				"200 `{\"live\": true}` while the server is live; a Kubernetes liveness probe.")));
		paths.addPathItem("/v2/health/ready",
				new PathItem().get(health("serverReady", "Server ready", "ready",
						"200 `{\"ready\": true}` while the server accepts traffic, 503 while it starts or shuts down; "
								+ "a Kubernetes readiness probe. Every model is ready whenever the server is.")));
		paths.addPathItem("/v2/models",
				new PathItem().get(new Operation().operationId("listModels")
					.addTagsItem(TAG)
					.summary("Lists the models")
					.description("KServe's model list: every catalog function by canonical name, in catalog order.")
					.responses(new ApiResponses().addApiResponse("200",
							new ApiResponse().description("The models.")
								.content(json(Schemas.typed("object")
									.addProperty("models", Schemas.typed("array").items(Schemas.typed("string")))
									.required(List.of("models"))))))));
		Operation metadata = get("modelMetadata", "Model metadata",
				"The model's one input and output (`input`, `output`; FP64, any rank), its versions (`1`), and its "
						+ "parameters with their defaults and allowed values. Also served at "
						+ "`/v2/models/{model}/versions/1`.",
				MODEL_METADATA, true);
		paths.addPathItem("/v2/models/{model}", new PathItem().get(metadata));
		Operation ready = health("modelReady", "Model ready", "ready",
				"200 `{\"name\", \"ready\": true}` while the server is ready. Also served at "
						+ "`/v2/models/{model}/versions/1/ready`.");
		ready.getResponses()
			.get("200")
			.setContent(json(Schemas.typed("object")
				.addProperty("name", Schemas.typed("string"))
				.addProperty("ready", Schemas.typed("boolean"))
				.required(List.of("name", "ready"))));
		ready.addParametersItem(modelParameter());
		ready.getResponses().addApiResponse("404", Schemas.responseRef(ERROR_404));
		paths.addPathItem("/v2/models/{model}/ready", new PathItem().get(ready));
		paths.addPathItem("/v2/models/{model}/infer", new PathItem().post(infer(examples, limits)));
	}

	private static Operation infer(InferenceExamples examples, LimitsProperties limits) {
		MediaType request = new MediaType().schema(Schemas.ref(INFERENCE_REQUEST));
		MediaType response = new MediaType().schema(Schemas.ref(INFERENCE_RESPONSE));
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, InferenceExamples.Example> entry : examples.all().entrySet()) {
			names.add(entry.getKey());
			request.addExamples(entry.getKey(),
					new Example().summary(entry.getKey()).value(entry.getValue().request()));
			response.addExamples(entry.getKey(), new Example().summary(entry.getKey() + ", the service's answer")
				.value(entry.getValue().response()));
		}
		return new Operation().operationId("modelInfer")
			.addTagsItem(TAG)
			.summary("Inference")
			.description("Applies the model's function to the request's one input tensor, with the function's "
					+ "parameters from the request-level `parameters`, and answers in the input's datatype. "
					+ "The examples (" + String.join(", ", names) + ") are the service's real answers.\n\n"
					+ "**Binary tensor data** (Triton's extension, as tritonclient sends it): a body of `" + BINARY
					+ "` whose first `" + HEADER_LENGTH + "` bytes are the JSON request, the input "
					+ "carrying `parameters.binary_data_size` and no `data`, followed by the input's bytes, "
					+ "little-endian, row major. With `binary_data_output: true` (request parameters) or "
					+ "`binary_data: true` (output parameters) the answer is framed the same way: `" + BINARY
					+ "`, its JSON length in `" + HEADER_LENGTH + "`. A header length of 0 sends the whole body "
					+ "as one FP64 vector.\n\nThe same operation is served at "
					+ "`/v2/models/{model}/versions/1/infer`. At most "
					+ String.format(Locale.ROOT, "%,d", limits.getMaxValues()) + " values and rank "
					+ limits.getMaxRank() + ".")
			.addParametersItem(modelParameter())
			.requestBody(new RequestBody().required(true)
				.description("`$inference_request` as JSON, or a JSON header followed by binary tensor data.")
				.content(new Content().addMediaType(JSON, request)
					.addMediaType(BINARY, new MediaType().schema(Schemas.typed("string").format("binary")))))
			.responses(new ApiResponses()
				.addApiResponse("200",
						new ApiResponse().description("`$inference_response`.")
							.content(new Content().addMediaType(JSON, response)
								.addMediaType(BINARY, new MediaType().schema(Schemas.typed("string").format("binary"))))
							.addHeaderObject(HEADER_LENGTH,
									new Header().description("With a binary answer: the length of its JSON header.")
										.schema(Schemas.typed("integer"))))
				.addApiResponse("400", Schemas.responseRef(ERROR_400))
				.addApiResponse("401", Schemas.responseRef(ERROR_401))
				.addApiResponse("404", Schemas.responseRef(ERROR_404))
				.addApiResponse("413", Schemas.responseRef(ERROR_413))
				.addApiResponse("422", Schemas.responseRef(ERROR_422))
				.addApiResponse("503", Schemas.responseRef(ERROR_503)));
	}

	private static Operation get(String id, String summary, String description, String schema, boolean model) {
		Operation operation = new Operation().operationId(id)
			.addTagsItem(TAG)
			.summary(summary)
			.description(description)
			.responses(new ApiResponses().addApiResponse("200",
					new ApiResponse().description(summary + ".").content(json(Schemas.ref(schema)))));
		if (model) {
			operation.addParametersItem(modelParameter());
			operation.getResponses().addApiResponse("404", Schemas.responseRef(ERROR_404));
		}
		return operation;
	}

	private static Operation health(String id, String summary, String member, String description) {
		return new Operation().operationId(id)
			.addTagsItem(TAG)
			.summary(summary)
			.description(description)
			.responses(new ApiResponses()
				.addApiResponse("200",
						new ApiResponse().description(summary + ".")
							.content(json(Schemas.typed("object")
								.addProperty(member, Schemas.typed("boolean"))
								.required(List.of(member)))))
				.addApiResponse("503", Schemas.responseRef(ERROR_503)));
	}

	/**
	 * The {@code {model}} path parameter: an enum of the catalog's canonical names.
	 */
	private static PathParameter modelParameter() {
		PathParameter parameter = new PathParameter();
		parameter.name(MODEL)
			.description("The model: a catalog function's canonical name (aliases are accepted too, "
					+ "case-insensitively, with `-` and `_` alike).")
			.example(InferenceExamples.SOFTMAX.canonicalName())
			.schema(Schemas.typed("string")
				._enum(Catalog.all().stream().<Object>map(Activation::canonicalName).toList()));
		return parameter;
	}

	private static Schema<?> shape(String description) {
		return Schemas.typed("array").items(Schemas.typed("integer").format("int64")).description(description);
	}

	private static Schema<?> datatype(String description) {
		return Schemas.typed("string").description(description);
	}

	private static Content json(Schema<?> schema) {
		return new Content().addMediaType(JSON, new MediaType().schema(schema));
	}

	private static ApiResponse error(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON, new MediaType().schema(Schemas.ref(ERROR))));
	}

}

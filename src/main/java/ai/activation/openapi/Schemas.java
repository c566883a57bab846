package ai.activation.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import ai.activation.limits.LimitsProperties;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springframework.util.unit.DataSize;

/**
 * The shared parts of the document: the schemas of the request, the response and the RFC
 * 9457 problem, and the problem responses every operation refers to.
 */
final class Schemas {

	/** The nested array of numbers, in requests and responses. */
	static final String VALUES = "Values";

	/** The request body of {@code POST /activate/{function}}. */
	static final String REQUEST = "ActivationRequest";

	/** The response body of {@code POST /activate/{function}}. */
	static final String RESPONSE = "ActivationResponse";

	/** The RFC 9457 problem. */
	static final String PROBLEM = "Problem";

	/** The 400 response. */
	static final String BAD_REQUEST = "BadRequest";

	/** The 404 response. */
	static final String UNKNOWN_FUNCTION = "UnknownFunction";

	/** The 406 response. */
	static final String NOT_ACCEPTABLE = "NotAcceptable";

	/** The 415 response. */
	static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";

	/** The 422 response. */
	static final String OUT_OF_RANGE = "ResultOutOfRange";

	/** The 401 response. */
	static final String UNAUTHORIZED = "Unauthorized";

	/** The 413 response. */
	static final String TOO_LARGE = "TooLarge";

	/** The 503 response. */
	static final String OVERLOADED = "Overloaded";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private Schemas() {
	}

	/**
	 * Adds the shared schemas and responses.
	 * @param components the document's components
	 * @param limits the configured limits, which the texts state
	 */
	static void addTo(Components components, LimitsProperties limits) {
		components.addSchemas(VALUES, values(limits));
		components.addSchemas(REQUEST,
				typed("object").description("The values to apply the function to.")
					.addProperty("values", ref(VALUES))
					.required(List.of("values"))
					.additionalProperties(false));
		components.addSchemas(RESPONSE,
				typed("object").description("The result: the canonical function name, the shape and the values.")
					.addProperty("function", typed("string").description("The canonical name of the function."))
					.addProperty("shape",
							typed("array").items(typed("integer").format("int32").minimum(java.math.BigDecimal.ONE))
								.description("The length of each axis of the result."))
					.addProperty("values", ref(VALUES))
					.required(List.of("function", "shape", "values")));
		components.addSchemas(PROBLEM, problem());
		components.addResponses(BAD_REQUEST, problemResponse("The body or a query parameter is invalid: malformed "
				+ "or truncated JSON, values missing or empty, a non-number, NaN, Infinity or a number beyond the "
				+ "double range, ragged arrays, rank above " + limits.getMaxRank()
				+ ", duplicate or unknown members; an unknown, malformed or "
				+ "out-of-range parameter, an axis out of range. The detail says what is wrong; body faults carry a "
				+ "JSON Pointer, parameter faults the parameter's name and what it allows."));
		components.addResponses(UNKNOWN_FUNCTION,
				problemResponse("No function has this name; knownFunctions lists the names and aliases."));
		components.addResponses(NOT_ACCEPTABLE,
				problemResponse("The Accept header allows neither application/json nor application/octet-stream."));
		components.addResponses(UNSUPPORTED_MEDIA_TYPE, problemResponse(
				"The Content-Type is missing, or neither application/json nor application/octet-stream."));
		components.addResponses(UNAUTHORIZED, problemResponse("Only when API keys are configured "
				+ "(activation.security.api-keys): the X-API-Key header is missing or holds no configured key."));
		components.addResponses(TOO_LARGE,
				problemResponse("The body is larger than the service takes (activation.limits.max-body-size, "
						+ bytes(limits.getMaxBodySize()) + "), or holds more values than one request may "
						+ "(activation.limits.max-values, " + String.format(Locale.ROOT, "%,d", limits.getMaxValues())
						+ ")."));
		components.addResponses(OVERLOADED,
				problemResponse("The values being computed at once have reached the "
						+ "service's memory budget; try again after the Retry-After header's seconds.")
					.addHeaderObject("Retry-After",
							new io.swagger.v3.oas.models.headers.Header()
								.description("Seconds to wait before trying again.")
								.schema(typed("integer"))));
		components.addResponses(OUT_OF_RANGE, problemResponse("A true result lies outside the range of a double "
				+ "(the service never answers with infinity or NaN); pointer names the input element responsible."));
	}

	/**
	 * Returns a reference to a schema of the document.
	 * @param name the schema name
	 * @return the reference
	 */
	static Schema<?> ref(String name) {
		return new Schema<>().$ref("#/components/schemas/" + name);
	}

	/**
	 * Returns a reference to a response of the document.
	 * @param name the response name
	 * @return the reference
	 */
	static ApiResponse responseRef(String name) {
		return new ApiResponse().$ref("#/components/responses/" + name);
	}

	/**
	 * Returns an empty schema of one JSON type, written as {@code type} in OpenAPI 3.0
	 * and 3.1 alike.
	 * @param type the JSON type, e.g. {@code "number"}
	 * @return the schema
	 */
	static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.type(type);
		schema.types(Set.of(type));
		return schema;
	}

	private static String bytes(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KiB";
		}
		return bytes + " bytes";
	}

	private static Schema<?> values(LimitsProperties limits) {
		Schema<Object> element = new Schema<>();
		element.oneOf(List.of(typed("number").format("double"), ref(VALUES)));
		return typed("array").items(element)
			.minItems(1)
			.description("A non-empty array of finite numbers, or a rectangular nested array of them of rank up "
					+ "to " + limits.getMaxRank() + "; results are nested like the input.");
	}

	private static Schema<?> problem() {
		return typed("object").description("An RFC 9457 problem; detail says what is wrong and where.")
			.addProperty("type", typed("string").format("uri").description("What kind of problem, as a URI."))
			.addProperty("title", typed("string").description("The kind of problem in words."))
			.addProperty("status", typed("integer").format("int32").description("The HTTP status."))
			.addProperty("detail", typed("string").description("What is wrong, for a person to act on."))
			.addProperty("instance", typed("string").format("uri-reference").description("The request path."))
			.addProperty("pointer",
					typed("string").description("For a body fault or a result out of range: the JSON Pointer "
							+ "of the offending element, e.g. /values/3/1."))
			.addProperty("parameter", typed("string").description("For a parameter fault: its name."))
			.addProperty("allowed", typed("string").description("For a parameter fault: what it allows."))
			.addProperty("knownFunctions",
					typed("array").items(typed("string")).description("For an unknown function: the known names."))
			.required(List.of("type", "title", "status", "detail"));
	}

	private static ApiResponse problemResponse(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM))));
	}

}

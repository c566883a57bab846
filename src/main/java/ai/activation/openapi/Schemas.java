package ai.activation.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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

	/**
	 * The JSON types that {@link #VALUES} is not: every one but {@code array}, written
	 * out because a schema that says {@code type: array} is made a typed list by the
	 * generators (see {@link #values(int)}).
	 */
	private static final List<String> NOT_ARRAY = List.of("null", "boolean", "object", "number", "string");

	/** The request body of {@code POST /activate/{function}}. */
	static final String REQUEST = "ActivationRequest";

	/** The schema of a mask. */
	static final String MASK = "Mask";

	private static final String MASK_TEXT = "Optional, and only for the functions that take a mask (the softmax "
			+ "family, logsumexp, logmeanexp; each operation says what it does; null is as absent): true (or 1) "
			+ "where an element of 'values' takes part, false (or 0) where it is masked, nested as 'values'.";

	/** The request body of {@code POST /activate/{function}/gradient}. */
	static final String GRADIENT_REQUEST = "GradientRequest";

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
		components.addSchemas(VALUES, values(limits.getMaxRank()));
		components.addSchemas(MASK, mask(limits.getMaxRank()));
		components.addSchemas(REQUEST,
				typed("object").description("The values to apply the function to.")
					.addProperty("values", ref(VALUES))
					.addProperty("mask", ref(MASK).description(MASK_TEXT))
					.required(List.of("values"))
					.additionalProperties(false));
		components
			.addSchemas(GRADIENT_REQUEST, typed("object")
				.description("The values X at which the vector-Jacobian product is taken, and the upstream gradient G.")
				.addProperty("values", ref(VALUES))
				.addProperty("grad", ref(VALUES).description("The upstream gradient, with the shape of the output; "
						+ "optional for an elementwise function (ones), required along an axis; with a mask, its "
						+ "elements at masked positions take no part."))
				.addProperty("mask", ref(MASK).description(MASK_TEXT))
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

	/**
	 * The schema of {@code values}: a non-empty array whose elements are all numbers
	 * (rank 1) or all arrays, nested to at most {@code maxRank}, each alternative written
	 * out.
	 * <p>
	 * It says {@code not} the other JSON types rather than {@code type: array}, which is
	 * the same set of values: openapi-generator (7.17 to 7.25, tried with its
	 * {@code java}, {@code typescript-fetch} and {@code python} targets) makes any schema
	 * with {@code type: array} a typed list, {@code List<ValuesInner>} for the recursive
	 * element or a {@code Values} wrapper for the alternatives per rank, into which every
	 * number must be put by hand; with no {@code type} it makes the property
	 * {@code Object}, {@code any} or {@code Any}, which takes and returns plain nested
	 * lists of any rank. That rectangular arrays are not otherwise expressible in JSON
	 * Schema, and the service checks them, is said in the description.
	 * @param maxRank the highest rank
	 * @return the schema
	 */
	@SuppressWarnings("rawtypes") // Schema#oneOf takes a List<Schema>
	static Schema<?> values(int maxRank) {
		List<Schema> ranks = new ArrayList<>();
		ranks.add(typed("number").format("double"));
		Schema<?> rank = typed("number").format("double");
		for (int r = 1; r < maxRank; r++) {
			rank = typed("array").items(rank).minItems(1);
			ranks.add(rank);
		}
		Schema<Object> schema = new Schema<>();
		schema.not(new Schema<>().types(new LinkedHashSet<>(NOT_ARRAY)));
		schema.minItems(1);
		schema.items(new Schema<>().oneOf(ranks));
		return schema.description("A non-empty array of finite numbers (a vector), or a rectangular nested array of "
				+ "them (a matrix, a tensor) of rank up to " + maxRank + ", e.g. [[1, 2, 3], [4, 5, 6]]: every "
				+ "array at one depth has the same length. Results are nested like the input. Generated clients "
				+ "take and return plain lists: a list of numbers for a vector, nested lists for more axes.");
	}

	/**
	 * The schema of {@code mask}: as {@link #values(int)}, with booleans, or the integers
	 * 0 and 1, for elements.
	 * @param maxRank the highest rank
	 * @return the schema
	 */
	@SuppressWarnings("rawtypes") // Schema#oneOf takes a List<Schema>
	static Schema<?> mask(int maxRank) {
		List<Schema> ranks = new ArrayList<>();
		Schema<?> element = new Schema<>()
			.oneOf(List.of(typed("boolean"), typed("integer").minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE)));
		ranks.add(element);
		Schema<?> rank = element;
		for (int r = 1; r < maxRank; r++) {
			rank = typed("array").items(rank).minItems(1);
			ranks.add(rank);
		}
		Schema<Object> schema = new Schema<>();
		schema.not(new Schema<>().types(new LinkedHashSet<>(NOT_ARRAY)));
		schema.minItems(1);
		schema.items(new Schema<>().oneOf(ranks));
		return schema.description("A non-empty array of booleans (or of 0 and 1), or a rectangular nested array of "
				+ "them of rank up to " + maxRank
				+ ", with the shape of 'values', e.g. [[true, false], [true, true]].");
	}

	/**
	 * The RFC 9457 problem, open to members it does not list: RFC 9457 section 3.2 lets a
	 * problem type add extension members and asks clients to ignore those they do not
	 * know, and a generated Java client refuses a body with an unlisted member unless the
	 * schema allows them.
	 */
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
			.required(List.of("type", "title", "status", "detail"))
			.additionalProperties(true);
	}

	private static ApiResponse problemResponse(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM))));
	}

}

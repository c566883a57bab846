package ai.activation.system;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property over real HTTP: whatever a caller sends (JSON-like bodies near and far from
 * valid, random bytes, random query strings, random function names, odd methods and media
 * types), the service never answers 5xx, never shows a trace or a Java name, and answers
 * every 4xx as an RFC 9457 problem. QuickTheories, with a fixed seed so that a failure
 * replays.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileInputFuzzTests {

	private static final long SEED = 0x5EED_F022L;

	private static final int EXAMPLES = 1500;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1.5", "2.5e-3", "1e308",
			"1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "1e-400", "NaN", "Infinity", "-Infinity", "0x10",
			"01", "1.", ".5", "1e", "--1", "+1", "9223372036854775808", "1" + "0".repeat(1200), "0." + "3".repeat(400));

	private static final List<String> KEYS = List.of("values", "Values", "value", "extra", "", "values\u0000", "\"",
			"shape", "dtype");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
			"application/json", "application/json", "application/json; charset=UTF-16", "application/json; charset=x",
			"text/plain", "application/octet-stream", "application/x-www-form-urlencoded",
			"multipart/form-data; boundary=xyz", "application/*", "");

	private static final List<String> ACCEPTS = List.of("", "", "", "*/*", "application/json", "application/xml",
			"application/problem+json", "text/html", "image/png", "garbage");

	private static final List<String> METHODS = List.of("POST", "POST", "POST", "POST", "POST", "POST", "GET", "PUT",
			"DELETE", "PATCH");

	private static final String NAME_CHARACTERS = "abcdelmrstux_-.%/\\~ ;:?#@!$&'()*+,=é\u0000\u202e😀0129";

	@LocalServerPort
	private int port;

	@Test
	void noRequestIsAnsweredWithAServerErrorATraceOrAnythingButAProblemOnA4xx() {
		HttpTestClient client = new HttpTestClient(this.port);
		Map<Integer, Integer> statuses = new TreeMap<>();
		QuickTheory.qt()
			.withFixedSeed(SEED)
			.withExamples(EXAMPLES)
			.withShrinkCycles(50)
			.forAll(new HostileRequests())
			.checkAssert((request) -> {
				HttpResponse<String> response = client.send(request.build(client));
				statuses.merge(response.statusCode(), 1, Integer::sum);
				assertAnsweredSafely(request, response);
			});
		System.out.println("Hostile requests answered, by status: " + statuses);
		// The generator reaches every layer: results, body and parameter problems,
		// unknown
		// functions, wrong methods and media types.
		assertThat(statuses).containsKeys(200, 400, 404, 405, 415);
	}

	@Test
	void noInferRequestIsAnsweredWithAServerErrorATraceOrAnythingButAnErrorObjectOnA4xx() {
		HttpTestClient client = new HttpTestClient(this.port);
		Map<Integer, Integer> statuses = new TreeMap<>();
		QuickTheory.qt()
			.withFixedSeed(SEED)
			.withExamples(EXAMPLES)
			.withShrinkCycles(50)
			.forAll(new HostileInferRequests())
			.checkAssert((request) -> {
				HttpResponse<String> response = client.send(request.build(client));
				statuses.merge(response.statusCode(), 1, Integer::sum);
				assertInferAnsweredSafely(request, response);
			});
		System.out.println("Hostile infer requests answered, by status: " + statuses);
		// The generator reaches results, bad bodies and headers, unknown models and
		// wrong methods.
		assertThat(statuses).containsKeys(200, 400, 404, 405);
	}

	private static void assertInferAnsweredSafely(FuzzRequest request, HttpResponse<String> response) {
		String what = assertNoServerErrorNorTrace(request, response);
		if (response.statusCode() >= 400) {
			assertThat(response.headers().firstValue("Content-Type")).as(what)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode error = json.readTree(response.body());
			assertThat(error.propertyNames()).as(what).containsExactly("error");
			assertThat(error.get("error").asString()).as(what).isNotBlank();
		}
	}

	private static String assertNoServerErrorNorTrace(FuzzRequest request, HttpResponse<String> response) {
		String what = request + " -> " + response.statusCode() + " " + response.body();
		assertThat(response.statusCode()).as(what).isBetween(200, 499);
		assertThat(response.body()).as(what)
			.doesNotContain("Exception", "java.", "jakarta.", "tools.jackson", "springframework", "ai.activation.",
					"\tat ", "<html", "Tomcat");
		return what;
	}

	private static void assertAnsweredSafely(FuzzRequest request, HttpResponse<String> response) {
		String what = assertNoServerErrorNorTrace(request, response);
		if (response.statusCode() >= 400) {
			assertThat(response.headers().firstValue("Content-Type")).as(what)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			if (!"HEAD".equals(request.method())) {
				JsonNode problem = json.readTree(response.body());
				assertThat(problem.get("status").asInt()).as(what).isEqualTo(response.statusCode());
				assertThat(problem.get("detail").asString()).as(what).isNotBlank();
			}
		}
	}

	/** One generated request. */
	record FuzzRequest(String method, String path, String query, String contentType, String accept, String headerLength,
			byte[] body) {

		FuzzRequest(String method, String path, String query, String contentType, String accept, byte[] body) {
			this(method, path, query, contentType, accept, "", body);
		}

		HttpRequest.Builder build(HttpTestClient client) {
			HttpRequest.Builder builder = client.request(this.path + (this.query.isEmpty() ? "" : "?" + this.query));
			if (!this.headerLength.isEmpty()) {
				builder.header("Inference-Header-Content-Length", this.headerLength);
			}
			if (!this.contentType.isEmpty()) {
				builder.header("Content-Type", this.contentType);
			}
			if (!this.accept.isEmpty()) {
				builder.header("Accept", this.accept);
			}
			return builder.method(this.method, HttpRequest.BodyPublishers.ofByteArray(this.body));
		}

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return this.method + " " + this.path + "?" + this.query + " [" + this.contentType + "; accept "
					+ this.accept + "; header length " + this.headerLength + "] "
					+ ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
		}

	}

	/**
	 * Generates requests, most of them close enough to valid to get past the first
	 * checks.
	 */
	static final class HostileRequests implements Gen<FuzzRequest> {

		private final List<String> names = Catalog.names();

		private final List<String> parameters = Stream
			.concat(Catalog.all().stream().flatMap((f) -> f.parameters().stream()).map(Parameter::name),
					Stream.of("axis", "dtype", "shape", "x", "", "alpha[]", "%00"))
			.distinct()
			.toList();

		@Override
		public FuzzRequest generate(RandomnessSource random) {
			String method = pick(random, METHODS);
			String path = "/activate/" + encode(name(random)) + ((below(random, 20) == 0) ? "/extra" : "");
			String query = query(random);
			byte[] body = (below(random, 6) == 0) ? bytes(random)
					: mutate(random, body(random)).getBytes(StandardCharsets.UTF_8);
			return new FuzzRequest(method, path, query, pick(random, CONTENT_TYPES), pick(random, ACCEPTS), body);
		}

		private String name(RandomnessSource random) {
			int kind = below(random, 4);
			if (kind <= 1) {
				String name = pick(random, this.names);
				return (kind == 0) ? name : name.toUpperCase().replace('_', '-');
			}
			return text(random, NAME_CHARACTERS, 12);
		}

		private String query(RandomnessSource random) {
			List<String> pairs = new ArrayList<>();
			for (int i = below(random, 5); i > 0; i--) {
				String key = (below(random, 4) == 0) ? text(random, NAME_CHARACTERS, 6) : pick(random, this.parameters);
				String value = switch (below(random, 4)) {
					case 0 -> text(random, NAME_CHARACTERS, 8);
					case 1 -> Long.toString(random.next(Constraint.between(-20, 20)));
					default -> pick(random, NUMBERS);
				};
				pairs.add(encode(key) + ((below(random, 8) == 0) ? "" : "=" + encode(value)));
			}
			return String.join("&", pairs);
		}

		private String body(RandomnessSource random) {
			if (below(random, 3) > 0) {
				return "{\"values\": " + array(random, 0) + "}";
			}
			return value(random, 0);
		}

		private String value(RandomnessSource random, int depth) {
			int kind = below(random, (depth > 4) ? 5 : 8);
			return switch (kind) {
				case 0, 1 -> pick(random, NUMBERS);
				case 2 -> "\"" + text(random, "aNn1 \\\"", 5) + "\"";
				case 3 -> pick(random, List.of("null", "true", "false", "{}", "[]"));
				case 4 -> "[".repeat(below(random, 40)) + "1";
				case 5, 6 -> array(random, depth + 1);
				default -> object(random, depth + 1);
			};
		}

		private String array(RandomnessSource random, int depth) {
			StringBuilder array = new StringBuilder("[");
			int length = below(random, 7);
			boolean nested = depth < 4 && below(random, 3) == 0;
			int inner = 1 + below(random, 3);
			for (int i = 0; i < length; i++) {
				array.append((i > 0) ? "," : "");
				if (nested) {
					array.append(array(random, depth + 1));
				}
				else {
					array.append((below(random, 10) == 0) ? value(random, depth + 1) : pick(random, NUMBERS));
				}
			}
			return array.append((below(random, 15) == 0) ? "" : "]").toString() + " ".repeat(inner - 1);
		}

		private String object(RandomnessSource random, int depth) {
			StringBuilder object = new StringBuilder("{");
			for (int i = below(random, 3); i > 0; i--) {
				object.append('"').append(pick(random, KEYS)).append("\":").append(value(random, depth));
				object.append((i > 1) ? "," : "");
			}
			return object.append('}').toString();
		}

		private String mutate(RandomnessSource random, String body) {
			if (body.isEmpty() || below(random, 3) > 0) {
				return body;
			}
			int at = below(random, body.length());
			return switch (below(random, 3)) {
				case 0 -> body.substring(0, at);
				case 1 -> body.substring(0, at) + text(random, "{}[],:\"\\ \u0000é😀e-+.", 2) + body.substring(at);
				default -> body + pick(random, List.of(" x", "{}", "]", "\u0000", " 1"));
			};
		}

		private byte[] bytes(RandomnessSource random) {
			byte[] bytes = new byte[below(random, 200)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) random.next(Constraint.between(-128, 127));
			}
			return bytes;
		}

		private static String text(RandomnessSource random, String alphabet, int maxLength) {
			int[] codePoints = alphabet.codePoints().toArray();
			StringBuilder text = new StringBuilder();
			for (int i = below(random, maxLength + 1); i > 0; i--) {
				text.appendCodePoint(codePoints[below(random, codePoints.length)]);
			}
			return text.toString();
		}

		private static <T> T pick(RandomnessSource random, List<T> choices) {
			return choices.get(below(random, choices.size()));
		}

		private static int below(RandomnessSource random, int bound) {
			return (int) random.next(Constraint.between(0, bound - 1));
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
		}

	}

	/**
	 * Generates {@code /v2} infer requests: JSON headers near and far from valid (inputs,
	 * shapes, datatypes, data, parameters, requested outputs, binary flags), mutated,
	 * some followed by binary tensor bytes under an
	 * {@code Inference-Header-Content-Length} that may or may not fit the body.
	 */
	static final class HostileInferRequests implements Gen<FuzzRequest> {

		private static final List<String> DATATYPES = List.of("FP64", "FP32", "FP32", "FP16", "BF16", "INT8", "INT32",
				"UINT64", "BOOL", "BYTES", "fp32", "FLOAT", "");

		private static final List<String> PARAMETERS = List.of("axis", "negative_slope", "alpha", "temperature",
				"binary_data_output", "x", "");

		private static final List<String> SHAPES = List.of("[3]", "[2, 3]", "[1, 1, 3]", "[]", "[0]", "[-1]", "[3, -1]",
				"[2147483648]", "[\"3\"]", "3", "null", "[1.5]");

		private final HostileRequests values = new HostileRequests();

		private final List<String> names = Catalog.names();

		@Override
		public FuzzRequest generate(RandomnessSource random) {
			String model = (HostileRequests.below(random, 8) == 0) ? HostileRequests.text(random, NAME_CHARACTERS, 8)
					: HostileRequests.pick(random, this.names);
			String version = (HostileRequests.below(random, 6) == 0)
					? "/versions/" + HostileRequests.pick(random, List.of("1", "2", "0", "x")) : "";
			String path = "/v2/models/" + HostileRequests.encode(model) + version + "/infer";
			String header = (HostileRequests.below(random, 4) == 0) ? valid(random)
					: this.values.mutate(random, header(random));
			byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
			String headerLength = "";
			byte[] body = headerBytes;
			if (HostileRequests.below(random, 3) == 0) {
				byte[] tensor = HostileRequests.below(random, 2) == 0 ? this.values.bytes(random) : floats(random);
				body = new byte[headerBytes.length + tensor.length];
				System.arraycopy(headerBytes, 0, body, 0, headerBytes.length);
				System.arraycopy(tensor, 0, body, headerBytes.length, tensor.length);
				headerLength = switch (HostileRequests.below(random, 6)) {
					case 0 -> Integer.toString(HostileRequests.below(random, body.length + 10) - 5);
					case 1 -> HostileRequests.pick(random, List.of("x", "", " 1", "1e3", "99999999999999999999"));
					default -> Integer.toString(headerBytes.length);
				};
			}
			String method = HostileRequests.pick(random, List.of("POST", "POST", "POST", "POST", "POST", "GET", "PUT"));
			String contentType = HostileRequests.pick(random,
					List.of("", "", "application/json", "application/octet-stream", "text/plain"));
			return new FuzzRequest(method, path, "", contentType, "", headerLength, body);
		}

		/** A request that gets past every check, so that results are reached too. */
		private static String valid(RandomnessSource random) {
			int length = 2 + 2 * HostileRequests.below(random, 3);
			List<String> data = new ArrayList<>();
			for (int i = 0; i < length; i++) {
				data.add(HostileRequests.pick(random, List.of("0", "-0", "1", "-1.5", "2.5e-3", "-7")));
			}
			return "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + length + "], \"datatype\": \""
					+ HostileRequests.pick(random, List.of("FP64", "FP32", "INT32")) + "\", \"data\": ["
					+ String.join(", ", data) + "]}]}";
		}

		private String header(RandomnessSource random) {
			StringBuilder header = new StringBuilder("{");
			if (HostileRequests.below(random, 4) == 0) {
				header.append("\"id\": ").append(this.values.value(random, 3)).append(", ");
			}
			if (HostileRequests.below(random, 3) == 0) {
				header.append("\"parameters\": {");
				for (int i = HostileRequests.below(random, 3); i > 0; i--) {
					header.append('"')
						.append(HostileRequests.pick(random, PARAMETERS))
						.append("\": ")
						.append(HostileRequests.pick(random,
								List.of("0.1", "-1", "1", "true", "\"max\"", "\"0.5\"", "null", "[1]", "1e400")))
						.append((i > 1) ? ", " : "");
				}
				header.append("}, ");
			}
			header.append("\"inputs\": [");
			for (int i = (HostileRequests.below(random, 8) == 0) ? 2 : 1; i > 0; i--) {
				header.append("{\"name\": ")
					.append(HostileRequests.pick(random, List.of("\"input\"", "\"input\"", "\"x\"", "1")))
					.append(", \"shape\": ")
					.append(HostileRequests.pick(random, SHAPES))
					.append(", \"datatype\": \"")
					.append(HostileRequests.pick(random, DATATYPES))
					.append('"');
				if (HostileRequests.below(random, 3) == 0) {
					header.append(", \"parameters\": {\"binary_data_size\": ")
						.append(HostileRequests.pick(random, List.of("12", "24", "0", "-4", "3", "\"12\"", "1e9")))
						.append('}');
				}
				else {
					header.append(", \"data\": ").append(this.values.array(random, 0));
				}
				header.append((i > 1) ? "}, " : "}");
			}
			header.append(']');
			if (HostileRequests.below(random, 4) == 0) {
				header.append(", \"outputs\": [{\"name\": ")
					.append(HostileRequests.pick(random, List.of("\"output\"", "\"y\"", "7")))
					.append(HostileRequests.pick(random,
							List.of("", ", \"parameters\": {\"binary_data\": true}",
									", \"parameters\": {\"binary_data\": 1}")))
					.append("}]");
			}
			return header.append('}').toString();
		}

		private static byte[] floats(RandomnessSource random) {
			ByteBuffer buffer = ByteBuffer.allocate(4 * HostileRequests.below(random, 8))
				.order(ByteOrder.LITTLE_ENDIAN);
			while (buffer.hasRemaining()) {
				buffer.putFloat(Float
					.intBitsToFloat((int) random.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE))));
			}
			return buffer.array();
		}

	}

}

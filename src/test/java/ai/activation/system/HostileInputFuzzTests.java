package ai.activation.system;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

	private static void assertAnsweredSafely(FuzzRequest request, HttpResponse<String> response) {
		String what = request + " -> " + response.statusCode() + " " + response.body();
		assertThat(response.statusCode()).as(what).isBetween(200, 499);
		assertThat(response.body()).as(what)
			.doesNotContain("Exception", "java.", "jakarta.", "tools.jackson", "springframework", "ai.activation.",
					"\tat ", "<html", "Tomcat");
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
	record FuzzRequest(String method, String path, String query, String contentType, String accept, byte[] body) {

		HttpRequest.Builder build(HttpTestClient client) {
			HttpRequest.Builder builder = client.request(this.path + (this.query.isEmpty() ? "" : "?" + this.query));
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
					+ this.accept + "] " + ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
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

}

package ai.activation.activate;

import ai.activation.HttpTestClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import ai.activation.catalog.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ai.activation.HttpTestClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: every class of bad input gets its stated answer, an RFC 9457
 * problem that says what is wrong and where, and never gives away internals.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActivationProblemsIntegrationTests {

	private static final String BODY_TYPE = "https://activation.ai/problems/invalid-body";

	private static final String PARAMETER_TYPE = "https://activation.ai/problems/invalid-parameter";

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	static Stream<Arguments> badBodies() {
		return Stream.of(Arguments.of("malformed JSON", bytes("{\"values\": [1, 2,}"), "/values/2", "not valid JSON"),
				Arguments.of("truncated JSON", bytes("{\"values\": [1, 2"), "/values/2", "not valid JSON"),
				Arguments.of("an empty body", bytes(""), "", "empty"),
				Arguments.of("a blank body", bytes("  \n "), "", "empty"),
				Arguments.of("a null body", bytes("null"), "", "null"),
				Arguments.of("an array body", bytes("[1, 2]"), "", "object"),
				Arguments.of("values missing", bytes("{}"), "/values", "missing"),
				Arguments.of("values empty", bytes("{\"values\": []}"), "/values", "Empty array"),
				Arguments.of("values holding an empty array", bytes("{\"values\": [[]]}"), "/values/0", "Empty array"),
				Arguments.of("values a number", bytes("{\"values\": 1}"), "/values", "array"),
				Arguments.of("a null element", bytes("{\"values\": [[1, 2], [3, 4], [5, 6], [7, null]]}"),
						"/values/3/1", "null"),
				Arguments.of("a string element", bytes("{\"values\": [[1, 2], [3, \"x\"]]}"), "/values/1/1", "string"),
				Arguments.of("a boolean element", bytes("{\"values\": [true]}"), "/values/0", "boolean"),
				Arguments.of("an object element", bytes("{\"values\": [1, {\"a\": 1}]}"), "/values/1", "object"),
				Arguments.of("a short ragged row", bytes("{\"values\": [[1, 2], [3]]}"), "/values/1", "Ragged"),
				Arguments.of("a long ragged row", bytes("{\"values\": [[1, 2], [3, 4, 5]]}"), "/values/1/2", "Ragged"),
				Arguments.of("a number where an array was", bytes("{\"values\": [[1, 2], 3]}"), "/values/1", "nesting"),
				Arguments.of("an array where a number was", bytes("{\"values\": [1, [3]]}"), "/values/1", "nesting"),
				Arguments.of("a NaN token", bytes("{\"values\": [NaN]}"), "/values/0", "NaN"),
				Arguments.of("an Infinity token", bytes("{\"values\": [1, Infinity]}"), "/values/1", "Infinity"),
				Arguments.of("a -Infinity token", bytes("{\"values\": [1, -Infinity]}"), "/values/1", "Infinity"),
				Arguments.of("NaN as a string", bytes("{\"values\": [\"NaN\"]}"), "/values/0", "string"),
				Arguments.of("Infinity as a string", bytes("{\"values\": [1, \"Infinity\"]}"), "/values/1", "string"),
				Arguments.of("a number beyond the doubles", bytes("{\"values\": [1, 1e400]}"), "/values/1", "1e400"),
				Arguments.of("a duplicate key", bytes("{\"values\": [1], \"values\": [2]}"), "/values", "twice"),
				Arguments.of("an unknown field", bytes("{\"values\": [1], \"extra\": 1}"), "/extra", "extra"),
				Arguments.of("trailing content", bytes("{\"values\": [1]} {}"), "", "after the end"),
				Arguments.of("a trailing token", bytes("{\"values\": [1]} x"), "", "not valid JSON"),
				Arguments.of("invalid UTF-8 in a key",
						new byte[] { '{', '"', 'v', 'a', (byte) 0xff, 'l', '"', ':', '[', '1', ']', '}' }, "", "UTF-8"),
				Arguments.of("invalid UTF-8 as an element",
						new byte[] { '{', '"', 'v', 'a', 'l', 'u', 'e', 's', '"', ':', '[', '1', ',', (byte) 0xc3,
								(byte) 0x28, ']', '}' },
						"/values/1", "not valid JSON"),
				Arguments.of("rank 9 nesting", bytes("{\"values\": [[[[[[[[[1]]]]]]]]]}"), "/values/0/0/0/0/0/0/0/0",
						"maximum rank 8"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badBodies")
	void aBadBodyIsABadRequestThatPointsAtTheFault(String fault, byte[] body, String pointer, String detail) {
		JsonNode problem = assertProblem(this.http.post("/activate/relu", body), 400);
		assertThat(problem.get("type").asString()).isEqualTo(BODY_TYPE);
		assertThat(problem.get("pointer").asString()).isEqualTo(pointer);
		assertThat(problem.get("detail").asString()).containsIgnoringCase(detail);
		assertThat(problem.get("instance").asString()).isEqualTo("/activate/relu");
	}

	@Test
	void anAbsentBodyIsABadRequestThatSaysSo() {
		JsonNode problem = assertProblem(this.http.send(this.http.request("/activate/relu")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())), 400);
		assertThat(problem.get("pointer").asString()).isEmpty();
		assertThat(problem.get("detail").asString()).contains("body is empty");
	}

	@Test
	void rank8NestingIsAccepted() {
		JsonNode result = HttpTestClient
			.assertResult(this.http.post("/activate/relu", "{\"values\": [[[[[[[[-1]]]]]]]]}"));
		ActivationIntegrationTests.assertValues(result, new int[] { 1, 1, 1, 1, 1, 1, 1, 1 }, 0.0);
	}

	@Test
	void anUnknownFunctionIsNotFoundAndListsTheKnownNames() {
		JsonNode problem = assertProblem(this.http.post("/activate/nope", "{\"values\": [1]}"), 404);
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/unknown-function");
		assertThat(problem.get("detail").asString()).contains("'nope'", "relu", "leaky_relu", "swish");
		assertThat(problem.get("knownFunctions").values().stream().map(JsonNode::asString).toList())
			.containsExactlyElementsOf(Catalog.names());
	}

	@Test
	void anUnknownFunctionIsNotFoundEvenWhenTheBodyIsBad() {
		assertProblem(this.http.post("/activate/nope", "{\"values\": [1,"), 404);
	}

	static Stream<Arguments> badParameters() {
		return Stream.of(Arguments.of("leaky_relu?slope=0.2", "slope", "negative_slope", "no parameter 'slope'"),
				Arguments.of("sigmoid?alpha=1", "alpha", "takes no parameters", "takes no parameters"),
				Arguments.of("softmax?axis=0&axis=1", "axis", "[-rank, rank)", "given 2 times"),
				Arguments.of("leaky_relu?negative_slope=abc", "negative_slope", "(-inf, inf)", "'abc'"),
				Arguments.of("leaky_relu?negative_slope=", "negative_slope", "(-inf, inf)", "plain decimal"),
				Arguments.of("leaky_relu?negative_slope=0x10", "negative_slope", "(-inf, inf)", "plain decimal"),
				Arguments.of("leaky_relu?negative_slope=1e400", "negative_slope", "(-inf, inf)", "finite"),
				Arguments.of("leaky_relu?negative_slope=Infinity", "negative_slope", "(-inf, inf)", "plain decimal"),
				Arguments.of("softmax?temperature=0", "temperature", "(0, inf)", "(0, inf)"),
				Arguments.of("softmax?temperature=-1", "temperature", "(0, inf)", "(0, inf)"),
				Arguments.of("softmax?temperature=NaN", "temperature", "(0, inf)", "'NaN'"),
				Arguments.of("softmax?axis=1.5", "axis", "[-rank, rank)", "integer"),
				Arguments.of("softmax?axis=1", "axis", "[-rank, rank)", "[-1, 1)"),
				Arguments.of("softmax?axis=-2", "axis", "[-rank, rank)", "[-1, 1)"),
				Arguments.of("softmax?axis=99999999999", "axis", "[-rank, rank)", "integer"),
				Arguments.of("celu?alpha=0", "alpha", "except 0", "except 0"),
				Arguments.of("hardshrink?lambda=-0.5", "lambda", "[0, inf)", "[0, inf)"),
				Arguments.of("gelu?approximate=sigmoid", "approximate", "one of none, tanh", "'sigmoid'"),
				Arguments.of("rrelu?lower=0.5&upper=0.1", "lower", "lower <= upper", "lower <= upper"),
				Arguments.of("hardtanh?min_val=2", "min_val", "min_val <= max_val", "min_val <= max_val"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badParameters")
	void aBadParameterIsABadRequestThatNamesItAndWhatItAllows(String query, String parameter, String allowed,
			String detail) {
		JsonNode problem = assertProblem(this.http.post("/activate/" + query, "{\"values\": [1, 2]}"), 400);
		assertThat(problem.get("type").asString()).isEqualTo(PARAMETER_TYPE);
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
		assertThat(problem.get("allowed").asString()).contains(allowed);
		assertThat(problem.get("detail").asString()).contains(detail);
	}

	@Test
	void aBadParameterIsReportedBeforeTheBodyIsRead() {
		JsonNode problem = assertProblem(this.http.post("/activate/softmax?temperature=0", "{\"values\": [1,"), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("temperature");
	}

	@Test
	void regluAlongAnAxisOfOddLengthIsABadRequestNamingTheAxisAndItsLength() {
		JsonNode problem = assertProblem(this.http.post("/activate/reglu", "{\"values\": [1, 2, 3]}"), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("axis");
		assertThat(problem.get("axisLength").asInt()).isEqualTo(3);
		assertThat(problem.get("detail").asString()).contains("axis -1", "even", "3");
	}

	@Test
	void gluAlongAnAxisOfOddLengthIsABadRequestNamingTheAxisAndItsLength() {
		JsonNode problem = assertProblem(this.http.post("/activate/glu", "{\"values\": [[[1, 2, 3], [4, 5, 6]]]}"),
				400);
		assertThat(problem.get("parameter").asString()).isEqualTo("axis");
		assertThat(problem.get("axis").asInt()).isEqualTo(-1);
		assertThat(problem.get("axisLength").asInt()).isEqualTo(3);
		assertThat(problem.get("detail").asString()).contains("axis -1", "even", "3");
		JsonNode alongFirst = assertProblem(this.http.post("/activate/glu?axis=0", "{\"values\": [[1, 2]]}"), 400);
		assertThat(alongFirst.get("axisLength").asInt()).isEqualTo(1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

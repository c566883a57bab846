package ai.activation.inference;

import ai.activation.RawHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over a raw socket: the errors that Tomcat, the limits filter and Spring MVC
 * decide before the inference controller runs come, under {@code /v2}, as the protocol's
 * {@code {"error"}} body and not as {@code application/problem+json}; the same requests
 * under {@code /activate} stay problems.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "activation.limits.max-body-size=1KB")
class InferenceServerErrorsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String INFER = "/v2/models/relu/infer";

	private static final String BODY = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1], \"datatype\": \"FP64\", "
			+ "\"data\": [1]}]}";

	@LocalServerPort
	private int port;

	@Test
	void badPercentEncodingInThePathIsA400Error() {
		assertError(get("/v2/models/re%zzlu"), 400);
		assertError(get("/v2/models/a%2Fb"), 400);
		assertProblem(get("/activate/re%zzlu"), 400);
	}

	@Test
	void headersAboveTheLimitAreA431Error() {
		String padding = "X-Padding: " + "a".repeat(9000) + "\r\n";
		assertThat(assertError(
				exchange("GET /v2 HTTP/1.1\r\nHost: localhost\r\n" + padding + "Connection: close\r\n\r\n"), 431))
			.contains("headers");
		assertProblem(exchange("GET /activate HTTP/1.1\r\nHost: localhost\r\n" + padding + "Connection: close\r\n\r\n"),
				431);
	}

	@Test
	void aBodyAboveTheLimitIsA413Error() {
		assertError(exchange("POST " + INFER + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 5000\r\nConnection: close\r\n\r\n"), 413);
	}

	@Test
	void aMethodTheEndpointDoesNotTakeIsA405Error() {
		assertError(exchange("DELETE " + INFER + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405);
		assertError(exchange("POST /v2/health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
				+ "Connection: close\r\n\r\n"), 405);
	}

	@Test
	void anAcceptTheEndpointCannotAnswerIsA406Error() {
		assertError(exchange("GET /v2/models/relu HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n"
				+ "Connection: close\r\n\r\n"), 406);
	}

	@ParameterizedTest
	@CsvSource({ "application/*", "json", "'application/json;;='" })
	void aMalformedOrWildcardContentTypeIsA415Error(String type) {
		assertError(exchange("POST " + INFER + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY), 415);
	}

	@Test
	void anUnknownPathUnderV2IsA404Error() {
		assertError(get("/v2/nothing/here"), 404);
	}

	private RawHttpClient.Response get(String path) {
		return exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
	}

	private RawHttpClient.Response exchange(String request) {
		return new RawHttpClient(this.port).exchange(request);
	}

	private static String assertError(RawHttpClient.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).doesNotContain("Exception", "java.", "<html", "Tomcat");
		JsonNode body = json.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("error");
		assertThat(body.get("error").asString()).isNotBlank();
		return body.get("error").asString();
	}

	private static void assertProblem(RawHttpClient.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

}

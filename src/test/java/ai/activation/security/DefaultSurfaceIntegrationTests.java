package ai.activation.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.HttpTestClient;
import ai.activation.RawHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP with the shipped defaults: what a caller sees of the surface
 * (headers, CORS, authentication, the default limits on size) and that no path reaches
 * anything but a 4xx problem.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DefaultSurfaceIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String VALUES = "{\"values\": [-1, 2]}";

	@LocalServerPort
	private int port;

	@Test
	void computationsNeedNoKeyByDefault() {
		HttpTestClient.assertResult(client().post("/activate/relu", VALUES));
	}

	@Test
	void resultsAndProblemsCarryNoSniffAndNoStoreAndNoServerBanner() {
		for (HttpResponse<String> response : new HttpResponse[] { client().post("/activate/relu", VALUES),
				client().get("/activate"), client().post("/activate/relu", "{"), client().get("/nope"),
				client().get("/activate/a%2Fb") }) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString())
				.hasValue("nosniff");
			assertThat(response.headers().firstValue("Cache-Control")).as(response.uri().toString())
				.hasValue("no-store");
			assertThat(response.headers().firstValue("Server")).as(response.uri().toString()).isEmpty();
		}
	}

	@Test
	void aPreflightFromAnyOriginIsForbiddenByDefault() {
		HttpResponse<String> response = client().send(client().request("/activate/relu")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "POST"));
		HttpTestClient.assertProblem(response, 403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void aCrossOriginReadIsForbiddenByDefault() {
		HttpResponse<String> response = client()
			.send(client().request("/activate").header("Origin", "https://app.example").GET());
		HttpTestClient.assertProblem(response, 403);
	}

	@Test
	void aContentLengthAboveTheDefault64MiBIsContentTooLarge() {
		RawHttpClient.Response response = raw().exchange("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + (64L * 1024 * 1024 + 1) + "\r\n\r\n");
		assertThat(problem(response, 413).get("maxBodySize").asLong()).isEqualTo(64L * 1024 * 1024);
	}

	@Test
	void headersAboveTheDefault8KiBAreRequestHeaderFieldsTooLarge() {
		RawHttpClient.Response response = raw().exchange("GET /activate HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
				+ "a".repeat(9000) + "\r\nConnection: close\r\n\r\n");
		assertThat(problem(response, 431).get("detail").asString()).contains("headers");
	}

	@Test
	void aRequestLineAboveTheDefault8KiBIsUriTooLong() {
		RawHttpClient.Response response = raw().exchange(
				"GET /activate?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(problem(response, 414).get("detail").asString()).contains("request line");
	}

	@Test
	void aQueryParameterWithoutANameIsABadRequest() {
		HttpTestClient.assertProblem(client().post("/activate/relu?=14", VALUES), 400);
	}

	@Test
	void aWildcardOrMalformedContentTypeIsUnsupported() {
		for (String type : new String[] { "application/*", "*/*", "json", "application/json;;=" }) {
			HttpResponse<String> response = client().send(client().request("/activate/nope")
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
			HttpTestClient.assertProblem(response, 415);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/activate/..%2F..%2Factuator%2Fenv", "/activate/..%2f..%2factuator%2fenv",
			"/activate/%2e%2e/%2e%2e/actuator/env", "/activate/../actuator/env", "/activate/..;/actuator/env",
			"/activate/relu/..%2F..%2F..%2Factuator%2Fenv", "/actuator;/env", "/%61ctuator/env", "/actuator/env",
			"/activate/%2e%2e%2f%2e%2e%2factuator%2fheapdump", "/activate/..%5C..%5Cactuator%5Cenv",
			"/activate/%252e%252e%252factuator%252fenv", "/./actuator/./env", "//actuator//env" })
	void aTraversalTowardsActuatorReachesNothingButAProblem(String path) {
		for (String method : new String[] { "GET", "POST" }) {
			RawHttpClient.Response response = raw().exchange(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
			assertThat(response.status()).as(method + " " + path + ": " + response.body()).isBetween(400, 499);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("Exception", "java.", "<html", "activeProfiles",
					"propertySources");
		}
	}

	private static JsonNode problem(RawHttpClient.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Server")).isNull();
		assertThat(response.body()).doesNotContain("Exception", "java.", "<html", "Tomcat");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return problem;
	}

	private RawHttpClient raw() {
		return new RawHttpClient(this.port);
	}

	private HttpTestClient client() {
		return new HttpTestClient(this.port);
	}

}

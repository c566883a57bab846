package ai.activation.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP with two API keys and one allowed origin configured.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "activation.security.api-keys=first-key-0123456789,second-key-9876543210",
				"activation.cors.allowed-origins=https://app.example" })
class ApiKeyAndCorsIntegrationTests {

	private static final String VALUES = "{\"values\": [-1, 2]}";

	private static final String ALLOWED = "https://app.example";

	@LocalServerPort
	private int port;

	@Test
	void aComputationWithoutAKeyIsUnauthorizedWithAChallenge() {
		HttpResponse<String> response = client().post("/activate/relu", VALUES);
		JsonNode problem = HttpTestClient.assertProblem(response, 401);
		assertThat(problem.get("detail").asString()).contains("X-API-Key");
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void aWrongKeyIsUnauthorizedAndSaysNothingOfTheRightOnes() {
		for (String wrong : new String[] { "first-key-012345678", "first-key-0123456789x", "FIRST-KEY-0123456789",
				"" }) {
			HttpResponse<String> response = post("/activate/relu", wrong);
			JsonNode problem = HttpTestClient.assertProblem(response, 401);
			assertThat(problem.get("detail").asString()).contains("not valid").doesNotContain("first-key", "second");
		}
	}

	@Test
	void eitherConfiguredKeyIsAccepted() {
		for (String key : new String[] { "first-key-0123456789", "second-key-9876543210" }) {
			JsonNode result = HttpTestClient.assertResult(post("/activate/relu", key));
			assertThat(result.get("values").get(0).asDouble()).isEqualTo(0.0);
			assertThat(result.get("values").get(1).asDouble()).isEqualTo(2.0);
		}
	}

	@Test
	void theKeyIsCheckedBeforeTheFunctionOrBodyIsLookedAt() {
		HttpTestClient.assertProblem(client().post("/activate/nope", "not json"), 401);
	}

	@Test
	void theCatalogIsReadableWithoutAKey() {
		HttpTestClient.assertResult(client().get("/activate"));
		HttpTestClient.assertResult(client().get("/activate/relu"));
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithItsPermissions() {
		HttpResponse<String> response = client().send(client().request("/activate/relu")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", ALLOWED)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type, x-api-key"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying((methods) -> assertThat(methods).contains("POST"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValueSatisfying((headers) -> assertThat(headers.toLowerCase()).contains("x-api-key"));
	}

	@Test
	void aPreflightFromAnotherOriginIsForbidden() {
		HttpResponse<String> response = client().send(client().request("/activate/relu")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST"));
		HttpTestClient.assertProblem(response, 403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void aCrossOriginCallFromAnAllowedOriginCarriesTheAllowOriginHeader() {
		HttpResponse<String> response = client().send(client().request("/activate/relu")
			.header("Content-Type", "application/json")
			.header("Origin", ALLOWED)
			.header("X-API-Key", "second-key-9876543210")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
		HttpTestClient.assertResult(response);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
				(exposed) -> assertThat(exposed.split(",\\s*")).contains("Activation-Overflow-Avoided", "Retry-After"));
	}

	@Test
	void aCrossOriginCallFromAnotherOriginIsForbiddenEvenWithAKey() {
		HttpResponse<String> response = client().send(client().request("/activate/relu")
			.header("Content-Type", "application/json")
			.header("Origin", "https://app.example.evil.example")
			.header("X-API-Key", "second-key-9876543210")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
		HttpTestClient.assertProblem(response, 403);
	}

	private HttpResponse<String> post(String path, String key) {
		return client().send(client().request(path)
			.header("Content-Type", "application/json")
			.header("X-API-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
	}

	private HttpTestClient client() {
		return new HttpTestClient(this.port);
	}

}

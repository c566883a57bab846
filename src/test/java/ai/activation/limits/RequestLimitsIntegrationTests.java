package ai.activation.limits;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.HttpTestClient;
import ai.activation.RawHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP, with small limits so that each is cheap to reach: every
 * limit is answered with its status as an RFC 9457 problem, and the service answers the
 * next request normally.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "activation.limits.max-body-size=4KB",
		"activation.limits.max-values=100", "activation.limits.max-rank=3" })
class RequestLimitsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void aContentLengthAboveTheLimitIsRefusedBeforeTheBodyIsSent() {
		RawHttpClient.Response response = raw().exchange("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 4097\r\n\r\n");
		JsonNode problem = problem(response, 413);
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/body-too-large");
		assertThat(problem.get("maxBodySize").asLong()).isEqualTo(4096);
		assertThat(problem.get("instance").asString()).isEqualTo("/activate/relu");
		assertThat(response.header("Connection")).isEqualTo("close");
		assertServiceStillAnswers();
	}

	@Test
	void aChunkedBodyAboveTheLimitIsRefusedWithoutWaitingForItsEnd() {
		String head = "POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n";
		// Whitespace is valid JSON, so only the byte count can stop this body; its last
		// chunk is never sent.
		RawHttpClient.Response response = raw().exchange(head.getBytes(StandardCharsets.ISO_8859_1),
				RawHttpClient.chunk("{\"values\": [1"), RawHttpClient.chunk(" ".repeat(3000)),
				RawHttpClient.chunk(" ".repeat(3000)));
		JsonNode problem = problem(response, 413);
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/body-too-large");
		assertThat(response.header("Connection")).isEqualTo("close");
		assertServiceStillAnswers();
	}

	@Test
	void aChunkedBodyWithinTheLimitIsAnswered() {
		String head = "POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
		RawHttpClient.Response response = raw().exchange(head.getBytes(StandardCharsets.ISO_8859_1),
				RawHttpClient.chunk("{\"values\": [-1.5,"), RawHttpClient.chunk(" ".repeat(3000) + "2.5]}"),
				"0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"function\":\"relu\",\"shape\":[2],\"values\":[0.0,2.5]}");
	}

	@Test
	void moreValuesThanTheMaximumAreContentTooLarge() {
		HttpTestClient client = new HttpTestClient(this.port);
		JsonNode problem = HttpTestClient.assertProblem(client.post("/activate/relu", values(101)), 413);
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/too-many-values");
		assertThat(problem.get("maxValues").asInt()).isEqualTo(100);
		JsonNode result = HttpTestClient.assertResult(client.post("/activate/relu", values(100)));
		assertThat(result.get("shape").get(0).asInt()).isEqualTo(100);
		assertThat(result.get("values").get(99).asDouble()).isEqualTo(99.0);
	}

	@Test
	void aRankAboveTheConfiguredMaximumIsABadRequestWithItsPointer() {
		HttpTestClient client = new HttpTestClient(this.port);
		JsonNode problem = HttpTestClient.assertProblem(client.post("/activate/relu", "{\"values\": [[[[1]]]]}"), 400);
		assertThat(problem.get("detail").asString()).contains("maximum rank 3");
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/0/0/0");
	}

	@Test
	void aBinaryShapeAboveTheConfiguredMaximumRankIsABadRequestNamingShape() {
		HttpTestClient client = new HttpTestClient(this.port);
		HttpResponse<String> fourDimensions = client.send(client.request("/activate/relu?shape=1,1,1,1")
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8])));
		JsonNode problem = HttpTestClient.assertProblem(fourDimensions, 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("shape");
		assertThat(problem.get("detail").asString()).contains("at most 3 dimensions");
		assertThat(problem.get("allowed").asString()).startsWith("1 to 3 ");
		HttpResponse<String> threeDimensions = client.send(client.request("/activate/relu?shape=1,1,1")
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8])));
		assertThat(HttpTestClient.assertResult(threeDimensions).get("shape").toString()).isEqualTo("[1,1,1]");
	}

	@Test
	void aNestingBombIsABadRequest() {
		HttpTestClient client = new HttpTestClient(this.port);
		String bomb = "{\"values\": " + "[".repeat(2000) + "1" + "]".repeat(2000) + "}";
		HttpTestClient.assertProblem(client.post("/activate/relu", bomb), 400);
	}

	@Test
	void aNumberLongerThanTheMaximumIsABadRequest() {
		HttpTestClient client = new HttpTestClient(this.port);
		JsonNode problem = HttpTestClient
			.assertProblem(client.post("/activate/relu", "{\"values\": [1" + "0".repeat(1000) + "]}"), 400);
		assertThat(problem.get("detail").asString()).contains("Number value length (1001)")
			.doesNotContain("StreamReadConstraints");
	}

	private void assertServiceStillAnswers() {
		HttpTestClient.assertResult(new HttpTestClient(this.port).post("/activate/relu", "{\"values\": [1]}"));
	}

	private RawHttpClient raw() {
		return new RawHttpClient(this.port);
	}

	private static String values(int count) {
		StringBuilder body = new StringBuilder("{\"values\": [");
		for (int i = 0; i < count; i++) {
			body.append((i > 0) ? "," : "").append(i);
		}
		return body.append("]}").toString();
	}

	static JsonNode problem(RawHttpClient.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception", "java.", "<html", "Tomcat");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

}

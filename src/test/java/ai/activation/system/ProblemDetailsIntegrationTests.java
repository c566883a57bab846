package ai.activation.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: the errors Spring MVC and Tomcat raise themselves are RFC
 * 9457 problems too, never a whitelabel or HTML page, a trace or a class name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProblemDetailsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String VALUES = "{\"values\": [1, 2]}";

	@LocalServerPort
	private int port;

	@Test
	void putAndDeleteOnAFunctionAreMethodNotAllowed() throws Exception {
		HttpResponse<String> put = send(request("/activate/relu").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(VALUES)));
		assertThat(problem(put, 405).get("detail").asString()).contains("PUT");
		assertThat(put.headers().firstValue("Allow")).hasValueSatisfying((allow) -> assertThat(allow).contains("POST"));
		HttpResponse<String> delete = send(request("/activate/relu").DELETE());
		assertThat(problem(delete, 405).get("detail").asString()).contains("DELETE");
	}

	@Test
	void postOnTheListingIsMethodNotAllowed() throws Exception {
		problem(send(request("/activate").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES))), 405);
	}

	@Test
	void aBodyInTextPlainIsAnUnsupportedMediaType() throws Exception {
		HttpResponse<String> response = send(request("/activate/relu").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
		assertThat(problem(response, 415).get("detail").asString()).contains("text/plain");
	}

	@Test
	void aBodyWithoutContentTypeIsAnUnsupportedMediaType() throws Exception {
		problem(send(request("/activate/relu").POST(HttpRequest.BodyPublishers.ofString(VALUES))), 415);
	}

	@Test
	void acceptingOnlyXmlIsNotAcceptableButStillAnsweredAsProblemJson() throws Exception {
		HttpResponse<String> response = send(request("/activate/relu").header("Content-Type", "application/json")
			.header("Accept", "application/xml")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
		assertThat(problem(response, 406).get("detail").asString()).contains("application/json");
		problem(send(request("/activate").header("Accept", "application/xml").GET()), 406);
	}

	@Test
	void aProblemIsProblemJsonEvenWhenTheClientAcceptsOnlyJson() throws Exception {
		HttpResponse<String> response = send(request("/activate/nope").header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES)));
		problem(response, 404);
	}

	@Test
	void anUnknownPathIsNotFound() throws Exception {
		JsonNode problem = problem(send(request("/nope").GET()), 404);
		assertThat(problem.get("detail").asString()).contains("GET /nope");
		assertThat(problem.get("instance").asString()).isEqualTo("/nope");
		problem(send(request("/activate/relu/extra").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES))), 404);
	}

	@Test
	void theErrorPathItselfAnswersAProblemAndNoWhitelabelPage() throws Exception {
		JsonNode problem = problem(send(request("/error").GET()), 404);
		assertThat(problem.get("instance").asString()).isEqualTo("/error");
	}

	@Test
	void problemTypesOfTheFeaturesAreAbsoluteUris() throws Exception {
		JsonNode problem = problem(send(request("/activate/relu?x=1").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(VALUES))), 400);
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/invalid-parameter");
	}

	@Test
	void aUriThatTomcatRejectsIsABadRequestProblem() throws Exception {
		String response = raw("GET /activate/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).doesNotContain("<html", "Exception", "java.", "Tomcat");
		JsonNode problem = json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	@Test
	void anEncodedSlashIsABadRequestProblem() throws Exception {
		HttpResponse<String> response = send(request("/activate/a%2Fb").GET());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain("<html", "Exception", "java.");
		assertThat(json.readTree(response.body()).get("instance").asString()).isEqualTo("/activate/a%2Fb");
	}

	private HttpRequest.Builder request(String path) {
		return new HttpTestClient(this.port).request(path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return new HttpTestClient(this.port).send(request);
	}

	/** Sends bytes the JDK client refuses to send, such as a malformed request target. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static JsonNode problem(HttpResponse<String> response, int status) {
		return HttpTestClient.assertProblem(response, status);
	}

}

package ai.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the service over real HTTP with the JDK client, and checks the parts every
 * answer shares; shared by the end-to-end tests of every feature.
 */
public final class HttpTestClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	public HttpTestClient(int port) {
		this("localhost", port);
	}

	public HttpTestClient(String host, int port) {
		this.base = "http://" + host + ":" + port;
	}

	public HttpResponse<String> post(String path, String body) {
		return post(path, body.getBytes(StandardCharsets.UTF_8));
	}

	public HttpResponse<String> post(String path, byte[] body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.client.send(request.build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/**
	 * Checks that a response is a 200 JSON result and returns its body.
	 */
	public static JsonNode assertResult(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		return json(response);
	}

	/**
	 * Checks that a response is an RFC 9457 problem with the given status that gives
	 * nothing of the internals away, and returns its body.
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception", "at ai.activation", "java.", "<html");
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").asString()).isNotBlank();
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.get("instance").asString()).startsWith("/");
		return problem;
	}

}

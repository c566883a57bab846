package ai.activation.limits;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP with a budget of two maximum-size requests: a request past it
 * is answered 503 with {@code Retry-After}, never with a wrong result, and the service
 * answers normally once the load is gone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "activation.limits.max-values=20000",
		"activation.limits.in-flight-values=40000", "activation.limits.retry-after=2s" })
class OverloadIntegrationTests {

	private static final int MAX_VALUES = 20_000;

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private InFlightValues inFlight;

	@Test
	void aRequestPastTheBudgetIsServiceUnavailableUntilTheRequestsHoldingItFinish() throws Exception {
		byte[] body = body(MAX_VALUES, 0).getBytes(StandardCharsets.US_ASCII);
		int withheld = 2; // "]}": the server has read every value but waits for the end
		try (Socket first = new Socket("localhost", this.port); Socket second = new Socket("localhost", this.port)) {
			for (Socket socket : List.of(first, second)) {
				socket.setSoTimeout((int) PATIENCE.toMillis());
				OutputStream out = socket.getOutputStream();
				out.write(head(body.length).getBytes(StandardCharsets.US_ASCII));
				out.write(body, 0, body.length - withheld);
				out.flush();
			}
			awaitInUse(() -> this.inFlight.inUse(), 2L * MAX_VALUES);

			HttpResponse<String> refused = client().post("/activate/relu", body(300, 0));
			JsonNode problem = HttpTestClient.assertProblem(refused, 503);
			assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/overloaded");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");

			for (Socket socket : List.of(first, second)) {
				socket.getOutputStream().write(body, body.length - withheld, withheld);
				socket.getOutputStream().flush();
				String response = readAll(socket.getInputStream());
				assertThat(response).startsWith("HTTP/1.1 200");
				assertThat(response).contains("\"shape\":[" + MAX_VALUES + "]");
			}
		}
		awaitInUse(() -> this.inFlight.inUse(), 0);
		assertRelu(client().post("/activate/relu", body(300, 0)), 300, 0);
	}

	@Test
	void manyConcurrentMaximumSizeRequestsAreEachAnsweredCorrectlyOrRefused() throws Exception {
		int requests = 16;
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				int offset = i;
				answers.add(pool.submit(() -> client().post("/activate/relu", body(MAX_VALUES, offset))));
			}
			for (int i = 0; i < requests; i++) {
				HttpResponse<String> response = answers.get(i).get();
				if (response.statusCode() == 503) {
					HttpTestClient.assertProblem(response, 503);
					assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
				}
				else {
					assertRelu(response, MAX_VALUES, i);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		awaitInUse(() -> this.inFlight.inUse(), 0);
		assertRelu(client().post("/activate/relu", body(MAX_VALUES, 99)), MAX_VALUES, 99);
	}

	/**
	 * {"values": [x_0, ...]} with x_i = i - n/2 + offset + 0.5, half of them negative.
	 */
	private static String body(int count, int offset) {
		StringBuilder body = new StringBuilder("{\"values\": [");
		for (int i = 0; i < count; i++) {
			body.append((i > 0) ? "," : "").append(x(i, count, offset));
		}
		return body.append("]}").toString();
	}

	private static double x(int i, int count, int offset) {
		return i - count / 2 + offset + 0.5;
	}

	private static void assertRelu(HttpResponse<String> response, int count, int offset) {
		JsonNode values = HttpTestClient.assertResult(response).get("values");
		assertThat(values.size()).isEqualTo(count);
		for (int i = 0; i < count; i++) {
			assertThat(values.get(i).asDouble()).as("relu at %d", i).isEqualTo(Math.max(0.0, x(i, count, offset)));
		}
	}

	private static String head(int length) {
		return "POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Connection: close\r\nContent-Length: " + length + "\r\n\r\n";
	}

	private static String readAll(InputStream in) throws Exception {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static void awaitInUse(LongSupplier inUse, long expected) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (inUse.getAsLong() != expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(inUse.getAsLong()).isEqualTo(expected);
	}

	private HttpTestClient client() {
		return new HttpTestClient(this.port);
	}

}

package ai.activation.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM, as {@code docker stop} and the kubelet send it, lets a request in flight
 * finish: the request's body is still arriving when the signal is sent, and the rest of
 * it is sent only once the service has logged that its graceful shutdown began. Skipped
 * where no Docker engine is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
class GracefulShutdownIT {

	/** Logged by a request thread of the API port once its request reached Spring MVC. */
	private static final Pattern API_REQUEST_IN_SERVLET = Pattern
		.compile("nio-" + ServiceImage.API_PORT + "-exec-\\d+\\].*Completed initialization");

	/** Spring Boot's log line when SIGTERM starts the graceful shutdown. */
	private static final Pattern SHUTDOWN_STARTED = Pattern.compile("Commencing graceful shutdown");

	private static final String SHUTDOWN_COMPLETE = "Graceful shutdown complete";

	/**
	 * 128 + SIGTERM: the JVM ended because of the signal, after its shutdown hooks ran.
	 */
	private static final long EXIT_CODE_AFTER_SIGTERM = 143;

	/** Generous bounds for a loaded two-core machine; they only stop a hung test. */
	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Container
	private final GenericContainer<?> service = ServiceImage.container();

	@Test
	void requestInFlightWhenSigtermArrivesShouldFinishWithItsAnswer() throws Exception {
		try (Socket socket = new Socket(this.service.getHost(), this.service.getMappedPort(ServiceImage.API_PORT))) {
			socket.setSoTimeout((int) PATIENCE.toMillis());
			OutputStream out = socket.getOutputStream();
			// A chunked body, so the request is in the servlet, reading, while the body
			// is
			// still on its way.
			send(out, "POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
			sendChunk(out, "{\"values\": [-1.5, 2.5, ");
			awaitLog(API_REQUEST_IN_SERVLET);

			DockerClientFactory.instance()
				.client()
				.killContainerCmd(this.service.getContainerId())
				.withSignal("TERM")
				.exec();
			awaitShutdownStarted();

			sendChunk(out, "-0.5, 4]}");
			send(out, "0\r\n\r\n");
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200 ");
			JsonNode result = json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
			assertThat(result.get("values").values().stream().map(JsonNode::doubleValue)).containsExactly(0.0, 2.5, 0.0,
					4.0);
		}
		InspectContainerResponse.ContainerState state = awaitExit();
		assertThat(state.getExitCodeLong()).isEqualTo(EXIT_CODE_AFTER_SIGTERM);
		assertThat(this.service.getLogs()).contains(SHUTDOWN_COMPLETE);
	}

	private static void send(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sendChunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		send(out, Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n");
	}

	private void awaitLog(Pattern line) throws InterruptedException {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (!line.matcher(this.service.getLogs()).find()) {
			assertThat(Instant.now()).as("'%s' logged in time", line).isBefore(deadline);
			Thread.sleep(50);
		}
	}

	/**
	 * Until the service logs that its graceful shutdown began or, were the shutdown not
	 * graceful, its container has stopped.
	 */
	private void awaitShutdownStarted() throws InterruptedException {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (!SHUTDOWN_STARTED.matcher(this.service.getLogs()).find() && state().getRunning()) {
			assertThat(Instant.now()).as("shutdown started in time").isBefore(deadline);
			Thread.sleep(50);
		}
	}

	private InspectContainerResponse.ContainerState awaitExit() throws InterruptedException {
		Instant deadline = Instant.now().plus(PATIENCE);
		InspectContainerResponse.ContainerState state = state();
		while (state.getRunning()) {
			assertThat(Instant.now()).as("the container stopped in time").isBefore(deadline);
			Thread.sleep(100);
			state = state();
		}
		return state;
	}

	private InspectContainerResponse.ContainerState state() {
		return DockerClientFactory.instance()
			.client()
			.inspectContainerCmd(this.service.getContainerId())
			.exec()
			.getState();
	}

}

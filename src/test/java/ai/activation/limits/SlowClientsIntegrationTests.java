package ai.activation.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import ai.activation.RawHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients over real sockets, with a request thread pool of 40 so that a few hundred
 * connections outnumber it cheaply: bodies that trickle in are cut off with 408 (or 503
 * when every place for waiting bodies is taken) and their connections closed, idle
 * keep-alive connections are closed after the keep-alive timeout, and meanwhile every
 * normal request is answered 200 within 1 s. Whatever a cut-off request reserved is given
 * back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=" + SlowClientsIntegrationTests.THREADS,
				"server.tomcat.keep-alive-timeout=2s",
				"server.tomcat.max-keep-alive-requests=" + SlowClientsIntegrationTests.MAX_KEEP_ALIVE_REQUESTS,
				"activation.limits.max-waiting-bodies=" + SlowClientsIntegrationTests.MAX_WAITING_BODIES,
				"activation.limits.body-grace-period=2s", "activation.limits.min-body-rate=1KB" })
class SlowClientsIntegrationTests {

	static final int THREADS = 40;

	static final int MAX_WAITING_BODIES = 20;

	static final int MAX_KEEP_ALIVE_REQUESTS = 3;

	private static final int CONNECTIONS = 300;

	private static final Duration GRACE = Duration.ofSeconds(2);

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

	private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(300);

	/**
	 * A slow body is cut at the first read that returns past its deadline (at most one
	 * trickle interval late), or when it pauses for the grace period; beyond that, this
	 * much is allowed for a 2-core machine scheduling a few hundred threads.
	 */
	private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(2);

	/** The bound on each normal request while slow clients are pending. */
	private static final Duration NORMAL_ANSWER = Duration.ofSeconds(1);

	private static final String PROBE = "POST /activate/relu HTTP/1.1\r\nHost: localhost\r\n"
			+ "Content-Type: application/json\r\nConnection: close\r\nContent-Length: 26\r\n\r\n"
			+ "{\"values\": [-1.5, 0, 2.5]}";

	@LocalServerPort
	private int port;

	@Autowired
	private InFlightValues inFlight;

	@Autowired
	private WaitingBodies waiting;

	private final ExecutorService clients = Executors.newCachedThreadPool();

	/**
	 * A few requests before the slow clients come, so that the 1 s bound measures the
	 * service under slow clients and not its first request (the dispatcher servlet is
	 * initialized then, and the code is not yet compiled).
	 */
	@BeforeEach
	void warmUp() {
		RawHttpClient client = new RawHttpClient(this.port);
		for (int i = 0; i < 20; i++) {
			assertThat(client.exchange(PROBE).status()).isEqualTo(200);
		}
	}

	@AfterEach
	void stopClients() throws InterruptedException {
		this.clients.shutdownNow();
		this.clients.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void bodiesThatTrickleInAreCutOffWhileNormalRequestsAreAnswered() throws Exception {
		AtomicLong mostReserved = new AtomicLong();
		AtomicBoolean attacking = new AtomicBoolean(true);
		Future<?> sampler = this.clients.submit(() -> {
			while (attacking.get()) {
				mostReserved.accumulateAndGet(this.inFlight.inUse(), Math::max);
				sleep(5);
			}
		});
		// Opened over 1.5 s, as a slow-client attack opens them, rather than as one burst
		// of
		// 300 requests at once, which would be a test of load instead.
		List<Future<SlowOutcome>> slow = new CopyOnWriteArrayList<>();
		Future<?> opening = this.clients.submit(() -> {
			for (int i = 0; i < CONNECTIONS; i++) {
				slow.add(this.clients.submit(this::trickle));
				sleep(5);
			}
		});

		List<Duration> answers = probeWhile(
				() -> !opening.isDone() || slow.stream().anyMatch((outcome) -> !outcome.isDone()));
		opening.get();
		assertThat(slow).hasSize(CONNECTIONS);
		attacking.set(false);
		sampler.get();

		Duration bound = GRACE.plus(TRICKLE_INTERVAL).plus(SCHEDULING_SLACK);
		Map<String, Integer> endings = new TreeMap<>();
		for (Future<SlowOutcome> future : slow) {
			SlowOutcome outcome = future.get();
			endings.merge(outcome.ending(), 1, Integer::sum);
			assertThat(outcome.ending()).isIn("408 then closed", "503 then closed", "closed");
			assertThat(outcome.after()).as(outcome.ending()).isLessThanOrEqualTo(bound);
		}
		// Every place for a waiting body was taken by a slow body that was then cut off
		// for its rate, and the others were refused at once.
		assertThat(endings.getOrDefault("408 then closed", 0)).as(endings.toString())
			.isGreaterThanOrEqualTo(MAX_WAITING_BODIES);
		assertThat(answers).hasSizeGreaterThan(5).allSatisfy((answer) -> assertThat(answer).isLessThan(NORMAL_ANSWER));
		assertThat(mostReserved.get()).as("values the slow bodies had reserved").isPositive();
		awaitZero();
	}

	@Test
	void idleKeepAliveConnectionsAreClosedWhileNormalRequestsAreAnswered() throws Exception {
		List<Future<Duration>> idle = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			idle.add(this.clients.submit(this::idleAfterOneRequest));
		}

		List<Duration> answers = probeWhile(() -> idle.stream().anyMatch((closed) -> !closed.isDone()));

		for (Future<Duration> closed : idle) {
			assertThat(closed.get()).isLessThanOrEqualTo(KEEP_ALIVE.plus(SCHEDULING_SLACK));
		}
		assertThat(answers).hasSizeGreaterThan(5).allSatisfy((answer) -> assertThat(answer).isLessThan(NORMAL_ANSWER));
		awaitZero();
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrderUpToTheKeepAliveMaximum() throws Exception {
		StringBuilder requests = new StringBuilder();
		for (int i = 0; i <= MAX_KEEP_ALIVE_REQUESTS; i++) {
			String body = "{\"values\": [" + (i - 1) + "]}";
			requests.append("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
				.append("Content-Length: ")
				.append(body.length())
				.append("\r\n\r\n")
				.append(body);
		}
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			// The connection serves the first MAX_KEEP_ALIVE_REQUESTS, closes after the
			// last of them, and leaves the one beyond unanswered.
			assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(MAX_KEEP_ALIVE_REQUESTS + 1);
			assertThat(answers).containsSubsequence("\"values\":[0.0]", "\"values\":[0.0]", "\"values\":[1.0]");
			assertThat(answers).doesNotContain("\"values\":[2.0]");
			assertThat(answers.toLowerCase()).contains("connection: close");
		}
	}

	/**
	 * Sends the headers of a 100,000-byte body and its first values, then two spaces
	 * (valid JSON, so only the pace can stop it) every trickle interval until the server
	 * answers or closes.
	 */
	private SlowOutcome trickle() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			long start = System.nanoTime();
			socket.setSoTimeout((int) TRICKLE_INTERVAL.toMillis());
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100000\r\n\r\n{\"values\": [1, 2, 3")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long deadline = start + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				int first;
				try {
					first = in.read();
				}
				catch (SocketTimeoutException ex) {
					try {
						out.write("  ".getBytes(StandardCharsets.US_ASCII));
						out.flush();
					}
					catch (IOException closed) {
						return new SlowOutcome("closed", Duration.ofNanos(System.nanoTime() - start));
					}
					continue;
				}
				catch (IOException reset) {
					return new SlowOutcome("closed", Duration.ofNanos(System.nanoTime() - start));
				}
				Duration after = Duration.ofNanos(System.nanoTime() - start);
				if (first < 0) {
					return new SlowOutcome("closed", after);
				}
				socket.setSoTimeout(10_000);
				String response = (char) first + new String(in.readAllBytes(), StandardCharsets.UTF_8);
				String status = response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
				assertThat(response).contains("Content-Type: application/problem+json");
				// readAllBytes returned, so the server closed the connection after
				// answering.
				return new SlowOutcome(status + " then closed", after);
			}
			return new SlowOutcome("still open", Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * Makes one request on a keep-alive connection, then sends nothing and returns how
	 * long the server took to close it.
	 */
	private Duration idleAfterOneRequest() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			String body = "{\"values\": [1]}";
			socket.getOutputStream()
				.write(("POST /activate/relu HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\n\r\n" + body)
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[4096];
			int n = in.read(answer);
			assertThat(new String(answer, 0, n, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200")
				.doesNotContain("Connection: close");
			long idleSince = System.nanoTime();
			while (in.read(answer) >= 0) {
				// The rest of the answer, if it came in parts; then the server's close.
			}
			return Duration.ofNanos(System.nanoTime() - idleSince);
		}
	}

	/** Sends normal requests one after the other while the slow clients are pending. */
	private List<Duration> probeWhile(java.util.function.BooleanSupplier pending) {
		RawHttpClient client = new RawHttpClient(this.port);
		List<Duration> answers = new ArrayList<>();
		long stop = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		sleep(300); // let the slow clients connect first
		while (pending.getAsBoolean() && System.nanoTime() < stop) {
			long start = System.nanoTime();
			RawHttpClient.Response response = client.exchange(PROBE);
			answers.add(Duration.ofNanos(System.nanoTime() - start));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"function\":\"relu\",\"shape\":[3],\"values\":[0.0,0.0,2.5]}");
			sleep(50);
		}
		return answers;
	}

	private void awaitZero() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while ((this.inFlight.inUse() != 0 || this.waiting.waiting() != 0) && System.nanoTime() < deadline) {
			sleep(10);
		}
		assertThat(this.inFlight.inUse()).as("values in flight").isZero();
		assertThat(this.waiting.waiting()).as("requests waiting for their body").isZero();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How a slow connection ended.
	 *
	 * @param ending the status answered and whether the server then closed, or "closed"
	 * @param after the time from connecting to the answer or close
	 */
	private record SlowOutcome(String ending, Duration after) {

	}

}

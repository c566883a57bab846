package ai.activation.deploy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import ai.activation.HttpTestClient;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

import static ai.activation.HttpTestClient.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as users run it: built from the project's Dockerfile, started by a real
 * Docker engine, ready once the management port's readiness probe says so, and called
 * over HTTP on its mapped ports. Skipped where no Docker engine is reachable.
 *
 * <p>
 * Expected values are computed here with apfloat at {@value #DIGITS} digits from the
 * textbook definitions, without the service's overflow-avoiding rewrites, and compared
 * within {@value #ULPS} ulps.
 */
@Testcontainers(disabledWithoutDocker = true)
class ActivationContainerIT {

	/** The accuracy the README promises for every function. */
	private static final int ULPS = 4;

	private static final long DIGITS = 50;

	/** activation.calls as Prometheus names it. */
	private static final String CALLS = "activation_calls_total";

	@Container
	private static final GenericContainer<?> service = ServiceImage.container();

	private HttpTestClient api;

	private HttpTestClient management;

	@BeforeEach
	void connect() {
		this.api = new HttpTestClient(service.getHost(), service.getMappedPort(ServiceImage.API_PORT));
		this.management = new HttpTestClient(service.getHost(), service.getMappedPort(ServiceImage.MANAGEMENT_PORT));
	}

	@Test
	void softmaxWhenRowHasHugeValuesShouldAnswerTheTrueProbabilities() {
		double[] x = { 1010, 1000, 990 };
		JsonNode result = assertResult(this.api.post("/activate/softmax", body(x)));
		assertThat(result.get("function").asString()).isEqualTo("softmax");
		assertValues(result, softmax(x));
	}

	@Test
	void sigmoidShouldAnswerTheLogisticFunctionFromTheFarNegativeTailToSaturation() {
		double[] x = { -700, -3, 0, 0.5, 3, 40 };
		JsonNode result = assertResult(this.api.post("/activate/sigmoid", body(x)));
		assertThat(result.get("function").asString()).isEqualTo("sigmoid");
		double[] expected = Arrays.stream(x).map(ActivationContainerIT::sigmoid).toArray();
		assertValues(result, expected);
	}

	@Test
	void prometheusEndpointShouldCountTheCallsPerFunctionAndOutcome() {
		String before = scrape();
		assertResult(this.api.post("/activate/softmax", body(new double[] { 1, 2 })));
		assertResult(this.api.post("/activate/softmax", body(new double[] { 3, 4 })));
		assertResult(this.api.post("/activate/sigmoid", body(new double[] { 0 })));
		assertThat(this.api.post("/activate/sigmoid", "{\"values\": []}").statusCode()).isEqualTo(400);
		String after = scrape();
		assertThat(increase(before, after, "function=\"softmax\"", "outcome=\"success\"")).isEqualTo(2.0);
		assertThat(increase(before, after, "function=\"sigmoid\"", "outcome=\"success\"")).isEqualTo(1.0);
		assertThat(increase(before, after, "function=\"sigmoid\"", "outcome=\"client_error\"")).isEqualTo(1.0);
	}

	private static double increase(String before, String after, String... labels) {
		return PrometheusText.sum(after, CALLS, labels) - PrometheusText.sum(before, CALLS, labels);
	}

	@Test
	void livenessAndReadinessProbesShouldAnswerUpOnTheManagementPort() {
		for (String probe : new String[] { "liveness", "readiness" }) {
			HttpResponse<String> response = this.management.get("/actuator/health/" + probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(HttpTestClient.json(response).get("status").asString()).as(probe).isEqualTo("UP");
		}
	}

	@Test
	void serviceShouldRunAsANonRootUser() throws Exception {
		ExecResult id = service.execInContainer("id", "-u");
		assertThat(id.getExitCode()).isZero();
		assertThat(Integer.parseInt(id.getStdout().strip())).isPositive();
		// The JVM is PID 1: its real, effective, saved and file-system uids are all
		// non-root.
		ExecResult status = service.execInContainer("cat", "/proc/1/status");
		String uids = status.getStdout()
			.lines()
			.filter((line) -> line.startsWith("Uid:"))
			.findFirst()
			.orElseThrow()
			.substring("Uid:".length())
			.strip();
		assertThat(uids.split("\\s+")).hasSize(4).allSatisfy((uid) -> assertThat(Integer.parseInt(uid)).isPositive());
		assertThat(service.getContainerInfo().getConfig().getUser()).isNotBlank()
			.doesNotStartWith("0")
			.isNotEqualTo("root");
	}

	@Test
	void serviceShouldServeWithARootFileSystemItCannotWrite() throws Exception {
		ExecResult write = service.execInContainer("touch", "/application/written-at-run-time");
		assertThat(write.getExitCode()).isNotZero();
		assertThat(write.getStderr()).contains("Read-only file system");
		assertThat(service.execInContainer("touch", "/tmp/written-at-run-time").getExitCode()).isZero();
		JsonNode result = assertResult(this.api.post("/activate/relu", body(new double[] { -1, 1 })));
		assertThat(result.get("values").values().stream().map(JsonNode::doubleValue)).containsExactly(0.0, 1.0);
	}

	@Test
	void grafanaDashboardShouldQueryOnlyMetricsTheServiceExports() throws Exception {
		assertResult(this.api.post("/activate/softmax", body(new double[] { 1000, 0 })));
		assertThat(this.api.post("/activate/sigmoid", "{\"values\": []}").statusCode()).isEqualTo(400);
		String exposition = scrape();
		Set<String> queried = GrafanaDashboard.read().metricNames();
		assertThat(queried).contains("activation_calls_total", "activation_overflow_avoided_total",
				"http_server_requests_seconds_bucket");
		assertThat(queried)
			.allSatisfy((metric) -> assertThat(exposition).as(metric).containsPattern("(?m)^" + metric + "\\{"));
	}

	@Test
	void sigmoidGraphShouldBeDrawnWithTheImagesFonts() {
		HttpResponse<String> response = this.api.get("/activate/sigmoid/plot");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(response.body()).contains("<svg").contains("sigmoid");
		// Text needs fontconfig, whose cache must go to /tmp on the read-only file
		// system.
		assertThat(service.getLogs()).doesNotContain("Fontconfig error");
	}

	private String scrape() {
		HttpResponse<String> response = this.management.get("/actuator/prometheus");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String body(double[] values) {
		return Arrays.stream(values)
			.mapToObj(Double::toString)
			.collect(Collectors.joining(", ", "{\"values\": [", "]}"));
	}

	private static void assertValues(JsonNode result, double[] expected) {
		assertThat(result.get("shape").size()).isEqualTo(1);
		assertThat(result.get("shape").get(0).asInt()).isEqualTo(expected.length);
		JsonNode values = result.get("values");
		assertThat(values.size()).isEqualTo(expected.length);
		for (int i = 0; i < expected.length; i++) {
			double actual = values.get(i).doubleValue();
			assertThat(Math.abs(actual - expected[i])).as("element %d: %s, expected %s", i, actual, expected[i])
				.isLessThanOrEqualTo(ULPS * Math.ulp(expected[i]));
		}
	}

	/** e^xᵢ / Σ e^xⱼ, straight from the definition: apfloat does not overflow. */
	private static double[] softmax(double[] x) {
		Apfloat[] exp = Arrays.stream(x).mapToObj((value) -> ApfloatMath.exp(exact(value))).toArray(Apfloat[]::new);
		Apfloat sum = Arrays.stream(exp).reduce(new Apfloat(0), Apfloat::add);
		return Arrays.stream(exp).mapToDouble((e) -> round(e.divide(sum))).toArray();
	}

	/** 1 / (1 + e^−x). */
	private static double sigmoid(double x) {
		Apfloat one = new Apfloat(1);
		return round(one.divide(one.add(ApfloatMath.exp(exact(-x)))));
	}

	private static Apfloat exact(double x) {
		return new Apfloat(new BigDecimal(x), DIGITS);
	}

	/** The nearest double: Double.parseDouble rounds correctly. */
	private static double round(Apfloat value) {
		return (value.signum() == 0) ? 0.0 : Double.parseDouble(value.toString(false));
	}

}

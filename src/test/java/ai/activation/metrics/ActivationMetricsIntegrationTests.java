package ai.activation.metrics;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.activation.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's meters, read where an operator reads them: the Prometheus scrape on the
 * management port. Every assertion compares a counter before and after one request, so
 * the tests do not depend on each other's order.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ActivationMetricsIntegrationTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	private HttpTestClient api;

	private HttpTestClient management;

	@BeforeEach
	void clients() {
		this.api = new HttpTestClient(this.port);
		this.management = new HttpTestClient(this.managementPort);
	}

	@Test
	void softmaxWithOneHugeRowAddsOneOverflowEventAndOneSuccessfulCall() {
		String calls = "activation_calls_total{function=\"softmax\",outcome=\"success\"}";
		String overflow = "activation_overflow_avoided_total{function=\"softmax\"}";
		double callsBefore = scrape(calls);
		double overflowBefore = scrape(overflow);
		HttpTestClient.assertResult(this.api.post("/activate/softmax", "{\"values\": [[1010, 1000, 990], [1, 2, 3]]}"));
		assertThat(scrape(calls)).isEqualTo(callsBefore + 1);
		assertThat(scrape(overflow)).isEqualTo(overflowBefore + 1);
	}

	@Test
	void sigmoidOfMinus800AndZeroAddsOneOverflowEvent() {
		String overflow = "activation_overflow_avoided_total{function=\"sigmoid\"}";
		double before = scrape(overflow);
		HttpTestClient.assertResult(this.api.post("/activate/sigmoid", "{\"values\": [-800, 0]}"));
		assertThat(scrape(overflow)).isEqualTo(before + 1);
	}

	@Test
	void aCallWithoutOverflowRisksAddsNoEventButCountsItsValues() {
		String overflow = "activation_overflow_avoided_total{function=\"relu\"}";
		String valuesCount = "activation_values_count{function=\"relu\"}";
		String valuesSum = "activation_values_sum{function=\"relu\"}";
		double overflowBefore = scrape(overflow);
		double countBefore = scrape(valuesCount);
		double sumBefore = scrape(valuesSum);
		HttpTestClient.assertResult(this.api.post("/activate/relu", "{\"values\": [[1, -2, 3], [4, 5, -6]]}"));
		assertThat(scrape(overflow)).isEqualTo(overflowBefore);
		assertThat(scrape(valuesCount)).isEqualTo(countBefore + 1);
		assertThat(scrape(valuesSum)).isEqualTo(sumBefore + 6);
	}

	@Test
	void aBadParameterCountsAsClientErrorOfThatFunction() {
		String errors = "activation_calls_total{function=\"elu\",outcome=\"client_error\"}";
		String successes = "activation_calls_total{function=\"elu\",outcome=\"success\"}";
		double errorsBefore = scrape(errors);
		double successesBefore = scrape(successes);
		HttpTestClient.assertProblem(this.api.post("/activate/elu?alpha=abc", "{\"values\": [1]}"), 400);
		assertThat(scrape(errors)).isEqualTo(errorsBefore + 1);
		assertThat(scrape(successes)).isEqualTo(successesBefore);
	}

	@Test
	void aBadBodyCountsAsClientErrorUnderTheCanonicalNameOfAnAlias() {
		String errors = "activation_calls_total{function=\"silu\",outcome=\"client_error\"}";
		double before = scrape(errors);
		HttpTestClient.assertProblem(this.api.post("/activate/Swish", "{\"values\": [1, \"two\"]}"), 400);
		assertThat(scrape(errors)).isEqualTo(before + 1);
	}

	@Test
	void unknownFunctionNamesShareOneBoundedTag() {
		String errors = "activation_calls_total{function=\"unknown\",outcome=\"client_error\"}";
		double before = scrape(errors);
		HttpTestClient.assertProblem(this.api.post("/activate/no-such-function-1", "{\"values\": [1]}"), 404);
		HttpTestClient.assertProblem(this.api.post("/activate/no-such-function-2", "{\"values\": [1]}"), 404);
		assertThat(scrape(errors)).isEqualTo(before + 2);
		assertThat(this.management.get("/actuator/prometheus").body()).doesNotContain("no-such-function");
	}

	@Test
	void catalogReadsAreNotCountedAsCalls() {
		String successes = "activation_calls_total{function=\"softmax\",outcome=\"success\"}";
		double before = scrape(successes);
		assertThat(this.api.get("/activate/softmax").statusCode()).isEqualTo(200);
		assertThat(this.api.get("/activate").statusCode()).isEqualTo(200);
		assertThat(scrape(successes)).isEqualTo(before);
	}

	@Test
	void theMetricsEndpointListsTheServiceMeters() {
		HttpTestClient.assertResult(this.api.post("/activate/tanh", "{\"values\": [1]}"));
		String body = this.management.get("/actuator/metrics").body();
		assertThat(body).contains(ActivationMetrics.CALLS, ActivationMetrics.OVERFLOW_AVOIDED,
				ActivationMetrics.VALUES);
	}

	/**
	 * Reads one series from the Prometheus text format: the sum of the samples of the
	 * metric whose labels include the given ones (a series with a {@code mode} label is
	 * read without naming it, as the sum over both modes); a series not yet created reads
	 * as zero.
	 */
	private double scrape(String series) {
		HttpResponse<String> response = this.management.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher wanted = Pattern.compile("([^{]+)\\{(.*)\\}").matcher(series);
		assertThat(wanted.matches()).as(series).isTrue();
		List<String> labels = List.of(wanted.group(2).split(","));
		Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(wanted.group(1)) + "\\{([^}]*)\\} (\\S+)$")
			.matcher(response.body());
		double sum = 0;
		while (sample.find()) {
			if (List.of(sample.group(1).split(",")).containsAll(labels)) {
				sum += Double.parseDouble(sample.group(2));
			}
		}
		return sum;
	}

}

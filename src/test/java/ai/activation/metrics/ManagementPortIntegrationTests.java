package ai.activation.metrics;

import ai.activation.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator lives on its own port and shows only health, info, metrics and prometheus; the
 * API port answers none of it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ManagementPortIntegrationTests {

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
	void managementRunsOnAPortOfItsOwn() {
		assertThat(this.managementPort).isPositive().isNotEqualTo(this.port);
	}

	@Test
	void actuatorListsExactlyTheFourExposedEndpoints() {
		JsonNode links = HttpTestClient.json(this.management.get("/actuator")).get("_links");
		assertThat(links.propertyNames()).filteredOn((name) -> !name.equals("self") && !name.contains("-"))
			.containsExactlyInAnyOrder("health", "info", "metrics", "prometheus");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthAndItsProbeGroupsAreUp(String path) {
		JsonNode health = HttpTestClient.json(this.management.get(path));
		assertThat(health.get("status").asString()).isEqualTo("UP");
	}

	@Test
	void infoNamesTheBuildVersionAndGitCommit() {
		JsonNode info = HttpTestClient.json(this.management.get("/actuator/info"));
		assertThat(info.path("build").path("version").asString()).isNotBlank();
		assertThat(info.path("build").path("artifact").asString()).isEqualTo("activation-service");
		assertThat(info.has("git")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
			"/actuator/configprops", "/actuator/loggers", "/actuator/mappings", "/actuator/shutdown" })
	void sensitiveEndpointsAreNotExposedOnTheManagementPort(String path) {
		JsonNode problem = HttpTestClient.assertProblem(this.management.get(path), 404);
		assertThat(problem.get("detail").asString()).isEqualTo("There is no endpoint GET " + path + ".");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus",
			"/actuator/metrics", "/actuator/env" })
	void nothingFromActuatorAnswersOnTheApiPort(String path) {
		HttpTestClient.assertProblem(this.api.get(path), 404);
	}

}

package ai.activation.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Prometheus scrape configuration and the Grafana provisioning
 * agree with the application's ports and endpoints. Whether the files run is for
 * {@code .ci/run}, which brings the service up with docker compose, and for
 * {@link ActivationContainerIT}, which checks the dashboard's metrics against a real
 * scrape.
 */
class ComposeFileTests {

	private static final String SERVICE = "activation-service";

	private static Map<String, Object> compose;

	private static final Properties application = new Properties();

	@BeforeAll
	static void load() throws IOException {
		compose = yaml(Path.of("docker-compose.yml"));
		try (InputStream properties = ComposeFileTests.class.getResourceAsStream("/application.properties")) {
			application.load(properties);
		}
	}

	@Test
	void serviceShouldPublishTheApiAndManagementPorts() {
		List<Object> ports = list(service(SERVICE), "ports");
		assertThat(ports).map(String.class::cast)
			.anySatisfy((port) -> assertThat(port).endsWith(":" + application.getProperty("server.port")))
			.anySatisfy((port) -> assertThat(port).endsWith(":" + application.getProperty("management.server.port")));
	}

	@Test
	void healthcheckShouldAskTheManagementPortsReadinessProbe() {
		String test = String.join(" ",
				list(map(service(SERVICE), "healthcheck"), "test").stream().map(String.class::cast).toList());
		assertThat(test).contains("/dev/tcp/127.0.0.1/" + application.getProperty("management.server.port"))
			.contains("GET /actuator/health/readiness ")
			.contains(" 200 ");
	}

	@Test
	void serviceShouldBuildFromTheDockerfileWithAChoosableBaseImage() {
		Map<String, Object> build = map(service(SERVICE), "build");
		assertThat(build.get("context")).isEqualTo(".");
		assertThat(map(build, "args").get("BASE_IMAGE")).isEqualTo("${BASE_IMAGE:-eclipse-temurin:17-jre}");
	}

	@Test
	void prometheusAndGrafanaShouldStartOnlyWithTheObservabilityProfile() {
		assertThat(service(SERVICE)).doesNotContainKey("profiles");
		for (String name : List.of("prometheus", "grafana")) {
			assertThat(list(service(name), "profiles")).as(name).containsExactly("observability");
		}
	}

	@Test
	void prometheusShouldScrapeTheManagementPortsPrometheusEndpoint() throws IOException {
		Map<String, Object> prometheus = yaml(Path.of("deploy", "prometheus", "prometheus.yml"));
		List<Object> jobs = list(prometheus, "scrape_configs");
		assertThat(jobs).hasSize(1);
		Map<String, Object> job = map(jobs.get(0));
		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		List<Object> targets = list(map(list(job, "static_configs").get(0)), "targets");
		assertThat(targets).containsExactly(SERVICE + ":" + application.getProperty("management.server.port"));
		assertThat(application.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
	}

	@Test
	void grafanaShouldProvisionTheDashboardWithAPanelForEachQuestion() throws IOException {
		Map<String, Object> datasources = yaml(
				Path.of("deploy", "grafana", "provisioning", "datasources", "prometheus.yml"));
		Map<String, Object> datasource = map(list(datasources, "datasources").get(0));
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		JsonNode panels = GrafanaDashboard.read().panels();
		assertThat(panels.values().stream().map((panel) -> panel.get("title").asString())).containsExactly(
				"Calls per second, per function", "Overflow-avoidance events per second, per function",
				"Latency p50 and p99, POST /activate/{function}", "Client errors per second");
		for (JsonNode panel : panels) {
			assertThat(panel.get("datasource").get("uid").asString()).isEqualTo(datasource.get("uid"));
		}
	}

	private static Map<String, Object> service(String name) {
		return map(map(compose, "services"), name);
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return map((Object) new Yaml().load(reader));
		}
	}

	private static List<Object> list(Map<String, Object> node, String key) {
		assertThat(node.get(key)).as(key).isInstanceOf(List.class);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) node.get(key);
		return list;
	}

	private static Map<String, Object> map(Map<String, Object> node, String key) {
		return map(node.get(key));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

}

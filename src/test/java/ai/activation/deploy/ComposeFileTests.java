package ai.activation.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.activation.limits.LimitsProperties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Prometheus scrape configurations, the nginx configuration of
 * the {@code scale} profile and the Grafana provisioning agree with the application's
 * ports, endpoints and limits, and with each other. Whether the files run is for
 * {@code .ci/run}, which brings the service up with docker compose and runs the scale
 * profile's failover and Prometheus checks ({@code scripts/reliability/failover.sh},
 * {@code prometheus_check.py}), and for {@link ActivationContainerIT}, which checks the
 * dashboard's metrics against a real scrape.
 */
class ComposeFileTests {

	private static final String SERVICE = "activation-service";

	/** The scale profile's replicas: the service and two more like it. */
	private static final List<String> REPLICAS = List.of(SERVICE, SERVICE + "-2", SERVICE + "-3");

	private static final Path NGINX_CONF = Path.of("deploy", "nginx", "nginx.conf");

	/** One nginx directive: its name and its arguments up to the semicolon. */
	private static final Pattern DIRECTIVE = Pattern.compile("(?m)^\\s*([a-z_]+)\\s+([^;{]*);");

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

	@Test
	void scaleProfileShouldRunThreeReplicasOfTheSameServiceReachedOnlyThroughTheBalancer() {
		Map<String, Object> first = service(SERVICE);
		for (String replica : REPLICAS.subList(1, REPLICAS.size())) {
			Map<String, Object> other = new LinkedHashMap<>(service(replica));
			assertThat(other.remove("profiles")).as(replica).isEqualTo(List.of("scale"));
			assertThat(other).as(replica).doesNotContainKey("ports");
			Map<String, Object> firstWithoutPorts = new LinkedHashMap<>(first);
			firstWithoutPorts.remove("ports");
			assertThat(other).as(replica).isEqualTo(firstWithoutPorts);
		}
		for (String name : List.of("balancer", "prometheus-scale")) {
			assertThat(list(service(name), "profiles")).as(name).containsExactly("scale");
		}
	}

	@Test
	void balancerAndItsPrometheusShouldBuildFromDebianPackagesOnTheLocalBase() throws IOException {
		for (String name : List.of("balancer", "prometheus-scale")) {
			Map<String, Object> build = map(service(name), "build");
			assertThat(map(build, "args").get("BASE_IMAGE")).as(name)
				.isEqualTo("${SCALE_BASE_IMAGE:-activation-jre:17-bookworm}");
			String dockerfile = Files.readString(Path.of((String) build.get("context"), "Dockerfile"));
			assertThat(dockerfile).as(name)
				.contains("ARG BASE_IMAGE=activation-jre:17-bookworm")
				.contains("FROM ${BASE_IMAGE}")
				.containsPattern("apt-get install .*--no-install-recommends (nginx|prometheus)\\b");
		}
	}

	@Test
	void balancerShouldSendToTheApiPortOfEveryReplicaWithPassiveHealthChecks() throws IOException {
		Matcher upstream = Pattern.compile("(?s)upstream activation \\{(.*?)\\}").matcher(Files.readString(NGINX_CONF));
		assertThat(upstream.find()).as("upstream activation in %s", NGINX_CONF).isTrue();
		List<String[]> servers = directives(upstream.group(1), "server").stream()
			.map((arguments) -> arguments.split("\\s+"))
			.toList();
		assertThat(servers).map((server) -> server[0])
			.containsExactlyElementsOf(REPLICAS.stream()
				.map((replica) -> replica + ":" + application.getProperty("server.port"))
				.toList());
		assertThat(servers)
			.allSatisfy((server) -> assertThat(List.of(server)).anyMatch((a) -> a.startsWith("max_fails="))
				.anyMatch((a) -> a.startsWith("fail_timeout=")));
		assertThat(directives(Files.readString(NGINX_CONF), "proxy_pass")).containsExactly("http://activation");
	}

	@Test
	void balancerShouldRetryFailedPostsOnAnotherReplicaABoundedNumberOfTimes() throws IOException {
		String conf = Files.readString(NGINX_CONF);
		assertThat(directives(conf, "proxy_next_upstream")).singleElement()
			.satisfies((conditions) -> assertThat(conditions.split("\\s+")).containsExactlyInAnyOrder("error",
					"timeout", "http_502", "http_503", "non_idempotent"));
		assertThat(directives(conf, "proxy_next_upstream_tries")).singleElement()
			.satisfies((tries) -> assertThat(Integer.parseInt(tries)).isBetween(2, REPLICAS.size()));
		assertThat(directives(conf, "proxy_next_upstream_timeout")).singleElement()
			.satisfies((timeout) -> assertThat(timeout).matches("[1-9][0-9]*s"));
		// A retry resends the body, so nginx must hold it: request buffering stays on.
		assertThat(directives(conf, "proxy_request_buffering")).doesNotContain("off");
	}

	@Test
	void balancerShouldLetEveryBodyTheServiceAcceptsThrough() throws IOException {
		String size = directives(Files.readString(NGINX_CONF), "client_max_body_size").get(0);
		Matcher nginxSize = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(size);
		assertThat(nginxSize.matches()).as(size).isTrue();
		long bytes = Long.parseLong(nginxSize.group(1)) * switch (nginxSize.group(2).toLowerCase()) {
			case "k" -> 1024L;
			case "m" -> 1024L * 1024;
			case "g" -> 1024L * 1024 * 1024;
			default -> 1L;
		};
		assertThat(application.getProperty("activation.limits.max-body-size")).as("a body limit set in properties")
			.isNull();
		assertThat(bytes).isGreaterThan(new LimitsProperties().getMaxBodySize().toBytes());
	}

	@Test
	void scalePrometheusShouldScrapeTheManagementPortOfEveryReplica() throws IOException {
		Map<String, Object> prometheus = yaml(Path.of("deploy", "prometheus", "scale.yml"));
		List<Object> jobs = list(prometheus, "scrape_configs");
		assertThat(jobs).hasSize(1);
		Map<String, Object> job = map(jobs.get(0));
		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		List<Object> targets = list(map(list(job, "static_configs").get(0)), "targets");
		assertThat(targets).containsExactlyElementsOf(REPLICAS.stream()
			.map((replica) -> replica + ":" + application.getProperty("management.server.port"))
			.toList());
	}

	/** The arguments of every {@code name ...;} directive in an nginx configuration. */
	private static List<String> directives(String conf, String name) {
		String withoutComments = conf.replaceAll("(?m)#.*$", "");
		return DIRECTIVE.matcher(withoutComments)
			.results()
			.filter((match) -> match.group(1).equals(name))
			.map((match) -> match.group(2).strip())
			.toList();
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

package ai.activation.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes} agree with the application they
 * deploy: probe paths and ports with {@code application.properties}, the user with the
 * Dockerfile, the shutdown timing with the graceful shutdown, and the Service, autoscaler
 * and disruption budget with the Deployment.
 */
class KubernetesManifestsTests {

	private static final Path MANIFESTS = Path.of("deploy", "kubernetes");

	/** Spring Boot's default for spring.lifecycle.timeout-per-shutdown-phase. */
	private static final String DEFAULT_SHUTDOWN_PHASE_TIMEOUT = "30s";

	/** Left in the grace period for the JVM to exit after the last shutdown phase. */
	private static final Duration JVM_EXIT_MARGIN = Duration.ofSeconds(5);

	private static final Pattern APP_UID = Pattern.compile("(?m)^ARG APP_UID=(\\d+)$");

	private static final Map<String, Map<String, Object>> manifests = new HashMap<>();

	private static final Properties application = new Properties();

	@BeforeAll
	static void load() throws IOException {
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					for (Object document : new Yaml().loadAll(reader)) {
						Map<String, Object> manifest = map(document);
						Object previous = manifests.put((String) manifest.get("kind"), manifest);
						assertThat(previous).as("one %s", manifest.get("kind")).isNull();
					}
				}
			}
		}
		try (InputStream properties = KubernetesManifestsTests.class.getResourceAsStream("/application.properties")) {
			application.load(properties);
		}
	}

	@Test
	void deploymentShouldRunAtLeastTwoReplicas() {
		assertThat(number(manifest("Deployment"), "spec", "replicas")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void livenessProbeShouldAskTheManagementPortForTheLivenessGroup() {
		assertProbe("livenessProbe", "/actuator/health/liveness");
	}

	@Test
	void readinessProbeShouldAskTheManagementPortForTheReadinessGroup() {
		assertProbe("readinessProbe", "/actuator/health/readiness");
	}

	@Test
	void startupProbeShouldAskTheManagementPortForTheLivenessGroup() {
		assertProbe("startupProbe", "/actuator/health/liveness");
	}

	@Test
	void applicationShouldExposeTheProbeGroupsTheManifestsAskFor() {
		assertThat(application.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(Arrays.stream(application.getProperty("management.endpoints.web.exposure.include").split(","))
			.map(String::strip)).contains("health");
		assertThat(application.getProperty("management.endpoints.web.base-path", "/actuator")).isEqualTo("/actuator");
	}

	@Test
	void containerPortsShouldBeTheApplicationsPorts() {
		assertThat(containerPort("http")).isEqualTo(serverPort());
		assertThat(containerPort("management")).isEqualTo(managementPort());
	}

	@Test
	void serviceShouldRouteToTheApiPortOfTheDeploymentsPods() {
		Map<String, Object> service = manifest("Service");
		assertThat(map(service, "spec", "selector")).isEqualTo(podLabels());
		List<Object> ports = list(service, "spec", "ports");
		assertThat(ports).hasSize(1);
		assertThat(resolvePort(map(ports.get(0)).get("targetPort"))).isEqualTo(serverPort());
	}

	@Test
	void containerShouldRunAsTheImagesNonRootUserWithAReadOnlyRootFileSystem() throws IOException {
		Map<String, Object> pod = map(manifest("Deployment"), "spec", "template", "spec");
		Map<String, Object> security = map(container(), "securityContext");
		Matcher uid = APP_UID.matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(uid.find()).as("Dockerfile declares ARG APP_UID").isTrue();
		assertThat(number(pod, "securityContext", "runAsUser")).isEqualTo(Integer.parseInt(uid.group(1))).isPositive();
		assertThat(map(pod, "securityContext").get("runAsNonRoot")).isEqualTo(true);
		assertThat(security.get("runAsNonRoot")).isEqualTo(true);
		assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(list(security, "capabilities", "drop")).containsExactly("ALL");
	}

	@Test
	void tmpShouldBeAWritableEmptyDirBecauseTheRootFileSystemIsNot() {
		List<Object> mounts = list(container(), "volumeMounts");
		String volume = mounts.stream()
			.map(KubernetesManifestsTests::map)
			.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
			.map((mount) -> (String) mount.get("name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume mounted on /tmp"));
		List<Object> volumes = list(manifest("Deployment"), "spec", "template", "spec", "volumes");
		assertThat(volumes).map(KubernetesManifestsTests::map)
			.filteredOn((candidate) -> volume.equals(candidate.get("name")))
			.singleElement()
			.satisfies((tmp) -> assertThat(tmp).containsKey("emptyDir"));
	}

	@Test
	void containerShouldHaveCpuAndMemoryRequestsAndLimits() {
		for (String bound : List.of("requests", "limits")) {
			assertThat(map(container(), "resources", bound)).as(bound).containsKeys("cpu", "memory");
		}
	}

	@Test
	void gracePeriodShouldCoverThePreStopSleepAndTheGracefulShutdown() {
		assertThat(application.getProperty("server.shutdown")).isEqualTo("graceful");
		Duration phase = DurationStyle.detectAndParse(
				application.getProperty("spring.lifecycle.timeout-per-shutdown-phase", DEFAULT_SHUTDOWN_PHASE_TIMEOUT));
		Duration preStop = preStopSleep();
		assertThat(preStop).as("preStop sleep").isPositive();
		Duration grace = Duration
			.ofSeconds(number(manifest("Deployment"), "spec", "template", "spec", "terminationGracePeriodSeconds"));
		assertThat(grace)
			.as("terminationGracePeriodSeconds vs preStop %s + shutdown phase %s + JVM exit %s", preStop, phase,
					JVM_EXIT_MARGIN)
			.isGreaterThanOrEqualTo(preStop.plus(phase).plus(JVM_EXIT_MARGIN));
	}

	@Test
	void autoscalerShouldScaleTheDeploymentOnCpuFromItsReplicaCount() {
		Map<String, Object> hpa = manifest("HorizontalPodAutoscaler");
		assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
		Map<String, Object> target = map(hpa, "spec", "scaleTargetRef");
		assertThat(target.get("kind")).isEqualTo("Deployment");
		assertThat(target.get("name")).isEqualTo(map(manifest("Deployment"), "metadata").get("name"));
		int replicas = number(manifest("Deployment"), "spec", "replicas");
		assertThat(number(hpa, "spec", "minReplicas")).isEqualTo(replicas);
		assertThat(number(hpa, "spec", "maxReplicas")).isGreaterThan(replicas);
		List<Object> metrics = list(hpa, "spec", "metrics");
		assertThat(metrics).map(KubernetesManifestsTests::map)
			.anySatisfy((metric) -> assertThat(map(metric, "resource").get("name")).isEqualTo("cpu"));
	}

	@Test
	void disruptionBudgetShouldCoverTheDeploymentsPodsAndLetADrainProceed() {
		Map<String, Object> pdb = manifest("PodDisruptionBudget");
		assertThat(map(pdb, "spec", "selector", "matchLabels")).isEqualTo(podLabels());
		int replicas = number(manifest("Deployment"), "spec", "replicas");
		Map<String, Object> spec = map(pdb, "spec");
		if (spec.containsKey("maxUnavailable")) {
			assertThat(number(pdb, "spec", "maxUnavailable")).isBetween(1, replicas - 1);
		}
		else {
			assertThat(number(pdb, "spec", "minAvailable")).isBetween(1, replicas - 1);
		}
	}

	@Test
	void kustomizationShouldListEveryManifest() throws IOException {
		List<String> listed = new ArrayList<>();
		for (Object resource : list(manifest("Kustomization"), "resources")) {
			listed.add((String) resource);
		}
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.toList());
		}
	}

	private static void assertProbe(String probe, String path) {
		Map<String, Object> httpGet = map(container(), probe, "httpGet");
		assertThat(httpGet.get("path")).isEqualTo(path);
		assertThat(resolvePort(httpGet.get("port"))).as("%s port", probe).isEqualTo(managementPort());
	}

	private static Duration preStopSleep() {
		Map<String, Object> preStop = map(container(), "lifecycle", "preStop");
		if (preStop.containsKey("sleep")) {
			return Duration.ofSeconds(number(preStop, "sleep", "seconds"));
		}
		List<Object> command = list(preStop, "exec", "command");
		assertThat(command).hasSize(2).first().isEqualTo("sleep");
		return Duration.ofSeconds(Long.parseLong((String) command.get(1)));
	}

	/** A port given by number or by the name of one of the container's ports. */
	private static int resolvePort(Object port) {
		return (port instanceof Integer number) ? number : containerPort((String) port);
	}

	private static int containerPort(String name) {
		return list(container(), "ports").stream()
			.map(KubernetesManifestsTests::map)
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> (Integer) port.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	private static int serverPort() {
		return Integer.parseInt(application.getProperty("server.port", "8080"));
	}

	private static int managementPort() {
		String port = application.getProperty("management.server.port");
		assertThat(port).as("management.server.port").isNotNull();
		return Integer.parseInt(port);
	}

	private static Map<String, Object> container() {
		List<Object> containers = list(manifest("Deployment"), "spec", "template", "spec", "containers");
		assertThat(containers).hasSize(1);
		return map(containers.get(0));
	}

	private static Map<String, Object> podLabels() {
		Map<String, Object> labels = map(manifest("Deployment"), "spec", "template", "metadata", "labels");
		assertThat(map(manifest("Deployment"), "spec", "selector", "matchLabels")).isEqualTo(labels);
		return labels;
	}

	private static Map<String, Object> manifest(String kind) {
		Map<String, Object> manifest = manifests.get(kind);
		assertThat(manifest).as("a %s in %s", kind, MANIFESTS).isNotNull();
		return manifest;
	}

	private static int number(Map<String, Object> root, String... path) {
		Object value = at(root, path);
		assertThat(value).as(String.join(".", path)).isInstanceOf(Integer.class);
		return (Integer) value;
	}

	private static List<Object> list(Map<String, Object> root, String... path) {
		Object value = at(root, path);
		assertThat(value).as(String.join(".", path)).isInstanceOf(List.class);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) value;
		return list;
	}

	private static Map<String, Object> map(Map<String, Object> root, String... path) {
		return map(at(root, path));
	}

	private static Object at(Map<String, Object> root, String... path) {
		Object node = root;
		for (String key : path) {
			assertThat(node).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
			node = map(node).get(key);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

}

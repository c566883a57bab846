package ai.activation.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The manifests in {@code deploy/kubernetes} are what the Kubernetes API accepts, field
 * by field: each reads as the API's own type for its {@code apiVersion} and {@code kind},
 * with no field the API does not define and every value of the type the API gives it.
 *
 * <p>
 * The types are fabric8's {@code kubernetes-model} (8.x), whose Kubernetes classes are
 * generated from the OpenAPI document of the Kubernetes API ({@code api/openapi-spec} in
 * kubernetes/kubernetes; fabric8io/kubernetes-client issue 6130, "Model Generation using
 * OpenAPI"), one class per schema and API version. Its classes keep fields they do not
 * know in an {@code additionalProperties} map (a {@code @JsonAnySetter}), which would let
 * a misspelt field through; the reader here ignores that map, so an unknown field is an
 * {@link UnrecognizedPropertyException}, and it refuses to coerce scalars ({@code "2"}
 * for an integer), as the API server does. Reading the result back out must give the
 * manifest again, so nothing was silently dropped.
 *
 * <p>
 * What the types cannot say (a field the API requires, a port that must match the
 * application's) is for {@link KubernetesManifestsTests}. {@code kustomization.yaml} is
 * kustomize's own file, not an API object, and is checked there too.
 */
class KubernetesSchemaTests {

	private static final Path MANIFESTS = Path.of("deploy", "kubernetes");

	private static final String KUSTOMIZATION = "kustomization.yaml";

	/** The kinds the manifests use, by their API types. */
	private static final List<Class<? extends HasMetadata>> TYPES = List.of(Deployment.class, Service.class,
			HorizontalPodAutoscaler.class, PodDisruptionBudget.class);

	/** A YAML reader that refuses what the Kubernetes API would not accept. */
	private static final YAMLMapper STRICT = YAMLMapper.builder()
		.annotationIntrospector(new WithoutAnySetter())
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	private static final List<Manifest> manifests = new ArrayList<>();

	@BeforeAll
	static void load() throws IOException {
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml"))
				.filter((path) -> !path.getFileName().toString().equals(KUSTOMIZATION))
				.sorted()
				.toList()) {
				try (MappingIterator<JsonNode> documents = STRICT.readerFor(JsonNode.class).readValues(file.toFile())) {
					while (documents.hasNext()) {
						manifests.add(new Manifest(file.getFileName().toString(), documents.next()));
					}
				}
			}
		}
	}

	@Test
	void everyManifestShouldReadAsTheApiTypeOfItsKindWithNothingLeftOver() {
		assertThat(manifests).extracting((manifest) -> manifest.node().get("kind").asString())
			.containsExactlyInAnyOrder("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
		for (Manifest manifest : manifests) {
			HasMetadata resource = read(manifest.node());
			assertThat(resource.getMetadata().getName()).as(manifest.file()).isNotBlank();
			JsonNode written = STRICT.valueToTree(resource);
			assertThat(written.equals(NUMBERS_BY_VALUE, manifest.node()))
				.as("%s read back out:%n%s%nwas:%n%s", manifest.file(), written, manifest.node())
				.isTrue();
		}
	}

	@Test
	void aFieldTheApiDoesNotDefineShouldBeRefused() {
		ObjectNode deployment = copyOf("Deployment");
		ObjectNode httpGet = (ObjectNode) deployment.at("/spec/template/spec/containers/0/readinessProbe/httpGet");
		httpGet.put("paht", "/actuator/health/readiness");
		assertThatExceptionOfType(UnrecognizedPropertyException.class).isThrownBy(() -> read(deployment))
			.withMessageContaining("\"paht\"")
			.withMessageContaining("HTTPGetAction");
	}

	@Test
	void aFieldInTheWrongPlaceShouldBeRefused() {
		// terminationGracePeriodSeconds belongs to the pod, not to the Deployment's spec.
		ObjectNode deployment = copyOf("Deployment");
		((ObjectNode) deployment.get("spec")).put("terminationGracePeriodSeconds", 45);
		assertThatExceptionOfType(UnrecognizedPropertyException.class).isThrownBy(() -> read(deployment))
			.withMessageContaining("terminationGracePeriodSeconds")
			.withMessageContaining("DeploymentSpec");
	}

	@Test
	void aValueOfTheWrongTypeShouldBeRefused() {
		for (String replicas : List.of("two", "2")) {
			ObjectNode deployment = copyOf("Deployment");
			((ObjectNode) deployment.get("spec")).put("replicas", replicas);
			assertThatExceptionOfType(MismatchedInputException.class).as(replicas)
				.isThrownBy(() -> read(deployment))
				.withMessageContaining("replicas");
		}
	}

	@Test
	void aVersionTheApiDoesNotHaveShouldBeRefused() {
		ObjectNode autoscaler = copyOf("HorizontalPodAutoscaler");
		autoscaler.put("apiVersion", "autoscaling/v3");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> read(autoscaler))
			.withMessageContaining("autoscaling/v3 HorizontalPodAutoscaler");
	}

	private static HasMetadata read(JsonNode node) {
		String apiVersion = node.path("apiVersion").asString("");
		String kind = node.path("kind").asString("");
		Class<? extends HasMetadata> type = TYPES.stream()
			.filter((candidate) -> HasMetadata.getApiVersion(candidate).equals(apiVersion)
					&& HasMetadata.getKind(candidate).equals(kind))
			.findFirst()
			.orElseGet(() -> fail("No Kubernetes API type for %s %s among %s", apiVersion, kind,
					TYPES.stream()
						.map((candidate) -> HasMetadata.getApiVersion(candidate) + " " + HasMetadata.getKind(candidate))
						.collect(Collectors.joining(", "))));
		return STRICT.treeToValue(node, type);
	}

	private static ObjectNode copyOf(String kind) {
		return (ObjectNode) manifests.stream()
			.filter((manifest) -> kind.equals(manifest.node().get("kind").asString()))
			.findFirst()
			.orElseThrow()
			.node()
			.deepCopy();
	}

	/** 45 read as an int and written from a Long are the same number. */
	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	};

	private record Manifest(String file, JsonNode node) {
	}

	/**
	 * Jackson's annotations, except that a {@code @JsonAnySetter} (fabric8's
	 * {@code additionalProperties}) does not catch unknown fields.
	 */
	private static final class WithoutAnySetter extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
			return false;
		}

	}

}

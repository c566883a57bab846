package ai.activation.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.github.dockerjava.api.model.Capability;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The service's container image as users get it: built by the Docker engine from the
 * project's own Dockerfile and the jar that {@code ./mvnw package} made, or taken by tag.
 *
 * <ul>
 * <li>System property {@value #IMAGE_PROPERTY}: use this image tag instead of building.
 * <li>Environment variable {@value #BASE_IMAGE_VARIABLE}: the Dockerfile's
 * {@code BASE_IMAGE} build argument (a local JRE image where no registry is reachable, as
 * in CI); the Dockerfile's own default otherwise.
 * </ul>
 */
final class ServiceImage {

	static final String IMAGE_PROPERTY = "activation.image";

	static final String BASE_IMAGE_VARIABLE = "BASE_IMAGE";

	/** The API port inside the container (server.port). */
	static final int API_PORT = 8080;

	/** The management port inside the container (management.server.port). */
	static final int MANAGEMENT_PORT = 8081;

	/** Image builds and JVM starts share two cores with the build. */
	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	/** The Deployment's memory limit, 768Mi. */
	private static final long MEMORY_LIMIT_BYTES = 768L * 1024 * 1024;

	private static final String BUILT_TAG = "activation-service:it";

	private static Future<String> image;

	private ServiceImage() {
	}

	/**
	 * A container of the service, not yet started, that counts as started once the
	 * management port's readiness probe answers 200. It runs as the Kubernetes Deployment
	 * runs it (deploy/kubernetes/deployment.yaml): read-only root file system with a
	 * writable /tmp, every capability dropped, no privilege escalation, and its memory
	 * limit.
	 */
	static GenericContainer<?> container() {
		return new GenericContainer<>(image()).withExposedPorts(API_PORT, MANAGEMENT_PORT)
			.withCreateContainerCmdModifier((create) -> create.getHostConfig()
				.withReadonlyRootfs(true)
				.withTmpFs(Map.of("/tmp", "rw,size=64m"))
				.withCapDrop(Capability.ALL)
				.withSecurityOpts(List.of("no-new-privileges"))
				.withMemory(MEMORY_LIMIT_BYTES))
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(MANAGEMENT_PORT).forStatusCode(200))
			.withStartupTimeout(STARTUP_TIMEOUT);
	}

	/** Built at most once per test run, and kept so the next build reuses its layers. */
	private static synchronized Future<String> image() {
		if (image == null) {
			String tag = System.getProperty(IMAGE_PROPERTY);
			image = (tag != null && !tag.isBlank()) ? CompletableFuture.completedFuture(tag) : build();
		}
		return image;
	}

	private static Future<String> build() {
		Path jar = executableJar();
		ImageFromDockerfile build = new ImageFromDockerfile(BUILT_TAG, false)
			.withFileFromPath("Dockerfile", Path.of("Dockerfile"))
			.withFileFromPath(".dockerignore", Path.of(".dockerignore"))
			.withFileFromPath("target/" + jar.getFileName(), jar);
		String base = System.getenv(BASE_IMAGE_VARIABLE);
		if (base != null && !base.isBlank()) {
			build.withBuildArg("BASE_IMAGE", base);
		}
		return build;
	}

	/** The jar the Dockerfile copies: {@code target/activation-service-*.jar}. */
	private static Path executableJar() {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith("activation-service-") && name.endsWith(".jar");
			}).toList();
			if (jars.size() != 1) {
				throw new IllegalStateException(
						"Expected one target/activation-service-*.jar (run ./mvnw package), found " + jars);
			}
			return jars.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ai.activation.ActivationServiceApplication;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes the service's own OpenAPI document for the build: starts the application from
 * {@code target/classes} on a free loopback port, with no management port, fetches
 * {@code /v3/api-docs} over HTTP and writes it to the file named by the first argument,
 * then stops. The clients that the tests use are generated from that file, so they are
 * generated from what the running service serves, not from a copy that could go stale.
 * <p>
 * Run by the build ({@code exec-maven-plugin} in {@code process-classes}) as a
 * single-file source program: {@code java -cp <runtime classpath> WriteApiDocs.java out}.
 * It is never part of the service's jar.
 */
public final class WriteApiDocs {

	private WriteApiDocs() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			throw new IllegalArgumentException("usage: WriteApiDocs <output file>");
		}
		Path output = Path.of(args[0]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ActivationServiceApplication.class)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--server.address=127.0.0.1", "--server.port=0", "--management.server.port=-1",
					"--logging.level.root=WARN")) {
			String port = context.getEnvironment().getRequiredProperty("local.server.port");
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
				.timeout(Duration.ofSeconds(60))
				.header("Accept", "application/json")
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
			}
			Files.createDirectories(output.toAbsolutePath().getParent());
			Files.writeString(output, response.body());
			System.out.println("Wrote the OpenAPI document served on port " + port + " to " + output);
		}
	}

}

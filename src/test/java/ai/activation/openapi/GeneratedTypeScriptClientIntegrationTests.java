package ai.activation.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End-to-end through the {@code typescript-fetch} client that openapi-generator generates
 * from the service's own {@code /v3/api-docs} in the build: {@code tsc} compiles it with
 * {@code src/test/typescript/client-check.ts} (strict, so the plain arrays and typed
 * parameters are checked at compile time), Node runs it against the service, and what the
 * client returned is checked here. Skipped where {@code tsc} or {@code node} is not on
 * the {@code PATH}; {@code .ci/run} installs TypeScript from the npm registry and checks
 * that this ran.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedTypeScriptClientIntegrationTests {

	private static final Path WORK = Path.of("target", "client-checks", "typescript");

	private static final String TSCONFIG = """
			{
			  "compilerOptions": {
			    "target": "ES2020",
			    "module": "commonjs",
			    "lib": ["ES2020", "DOM"],
			    "strict": true,
			    "skipLibCheck": true,
			    "outDir": "out"
			  },
			  "include": ["src"]
			}
			""";

	@LocalServerPort
	private int port;

	private Map<String, Object> results;

	/** Why the client could not be run here, or null. */
	private String missing;

	@BeforeAll
	void compileAndRunTheClient() throws IOException {
		Path tsc = GeneratedClientChecks.onPath("tsc").orElse(null);
		Path node = GeneratedClientChecks.onPath("node").orElse(null);
		if (tsc == null || node == null) {
			this.missing = "tsc and node are needed on the PATH (npm install -g typescript@5.9.3; .ci/run does)";
			return;
		}
		FileSystemUtils.deleteRecursively(WORK);
		Path client = WORK.resolve("src").resolve("client");
		copy(GeneratedClientChecks.CLIENTS.resolve("typescript"), client);
		Files.copy(Path.of("src", "test", "typescript", "client-check.ts"),
				WORK.resolve("src").resolve("client-check.ts"));
		Files.writeString(WORK.resolve("tsconfig.json"), TSCONFIG);
		GeneratedClientChecks.run(WORK, tsc.toString(), "-p", "tsconfig.json");
		this.results = GeneratedClientChecks.results(GeneratedClientChecks.run(WORK, node.toString(),
				"out/client-check.js", "http://localhost:" + this.port));
	}

	/**
	 * Skips each test, so that each is reported as skipped, where the client cannot run.
	 */
	@BeforeEach
	void skipWhereTheClientCannotRun() {
		Assumptions.assumeTrue(this.missing == null, this.missing);
	}

	@Test
	void sigmoidOfAPlainNumberArrayShouldAnswerAPlainArray() {
		GeneratedClientChecks.checkAnswer(this.results, "sigmoidVector", GeneratedClientChecks::checkSigmoidOfVector);
	}

	@Test
	void sigmoidOfANestedArrayShouldAnswerANestedArrayOfTheSameShape() {
		GeneratedClientChecks.checkAnswer(this.results, "sigmoidMatrix", GeneratedClientChecks::checkSigmoidOfMatrix);
	}

	@Test
	void sigmoidOfIntegersShouldTakeThemAsNumbers() {
		GeneratedClientChecks.checkAnswer(this.results, "sigmoidIntegers",
				GeneratedClientChecks::checkSigmoidOfIntegers);
	}

	@Test
	void leakyReluShouldTakeItsNegativeSlope() {
		GeneratedClientChecks.checkAnswer(this.results, "leakyRelu", GeneratedClientChecks::checkLeakyRelu);
	}

	@Test
	void softmaxShouldTakeItsAxisAndTemperature() {
		GeneratedClientChecks.checkAnswer(this.results, "softmax", GeneratedClientChecks::checkSoftmax);
	}

	@Test
	void geluShouldTakeItsApproximation() {
		GeneratedClientChecks.checkAnswer(this.results, "gelu", GeneratedClientChecks::checkGelu);
	}

	@Test
	@SuppressWarnings("unchecked")
	void catalogShouldListEveryFunction() {
		GeneratedClientChecks.checkCatalog((List<String>) this.results.get("catalog"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void emptyValuesShouldSurfaceAsAResponseErrorWithTheProblem() {
		Map<String, Object> problem = (Map<String, Object>) this.results.get("emptyValues");
		org.assertj.core.api.Assertions.assertThat(problem.get("contentType")).isEqualTo("application/problem+json");
		GeneratedClientChecks.checkEmptyValuesProblem(((Number) problem.get("status")).intValue(),
				(String) problem.get("detail"), (String) problem.get("pointer"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyCatalogFunctionShouldHaveAMethod() {
		GeneratedClientChecks.checkEveryFunctionHasItsMethod((List<String>) this.results.get("methods"),
				GeneratedClientChecks::camelCase);
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

}

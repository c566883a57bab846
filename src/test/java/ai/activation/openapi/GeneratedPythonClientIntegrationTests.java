package ai.activation.openapi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end through the client of openapi-generator's {@code python} target, generated
 * from the service's own {@code /v3/api-docs} in the build: {@code
 * src/test/python/client_check.py} calls the service through it and what the client
 * returned is checked here. The client needs pydantic 2, urllib3, python-dateutil and
 * typing-extensions; the first {@code python3} that has them (the one on the
 * {@code PATH}, then Debian's {@code /usr/bin/python3}) runs it, and the tests are
 * skipped where none has (Debian 12's python3-pydantic is 1.x, and PyPI is out of reach
 * here).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedPythonClientIntegrationTests {

	private static final String PROBE = "import sys, pydantic, urllib3, dateutil, typing_extensions; "
			+ "sys.exit(0 if int(pydantic.VERSION.split('.')[0]) >= 2 else 3)";

	/**
	 * The names openapi-generator's Python generator does not use as they are but
	 * prefixes with {@code var_} ({@code lambda} of hardshrink and softshrink becomes
	 * {@code var_lambda}): Python's keywords and the generator's own reserved words
	 * ({@code AbstractPythonCodegen}, 7.25.0).
	 */
	private static final Set<String> RESERVED = Set.of("and", "as", "assert", "async", "await", "break", "class",
			"continue", "def", "del", "elif", "else", "except", "exec", "finally", "for", "from", "global", "if",
			"import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try", "while",
			"with", "yield", "field", "all_params", "resource_path", "path_params", "query_params", "header_params",
			"form_params", "local_var_files", "body_params", "auth_settings", "property", "schema", "base64", "json",
			"date", "float", "self");

	@LocalServerPort
	private int port;

	private Map<String, Object> results;

	/** Why the client could not be run here, or null. */
	private String missing;

	@BeforeAll
	void runTheClient() {
		Optional<String> python = interpreter();
		if (python.isEmpty()) {
			this.missing = "no python3 with pydantic 2, urllib3, python-dateutil and typing-extensions";
			return;
		}
		this.results = GeneratedClientChecks
			.results(GeneratedClientChecks.run(Path.of("."), python.get(), "src/test/python/client_check.py",
					GeneratedClientChecks.CLIENTS.resolve("python").toString(), "http://localhost:" + this.port));
	}

	/**
	 * Skips each test, so that each is reported as skipped, where the client cannot run.
	 */
	@BeforeEach
	void skipWhereTheClientCannotRun() {
		Assumptions.assumeTrue(this.missing == null, this.missing);
	}

	@Test
	void sigmoidOfAPlainListShouldAnswerAPlainList() {
		GeneratedClientChecks.checkAnswer(this.results, "sigmoidVector", GeneratedClientChecks::checkSigmoidOfVector);
	}

	@Test
	void sigmoidOfANestedListShouldAnswerANestedListOfTheSameShape() {
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
	void emptyValuesShouldSurfaceAsTheClientsExceptionWithTheParsedProblem() {
		Map<String, Object> problem = (Map<String, Object>) this.results.get("emptyValues");
		assertThat(problem.get("contentType")).isEqualTo("application/problem+json");
		GeneratedClientChecks.checkEmptyValuesProblem(((Number) problem.get("status")).intValue(),
				(String) problem.get("detail"), (String) problem.get("pointer"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyCatalogFunctionShouldHaveAMethodTakingItsParametersByName() {
		GeneratedClientChecks.checkEveryFunctionHasItsMethod((Map<String, List<String>>) this.results.get("methods"),
				(name) -> name, (name) -> RESERVED.contains(name) ? "var_" + name : name);
	}

	private static Optional<String> interpreter() {
		Set<String> candidates = new LinkedHashSet<>();
		GeneratedClientChecks.onPath("python3").ifPresent((path) -> candidates.add(path.toString()));
		candidates.add("/usr/bin/python3");
		return candidates.stream().filter(GeneratedPythonClientIntegrationTests::canRunTheClient).findFirst();
	}

	private static boolean canRunTheClient(String python) {
		try {
			Process probe = new ProcessBuilder(python, "-c", PROBE).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

package ai.activation.openapi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The calls that every generated client makes (Java, TypeScript, Python), and what each
 * must answer: the inputs, the references computed here with apfloat at 60 digits from
 * the formulas (nothing of the service's kernels), and the checks on what came back
 * through the client, within the service's 4 ulp budget.
 * <p>
 * The TypeScript and Python programs ({@code src/test/typescript/client-check.ts},
 * {@code src/test/python/client_check.py}) make the same calls and print what their
 * client returned as one JSON object with the keys below, which the tests check here.
 */
final class GeneratedClientChecks {

	/** The largest distance from a reference, in units in its last place. */
	static final double ULP_BUDGET = 4;

	/** Where the build writes the generated clients (pom.xml, openapi-generator). */
	static final Path CLIENTS = Path.of("target", "generated-clients");

	static final List<Double> VECTOR = List.of(-2.0, 0.0, 3.0);

	static final List<List<Double>> MATRIX = List.of(List.of(-1.0, 0.5, 4.0), List.of(2.0, -3.0, 0.25));

	static final List<Integer> INTEGERS = List.of(-7, 0, 5);

	static final List<Double> LEAKY_INPUT = List.of(-10.0, -0.5, 3.0);

	static final double NEGATIVE_SLOPE = 0.2;

	static final List<List<Integer>> SOFTMAX_INPUT = List.of(List.of(1, 2, 3), List.of(1, 4, 9));

	static final int SOFTMAX_AXIS = 0;

	static final double TEMPERATURE = 0.5;

	static final List<Double> GELU_INPUT = List.of(-3.0, 0.5, 2.0);

	static final String APPROXIMATE = "tanh";

	private static final long DIGITS = 60;

	private static final Apfloat ONE = new Apfloat(1, DIGITS);

	private GeneratedClientChecks() {
	}

	static void checkSigmoidOfVector(String function, List<Integer> shape, Object values) {
		check("sigmoid", List.of(3), nested(VECTOR, GeneratedClientChecks::sigmoid), function, shape, values);
	}

	static void checkSigmoidOfMatrix(String function, List<Integer> shape, Object values) {
		check("sigmoid", List.of(2, 3), nested(MATRIX, GeneratedClientChecks::sigmoid), function, shape, values);
	}

	static void checkSigmoidOfIntegers(String function, List<Integer> shape, Object values) {
		check("sigmoid", List.of(3), nested(INTEGERS, GeneratedClientChecks::sigmoid), function, shape, values);
	}

	static void checkLeakyRelu(String function, List<Integer> shape, Object values) {
		Apfloat slope = ap(NEGATIVE_SLOPE);
		check("leaky_relu", List.of(3),
				nested(LEAKY_INPUT, (x) -> (x.signum() > 0) ? x : x.multiply(slope).precision(DIGITS)), function, shape,
				values);
	}

	static void checkSoftmax(String function, List<Integer> shape, Object values) {
		// Along axis 0: each column is normalized, e^(x_i/T) / sum_j e^(x_j/T) (the
		// service's
		// subtracted maximum cancels in exact arithmetic).
		Apfloat t = ap(TEMPERATURE);
		int rows = SOFTMAX_INPUT.size();
		int columns = SOFTMAX_INPUT.get(0).size();
		List<List<Double>> expected = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			expected.add(new ArrayList<>());
		}
		for (int j = 0; j < columns; j++) {
			Apfloat[] e = new Apfloat[rows];
			Apfloat sum = new Apfloat(0, DIGITS);
			for (int i = 0; i < rows; i++) {
				e[i] = ApfloatMath.exp(ap(SOFTMAX_INPUT.get(i).get(j)).divide(t));
				sum = sum.add(e[i]);
			}
			for (int i = 0; i < rows; i++) {
				expected.get(i).add(round(e[i].divide(sum)));
			}
		}
		check("softmax", List.of(rows, columns), expected, function, shape, values);
	}

	static void checkGelu(String function, List<Integer> shape, Object values) {
		Apfloat c = new Apfloat("0.044715", DIGITS);
		Apfloat half = new Apfloat("0.5", DIGITS);
		Apfloat k = ApfloatMath.sqrt(new Apfloat(2, DIGITS).divide(ApfloatMath.pi(DIGITS)));
		check("gelu", List.of(3), nested(GELU_INPUT,
				(x) -> half.multiply(x)
					.multiply(ONE.add(ApfloatMath.tanh(k.multiply(x.add(c.multiply(x).multiply(x).multiply(x))))))),
				function, shape, values);
	}

	/**
	 * The catalog as the client listed it: every function, in catalog order.
	 * @param names the names of the listed functions
	 */
	static void checkCatalog(List<String> names) {
		assertThat(names).containsExactlyElementsOf(Catalog.all().stream().map(Activation::canonicalName).toList());
	}

	/**
	 * The client's error for {@code {"values": []}}: the status, and the problem's detail
	 * and pointer as the client parsed them from the problem+json body.
	 */
	static void checkEmptyValuesProblem(int status, String detail, String pointer) {
		assertThat(status).isEqualTo(400);
		assertThat(detail).startsWith("Empty array").contains("'values'");
		assertThat(pointer).isEqualTo("/values");
	}

	/**
	 * Every catalog function has its generated method, and the method takes the
	 * function's own parameters by name, nothing else besides the body and the codec's
	 * {@code dtype} and {@code shape}.
	 * @param methods the generated methods: their name, and the names of their parameters
	 * other than the body and the codec's
	 * @param methodName the generator's method name for an operationId such as
	 * {@code activate_leaky_relu}
	 * @param parameterName the generator's name for a query parameter such as
	 * {@code negative_slope}
	 */
	static void checkEveryFunctionHasItsMethod(Map<String, List<String>> methods, UnaryOperator<String> methodName,
			UnaryOperator<String> parameterName) {
		for (Activation function : Catalog.all()) {
			String name = methodName.apply("activate_" + function.canonicalName());
			assertThat(methods).as("the generated method for %s", function.canonicalName()).containsKey(name);
			if (methods.get(name) != null) {
				assertThat(methods.get(name)).as("the parameters of %s", name)
					.containsExactlyElementsOf(
							function.parameters().stream().map((p) -> parameterName.apply(p.name())).toList());
			}
		}
	}

	/**
	 * Every catalog function has its generated method, for a client whose methods'
	 * parameters are not seen at run time (TypeScript's, where {@code tsc} checks them).
	 * @param methods the names of the generated methods
	 * @param methodName the generator's method name for an operationId
	 */
	static void checkEveryFunctionHasItsMethod(Collection<String> methods, UnaryOperator<String> methodName) {
		assertThat(methods)
			.containsAll(Catalog.all().stream().map((f) -> methodName.apply("activate_" + f.canonicalName())).toList());
	}

	/** {@code activate_leaky_relu} as openapi-generator's Java and TypeScript name it. */
	static String camelCase(String name) {
		String upper = Arrays.stream(name.split("_"))
			.map((part) -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
			.collect(Collectors.joining());
		return upper.substring(0, 1).toLowerCase(Locale.ROOT) + upper.substring(1);
	}

	/**
	 * Runs a program to its end, at most two minutes.
	 * @param directory the working directory
	 * @param command the command
	 * @return what it printed on standard output
	 */
	static String run(Path directory, String... command) {
		try {
			Path log = Files.createTempFile("client-check", ".log");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectError(log.toFile())
				.start();
			process.getOutputStream().close();
			byte[] out = process.getInputStream().readAllBytes();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not end within two minutes");
			}
			String err = Files.readString(log);
			Files.delete(log);
			String stdout = new String(out, StandardCharsets.UTF_8);
			assertThat(process.exitValue())
				.as("exit code of %s%nstdout: %s%nstderr: %s", String.join(" ", command), stdout, err)
				.isZero();
			return stdout;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Finds a program on the {@code PATH}.
	 * @param name the program's name
	 * @return its path, if there is one
	 */
	static Optional<Path> onPath(String name) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Reads what a client program printed: one JSON object.
	 * @param stdout its output
	 * @return the object, numbers as {@link Number} and arrays as {@link List}
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> results(String stdout) {
		return JsonMapper.builder().build().readValue(stdout.strip(), Map.class);
	}

	/**
	 * Checks one call's answer as a client program printed it.
	 * @param results what the program printed
	 * @param key the call, e.g. {@code sigmoidVector}
	 * @param check the check of the call
	 */
	@SuppressWarnings("unchecked")
	static void checkAnswer(Map<String, Object> results, String key, AnswerCheck check) {
		assertThat(results).containsKey(key);
		Map<String, Object> answer = (Map<String, Object>) results.get(key);
		List<Integer> shape = ((List<Number>) answer.get("shape")).stream().map(Number::intValue).toList();
		check.check((String) answer.get("function"), shape, answer.get("values"));
	}

	/** One of the checks above. */
	@FunctionalInterface
	interface AnswerCheck {

		void check(String function, List<Integer> shape, Object values);

	}

	private static void check(String expectedFunction, List<Integer> expectedShape, Object expected, String function,
			List<Integer> shape, Object values) {
		assertThat(function).isEqualTo(expectedFunction);
		assertThat(shape).containsExactlyElementsOf(expectedShape);
		assertWithinBudget("values", expected, values);
	}

	private static void assertWithinBudget(String path, Object expected, Object actual) {
		if (expected instanceof List<?> list) {
			assertThat(actual).as(path).isInstanceOf(List.class);
			List<?> got = (List<?>) actual;
			assertThat(got).as(path).hasSameSizeAs(list);
			for (int i = 0; i < list.size(); i++) {
				assertWithinBudget(path + "/" + i, list.get(i), got.get(i));
			}
			return;
		}
		double reference = (Double) expected;
		assertThat(actual).as(path).isInstanceOf(Number.class);
		double value = ((Number) actual).doubleValue();
		assertThat(value).as("%s: reference %s", path, reference)
			.isCloseTo(reference, within(ULP_BUDGET * Math.ulp(reference)));
	}

	private static List<Object> nested(List<?> input, UnaryOperator<Apfloat> f) {
		List<Object> out = new ArrayList<>();
		for (Object element : input) {
			out.add((element instanceof List<?> row) ? nested(row, f)
					: round(f.apply(ap(((Number) element).doubleValue()))));
		}
		return out;
	}

	private static Apfloat sigmoid(Apfloat x) {
		return ONE.divide(ONE.add(ApfloatMath.exp(x.negate())));
	}

	private static Apfloat ap(double x) {
		return new Apfloat(new BigDecimal(x), DIGITS);
	}

	private static Apfloat ap(int x) {
		return new Apfloat(x, DIGITS);
	}

	private static double round(Apfloat a) {
		return (a.signum() == 0) ? 0.0 : Double.parseDouble(a.toString(false));
	}

}

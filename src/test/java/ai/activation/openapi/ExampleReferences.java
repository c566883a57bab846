package ai.activation.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The independent references for the documented examples: what mpmath computes at 60
 * digits for each function's example input, written by
 * {@code src/test/python/example_references.py} into {@code example-references.json}.
 */
public final class ExampleReferences {

	/** The largest distance, in units in the last place, allowed from a reference. */
	public static final double ULP_BUDGET = 4;

	private static final String RESOURCE = "example-references.json";

	private ExampleReferences() {
	}

	/**
	 * Loads every reference, by canonical function name.
	 * @return the references
	 */
	public static Map<String, Reference> load() {
		return load("functions");
	}

	/**
	 * Loads the references of the masked examples (the example input with the mask of the
	 * OpenAPI document), by canonical function name.
	 * @return the references
	 */
	public static Map<String, Reference> loadMasked() {
		return load("masked");
	}

	private static Map<String, Reference> load(String section) {
		try (InputStream in = ExampleReferences.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing; run src/test/python/example_references.py");
			}
			JsonNode functions = JsonMapper.builder().build().readTree(in).get(section);
			Map<String, Reference> references = new TreeMap<>();
			for (Map.Entry<String, JsonNode> entry : functions.properties()) {
				JsonNode node = entry.getValue();
				references.put(entry.getKey(), new Reference(doubles(node.get("input")), ints(node.get("shape")),
						decimals(node.get("output")), ints(node.get("outputShape"))));
			}
			return references;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns how many units in the last place of the reference separate a double from
	 * it.
	 * @param actual the double
	 * @param reference the high-precision reference
	 * @return the distance, 0 when equal
	 */
	public static double ulpDistance(double actual, BigDecimal reference) {
		BigDecimal difference = new BigDecimal(actual).subtract(reference).abs();
		if (difference.signum() == 0) {
			return 0;
		}
		double ulp = Math.ulp(reference.doubleValue());
		return difference.divide(new BigDecimal(ulp), MathContext.DECIMAL64).doubleValue();
	}

	/**
	 * Flattens a nested JSON array of numbers, row major.
	 * @param nested the array
	 * @return the numbers
	 */
	public static List<Double> flatten(JsonNode nested) {
		List<Double> flat = new ArrayList<>();
		flatten(nested, flat);
		return flat;
	}

	private static void flatten(JsonNode node, List<Double> flat) {
		if (node.isArray()) {
			node.forEach((element) -> flatten(element, flat));
		}
		else {
			flat.add(node.doubleValue());
		}
	}

	private static List<Double> doubles(JsonNode array) {
		List<Double> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.doubleValue()));
		return values;
	}

	private static List<Integer> ints(JsonNode array) {
		List<Integer> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.intValue()));
		return values;
	}

	private static List<BigDecimal> decimals(JsonNode array) {
		List<BigDecimal> values = new ArrayList<>();
		for (Iterator<JsonNode> it = array.iterator(); it.hasNext();) {
			values.add(new BigDecimal(it.next().asString()));
		}
		return values;
	}

	/**
	 * One function's reference.
	 *
	 * @param input the example input, row major
	 * @param shape its shape
	 * @param output the true result at 40 significant digits, row major
	 * @param outputShape the result's shape
	 */
	public record Reference(List<Double> input, List<Integer> shape, List<BigDecimal> output,
			List<Integer> outputShape) {
	}

}

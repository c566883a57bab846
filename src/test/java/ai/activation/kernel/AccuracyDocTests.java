package ai.activation.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import ai.activation.catalog.Activation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@code docs/accuracy.md} and fails if a catalog function has no measured row in
 * its value table or in its gradient table (the tables {@code KernelAccuracyTests} writes
 * to {@code target/accuracy-report.md}, pasted there).
 */
class AccuracyDocTests {

	@Test
	void everyCatalogFunctionHasAMeasuredValueRowAndAGradientRow() throws IOException {
		String doc = Files.readString(Path.of("docs/accuracy.md"));
		String values = doc.substring(doc.indexOf("## Results"), doc.indexOf("## Gradients"));
		String gradients = doc.substring(doc.indexOf("### Measured gradients"));
		for (Activation function : Activation.values()) {
			assertThat(rows(values)).as("value rows").contains(function.canonicalName());
			assertThat(rows(gradients)).as("gradient rows").contains(function.canonicalName());
		}
	}

	/** The first word of every table row's first cell. */
	private static Set<String> rows(String section) {
		Set<String> names = new TreeSet<>();
		for (String line : section.split("\n")) {
			if (line.startsWith("| ") && !line.startsWith("| function")) {
				names.add(line.substring(2).split("[ |]")[0]);
			}
		}
		return names;
	}

}

package ai.activation.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the README's table of the catalog by library and checks it against the catalog:
 * one row per function, and every library name in a row resolves to that row's function,
 * so the table cannot promise a name the service does not answer to.
 */
class ReadmeCatalogTableTests {

	private static final Pattern NAME = Pattern.compile("`([^`]+)`");

	private static String readme;

	private static final Map<String, List<String>> ROWS = new LinkedHashMap<>();

	@BeforeAll
	static void readTable() throws IOException {
		readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("### The catalog by library");
		assertThat(start).as("the README's catalog table").isNotNegative();
		for (String line : readme.substring(start).split("\n")) {
			if (!line.startsWith("| ") || line.startsWith("| function ")) {
				if (!ROWS.isEmpty() && !line.startsWith("|")) {
					break;
				}
				continue;
			}
			String[] cells = line.split("\\|");
			List<String> names = new ArrayList<>();
			for (String cell : Arrays.asList(cells).subList(2, cells.length)) {
				Matcher matcher = NAME.matcher(cell);
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
			ROWS.put(cells[1].trim(), names);
		}
	}

	@Test
	void everyCatalogFunctionHasExactlyOneRow() {
		assertThat(ROWS.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Activation.values()).map(Activation::canonicalName).toList());
	}

	@Test
	void everyLibraryNameResolvesToItsRowsFunction() {
		ROWS.forEach((function, names) -> {
			for (String name : names) {
				assertThat(Catalog.find(name).map(Activation::canonicalName)).as(name).hasValue(function);
			}
		});
	}

	@Test
	void theReadmeCountsTheCatalogRight() {
		Matcher count = Pattern.compile("(\\d+)\\s+functions in all").matcher(readme);
		assertThat(count.find()).as("the README says how many functions there are").isTrue();
		assertThat(Integer.parseInt(count.group(1))).isEqualTo(Activation.values().length);
	}

}

package ai.activation.deploy;

import java.util.Arrays;
import java.util.List;

/**
 * Reads samples out of the Prometheus text exposition format that
 * {@code /actuator/prometheus} answers.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The sum of the samples of a metric whose labels include all the given ones (each
	 * written {@code name="value"}), over all its other labels; 0 when there is none yet
	 * (a counter appears on first use).
	 */
	static double sum(String exposition, String metric, String... labels) {
		return exposition.lines()
			.filter((line) -> line.startsWith(metric + "{"))
			.filter((line) -> labels(line).containsAll(Arrays.asList(labels)))
			.mapToDouble(PrometheusText::sampleValue)
			.sum();
	}

	/** The label set between the braces, split so that a label is matched whole. */
	private static List<String> labels(String line) {
		String inside = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
		return Arrays.asList(inside.split(","));
	}

	private static double sampleValue(String line) {
		String afterLabels = line.substring(line.lastIndexOf('}') + 1).strip();
		// A sample is "value" or "value timestamp".
		return Double.parseDouble(afterLabels.split("\\s+")[0]);
	}

}

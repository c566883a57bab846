package ai.activation.deploy;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard that docker compose's observability profile provisions,
 * {@code deploy/grafana/dashboards/activation-service.json}.
 */
final class GrafanaDashboard {

	static final Path FILE = Path.of("deploy", "grafana", "dashboards", "activation-service.json");

	/** A series selector: a metric name followed by its label matchers or a range. */
	private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

	private final JsonNode dashboard;

	private GrafanaDashboard(JsonNode dashboard) {
		this.dashboard = dashboard;
	}

	static GrafanaDashboard read() {
		return new GrafanaDashboard(JsonMapper.builder().build().readTree(FILE.toFile()));
	}

	JsonNode panels() {
		return this.dashboard.get("panels");
	}

	/** The metric names in the PromQL expressions of every panel. */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.get("targets")) {
				Matcher metric = METRIC.matcher(target.get("expr").asString());
				while (metric.find()) {
					names.add(metric.group(1));
				}
			}
		}
		return names;
	}

}

package ai.activation.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.activation.activate.FunctionCall;
import ai.activation.activate.ReservedQueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /activate/{function}/plot} draws a function's graph as SVG. The function and
 * its parameters are resolved and validated as for {@code POST /activate/{function}} (404
 * for an unknown function, 400 for a bad or unknown parameter); {@code from} and
 * {@code to} set the x range.
 */
@RestController
@EnableConfigurationProperties(PlotProperties.class)
class PlotController {

	/** The media type of the graphs. */
	static final MediaType SVG = MediaType.valueOf("image/svg+xml");

	private final PlotProperties properties;

	PlotController(PlotProperties properties) {
		this.properties = properties;
	}

	/**
	 * Draws a graph.
	 * @param call the function and its arguments, from the path and the query less
	 * {@code from} and {@code to}
	 * @param query every query parameter with all its values, as given
	 * @return the SVG document
	 */
	@GetMapping(path = "/activate/{function}/plot", produces = "image/svg+xml")
	@Operation(summary = "The function's graph as SVG", parameters = { @Parameter(name = PlotRange.FROM,
			in = ParameterIn.QUERY,
			description = "The left end of the x range; -6 unless configured otherwise (for a function defined for x > 0 only, just right of 0).",
			schema = @Schema(type = "number", defaultValue = "-6")),
			@Parameter(name = PlotRange.TO, in = ParameterIn.QUERY,
					description = "The right end of the x range; 6 unless configured otherwise. "
							+ "Both ends lie within ±1e6, and to - from within [1e-6, 1e6].",
					schema = @Schema(type = "number", defaultValue = "6")),
			@Parameter(name = CurveKind.PARAMETER, in = ParameterIn.QUERY,
					description = "What to draw: the function's value, its derivative d/dx (for a function "
							+ "along an axis, of the plotted slice, through the gradient endpoint's "
							+ "vector-Jacobian product), or both on the same axes.",
					schema = @Schema(type = "string", allowableValues = { "value", "derivative", "both" },
							defaultValue = "value")) })
	ResponseEntity<byte[]> plot(
			@ReservedQueryParameters({ PlotRange.FROM, PlotRange.TO, CurveKind.PARAMETER }) FunctionCall call,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
		// The raw values: a bound List<String> would split "1,2" and drop an empty value.
		PlotRange range = PlotRange.of(given(query.get(PlotRange.FROM)), given(query.get(PlotRange.TO)),
				this.properties, call.function().domain());
		CurveKind kind = CurveKind.of(given(query.get(CurveKind.PARAMETER)));
		List<Curve> curves = new ArrayList<>();
		if (kind.value()) {
			curves.add(CurveSampler.sample(call.function(), call.arguments(), range, this.properties.samples()));
		}
		if (kind.derivative()) {
			curves.add(CurveSampler.sample(call.function(), call.arguments(), range, this.properties.samples(), true));
		}
		byte[] svg = SvgChart.draw(call.function().canonicalName(), curves, captions(call, curves), range,
				this.properties.width(), this.properties.height());
		return ResponseEntity.ok().contentType(SVG).body(svg);
	}

	private static List<String> given(List<String> values) {
		return (values != null) ? values : List.of();
	}

	/**
	 * The lines under the plot: the parameters used, defaults included; for a function of
	 * a vector, the slice plotted; the values left out, if any.
	 */
	private static List<String> captions(FunctionCall call, List<Curve> curves) {
		Curve curve = curves.get(0);
		int omitted = curves.stream().mapToInt(Curve::omitted).sum();
		int points = curves.size() * curve.x().length;
		List<String> captions = new ArrayList<>();
		Map<String, Object> arguments = call.arguments().asMap();
		if (arguments.isEmpty()) {
			captions.add("no parameters");
		}
		else {
			List<String> parts = new ArrayList<>();
			arguments.forEach((name, value) -> parts.add(name + " = " + ((value != null) ? value : "none")));
			captions.add(String.join(", ", parts));
		}
		if (curves.size() > 1) {
			captions.add("solid: " + curves.get(0).label() + ", dashed: " + curves.get(1).label());
		}
		else if (curve.label().startsWith("d/dx")) {
			captions.add("the derivative " + curve.label());
		}
		if (curve.slice() != null) {
			captions.add("the first output for the input vector " + curve.slice() + " as x varies");
		}
		if (omitted > 0) {
			captions.add(omitted + " of " + points + " points left out: their values lie beyond ±"
					+ String.format(Locale.ROOT, "%.2E", CurveSampler.DRAWABLE) + " or the range of a double");
		}
		return captions;
	}

}

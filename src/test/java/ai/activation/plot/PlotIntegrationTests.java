package ai.activation.plot;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;
import ai.activation.plot.SvgDocument.Axis;
import ai.activation.plot.SvgDocument.Point;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ai.activation.HttpTestClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End-to-end over real HTTP: {@code GET /activate/{function}/plot} answers SVG whose
 * curve, read back through the axes drawn on it, lies on values computed here with
 * textbook formulas, and rejects bad requests with the same problems as {@code POST
 * /activate/{function}}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlotIntegrationTests {

	private static final String PARAMETER_TYPE = "https://activation.ai/problems/invalid-parameter";

	/** The SVG writes coordinates with two decimals; a point may be off by rounding. */
	private static final double PIXEL = 0.02;

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void sigmoidGraphDrawsEverySampleWhereItsAxesPutTheLogisticFunction() {
		SvgDocument svg = svg("/activate/sigmoid/plot");
		assertThat(svg.texts()).contains("sigmoid", "no parameters");
		// Gridlines at the ticks -6, -5, ..., 6 and 0, 0.1, ..., 1 (some may fall at an
		// edge).
		assertThat(svg.gridlines(true)).hasSizeGreaterThanOrEqualTo(11);
		assertThat(svg.gridlines(false)).hasSizeGreaterThanOrEqualTo(9);
		List<Point> curve = svg.curve();
		assertThat(curve).hasSize(401);
		assertThat(curve.get(0).move()).isTrue();
		assertThat(curve.subList(1, 401)).noneMatch(Point::move);
		assertThat(curve.stream().map(Point::x).toList()).isSorted().doesNotHaveDuplicates();
		// Pixels grow downwards, and sigmoid increases: y pixels never increase.
		for (int i = 1; i < curve.size(); i++) {
			assertThat(curve.get(i).y()).isLessThanOrEqualTo(curve.get(i - 1).y());
		}
		assertOnCurve(svg, curve, -6, 6, (x) -> 1 / (1 + Math.exp(-x)));
		// sigma(0) = 1/2 exactly, at the middle sample.
		assertThat(curve.get(200).x()).isCloseTo(svg.xAxis().pixel(0), within(PIXEL));
		assertThat(curve.get(200).y()).isCloseTo(svg.yAxis().pixel(0.5), within(PIXEL));
	}

	@Test
	void theSameRequestGetsTheSameBytes() {
		HttpResponse<String> first = this.http.get("/activate/gelu/plot?from=-3&to=2.5");
		HttpResponse<String> second = this.http.get("/activate/gelu/plot?from=-3&to=2.5");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.headers().firstValue("Content-Length"))
			.isEqualTo(first.headers().firstValue("Content-Length"));
	}

	@Test
	void parametersChangeTheCaptionAndTheCurve() {
		String defaults = this.http.get("/activate/elu/plot").body();
		String half = this.http.get("/activate/elu/plot?alpha=0.5").body();
		SvgDocument defaultSvg = SvgDocument.parse(defaults);
		SvgDocument halfSvg = SvgDocument.parse(half);
		assertThat(defaultSvg.texts()).contains("elu", "alpha = 1.0").doesNotContain("alpha = 0.5");
		assertThat(halfSvg.texts()).contains("elu", "alpha = 0.5").doesNotContain("alpha = 1.0");
		assertOnCurve(defaultSvg, defaultSvg.curve(), -6, 6, (x) -> (x > 0) ? x : Math.expm1(x));
		assertOnCurve(halfSvg, halfSvg.curve(), -6, 6, (x) -> (x > 0) ? x : 0.5 * Math.expm1(x));
		assertThat(halfSvg.curve()).isNotEqualTo(defaultSvg.curve());
	}

	@Test
	void theRangeIsTakenFromFromAndTo() {
		SvgDocument svg = svg("/activate/tanh/plot?from=-0.5&to=2");
		assertThat(svg.curve()).hasSize(401);
		assertOnCurve(svg, svg.curve(), -0.5, 2, Math::tanh);
	}

	@Test
	void aVectorFunctionIsPlottedAsTheDocumentedSlice() {
		SvgDocument softmax = svg("/activate/softmax/plot?temperature=2");
		assertThat(softmax.texts()).contains("softmax", "axis = -1, temperature = 2.0",
				"the first output for the input vector [x, 0] as x varies");
		assertOnCurve(softmax, softmax.curve(), -6, 6, (x) -> 1 / (1 + Math.exp(-x / 2)));
		SvgDocument glu = svg("/activate/glu/plot");
		assertThat(glu.texts()).contains("glu", "the first output for the input vector [x, x] as x varies");
		assertOnCurve(glu, glu.curve(), -6, 6, (x) -> x / (1 + Math.exp(-x)));
	}

	@Test
	void theDerivativeCurveIsDrawnAloneOrBesideTheValue() {
		SvgDocument derivative = svg("/activate/sigmoid/plot?curve=derivative");
		assertThat(derivative.texts()).contains("d/dx sigmoid(x)");
		assertOnCurve(derivative, derivative.curve(), -6, 6, (x) -> 1 / (1 + Math.exp(-x)) / (1 + Math.exp(x)));
		SvgDocument both = svg("/activate/sigmoid/plot?curve=both");
		assertThat(both.texts()).contains("sigmoid(x)", "d/dx sigmoid(x)");
	}

	@Test
	void anUnknownCurveIsAProblemNamingTheParameter() {
		JsonNode problem = assertProblem(this.http.get("/activate/sigmoid/plot?curve=second"), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("curve");
	}

	@Test
	void anAliasDrawsTheCanonicalFunction() {
		assertThat(svg("/activate/swish/plot").texts()).contains("silu");
	}

	@Test
	void valuesTooLargeToDrawAreLeftOutOfTheCurveAndTheCaptionSaysSo() {
		SvgDocument svg = svg("/activate/leaky_relu/plot?negative_slope=1e308");
		// 1e308 * x overflows for x < -1.7976931348623157, and exceeds the drawable
		// MAX / 4 for x < -0.44942328371557896: samples 0 .. 185 of -6 + 0.03 i.
		assertThat(svg.texts())
			.contains("186 of 401 points left out: their values lie beyond ±4.49E+307 or the range of a double");
		List<Point> curve = svg.curve();
		assertThat(curve).hasSize(215);
		assertThat(curve.get(0).move()).isTrue();
		assertThat(curve.get(0).x()).isCloseTo(svg.xAxis().pixel(-6 + 0.03 * 186), within(PIXEL));
		// The y axis spans a quarter of the doubles, and still has its ticks.
		Axis yAxis = svg.yAxis().assertLinear();
		assertThat(yAxis.values()).contains(-4e307, -3.5e307, 0.0);
		assertThat(curve.get(0).y()).isCloseTo(yAxis.pixel(1e308 * (-6 + 0.03 * 186)), within(PIXEL));
		assertThat(curve.get(214).y()).isCloseTo(yAxis.pixel(6), within(PIXEL));
	}

	@Test
	void aCurveEntirelyBeyondTheDoublesIsAnEmptyGraphThatSaysSo() {
		HttpResponse<String> response = this.http.get("/activate/leaky_relu/plot?negative_slope=1e308&from=-6&to=-2");
		assertThat(response.statusCode()).isEqualTo(200);
		SvgDocument svg = SvgDocument.parse(response.body());
		assertThat(svg.texts())
			.contains("401 of 401 points left out: their values lie beyond ±4.49E+307 or the range of a double");
	}

	static Stream<Activation> catalog() {
		return Catalog.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("catalog")
	void everyCatalogFunctionHasAGraph(Activation function) {
		HttpResponse<String> response = this.http.get("/activate/" + function.canonicalName() + "/plot");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
		SvgDocument svg = SvgDocument.parse(response.body());
		assertThat(svg.texts()).contains(function.canonicalName());
		for (Parameter parameter : function.parameters()) {
			assertThat(String.join("\n", svg.texts())).contains(parameter.name() + " = ");
		}
		assertThat(svg.curve()).hasSize(401);
		svg.xAxis().assertLinear();
		svg.yAxis().assertLinear();
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(Arguments.of("sigmoid/plot?from=abc", "from", "'abc'"),
				Arguments.of("sigmoid/plot?from=NaN", "from", "'NaN'"),
				Arguments.of("sigmoid/plot?to=Infinity", "to", "'Infinity'"),
				Arguments.of("sigmoid/plot?to=1e400", "to", "[-1000000, 1000000]"),
				Arguments.of("sigmoid/plot?from=", "from", "plain decimal"),
				Arguments.of("sigmoid/plot?from=1&to=1", "from", "from < to"),
				Arguments.of("sigmoid/plot?from=3&to=-3", "from", "from < to"),
				Arguments.of("sigmoid/plot?to=-10", "to", "from < to"),
				Arguments.of("sigmoid/plot?from=-1e6&to=1e6", "from", "to - from must lie in"),
				Arguments.of("sigmoid/plot?from=0&to=1e-9", "from", "to - from must lie in"),
				Arguments.of("sigmoid/plot?from=-1&from=0", "from", "given 2 times"),
				Arguments.of("sigmoid/plot?alpha=1", "alpha", "takes no parameters"),
				Arguments.of("elu/plot?alpha=abc", "alpha", "'abc'"),
				Arguments.of("elu/plot?beta=1&from=0", "beta", "no parameter 'beta'"),
				Arguments.of("rrelu/plot?lower=0.5&upper=0.1", "lower", "lower <= upper"),
				Arguments.of("softmax/plot?axis=1", "axis", "axis was 1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void aBadParameterIsABadRequestThatNamesIt(String path, String parameter, String detail) {
		JsonNode problem = assertProblem(this.http.get("/activate/" + path), 400);
		assertThat(problem.get("type").asString()).isEqualTo(PARAMETER_TYPE);
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
		assertThat(problem.get("allowed").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains(detail);
	}

	@Test
	void anUnknownFunctionIsTheSameNotFoundAsForPost() {
		JsonNode plot = assertProblem(this.http.get("/activate/nope/plot?from=0&to=1"), 404);
		JsonNode post = assertProblem(this.http.post("/activate/nope", "{\"values\": [1]}"), 404);
		assertThat(plot.get("type")).isEqualTo(post.get("type"));
		assertThat(plot.get("detail")).isEqualTo(post.get("detail"));
		assertThat(plot.get("knownFunctions")).isEqualTo(post.get("knownFunctions"));
	}

	@Test
	void theOpenApiDocumentShowsTheRangeParametersAndNothingElseOfTheQuery() {
		JsonNode document = HttpTestClient.json(this.http.get("/v3/api-docs"));
		JsonNode parameters = document.get("paths").get("/activate/{function}/plot").get("get").get("parameters");
		assertThat(parameters.values().stream().map((parameter) -> parameter.get("name").asString()).toList())
			.containsExactly("function", PlotRange.FROM, PlotRange.TO);
	}

	@Test
	void noCatalogFunctionHasAParameterThatTheRangeWouldHide() {
		assertThat(Catalog.all().stream().flatMap((function) -> function.parameters().stream()).map(Parameter::name))
			.doesNotContain(PlotRange.FROM, PlotRange.TO);
	}

	private SvgDocument svg(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
		return SvgDocument.parse(response.body());
	}

	/**
	 * Checks that point i of the curve sits, through the axes as their tick labels and
	 * gridlines show them, at (x_i, f(x_i)) for the 401 samples x_i spanning the range.
	 */
	private static void assertOnCurve(SvgDocument svg, List<Point> curve, double from, double to,
			DoubleUnaryOperator f) {
		Axis xAxis = svg.xAxis().assertLinear();
		Axis yAxis = svg.yAxis().assertLinear();
		assertThat(curve).hasSize(401);
		for (int i = 0; i < curve.size(); i++) {
			double x = from + (to - from) * i / 400;
			assertThat(curve.get(i).x()).as("x pixel of sample %d", i).isCloseTo(xAxis.pixel(x), within(PIXEL));
			assertThat(curve.get(i).y()).as("y pixel of sample %d, x = %s", i, x)
				.isCloseTo(yAxis.pixel(f.applyAsDouble(x)), within(PIXEL));
		}
	}

}

package ai.activation.activate;

import ai.activation.HttpTestClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Range;
import ai.activation.catalog.Parameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ai.activation.HttpTestClient.assertProblem;
import static ai.activation.HttpTestClient.assertResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * End-to-end over real HTTP: every catalog function answers the right numbers, N-d inputs
 * along several axes, names and aliases, parameters, the 422 for results beyond the
 * double range, and the catalog description.
 *
 * <p>
 * Expected values were computed independently with mpmath at 50 significant digits from
 * the PyTorch definitions (torch.nn.functional, default parameters unless the test says
 * otherwise) and rounded once to double; they are compared within {@value #ULPS} ulps.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActivationIntegrationTests {

	private static final int ULPS = 8;

	/** The input every function of the catalog is applied to in the first test. */
	private static final String X = "[-3.0, -1.0, -0.5, 0.0, 0.75, 2.0]";

	/**
	 * f(X) per canonical name, with default parameters, along the only axis for the axis
	 * functions.
	 */
	private static final Map<String, double[]> EXPECTED = Map.ofEntries(
			Map.entry("step", new double[] { 0.0, 0.0, 0.0, 0.0, 1.0, 1.0 }),
			Map.entry("identity", new double[] { -3.0, -1.0, -0.5, 0.0, 0.75, 2.0 }),
			Map.entry("sigmoid",
					new double[] { 0.04742587317756678, 0.2689414213699951, 0.37754066879814546, 0.5, 0.679178699175393,
							0.8807970779778824 }),
			Map.entry("relu", new double[] { 0.0, 0.0, 0.0, 0.0, 0.75, 2.0 }),
			Map.entry("tanh",
					new double[] { -0.9950547536867305, -0.7615941559557649, -0.46211715726000974, 0.0,
							0.6351489523872873, 0.9640275800758169 }),
			Map.entry("relu6", new double[] { 0.0, 0.0, 0.0, 0.0, 0.75, 2.0 }),
			Map.entry("leaky_relu", new double[] { -0.03, -0.01, -0.005, 0.0, 0.75, 2.0 }),
			Map.entry("prelu", new double[] { -0.75, -0.25, -0.125, 0.0, 0.75, 2.0 }),
			Map.entry("rrelu", new double[] { -0.6875, -0.22916666666666666, -0.11458333333333333, 0.0, 0.75, 2.0 }),
			Map.entry("elu",
					new double[] { -0.950212931632136, -0.6321205588285577, -0.3934693402873666, 0.0, 0.75, 2.0 }),
			Map.entry("selu",
					new double[] { -1.670568728767112, -1.1113307378125628, -0.6917581878028713, 0.0,
							0.7880257405166103, 2.101401974710961 }),
			Map.entry("celu",
					new double[] { -0.950212931632136, -0.6321205588285577, -0.3934693402873666, 0.0, 0.75, 2.0 }),
			Map.entry("gelu",
					new double[] { -0.0040496940948902835, -0.15865525393145705, -0.15426876936299344, 0.0,
							0.5800294857173488, 1.9544997361036416 }),
			Map.entry("silu",
					new double[] { -0.14227761953270035, -0.2689414213699951, -0.18877033439907273, 0.0,
							0.5093840243815447, 1.7615941559557649 }),
			Map.entry("mish",
					new double[] { -0.14564746127562458, -0.3034014613741089, -0.22074377465173, 0.0,
							0.6100183352182934, 1.9439589595339946 }),
			Map.entry("softplus",
					new double[] { 0.04858735157374206, 0.3132616875182228, 0.4740769841801067, 0.6931471805599453,
							1.1368710061148999, 2.1269280110429727 }),
			Map.entry("softsign",
					new double[] { -0.75, -0.5, -0.3333333333333333, 0.0, 0.42857142857142855, 0.6666666666666666 }),
			Map.entry("hardtanh", new double[] { -1.0, -1.0, -0.5, 0.0, 0.75, 1.0 }),
			Map.entry("hardsigmoid",
					new double[] { 0.0, 0.3333333333333333, 0.4166666666666667, 0.5, 0.625, 0.8333333333333334 }),
			Map.entry("hardswish",
					new double[] { 0.0, -0.3333333333333333, -0.20833333333333334, 0.0, 0.46875, 1.6666666666666667 }),
			Map.entry("hardshrink", new double[] { -3.0, -1.0, 0.0, 0.0, 0.75, 2.0 }),
			Map.entry("softshrink", new double[] { -2.5, -0.5, 0.0, 0.0, 0.25, 1.5 }),
			Map.entry("tanhshrink",
					new double[] { -2.0049452463132695, -0.23840584404423512, -0.03788284273999024, 0.0,
							0.11485104761271268, 1.035972419924183 }),
			Map.entry("threshold", new double[] { 0.0, 0.0, 0.0, 0.0, 0.75, 2.0 }),
			Map.entry("logsigmoid",
					new double[] { -3.048587351573742, -1.3132616875182228, -0.9740769841801067, -0.6931471805599453,
							-0.38687100611489994, -0.1269280110429725 }),
			Map.entry("softmax",
					new double[] { 0.004317950971078601, 0.03190558195773186, 0.052603411627778755, 0.08672836366211328,
							0.18360394731348392, 0.6408407444678136 }),
			Map.entry("log_softmax",
					new double[] { -5.444974301498079, -3.444974301498079, -2.944974301498079, -2.444974301498079,
							-1.694974301498079, -0.444974301498079 }),
			Map.entry("softmin",
					new double[] { 0.7707348624153966, 0.1043076209053194, 0.06326577012075865, 0.03837262928857156,
							0.018125946616651442, 0.005193170653302372 }),
			// X as the six channels of a (6, 1, 1) image: the softmax of X (mpmath, 50
			// digits)
			Map.entry("softmax2d",
					new double[] { 0.004317950971078601, 0.03190558195773186, 0.052603411627778755, 0.08672836366211328,
							0.18360394731348392, 0.6408407444678136 }),
			Map.entry("glu", new double[] { -1.5, -0.679178699175393, -0.4403985389889412 }),
			Map.entry("sparsemax", new double[] { 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 }),
			// 1.5-entmax: the support is {0.75, 2}
			Map.entry("entmax15", new double[] { 0.0, 0.0, 0.0, 0.0, 0.10355892323858518, 0.8964410767614148 }),
			Map.entry("entmax", new double[] { 0.0, 0.0, 0.0, 0.0, 0.10355892323858518, 0.8964410767614148 }),
			// relu(a) = 0 for a = [-3, -1, -0.5]: every product is 0
			Map.entry("hardmax", new double[] { 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 }),
			Map.entry("reglu", new double[] { 0.0, 0.0, 0.0 }),
			Map.entry("exponential",
					new double[] { 0.049787068367863944, 0.36787944117144233, 0.6065306597126334, 1.0,
							2.117000016612675, 7.38905609893065 }),
			Map.entry("squareplus",
					new double[] { 0.3027756377319947, 0.6180339887498949, 0.7807764064044151, 1.0, 1.4430004681646913,
							2.414213562373095 }),
			Map.entry("sparse_plus", new double[] { 0.0, 0.0, 0.0625, 0.25, 0.765625, 2.0 }),
			Map.entry("sparse_sigmoid", new double[] { 0.0, 0.0, 0.25, 0.5, 0.875, 1.0 }),
			Map.entry("thresholded_relu", new double[] { 0.0, 0.0, 0.0, 0.0, 0.0, 2.0 }),
			Map.entry("shrink", new double[] { -3.0, -1.0, 0.0, 0.0, 0.75, 2.0 }),
			Map.entry("relu_squared", new double[] { 0.0, 0.0, 0.0, 0.0, 0.5625, 4.0 }),
			Map.entry("snake",
					new double[] { -2.980085143325183, -0.2919265817264288, -0.2701511529340699, 0.0,
							1.2146313991661486, 2.826821810431806 }),
			// along the axis: one value, the length doubled, or halved
			Map.entry("logsumexp", new double[] { 2.444974301498079 }),
			Map.entry("logmeanexp", new double[] { 0.653214832270024 }),
			Map.entry("standardize",
					new double[] { -1.7541922059039352, -0.45878873077487536, -0.1349378619926104, 0.1889130067896546,
							0.6746893099630521, 1.4843164819187145 }),
			Map.entry("crelu", new double[] { 0, 0, 0, 0, 0.75, 2, 3, 1, 0.5, 0, 0, 0 }),
			Map.entry("swiglu", new double[] { 0.0, -0.20170606602749633, -0.37754066879814546 }),
			Map.entry("geglu", new double[] { 0.0, -0.11899144044859279, -0.3085375387259869 }),
			// on POSITIVE_X: log1mexp is defined for x > 0 only
			Map.entry("log1mexp", new double[] { -6.908255237315471, -0.9327521295671886, -0.639353465040354,
					-0.4586751453870819, -0.14541345786885906, -4.248354255291589e-18 }));

	/**
	 * The input of the functions defined for x &gt; 0 only, as {@link #X} is of the
	 * others.
	 */
	private static final String POSITIVE_X = "[0.001, 0.5, 0.75, 1.0, 2.0, 40.0]";

	/** A rank-2 input of shape [2, 3]. */
	private static final String M = "[[1, 2, 3], [4, 6, 8]]";

	/** A rank-3 input of shape [2, 2, 3]. */
	private static final String V = "[[[0.5, -1, 2], [3, 0, -2]], [[1, 1.5, -0.5], [-3, 2.5, 4]]]";

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void expectedValuesCoverExactlyTheCatalog() {
		assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Activation.values()).map(Activation::canonicalName).toList());
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyCatalogFunctionAnswersTheReferenceValuesOverHttp(Activation function) {
		double[] expected = EXPECTED.get(function.canonicalName());
		if (expected == null) {
			fail("No reference values for " + function.canonicalName());
		}
		String input = function.domain().equals(Range.ANY) ? X : POSITIVE_X;
		int[] shape = { expected.length };
		if (!function.ranks().isEmpty()) {
			// a function of images (softmax2d): X as the channels of a (6, 1, 1) image
			input = input.replaceAll("(-?[0-9.]+)", "[[$1]]");
			shape = new int[] { expected.length, 1, 1 };
		}
		JsonNode result = assertResult(
				this.http.post("/activate/" + function.canonicalName(), "{\"values\": " + input + "}"));
		assertThat(result.get("function").asString()).isEqualTo(function.canonicalName());
		assertValues(result, shape, expected);
	}

	@Test
	void softmax2dShouldNormalizeTheChannelsOfEachPixelOfImagesOfRankThreeAndFour() {
		// (N, C, H, W) = (1, 2, 1, 2): channels (0, ln 3) at the first pixel, (1, 1) at
		// the second
		double ln3 = Math.log(3);
		JsonNode image = assertResult(
				this.http.post("/activate/softmax2d", "{\"values\": [[[[0, 1]], [[" + ln3 + ", 1]]]]}"));
		assertValues(image, new int[] { 1, 2, 1, 2 }, 0.25, 0.5, 0.75, 0.5);
		JsonNode gradient = assertResult(this.http.post("/activate/softmax2d/gradient",
				"{\"values\": [[[0, 1]], [[" + ln3 + ", 1]]], \"grad\": [[[1, 0]], [[0, 0]]]}"));
		// y ⊙ (g − Σ g y) over the channels: (0.25·0.75, −0.75·0.25) at the first pixel,
		// 0 at
		// the second, whose gradient is 0
		assertValues(gradient, new int[] { 2, 1, 2 }, 0.1875, 0, -0.1875, 0);
	}

	@Test
	void softmax2dShouldRefuseValuesOfAnotherRankNamingTheRanksItTakes() {
		JsonNode problem = assertProblem(this.http.post("/activate/softmax2d", "{\"values\": [[1, 2], [3, 4]]}"), 400);
		assertThat(problem.get("detail").asString()).contains("rank 3 or 4").contains("has rank 2").contains("[2, 2]");
		assertThat(problem.get("pointer").asString()).isEqualTo("/values");
	}

	@Test
	void preluWithAWeightPerChannelScalesEachChannelsNegativesByItsOwnWeightOverHttp() {
		// (N, C, H, W) = (1, 3, 1, 2), PyTorch's channel axis 1; each product w·x is one
		// rounding, compared exactly with BigDecimal's
		double[] x = { -1.5, 2, -0.1, -7, 3, -1e-300 };
		double[] w = { 0.1, 0.2, 0.3 };
		JsonNode result = assertResult(this.http.post("/activate/prelu?weight=0.1,0.2,0.3",
				"{\"values\": [[[[-1.5, 2]], [[-0.1, -7]], [[3, -1e-300]]]]}"));
		double[] expected = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			expected[i] = (x[i] > 0) ? x[i]
					: new java.math.BigDecimal(w[i / 2]).multiply(new java.math.BigDecimal(x[i])).doubleValue();
		}
		assertValues(result, new int[] { 1, 3, 1, 2 }, expected);
		JsonNode gradient = assertResult(this.http.post("/activate/prelu/gradient?weight=0.1,0.2,0.3&axis=-1",
				"{\"values\": [[-1, 2, -3], [4, -5, 6]]}"));
		assertValues(gradient, new int[] { 2, 3 }, 0.1, 1, 0.3, 1, 0.2, 1);
		JsonNode problem = assertProblem(this.http.post("/activate/prelu?weight=0.1,0.2,0.3", "{\"values\": [[1, 2]]}"),
				400);
		assertThat(problem.get("parameter").asString()).isEqualTo("weight");
		assertThat(problem.get("axisLength").asInt()).isEqualTo(2);
		assertThat(problem.get("detail").asString()).contains("3 values", "length 2");
	}

	@Test
	void softmaxAndLogsumexpAlongAListOfAxesTakeThoseAxesTogetherOverHttp() {
		// V has shape (2, 2, 3); axes 0 and 2 make one lane of six per row index j
		// (expected values: mpmath at 50 digits)
		assertValues(activate("softmax?axis=0,2", V), new int[] { 2, 2, 3 }, 0.09578817689939916, 0.02137323125188906,
				0.4292928254776463, 0.228111750508766, 0.011357015318093055, 0.0015370048847966726, 0.15792800473562604,
				0.26037926064685724, 0.03523850098858222, 0.0005654324980967771, 0.1383567705242855, 0.620072026265962);
		assertValues(activate("logsumexp?axis=-1,0", V), new int[] { 2 }, 2.8456160160327895, 4.477919636293661);
		assertValues(activate("logsumexp?axis=0,2&keepdims=true", V), new int[] { 1, 2, 1 }, 2.8456160160327895,
				4.477919636293661);
		JsonNode twice = assertProblem(this.http.post("/activate/softmax?axis=0,-3", "{\"values\": " + V + "}"), 400);
		assertThat(twice.get("parameter").asString()).isEqualTo("axis");
		assertThat(twice.get("detail").asString()).contains("[0, -3]", "twice");
		JsonNode outside = assertProblem(this.http.post("/activate/softmax?axis=0,3", "{\"values\": " + V + "}"), 400);
		assertThat(outside.get("detail").asString()).contains("Axis 3", "[-3, 3)");
		JsonNode malformed = assertProblem(this.http.post("/activate/softmax?axis=0,x", "{\"values\": " + V + "}"),
				400);
		assertThat(malformed.get("detail").asString()).contains("element 1", "'x'");
	}

	@Test
	void hardmaxShouldPickTheFirstMaximumOfEachRowOverHttp() {
		JsonNode result = assertResult(this.http.post("/activate/hardmax", "{\"values\": [[1, 3, 3], [0, 0, 0]]}"));
		assertValues(result, new int[] { 2, 3 }, 0, 1, 0, 1, 0, 0);
	}

	@Test
	void regluShouldGateTheSecondHalfByTheRectifiedFirstOverHttp() {
		JsonNode result = assertResult(this.http.post("/activate/reglu", "{\"values\": [[2, -1, 3, 5]]}"));
		assertValues(result, new int[] { 1, 2 }, 6, 0);
	}

	@Test
	void entmaxWithAnAlphaBetweenSoftmaxAndSparsemaxKeepsMoreOfTheLaneOverHttp() {
		JsonNode result = assertResult(
				this.http.post("/activate/entmax?alpha=1.25", "{\"values\": [-3.0, -1.0, -0.5, 0.0, 0.75, 2.0]}"));
		assertValues(result, new int[] { 6 }, 0.0, 0.0013938761515222917, 0.010254618916370717, 0.0385908477354724,
				0.15825275311563305, 0.7915079040810016);
	}

	@Test
	void softmaxOfOneTwoThreeMatchesTheReference() {
		JsonNode result = assertResult(this.http.post("/activate/softmax", "{\"values\": [1, 2, 3]}"));
		assertValues(result, new int[] { 3 }, 0.09003057317038046, 0.24472847105479764, 0.6652409557748219);
	}

	@Test
	void softmaxOfAMatrixGoesAlongEachAxisAsked() {
		double[] alongRows = { 0.09003057317038046, 0.24472847105479764, 0.6652409557748219, 0.015876239976466765,
				0.11731042782619837, 0.8668133321973349 };
		double[] alongColumns = { 0.04742587317756678, 0.01798620996209156, 0.0066928509242848554, 0.9525741268224333,
				0.9820137900379085, 0.9933071490757152 };
		assertValues(activate("softmax", M), new int[] { 2, 3 }, alongRows);
		assertValues(activate("softmax?axis=1", M), new int[] { 2, 3 }, alongRows);
		assertValues(activate("softmax?axis=-1", M), new int[] { 2, 3 }, alongRows);
		assertValues(activate("softmax?axis=0", M), new int[] { 2, 3 }, alongColumns);
		assertValues(activate("softmax?axis=-2", M), new int[] { 2, 3 }, alongColumns);
	}

	@Test
	void softmaxOfARank3TensorGoesAlongTheFirstAndLastAxes() {
		assertValues(activate("softmax?axis=0", V), new int[] { 2, 2, 3 }, 0.37754066879814546, 0.07585818002124355,
				0.9241418199787564, 0.9975273768433652, 0.07585818002124355, 0.0024726231566347743, 0.6224593312018546,
				0.9241418199787564, 0.07585818002124355, 0.0024726231566347743, 0.9241418199787564, 0.9975273768433652);
		double[] alongLast = { 0.1752903921400367, 0.03911257327068745, 0.7855970345892759, 0.9464991225528936,
				0.04712341652466415, 0.006377460922442297, 0.3482074278837349, 0.5740969929676946, 0.07769557914857059,
				0.0007449760173103601, 0.18228962116617534, 0.8169654028165143 };
		assertValues(activate("softmax?axis=2", V), new int[] { 2, 2, 3 }, alongLast);
		assertValues(activate("softmax", V), new int[] { 2, 2, 3 }, alongLast);
	}

	@Test
	void logSoftmaxGoesAlongTheAxisAskedInMatricesAndRank3Tensors() {
		assertValues(activate("log_softmax?axis=1", M), new int[] { 2, 3 }, -2.40760596444438, -1.4076059644443804,
				-0.4076059644443803, -4.142931628499899, -2.1429316284998996, -0.14293162849989952);
		assertValues(activate("log_softmax?axis=-2", M), new int[] { 2, 3 }, -3.048587351573742, -4.0181499279178094,
				-5.006715348489118, -0.04858735157374206, -0.01814992791780974, -0.006715348489118068);
		double[] alongMiddle = { -2.5788897342925496, -1.3132616875182228, -0.01814992791780974, -0.07888973429254963,
				-0.3132616875182228, -4.0181499279178094, -0.01814992791780974, -1.3132616875182228, -4.511047744848594,
				-4.0181499279178094, -0.3132616875182228, -0.011047744848593817 };
		assertValues(activate("log_softmax?axis=1", V), new int[] { 2, 2, 3 }, alongMiddle);
		assertValues(activate("log_softmax?axis=-2", V), new int[] { 2, 2, 3 }, alongMiddle);
	}

	@Test
	void softminGoesAlongTheAxisAskedWithItsTemperature() {
		assertValues(activate("softmin?axis=-1", M), new int[] { 2, 3 }, 0.6652409557748219, 0.24472847105479764,
				0.09003057317038046, 0.8668133321973349, 0.11731042782619837, 0.015876239976466765);
		assertValues(activate("softmin?axis=0", M), new int[] { 2, 3 }, 0.9525741268224333, 0.9820137900379085,
				0.9933071490757152, 0.04742587317756678, 0.01798620996209156, 0.0066928509242848554);
		assertValues(activate("softmin?axis=0&temperature=2", V), new int[] { 2, 2, 3 }, 0.5621765008857981,
				0.7772998611746912, 0.22270013882530884, 0.04742587317756678, 0.7772998611746912, 0.9525741268224333,
				0.4378234991142019, 0.22270013882530884, 0.7772998611746912, 0.9525741268224333, 0.22270013882530884,
				0.04742587317756678);
	}

	@Test
	void gluHalvesTheAxisItSplitsAndKeepsTheNesting() {
		String g = "[[1, 2, 3, 4], [-1, 0.5, -2, 0]]";
		assertValues(activate("glu", g), new int[] { 2, 2 }, 0.9525741268224333, 1.964027580075817,
				-0.11920292202211756, 0.25);
		assertValues(activate("glu?axis=-1", g), new int[] { 2, 2 }, 0.9525741268224333, 1.964027580075817,
				-0.11920292202211756, 0.25);
		assertValues(activate("glu?axis=0", g), new int[] { 1, 4 }, 0.2689414213699951, 1.2449186624037092,
				0.35760876606635267, 2.0);
		assertValues(activate("glu?axis=1", V), new int[] { 2, 1, 3 }, 0.4762870634112166, -0.5, 0.23840584404423512,
				0.04742587317756678, 1.3862127299681346, -0.4910068950189542);
		assertValues(activate("glu?axis=0", V), new int[] { 1, 2, 3 }, 0.36552928931500245, -0.8175744761936437,
				0.7550813375962909, 0.14227761953270035, 0.0, -1.964027580075817);
	}

	@Test
	void sparsemaxProjectsEachLaneOntoTheSimplex() {
		String s = "[[0.1, 1.2, -0.3], [2, 2.5, 0]]";
		assertValues(activate("sparsemax?axis=1", s), new int[] { 2, 3 }, 0.0, 1.0, 0.0, 0.25, 0.75, 0.0);
		assertValues(activate("sparsemax?axis=0", s), new int[] { 2, 3 }, 0.0, 0.0, 0.35, 1.0, 1.0, 0.65);
		assertValues(activate("sparsemax?axis=-1", V), new int[] { 2, 2, 3 }, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.25, 0.75,
				0.0, 0.0, 0.0, 1.0);
	}

	@Test
	void namesAreMatchedCaseInsensitivelyWithDashesAndAliasesAndAnsweredByCanonicalName() {
		assertThat(activate("Leaky-ReLU", "[-1]").get("function").asString()).isEqualTo("leaky_relu");
		assertThat(activate("swish", "[1]").get("function").asString()).isEqualTo("silu");
		assertThat(activate("LOGISTIC", "[0]").get("function").asString()).isEqualTo("sigmoid");
		assertThat(activate("Log-Softmax", "[0]").get("function").asString()).isEqualTo("log_softmax");
		assertValues(activate("Leaky-ReLU", "[-1]"), new int[] { 1 }, -0.01);
		assertValues(activate("swish", "[1]"), new int[] { 1 }, 0.7310585786300049);
	}

	@Test
	void leakyReluTakesItsNegativeSlope() {
		assertValues(activate("leaky_relu?negative_slope=0.2", X), new int[] { 6 }, -0.6, -0.2, -0.1, 0.0, 0.75, 2.0);
	}

	@Test
	void softmaxTakesAxisAndTemperatureTogether() {
		assertValues(activate("softmax?axis=0&temperature=0.5", M), new int[] { 2, 3 }, 0.0024726231566347743,
				0.0003353501304664781, 4.5397868702434395e-05, 0.9975273768433652, 0.9996646498695335,
				0.9999546021312976);
	}

	@Test
	void softplusTakesBetaAndThreshold() {
		// beta * 15 = 30 > threshold 20, so 15 comes back exactly; without a threshold it
		// would be
		// 15 + log1p(e^-30)/2 = 15.000000000000046 (mpmath, rounded to double).
		assertValues(activate("softplus?beta=2&threshold=20", "[-3.0, -1.0, -0.5, 0.0, 0.75, 2.0, 15]"),
				new int[] { 7 }, 0.0012378425688652247, 0.06346400552148625, 0.1566308437591114, 0.34657359027997264,
				0.8507066389913762, 2.0090749639589047, 15.0);
		assertValues(activate("softplus?beta=2", "[15]"), new int[] { 1 }, 15.000000000000046);
	}

	@Test
	void geluTakesTheTanhApproximation() {
		assertValues(activate("gelu?approximate=tanh", X), new int[] { 6 }, -0.003637392081773019, -0.1588080093917233,
				-0.15428599017485609, 0.0, 0.5799605551656203, 1.954597694087775);
	}

	@Test
	void seluOfTheLargestDoubleIsUnprocessableAndPointsAtTheElement() {
		JsonNode problem = assertProblem(
				this.http.post("/activate/selu", "{\"values\": [[0.5, 1], [1.7976931348623157e308, 2]]}"), 422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1/0");
		assertThat(problem.get("detail").asString()).contains("selu", "/values/1/0", "range of a double");
	}

	@Test
	void log1mexpOutsideThePositiveHalfLineIsUnprocessableAndSaysWhereItIsDefined() {
		JsonNode problem = assertProblem(this.http.post("/activate/log1mexp", "{\"values\": [[1, 2], [3, -0.5]]}"),
				422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1/1");
		// its own type, so that a caller tells a bad input from a result beyond a double
		assertThat(problem.get("type").asString()).isEqualTo("https://activation.ai/problems/outside-domain");
		assertThat(problem.get("title").asString()).isEqualTo("Input outside the domain");
		assertThat(problem.get("detail").asString())
			.isEqualTo("log1mexp is defined for x in (0, inf), and the element at /values/1/1 is -0.5.");
		JsonNode atZero = assertProblem(this.http.post("/activate/log1mexp/gradient", "{\"values\": [1, 0]}"), 422);
		assertThat(atZero.get("pointer").asString()).isEqualTo("/values/1");
	}

	@Test
	void reluTakesKerasParametersAsKerasDocumentsThem() {
		// keras-team/keras keras/src/activations/activations.py, the relu docstring's
		// examples (Keras answers -0 where x <= threshold; we answer +0, as PyTorch)
		String x = "[-10, -5, 0.0, 5, 10]";
		assertValues(activate("relu?negative_slope=0.5", x), new int[] { 5 }, -5, -2.5, 0, 5, 10);
		assertValues(activate("relu?max_value=5", x), new int[] { 5 }, 0, 0, 0, 5, 5);
		assertValues(activate("relu?threshold=5", x), new int[] { 5 }, 0, 0, 0, 0, 10);
	}

	@Test
	void siluHardsigmoidAndSeluTakeTheParametersOfTensorFlowAndOnnx() {
		assertValues(activate("silu?beta=2", "[-1, 0.5, 1]"), new int[] { 3 }, -0.11920292202211756,
				0.36552928931500245, 0.8807970779778824);
		assertValues(activate("hardsigmoid?alpha=0.2&beta=0.5", "[-3, 0, 1, 3]"), new int[] { 4 }, 0, 0.5, 0.7, 1);
		assertValues(activate("selu?alpha=1.67326319217681884765625&gamma=1.05070102214813232421875", "[-1, 2]"),
				new int[] { 2 }, -1.1113307412864784, 2.1014020442962646);
	}

	@Test
	void logsumexpRemovesTheAxisUnlessKeepdimsAndIsExactWhenOneTermDominates() {
		// log(e^1000 + e^0) = 1000 + log1p(e^-1000): 1000 to the last bit; the textbook
		// overflows
		assertValues(activate("logsumexp", "[[1000, 0], [0, 0]]"), new int[] { 2 }, 1000, 0.6931471805599453);
		assertValues(activate("logsumexp?axis=0&keepdims=true", "[[1000, 0], [0, 0]]"), new int[] { 1, 2 }, 1000,
				0.6931471805599453);
		JsonNode gradient = assertResult(
				this.http.post("/activate/logsumexp/gradient", "{\"values\": [[0, 0], [1, 1]], \"grad\": [2, 4]}"));
		assertValues(gradient, new int[] { 2, 2 }, 1, 1, 2, 2);
	}

	@Test
	void creluDoublesTheAxisAndSwigluHalvesIt() {
		assertValues(activate("crelu?axis=0", "[[1, -2], [-3, 4]]"), new int[] { 4, 2 }, 1, 0, 0, 4, 0, 2, 3, 0);
		JsonNode problem = assertProblem(this.http.post("/activate/swiglu", "{\"values\": [1, 2, 3]}"), 400);
		assertThat(problem.get("detail").asString()).contains("swiglu", "multiple of 2", "3");
	}

	@Test
	void aConventionGivesTheLibrarysDefaultsAndTheCatalogListsThem() {
		// Keras 3's leaky_relu slope is 0.2; jax.nn.gelu defaults to the tanh form
		assertValues(activate("leaky_relu?convention=keras", "[-10, 10]"), new int[] { 2 }, -2, 10);
		assertValues(activate("gelu?convention=jax", X), new int[] { 6 }, -0.003637392081773019, -0.1588080093917233,
				-0.15428599017485609, 0.0, 0.5799605551656203, 1.954597694087775);
		JsonNode described = assertResult(this.http.get("/activate/leaky_relu"));
		assertThat(described.get("conventions").get("keras").get("negative_slope").asDouble()).isEqualTo(0.2);
		assertThat(described.get("conventions").get("pytorch").get("negative_slope").asDouble()).isEqualTo(0.01);
		assertThat(described.get("conventions").propertyNames()).containsExactly("pytorch", "keras", "jax", "onnx",
				"tensorflow");
		JsonNode problem = assertProblem(this.http.post("/activate/gelu?convention=flax", "{\"values\": [1]}"), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("convention");
	}

	@Test
	void conventionJaxTakesJaxsDerivativeAtTheKinksOverHttp() {
		// jax.nn.leaky_relu is where(x >= 0, x, slope * x): 1 at 0; PyTorch gives the
		// slope
		assertValues(
				assertResult(
						this.http.post("/activate/leaky_relu/gradient?convention=jax", "{\"values\": [0, -2, 3]}")),
				new int[] { 3 }, 1, 0.01, 1);
		assertValues(assertResult(this.http.post("/activate/leaky_relu/gradient", "{\"values\": [0, -2, 3]}")),
				new int[] { 3 }, 0.01, 0.01, 1);
		// hard_silu = x * relu6(x + 3)/6 with relu6's zero JVP at its kinks: 0 at -3 and
		// 1 at 3
		assertValues(assertResult(this.http.post("/activate/hard_silu/gradient?convention=jax",
				"{\"values\": [-3, 3], \"grad\": [2, 2]}")), new int[] { 2 }, 0, 2);
		assertValues(
				assertResult(
						this.http.post("/activate/sparse_sigmoid/gradient?convention=jax", "{\"values\": [-1, 1]}")),
				new int[] { 2 }, 0.25, 0.25);
		// the values do not change
		assertValues(activate("hardtanh?convention=jax", "[-1, 1, 2]"), new int[] { 3 }, -1, 1, 1);
		assertValues(
				assertResult(this.http.post("/activate/hardtanh/gradient?convention=jax", "{\"values\": [-1, 1, 2]}")),
				new int[] { 3 }, 1, 1, 0);
	}

	@Test
	void newNamesOfKerasJaxAndOnnxResolveToTheirFunctions() {
		for (String[] pair : new String[][] { { "hard_silu", "hardswish" }, { "soft_shrink", "softshrink" },
				{ "hard_shrink", "hardshrink" }, { "tanh_shrink", "tanhshrink" },
				{ "ThresholdedRelu", "thresholded_relu" }, { "LeakyRelu", "leaky_relu" },
				{ "LogSoftmax", "log_softmax" }, { "Shrink", "shrink" } }) {
			JsonNode described = assertResult(this.http.get("/activate/" + pair[0]));
			assertThat(described.get("name").asString()).as(pair[0]).isEqualTo(pair[1]);
		}
	}

	@Test
	void leakyReluWithSlopeTwoAtMinusHugeIsUnprocessable() {
		JsonNode problem = assertProblem(
				this.http.post("/activate/leaky_relu?negative_slope=2", "{\"values\": [0, -1e308]}"), 422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1");
	}

	@Test
	void logSoftmaxWithAnOverflowingScaledDifferenceIsUnprocessableAndSaysWhichLane() {
		JsonNode problem = assertProblem(
				this.http.post("/activate/log_softmax?temperature=0.5", "{\"values\": [[0, 1], [1e308, -1e308]]}"),
				422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1/1");
		assertThat(problem.get("detail").asString()).contains("along axis -1", "/values/1/1", "lane");
	}

	@Test
	void listingDescribesEveryCatalogFunctionWithAliasesAndParameters() {
		JsonNode functions = assertResult(this.http.get("/activate")).get("functions");
		assertThat(functions.size()).isEqualTo(Activation.values().length);
		for (int i = 0; i < functions.size(); i++) {
			Activation function = Activation.values()[i];
			JsonNode description = functions.get(i);
			assertThat(description.get("name").asString()).isEqualTo(function.canonicalName());
			assertThat(strings(description.get("aliases"))).isEqualTo(function.aliases());
			assertThat(description.get("summary").asString()).isEqualTo(function.summary());
			assertThat(description.get("formula").asString()).isEqualTo(function.formula());
			assertThat(description.get("latex").asString()).isEqualTo(function.latex());
			assertThat(description.get("alongAxis").asBoolean()).isEqualTo(function.alongAxis());
			List<String> names = new ArrayList<>();
			description.get("parameters").values().forEach((p) -> names.add(p.get("name").asString()));
			assertThat(names).isEqualTo(function.parameters().stream().map(Parameter::name).toList());
		}
		Map<String, JsonNode> byName = new HashMap<>();
		functions.values().forEach((f) -> byName.put(f.get("name").asString(), f));
		assertThat(strings(byName.get("silu").get("aliases"))).containsExactly("swish");
		JsonNode slope = byName.get("leaky_relu").get("parameters").get(0);
		assertThat(slope.get("type").asString()).isEqualTo("number");
		assertThat(slope.get("default").asDouble()).isEqualTo(0.01);
		JsonNode temperature = byName.get("softmax").get("parameters").get(1);
		assertThat(temperature.get("name").asString()).isEqualTo("temperature");
		assertThat(temperature.get("allowed").get("min").asDouble()).isEqualTo(0.0);
		assertThat(temperature.get("allowed").get("minInclusive").asBoolean()).isFalse();
		assertThat(temperature.get("allowed").has("max")).isFalse();
		assertThat(byName.get("softmax").get("parameters").get(0).get("default").asInt()).isEqualTo(-1);
		assertThat(byName.get("celu").get("parameters").get(0).get("allowed").get("excludesZero").asBoolean()).isTrue();
		JsonNode approximate = byName.get("gelu").get("parameters").get(0);
		assertThat(approximate.get("type").asString()).isEqualTo("choice");
		assertThat(strings(approximate.get("allowed").get("choices"))).containsExactly("none", "tanh");
		assertThat(byName.get("softplus").get("parameters").get(1).get("default").isNull()).isTrue();
	}

	@Test
	void describingOneFunctionWorksByAliasToo() {
		JsonNode silu = assertResult(this.http.get("/activate/Swish"));
		assertThat(silu.get("name").asString()).isEqualTo("silu");
		assertThat(strings(silu.get("aliases"))).containsExactly("swish");
		assertThat(silu.get("formula").asString()).isEqualTo("x * sigmoid(beta * x)");
		JsonNode rrelu = assertResult(this.http.get("/activate/rrelu"));
		assertThat(rrelu.get("parameters").get(0).get("default").asDouble()).isEqualTo(0.125);
		assertThat(rrelu.get("parameters").get(1).get("default").asDouble()).isEqualTo(1.0 / 3);
		assertThat(strings(rrelu.get("constraints"))).containsExactly("lower <= upper");
	}

	@Test
	void describingAnUnknownFunctionIsNotFound() {
		JsonNode problem = assertProblem(this.http.get("/activate/nope"), 404);
		assertThat(strings(problem.get("knownFunctions"))).contains("relu", "silu", "swish");
	}

	private JsonNode activate(String pathAndQuery, String values) {
		return assertResult(this.http.post("/activate/" + pathAndQuery, "{\"values\": " + values + "}"));
	}

	private static List<String> strings(JsonNode array) {
		return array.values().stream().map(JsonNode::asString).collect(Collectors.toList());
	}

	/**
	 * Checks the answer's shape member, that its values are nested as that shape says,
	 * and that they match the expected ones, listed in row-major order, within
	 * {@value #ULPS} ulps.
	 */
	static void assertValues(JsonNode result, int[] shape, double... expected) {
		int[] answeredShape = result.get("shape").values().stream().mapToInt(JsonNode::asInt).toArray();
		assertThat(answeredShape).as("shape").containsExactly(shape);
		List<Double> flat = new ArrayList<>();
		flatten(result.get("values"), shape, 0, "/values", flat);
		assertThat(flat).as("number of values").hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			double actual = flat.get(i);
			double tolerance = ULPS * Math.ulp(expected[i]);
			assertThat(Math.abs(actual - expected[i])).as("element %d: %s, expected %s", i, actual, expected[i])
				.isLessThanOrEqualTo(tolerance);
		}
	}

	private static void flatten(JsonNode node, int[] shape, int depth, String pointer, List<Double> flat) {
		if (depth == shape.length) {
			assertThat(node.isNumber()).as(pointer + " is a number").isTrue();
			flat.add(node.doubleValue());
			return;
		}
		assertThat(node.isArray()).as(pointer + " is an array").isTrue();
		assertThat(node.size()).as(pointer + " length").isEqualTo(shape[depth]);
		for (int i = 0; i < node.size(); i++) {
			flatten(node.get(i), shape, depth + 1, pointer + "/" + i, flat);
		}
	}

}

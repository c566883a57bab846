package ai.activation.activate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import ai.activation.HttpTestClient;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP for {@code POST /activate/{function}/gradient}: the
 * vector-Jacobian products against values worked out by hand or computed here with
 * apfloat at 40 digits (never by the service's kernels), within 2 ulp; the binary layout
 * (X then G); and the problems of a bad or missing {@code grad}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GradientIntegrationTests {

	private static final long PRECISION = 40;

	private static final Apfloat ONE = new Apfloat(1, PRECISION);

	private static final String OCTETS = "application/octet-stream";

	@LocalServerPort
	private int port;

	private HttpTestClient client;

	@BeforeEach
	void client() {
		this.client = new HttpTestClient(this.port);
	}

	@Test
	void sigmoidGradientWithoutGradIsTheDerivative() {
		// σ′(0) = 1/4 exactly; σ′(2) = e^-2 / (1 + e^-2)^2.
		JsonNode result = HttpTestClient
			.assertResult(this.client.post("/activate/sigmoid/gradient", "{\"values\": [0, 2]}"));
		assertThat(result.get("function").asString()).isEqualTo("sigmoid");
		assertThat(result.get("shape").get(0).asInt()).isEqualTo(2);
		assertThat(result.get("values").get(0).asDouble()).isEqualTo(0.25);
		assertWithinUlps(result.get("values").get(1).asDouble(), sigmoidPrime(new Apfloat(2, PRECISION)), 2);
	}

	@Test
	void elementwiseGradientMultipliesTheDerivativeByGrad() {
		JsonNode result = HttpTestClient.assertResult(
				this.client.post("/activate/sigmoid/gradient", "{\"values\": [[0, 0]], \"grad\": [[3, -0.5]]}"));
		assertThat(result.get("shape").toString()).isEqualTo("[1,2]");
		assertThat(result.get("values").toString()).isEqualTo("[[0.75,-0.125]]");
	}

	@Test
	void reluGradientFollowsPyTorchAtTheKink() {
		// PyTorch: relu′(0) = 0; the slope is 1 only where x > 0.
		JsonNode result = HttpTestClient
			.assertResult(this.client.post("/activate/relu/gradient", "{\"values\": [-1, 0, 2, -0.0]}"));
		assertThat(result.get("values").toString()).isEqualTo("[0.0,0.0,1.0,0.0]");
	}

	@Test
	void softmaxGradientIsTheVectorJacobianProductOfTheRow() {
		// y = softmax(x); (gᵀJ)_i = y_i (g_i − Σ_j g_j y_j), worked out with apfloat.
		double[] x = { 1, 2, 3 };
		double[] g = { 1, 0, -1 };
		Apfloat[] y = softmax(x);
		Apfloat dot = new Apfloat(0, PRECISION);
		for (int j = 0; j < 3; j++) {
			dot = dot.add(new Apfloat(g[j], PRECISION).multiply(y[j]));
		}
		JsonNode result = HttpTestClient.assertResult(
				this.client.post("/activate/softmax/gradient", "{\"values\": [1, 2, 3], \"grad\": [1, 0, -1]}"));
		for (int i = 0; i < 3; i++) {
			Apfloat expected = y[i].multiply(new Apfloat(g[i], PRECISION).subtract(dot));
			assertWithinUlps(result.get("values").get(i).asDouble(), expected, 4);
		}
	}

	@Test
	void gluGradientHasTheInputsShapeAndGatesBothHalves() {
		// x = [a | b] along the last axis, y = a σ(b): ∂/∂a = g σ(b), ∂/∂b = g a σ′(b).
		JsonNode result = HttpTestClient.assertResult(
				this.client.post("/activate/glu/gradient", "{\"values\": [[1, 2, 0, -1]], \"grad\": [[1, -2]]}"));
		assertThat(result.get("shape").toString()).isEqualTo("[1,4]");
		JsonNode row = result.get("values").get(0);
		Apfloat minusOne = new Apfloat(-1, PRECISION);
		assertThat(row.get(0).asDouble()).isEqualTo(0.5);
		assertWithinUlps(row.get(1).asDouble(), sigmoid(minusOne).multiply(new Apfloat(-2, PRECISION)), 2);
		assertThat(row.get(2).asDouble()).isEqualTo(0.25);
		assertWithinUlps(row.get(3).asDouble(), sigmoidPrime(minusOne).multiply(new Apfloat(-4, PRECISION)), 2);
	}

	@Test
	void binaryGradientReadsTheInputThenGrad() {
		// X = [0, 0, 0, 0] as a 2 × 2 matrix, then G = [1, 2, 3, 4]: σ′(0)·G = G / 4.
		HttpResponse<byte[]> response = postBinary("/activate/sigmoid/gradient?shape=2,2",
				float64(0, 0, 0, 0, 1, 2, 3, 4));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("2,2");
		assertThat(doubles(response.body())).containsExactly(0.25, 0.5, 0.75, 1.0);
	}

	@Test
	void binaryGluGradientWithoutShapeSplitsTheBodyByTheOutputsLength() {
		// Six values: X = [1, 2, 0, 0] and G = [1, 1] (GLU halves the axis).
		HttpResponse<byte[]> response = postBinary("/activate/glu/gradient", float64(1, 2, 0, 0, 1, 1));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("4");
		assertThat(doubles(response.body())).containsExactly(0.5, 0.5, 0.25, 0.5);
	}

	@Test
	void gradOfTheWrongShapeIsAProblemPointingAtGrad() {
		JsonNode problem = HttpTestClient.assertProblem(
				this.client.post("/activate/tanh/gradient", "{\"values\": [[1, 2]], \"grad\": [1, 2]}"), 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad");
		assertThat(problem.get("detail").asString()).contains("[2]", "[1, 2]");
	}

	@Test
	void gluGradMustHaveTheOutputsShapeNotTheInputs() {
		JsonNode problem = HttpTestClient.assertProblem(
				this.client.post("/activate/glu/gradient", "{\"values\": [[1, 2, 0, -1]], \"grad\": [[1, 1, 1, 1]]}"),
				400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad");
		assertThat(problem.get("detail").asString()).contains("[1, 2]", "halved");
	}

	@Test
	void aFunctionAlongAnAxisNeedsGrad() {
		JsonNode problem = HttpTestClient
			.assertProblem(this.client.post("/activate/softmax/gradient", "{\"values\": [1, 2, 3]}"), 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad");
		assertThat(problem.get("detail").asString()).contains("needs the upstream gradient 'grad'", "[3]");
	}

	@Test
	void aBadElementOfGradIsPointedAt() {
		JsonNode problem = HttpTestClient.assertProblem(
				this.client.post("/activate/relu/gradient", "{\"values\": [[1, 2]], \"grad\": [[1, \"x\"]]}"), 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad/0/1");
	}

	@Test
	void aNonFiniteGradInABinaryBodyIsPointedAt() {
		HttpResponse<String> response = this.client.send(this.client.request("/activate/relu/gradient?shape=2")
			.header("Content-Type", OCTETS)
			.POST(HttpRequest.BodyPublishers.ofByteArray(float64(1, 2, 1, Double.NaN))));
		JsonNode problem = HttpTestClient.assertProblem(response, 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad/1");
	}

	@Test
	void aGradientBeyondTheDoubleRangeIsRefused() {
		// selu′(1) = scale ≈ 1.0507, times the largest double, overflows.
		JsonNode problem = HttpTestClient.assertProblem(this.client.post("/activate/selu/gradient",
				"{\"values\": [0, 1], \"grad\": [1, 1.7976931348623157e308]}"), 422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1");
	}

	@Test
	void theValueEndpointStillRefusesGrad() {
		JsonNode problem = HttpTestClient
			.assertProblem(this.client.post("/activate/relu", "{\"values\": [1], \"grad\": [1]}"), 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grad");
	}

	@Test
	void anUnknownFunctionsGradientIsNotFound() {
		HttpTestClient.assertProblem(this.client.post("/activate/nope/gradient", "{\"values\": [1]}"), 404);
	}

	private HttpResponse<byte[]> postBinary(String path, byte[] body) {
		return this.client.send(this.client.request(path)
			.header("Content-Type", OCTETS)
			.header("Accept", OCTETS)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static Apfloat sigmoid(Apfloat x) {
		return ONE.divide(ONE.add(ApfloatMath.exp(x.negate())));
	}

	private static Apfloat sigmoidPrime(Apfloat x) {
		return sigmoid(x).multiply(sigmoid(x.negate()));
	}

	private static Apfloat[] softmax(double[] x) {
		Apfloat[] e = new Apfloat[x.length];
		Apfloat sum = new Apfloat(0, PRECISION);
		for (int i = 0; i < x.length; i++) {
			e[i] = ApfloatMath.exp(new Apfloat(x[i], PRECISION));
			sum = sum.add(e[i]);
		}
		for (int i = 0; i < x.length; i++) {
			e[i] = e[i].divide(sum);
		}
		return e;
	}

	private static void assertWithinUlps(double actual, Apfloat expected, int ulps) {
		double reference = expected.doubleValue();
		assertThat(Math.abs(actual - reference)).as("%s against %s", actual, expected)
			.isLessThanOrEqualTo(ulps * Math.ulp(reference));
	}

	private static byte[] float64(double... values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (double value : values) {
			buffer.putDouble(value);
		}
		return buffer.array();
	}

	private static double[] doubles(byte[] body) {
		double[] values = new double[body.length / 8];
		ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
		return values;
	}

}

package ai.activation.activate;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import ai.activation.HttpTestClient;
import ai.activation.limits.LimitsProperties;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP for {@code application/octet-stream} tensors: the numbers
 * against apfloat references computed here at 40 digits, {@code dtype} and {@code shape},
 * the response headers, {@code Accept} negotiation in both directions, and the same
 * validation and problems as JSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BinaryTensorIntegrationTests {

	private static final String OCTETS = "application/octet-stream";

	private static final int DIGITS = 40;

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void sigmoidOfFloat64BodyShouldAnswerFloat64WithShapeHeadersWithin2Ulps() {
		double[] x = { -800.0, -745.0, -708.5, -40.0, -1e-300, -0.0, 0.0, 1e-10, 0.75, 3.0, 36.75, 709.0 };
		HttpResponse<byte[]> response = post("/activate/sigmoid?shape=3,4", OCTETS, float64(x), OCTETS);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(OCTETS);
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("3,4");
		assertThat(response.headers().firstValue("Activation-Dtype")).hasValue("float64");
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(8 * x.length));
		double[] y = readFloat64(response.body());
		assertThat(y).hasSameSizeAs(x);
		for (int i = 0; i < x.length; i++) {
			double expected = round(sigmoid(ap(x[i])));
			assertThat(Math.abs(y[i] - expected)).as("sigmoid(%s) = %s, expected %s", x[i], y[i], expected)
				.isLessThanOrEqualTo(2 * Math.ulp(expected));
		}
		assertThat(y[0]).as("sigmoid(-800) is e^-800 rounded, 0 in double").isZero();
		assertThat(y[2]).as("sigmoid(-708.5) is subnormal but not zero").isPositive().isLessThan(Double.MIN_NORMAL);
	}

	@Test
	void softmaxOfBinaryMatrixAlongAxis0ShouldMatchApfloatWithin4Ulps() {
		double[] x = { 1010.0, -3.0, 0.5, 1000.0, 2.0, 0.25, 990.0, 7.0, -1e-3 };
		HttpResponse<byte[]> response = post("/activate/softmax?axis=0&shape=3,3", OCTETS, float64(x), OCTETS);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("3,3");
		double[] y = readFloat64(response.body());
		for (int column = 0; column < 3; column++) {
			Apfloat sum = new Apfloat(0, DIGITS);
			Apfloat max = ap(Math.max(x[column], Math.max(x[3 + column], x[6 + column])));
			for (int row = 0; row < 3; row++) {
				sum = sum.add(ApfloatMath.exp(ap(x[3 * row + column]).subtract(max)));
			}
			for (int row = 0; row < 3; row++) {
				int i = 3 * row + column;
				double expected = round(ApfloatMath.exp(ap(x[i]).subtract(max)).divide(sum));
				assertThat(Math.abs(y[i] - expected)).as("softmax element %s", i)
					.isLessThanOrEqualTo(4 * Math.ulp(expected));
			}
		}
	}

	@Test
	void float32BodyAndAnswerShouldBeRoundedToTheNearestFloatOfTheTrueValue() {
		float[] x = { -100.5f, -20.25f, -1.5f, -0.0f, 1.0e-30f, 0.5f, 4.0f, 30.0f };
		HttpResponse<byte[]> response = post("/activate/tanh?dtype=float32", OCTETS, float32(x), OCTETS);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Dtype")).hasValue("float32");
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("8");
		float[] y = readFloat32(response.body());
		assertThat(y).hasSameSizeAs(x);
		for (int i = 0; i < x.length; i++) {
			float expected = (float) round(tanh(ap(x[i])));
			assertThat(Math.abs(y[i] - expected)).as("tanh(%s) = %s, expected %s", x[i], y[i], expected)
				.isLessThanOrEqualTo(Math.ulp(expected));
		}
		assertThat(Float.floatToRawIntBits(y[3])).as("tanh(-0) is -0").isEqualTo(Float.floatToRawIntBits(-0.0f));
	}

	@Test
	void float32BodyWithJsonAnswerShouldComputeOnTheExactWidenedValues() {
		float[] x = { 0.1f, -2.7f };
		HttpResponse<byte[]> response = post("/activate/sigmoid?dtype=float32", OCTETS, float32(x), "application/json");
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode values = json.readTree(response.body()).get("values");
		for (int i = 0; i < x.length; i++) {
			double expected = round(sigmoid(ap(x[i])));
			assertThat(Math.abs(values.get(i).asDouble() - expected)).isLessThanOrEqualTo(2 * Math.ulp(expected));
		}
	}

	@Test
	void binaryBodyWithoutAcceptShouldBeAnsweredInJson() {
		HttpResponse<byte[]> response = post("/activate/relu?shape=2,2", OCTETS, float64(-1.0, 2.0, -0.0, 3.5), null);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(text(response))
			.isEqualTo("{\"function\":\"relu\",\"shape\":[2,2],\"values\":[[0.0,2.0],[0.0,3.5]]}");
	}

	@Test
	void jsonBodyWithBinaryAcceptShouldBeAnsweredInBinaryOfTheRequestedDtype() {
		byte[] body = "{\"values\": [[-1.5, 2.0, 3.0], [4.0, -5.0, 6.25]]}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> response = post("/activate/relu?dtype=float32", "application/json", body, OCTETS);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Shape")).hasValue("2,3");
		assertThat(readFloat32(response.body())).containsExactly(0.0f, 2.0f, 3.0f, 4.0f, 0.0f, 6.25f);
	}

	@Test
	void binaryAndJsonBodiesShouldGiveTheSameBitsForTheSameValues() {
		double[] x = { -3.0, -1.0, -0.5, 0.0, 0.75, 2.0 };
		HttpResponse<byte[]> binary = post("/activate/gelu?shape=2,3", OCTETS, float64(x), OCTETS);
		byte[] body = "{\"values\": [[-3.0, -1.0, -0.5], [0.0, 0.75, 2.0]]}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> fromJson = post("/activate/gelu", "application/json", body, "application/json");
		JsonNode values = json.readTree(fromJson.body()).get("values");
		double[] y = readFloat64(binary.body());
		for (int i = 0; i < x.length; i++) {
			assertThat(Double.doubleToRawLongBits(y[i]))
				.isEqualTo(Double.doubleToRawLongBits(values.get(i / 3).get(i % 3).asDouble()));
		}
	}

	@Test
	void float32AnswerBeyondTheFloatRangeShouldBe422WithThePointer() {
		byte[] body = "{\"values\": [[1.0, 2.0], [3.0, 1e39]]}".getBytes(StandardCharsets.UTF_8);
		JsonNode problem = problem(post("/activate/identity?dtype=float32", "application/json", body, OCTETS), 422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/1/1");
		assertThat(problem.get("detail").asString()).contains("float32", "dtype=float64");
	}

	@Test
	void resultBeyondTheDoubleRangeShouldBe422AsInJson() {
		JsonNode problem = problem(post("/activate/selu?shape=1,2", OCTETS, float64(1.0, Double.MAX_VALUE), OCTETS),
				422);
		assertThat(problem.get("pointer").asString()).isEqualTo("/values/0/1");
	}

	@Test
	void unknownDtypeShouldBe400NamingTheParameter() {
		JsonNode problem = problem(post("/activate/sigmoid?dtype=int8", OCTETS, float64(1.0), OCTETS), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("dtype");
		assertThat(problem.get("detail").asString()).contains("float64", "float32", "int8");
	}

	@Test
	void malformedShapesShouldBe400NamingTheParameter() {
		for (String shape : new String[] { "2,x", "0,3", "", "-1", "1,1,1,1,1,1,1,1,1", "3000000000" }) {
			JsonNode problem = problem(post("/activate/sigmoid?shape=" + shape, OCTETS, float64(1.0), OCTETS), 400);
			assertThat(problem.get("parameter").asString()).as(shape).isEqualTo("shape");
		}
	}

	@Test
	void repeatedCodecParameterShouldBe400() {
		JsonNode problem = problem(post("/activate/sigmoid?dtype=float64&dtype=float32", OCTETS, float64(1.0), OCTETS),
				400);
		assertThat(problem.get("parameter").asString()).isEqualTo("dtype");
	}

	@Test
	void shapeWithJsonBodyShouldBe400() {
		byte[] body = "{\"values\": [1.0]}".getBytes(StandardCharsets.UTF_8);
		JsonNode problem = problem(post("/activate/sigmoid?shape=1", "application/json", body, null), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("shape");
	}

	@Test
	void functionParametersShouldStillBeCheckedBesideCodecParameters() {
		JsonNode problem = problem(post("/activate/sigmoid?dtype=float32&alpha=1", OCTETS, float32(1.0f), OCTETS), 400);
		assertThat(problem.get("parameter").asString()).isEqualTo("alpha");
		JsonNode accepted = json.readTree(
				post("/activate/leaky_relu?negative_slope=0.5&dtype=float64&shape=2", OCTETS, float64(-4.0, 4.0), null)
					.body());
		assertThat(accepted.get("values").get(0).asDouble()).isEqualTo(-2.0);
	}

	@Test
	void bodyShorterOrLongerThanTheShapeShouldBe400SayingTheLengths() {
		JsonNode shorter = problem(post("/activate/sigmoid?shape=2,3", OCTETS, float64(1, 2, 3, 4, 5), OCTETS), 400);
		assertThat(shorter.get("detail").asString()).contains("40 bytes", "48 bytes", "2,3");
		assertThat(shorter.get("pointer").asString()).isEmpty();
		JsonNode longer = problem(
				post("/activate/sigmoid?shape=2,3&dtype=float32", OCTETS, float64(1, 2, 3, 4), OCTETS), 400);
		assertThat(longer.get("detail").asString()).contains("32 bytes", "24 bytes", "float32");
	}

	@Test
	void bodyThatIsNotWholeValuesShouldBe400() {
		JsonNode problem = problem(post("/activate/sigmoid", OCTETS, new byte[13], OCTETS), 400);
		assertThat(problem.get("detail").asString()).contains("13 bytes", "float64");
	}

	@Test
	void emptyBinaryBodyShouldBe400() {
		JsonNode problem = problem(post("/activate/sigmoid", OCTETS, new byte[0], OCTETS), 400);
		assertThat(problem.get("detail").asString()).contains("empty");
	}

	@Test
	void nonFiniteValuesShouldBe400WithTheirPointer() {
		JsonNode nan = problem(post("/activate/sigmoid?shape=2,3", OCTETS, float64(1, 2, 3, 4, Double.NaN, 6), OCTETS),
				400);
		assertThat(nan.get("pointer").asString()).isEqualTo("/values/1/1");
		assertThat(nan.get("detail").asString()).contains("NaN");
		JsonNode infinity = problem(
				post("/activate/sigmoid?dtype=float32", OCTETS, float32(1, Float.NEGATIVE_INFINITY), OCTETS), 400);
		assertThat(infinity.get("pointer").asString()).isEqualTo("/values/1");
	}

	@Test
	void axisOutOfRangeAndOddGluAxisShouldBe400AsInJson() {
		JsonNode axis = problem(post("/activate/softmax?axis=2&shape=2,3", OCTETS, float64(1, 2, 3, 4, 5, 6), OCTETS),
				400);
		assertThat(axis.get("parameter").asString()).isEqualTo("axis");
		JsonNode glu = problem(post("/activate/glu?shape=2,3", OCTETS, float64(1, 2, 3, 4, 5, 6), OCTETS), 400);
		assertThat(glu.get("parameter").asString()).isEqualTo("axis");
		assertThat(glu.get("axisLength").asInt()).isEqualTo(3);
	}

	@Test
	void shapeBeyondTheValueLimitShouldBe413BeforeTheBodyIsRead() {
		int tooMany = LimitsProperties.DEFAULT_MAX_VALUES + 1;
		JsonNode problem = problem(post("/activate/sigmoid?shape=" + tooMany, OCTETS, float64(1.0), OCTETS), 413);
		assertThat(problem.get("maxValues").asInt()).isEqualTo(LimitsProperties.DEFAULT_MAX_VALUES);
	}

	@Test
	void unknownFunctionShouldBe404WithBinaryBody() {
		problem(post("/activate/nope", OCTETS, float64(1.0), OCTETS), 404);
	}

	private HttpResponse<byte[]> post(String path, String contentType, byte[] body, String accept) {
		HttpRequest.Builder request = this.http.request(path)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static JsonNode problem(HttpResponse<byte[]> response, int status) {
		assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(text(response)).doesNotContain("Exception", "at ai.activation", "java.");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static byte[] float64(double... values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (double value : values) {
			buffer.putDouble(value);
		}
		return buffer.array();
	}

	private static byte[] float32(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			buffer.putFloat(value);
		}
		return buffer.array();
	}

	private static double[] readFloat64(byte[] body) {
		double[] values = new double[body.length / 8];
		ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
		return values;
	}

	private static float[] readFloat32(byte[] body) {
		float[] values = new float[body.length / 4];
		ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		return values;
	}

	private static Apfloat ap(double x) {
		return new Apfloat(new BigDecimal(x), DIGITS);
	}

	/** Rounds once to the nearest double; Double.parseDouble is correctly rounded. */
	private static double round(Apfloat value) {
		return (value.signum() == 0) ? 0.0 : Double.parseDouble(value.toString(false));
	}

	private static Apfloat sigmoid(Apfloat x) {
		Apfloat one = new Apfloat(1, DIGITS);
		return one.divide(one.add(ApfloatMath.exp(x.negate())));
	}

	private static Apfloat tanh(Apfloat x) {
		if (x.signum() == 0) {
			return x;
		}
		Apfloat one = new Apfloat(1, DIGITS);
		Apfloat e = ApfloatMath.exp(x.multiply(new Apfloat(-2, DIGITS)));
		return one.subtract(e).divide(one.add(e));
	}

}

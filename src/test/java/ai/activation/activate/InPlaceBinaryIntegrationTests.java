package ai.activation.activate;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import ai.activation.HttpTestClient;
import ai.activation.RawHttpClient;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binary bodies answered in place ({@code Accept: application/octet-stream} only, an
 * elementwise value) over real HTTP, several blocks long: the numbers against apfloat at
 * 40 digits, and answers, headers and problems the same bytes as those of the same body
 * answered from a new array (an {@code Accept} that also allows JSON at a lower quality,
 * negotiated to binary).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class InPlaceBinaryIntegrationTests {

	private static final String OCTETS = "application/octet-stream";

	/** Allows JSON too, so the answer is computed into a new array, then negotiated. */
	private static final String OCTETS_OR_JSON = "application/octet-stream, application/json;q=0.5";

	/** Three blocks of the in-place path and a short one. */
	private static final int N = 3 * 4096 + 77;

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void float32SigmoidInPlaceShouldBeTheNearestFloatOfTheTrueValueInEveryBlock() {
		float[] x = new float[N];
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < N; i++) {
			x[i] = (float) random.nextDouble(-90, 90);
		}
		HttpResponse<byte[]> response = post("/activate/sigmoid?dtype=float32", float32(x), OCTETS);
		assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Activation-Dtype")).hasValue("float32");
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(4 * N));
		float[] y = readFloat32(response.body());
		for (int i = 0; i < N; i += 7) {
			Apfloat one = new Apfloat(1, 40);
			Apfloat t = one.divide(one.add(ApfloatMath.exp(new Apfloat(new BigDecimal(x[i]), 40).negate())));
			float expected = Float.parseFloat(t.toString(false));
			assertThat(y[i]).as("sigmoid(%s)", x[i]).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@CsvSource({ "sigmoid, float64", "sigmoid, float32", "gelu, float64", "gelu, float32", "selu, float32",
			"softplus, float64", "log1mexp, float64", "log1mexp, float32", "identity, float32", "snake, float64" })
	void answerInPlaceShouldBeTheBytesAndHeadersOfTheAnswerFromANewArray(String function, String dtype) {
		boolean positive = function.equals("log1mexp");
		byte[] body = body(dtype, positive, 11);
		String path = "/activate/" + function + "?dtype=" + dtype + "&shape=" + (N / 5) + ",5";
		HttpResponse<byte[]> inPlace = post(path, body, OCTETS);
		HttpResponse<byte[]> fromArray = post(path, body, OCTETS_OR_JSON);
		assertThat(inPlace.statusCode()).as(text(inPlace)).isEqualTo(200);
		assertThat(fromArray.statusCode()).isEqualTo(200);
		assertThat(fromArray.headers().firstValue("Content-Type")).hasValue(OCTETS);
		for (String header : new String[] { "Content-Type", "Content-Length", "Activation-Shape", "Activation-Dtype",
				"Activation-Overflow-Avoided" }) {
			assertThat(inPlace.headers().firstValue(header)).as(header)
				.isPresent()
				.isEqualTo(fromArray.headers().firstValue(header));
		}
		assertThat(inPlace.body()).isEqualTo(fromArray.body());
	}

	@Test
	void sigmoidFarInTheTailShouldCountEveryEventInPlace() {
		double[] x = new double[N];
		Arrays.fill(x, -800.0);
		HttpResponse<byte[]> response = post("/activate/sigmoid", float64(x), OCTETS);
		assertThat(response.headers().firstValue("Activation-Overflow-Avoided")).hasValue(String.valueOf(N));
	}

	@Test
	void faultsInPlaceShouldBeTheProblemsOfTheAnswerFromANewArray() {
		// an input that is not finite in the last block, after a result beyond float32
		float[] late = floats(5);
		late[3] = Float.MAX_VALUE;
		late[N - 2] = Float.NaN;
		sameProblem("/activate/selu?dtype=float32", float32(late), 400, "/values/" + (N - 2));
		// a result beyond the double range after one beyond float32: the double's first
		double[] both = doubles(6);
		both[10] = 1e39;
		both[4096 + 5] = Double.MAX_VALUE;
		// the float32 answer of float64 values: dtype names both, so only float64 here
		sameProblem("/activate/selu", float64(both), 422, "/values/" + (4096 + 5));
		// beyond float32 only, in the second block
		float[] wide = floats(7);
		wide[4096 + 9] = 3.3e38f;
		sameProblem("/activate/selu?dtype=float32", float32(wide), 422, "/values/" + (4096 + 9));
		// outside the domain, in the third block
		double[] negative = new double[N];
		Arrays.fill(negative, 2.5);
		negative[2 * 4096 + 1] = -1.0;
		sameProblem("/activate/log1mexp?shape=" + N, float64(negative), 422, "/values/" + (2 * 4096 + 1));
	}

	@Test
	void acceptOfBinaryOnlyShouldBeToldApartFromOneThatAllowsJson() {
		assertThat(accepts(OCTETS)).isTrue();
		assertThat(accepts("application/octet-stream;q=0.9")).isTrue();
		assertThat(accepts("application/*")).as("also JSON").isFalse();
		assertThat(accepts("*/*")).isFalse();
		assertThat(accepts(OCTETS_OR_JSON)).isFalse();
		assertThat(accepts("application/octet-stream;q=0")).isFalse();
		assertThat(accepts("text/plain, application/octet-stream")).isFalse();
		assertThat(accepts(null)).isFalse();
		assertThat(accepts("no/valid/type")).isFalse();
	}

	@Test
	void aBodyThatEndsBeforeItsLengthShouldBe400AndNoUnexpectedFailure(CapturedOutput output) {
		for (String accept : new String[] { OCTETS, "application/json" }) {
			RawHttpClient.Response response = new RawHttpClient(this.port)
				.exchange(("POST /activate/sigmoid?dtype=float32 HTTP/1.1\r\nHost: localhost\r\n"
						+ "Content-Type: application/octet-stream\r\nAccept: " + accept + "\r\n"
						+ "Content-Length: 40\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII), new byte[20]);
			assertThat(response.status()).as(accept).isEqualTo(400);
		}
		assertThat(output.getOut() + output.getErr()).doesNotContain("Unexpected failure", "EOFException");
	}

	private static boolean accepts(String accept) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		return TensorRequests.answersOnlyBinary(request);
	}

	private void sameProblem(String path, byte[] body, int status, String pointer) {
		HttpResponse<byte[]> inPlace = post(path, body, OCTETS);
		HttpResponse<byte[]> fromArray = post(path, body, OCTETS_OR_JSON);
		assertThat(inPlace.statusCode()).as(text(inPlace)).isEqualTo(status);
		assertThat(inPlace.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(inPlace.body());
		assertThat(problem.get("pointer").asString()).isEqualTo(pointer);
		assertThat(problem).isEqualTo(json.readTree(fromArray.body()));
	}

	private HttpResponse<byte[]> post(String path, byte[] body, String accept) {
		HttpRequest.Builder request = this.http.request(path)
			.header("Content-Type", OCTETS)
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] body(String dtype, boolean positive, int seed) {
		return dtype.equals("float32") ? float32(floats(seed, positive)) : float64(doubles(seed, positive));
	}

	private static double[] doubles(int seed) {
		return doubles(seed, false);
	}

	private static double[] doubles(int seed, boolean positive) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] x = new double[N];
		for (int i = 0; i < N; i++) {
			x[i] = positive ? Math.scalb(random.nextDouble(1, 2), random.nextInt(-40, 6)) : random.nextDouble(-50, 50);
		}
		return x;
	}

	private static float[] floats(int seed) {
		return floats(seed, false);
	}

	private static float[] floats(int seed, boolean positive) {
		double[] d = doubles(seed, positive);
		float[] x = new float[N];
		for (int i = 0; i < N; i++) {
			x[i] = (float) d[i];
		}
		return x;
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static byte[] float64(double... values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asDoubleBuffer().put(values);
		return buffer.array();
	}

	private static byte[] float32(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(values);
		return buffer.array();
	}

	private static float[] readFloat32(byte[] body) {
		float[] values = new float[body.length / 4];
		ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		return values;
	}

}

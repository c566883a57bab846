package ai.activation.inference;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import ai.activation.inference.OpenInferenceClient.Answer;
import ai.activation.inference.OpenInferenceClient.InferInput;
import ai.activation.inference.OpenInferenceClient.RequestedOutput;
import ai.activation.openapi.ExampleReferences;
import ai.activation.openapi.ExampleReferences.Reference;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: every catalog function answers inference requests of the
 * Open Inference Protocol, in JSON (flat and nested data) and in binary tensors built as
 * tritonclient builds them, in FP64, FP32, FP16 and BF16, with parameters, the id echoed
 * and outputs requested. Values are checked against the mpmath references of
 * {@code example-references.json} (60 digits, written by
 * {@code src/test/python/example_references.py}), never against {@code /activate}'s
 * answers: FP64 within {@value ExampleReferences#ULP_BUDGET} ulps, the narrower datatypes
 * within one unit of their own last place (the correctly rounded answer is within half a
 * unit).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InferenceIntegrationTests {

	private static final Map<String, Reference> REFERENCES = ExampleReferences.load();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	private OpenInferenceClient client;

	@BeforeEach
	void createClient() {
		this.client = new OpenInferenceClient(this.port);
	}

	@Test
	void referencesCoverEveryModel() {
		assertThat(REFERENCES.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Activation.values()).map(Activation::canonicalName).toList());
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelAnswersFlatFp64JsonWithTheIdEchoedWithinTheUlpBudget(Activation function) {
		Reference reference = REFERENCES.get(function.canonicalName());
		String request = "{\"id\": \"req-" + function.canonicalName() + "\", \"inputs\": [{\"name\": \"input\", "
				+ "\"shape\": " + reference.shape() + ", \"datatype\": \"FP64\", \"data\": " + reference.input()
				+ "}], \"outputs\": [{\"name\": \"output\"}]}";
		Answer answer = postJson(function.canonicalName(), request);
		assertThat(answer.json().get("id").asString()).isEqualTo("req-" + function.canonicalName());
		assertFp64(function, answer, reference);
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelAnswersNestedFp64Json(Activation function) {
		Reference reference = REFERENCES.get(function.canonicalName());
		String data = nested(reference.input(), reference.shape());
		String request = "{\"inputs\": [{\"name\": \"input\", \"shape\": " + reference.shape()
				+ ", \"datatype\": \"FP64\", \"data\": " + data + "}]}";
		Answer answer = postJson(function.canonicalName(), request);
		assertThat(answer.json().has("id")).isFalse();
		assertFp64(function, answer, reference);
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelAnswersBinaryFp64AsTritonclientAsksForIt(Activation function) {
		Reference reference = REFERENCES.get(function.canonicalName());
		double[] input = reference.input().stream().mapToDouble(Double::doubleValue).toArray();
		Answer answer = this.client.infer(function.canonicalName(), "7", Map.of(),
				List.of(InferInput.binary("FP64", input, longs(reference.shape()))), List.of());
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
		assertThat(answer.response().headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(answer.output().get("parameters").get("binary_data_size").asInt())
			.isEqualTo(8 * reference.output().size());
		assertThat(answer.json().get("id").asString()).isEqualTo("7");
		assertFp64(function, answer, reference);
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelAnswersFp32InJsonAndBinaryRoundedToTheNearestFloat(Activation function) {
		Exact exact = exact(function);
		Answer json = this.client.infer(function.canonicalName(), null, Map.of(),
				List.of(InferInput.json("FP32", exact.input(), exact.shape())),
				List.of(new RequestedOutput("output", false)));
		assertThat(json.status()).as(json.jsonText()).isEqualTo(200);
		OpenInferenceSchema.assertValid("inference_response", json.jsonText());
		Answer binary = this.client.infer(function.canonicalName(), null, Map.of(),
				List.of(InferInput.binary("FP32", exact.input(), exact.shape())), List.of());
		assertThat(binary.status()).as(binary.jsonText()).isEqualTo(200);
		for (Answer answer : List.of(json, binary)) {
			assertThat(answer.output().get("datatype").asString()).isEqualTo("FP32");
			assertNarrow(function, answer.values(), exact.output(), (r) -> (double) Math.ulp((float) r.doubleValue()));
		}
		// The JSON numbers of an FP32 output are the floats' shortest forms.
		for (JsonNode value : json.output().get("data")) {
			assertThat(Float.toString(value.floatValue()))
				.isEqualTo(Float.toString(Float.parseFloat(value.toString())));
		}
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelAnswersFp16AndBf16AsBinaryByteForByte(Activation function) {
		Exact exact = exact(function);
		for (String datatype : List.of("FP16", "BF16")) {
			Answer answer = this.client.infer(function.canonicalName(), null, Map.of(),
					List.of(InferInput.binary(datatype, exact.input(), exact.shape())), List.of());
			assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
			assertThat(answer.output().get("datatype").asString()).isEqualTo(datatype);
			int fractionBits = datatype.equals("FP16") ? 10 : 7;
			int minExponent = datatype.equals("FP16") ? -14 : -126;
			assertNarrow(function, answer.values(), exact.output(),
					(r) -> Math.scalb(1.0, Math.max(Math.getExponent(r.doubleValue()), minExponent) - fractionBits));
		}
	}

	@Test
	void integerInputsAreAnsweredAsFp64() {
		Reference reference = REFERENCES.get("selu");
		int[] picked = { 0, 1, 3, 5, 6 };
		double[] input = Arrays.stream(picked).mapToDouble((i) -> reference.input().get(i)).toArray();
		for (String datatype : List.of("INT8", "INT32", "INT64")) {
			for (boolean binary : List.of(false, true)) {
				Answer answer = this.client.infer("selu", null, Map.of(),
						List.of(new InferInput("input", new long[] { 5 }, datatype, input, binary)),
						List.of(new RequestedOutput("output", binary)));
				assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
				assertThat(answer.output().get("datatype").asString()).isEqualTo("FP64");
				double[] values = answer.values();
				for (int i = 0; i < picked.length; i++) {
					assertThat(ExampleReferences.ulpDistance(values[i], reference.output().get(picked[i])))
						.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
				}
			}
		}
	}

	@Test
	void parametersComeFromTheRequestLevelParametersAsJsonNumbersAndStrings() {
		// mpmath at 50 digits from the PyTorch definitions, rounded once to double.
		double[] x = { -3.0, -1.0, -0.5, 0.0, 0.75, 2.0 };
		assertInfer("leaky_relu", Map.of("negative_slope", 0.2), x, new long[] { 6 },
				new double[] { -0.6, -0.2, -0.1, 0.0, 0.75, 2.0 });
		assertInfer("gelu", Map.of("approximate", "tanh"), x, new long[] { 6 }, new double[] { -0.003637392081773019,
				-0.1588080093917233, -0.15428599017485609, 0.0, 0.5799605551656203, 1.954597694087775 });
		assertInfer("hardtanh", Map.of("min_val", -0.5, "max_val", "1.5"), x, new long[] { 6 },
				new double[] { -0.5, -0.5, -0.5, 0.0, 0.75, 1.5 });
		assertInfer("softmax", Map.of("axis", 0, "temperature", 0.5), new double[] { 1, 2, 3, 4, 6, 8 },
				new long[] { 2, 3 }, new double[] { 0.0024726231566347743, 0.0003353501304664781,
						4.5397868702434395e-05, 0.9975273768433652, 0.9996646498695335, 0.9999546021312976 });
		// lists as strings, the protocol's parameters being scalars: a weight per channel
		// (axis 1 of a (2, 3) input), and both axes of a matrix at once
		assertInfer("prelu", Map.of("weight", "0.5,0.25,2"), new double[] { -1, -2, -3, 4, -8, -0.5 },
				new long[] { 2, 3 }, new double[] { -0.5, -0.5, -6, 4, -2, -1 });
		assertInfer("softmax", Map.of("axis", "0,1"), new double[] { 0, 0, Math.log(2), 0 }, new long[] { 2, 2 },
				new double[] { 0.2, 0.2, 0.4, 0.2 });
	}

	private void assertInfer(String model, Map<String, Object> parameters, double[] input, long[] shape,
			double[] expected) {
		Answer answer = this.client.infer(model, null, parameters, List.of(InferInput.binary("FP64", input, shape)),
				List.of());
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
		double[] values = answer.values();
		for (int i = 0; i < expected.length; i++) {
			assertThat(ExampleReferences.ulpDistance(values[i], new BigDecimal(expected[i])))
				.as("%s %s output %d", model, parameters, i)
				.isLessThanOrEqualTo(8);
		}
	}

	@Test
	void theOutputsBinaryDataParameterWinsOverTheRequestsBinaryDataOutput() {
		String base = "{\"parameters\": {\"binary_data_output\": %s}, \"inputs\": [{\"name\": \"input\", "
				+ "\"shape\": [2], \"datatype\": \"FP64\", \"data\": [-1, 2]}], \"outputs\": [{\"name\": \"output\", "
				+ "\"parameters\": {\"binary_data\": %s}}]}";
		Answer binary = postJson("relu", String.format(base, "false", "true"));
		assertThat(binary.binary()).containsKey("output");
		assertThat(binary.values()).containsExactly(0.0, 2.0);
		Answer json = postJson("relu", String.format(base, "true", "false"));
		assertThat(json.binary()).isEmpty();
		assertThat(json.values()).containsExactly(0.0, 2.0);
		OpenInferenceSchema.assertValid("inference_response", json.jsonText());
	}

	@Test
	void aConventionTravelsAsARequestParameterAsOnActivate() {
		// ONNX HardSigmoid: alpha 0.2, beta 0.5; clamp(0.2 * 1 + 0.5) = 0.7
		Answer onnx = postJson("hardsigmoid", "{\"parameters\": {\"convention\": \"onnx\"}, \"inputs\": [{\"name\": "
				+ "\"input\", \"shape\": [3], \"datatype\": \"FP64\", \"data\": [-3, 0, 1]}]}");
		assertThat(onnx.values()).containsExactly(0.0, 0.5, 0.7);
		Answer pytorch = postJson("hardsigmoid",
				"{\"inputs\": [{\"name\": \"input\", \"shape\": [1], " + "\"datatype\": \"FP64\", \"data\": [1]}]}");
		assertThat(pytorch.values()).containsExactly(4.0 / 6);
	}

	@Test
	void theOverflowAvoidanceCountIsAResponseParameter() {
		Answer answer = postJson("softmax", "{\"inputs\": [{\"name\": \"input\", \"shape\": [2, 3], "
				+ "\"datatype\": \"FP64\", \"data\": [[1010, 1000, 990], [1, 2, 3]]}]}");
		assertThat(answer.json().get("parameters").get("overflow_avoided").asLong()).isEqualTo(1);
		Answer none = postJson("relu",
				"{\"inputs\": [{\"name\": \"input\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]}]}");
		assertThat(none.json().get("parameters").get("overflow_avoided").asLong()).isZero();
	}

	@Test
	void aVersionedPathAndAnAliasAnswerWithTheCanonicalNameAndVersion() {
		HttpRequest.Builder request = this.client.http()
			.request("/v2/models/Swish/versions/1/infer")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"inputs\": [{\"name\": \"input\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [0]}]}"));
		Answer answer = this.client.send(request);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("model_name").asString()).isEqualTo("silu");
		assertThat(answer.json().get("model_version").asString()).isEqualTo("1");
	}

	@Test
	void aRawBinaryRequestIsOneFp64InputAnsweredInBinary() {
		ByteBuffer body = ByteBuffer.allocate(24)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putDouble(-2)
			.putDouble(0)
			.putDouble(3);
		Answer answer = this.client.send(this.client.http()
			.request("/v2/models/relu/infer")
			.header(OpenInferenceClient.HEADER_LENGTH, "0")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.array())));
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
		assertThat(answer.output().get("shape").valueStream().map(JsonNode::asInt)).containsExactly(3);
		assertThat(answer.values()).containsExactly(0.0, 0.0, 3.0);
	}

	@Test
	void aJsonRequestIsReadWhateverItsContentType() {
		for (String type : List.of("text/plain", "application/octet-stream", "application/json")) {
			HttpResponse<String> response = this.client.http()
				.send(this.client.http()
					.request("/v2/models/relu/infer")
					.header("Content-Type", type)
					.POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [{\"name\": \"input\", \"shape\": [1], "
							+ "\"datatype\": \"FP64\", \"data\": [-1]}]}")));
			assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
		}
	}

	@Test
	void callsAreCountedWithTheV2ProtocolTag() {
		double before = count("v2", "success");
		double beforeErrors = count("v2", "client_error");
		postJson("relu",
				"{\"inputs\": [{\"name\": \"input\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]}]}");
		postJson("relu", "{\"inputs\": []}");
		assertThat(count("v2", "success")).isEqualTo(before + 1);
		assertThat(count("v2", "client_error")).isEqualTo(beforeErrors + 1);
	}

	private double count(String protocol, String outcome) {
		return this.registry.find("activation.calls")
			.tag("protocol", protocol)
			.tag("function", "relu")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private Answer postJson(String model, String body) {
		return this.client.send(this.client.http()
			.request("/v2/models/" + model + "/infer")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static void assertFp64(Activation function, Answer answer, Reference reference) {
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
		assertThat(answer.json().get("model_name").asString()).isEqualTo(function.canonicalName());
		if (answer.binary().isEmpty()) {
			OpenInferenceSchema.assertValid("inference_response", answer.jsonText());
		}
		JsonNode output = answer.output();
		assertThat(output.get("name").asString()).isEqualTo("output");
		assertThat(output.get("datatype").asString()).isEqualTo("FP64");
		assertThat(output.get("shape").valueStream().map(JsonNode::asInt).toList()).isEqualTo(reference.outputShape());
		double[] values = answer.values();
		assertThat(values).hasSize(reference.output().size());
		for (int i = 0; i < values.length; i++) {
			assertThat(ExampleReferences.ulpDistance(values[i], reference.output().get(i)))
				.as("%s output %d: %s against %s", function.canonicalName(), i, values[i], reference.output().get(i))
				.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
		}
	}

	private static void assertNarrow(Activation function, double[] values, List<BigDecimal> reference,
			java.util.function.Function<BigDecimal, Double> unit) {
		assertThat(values).hasSize(reference.size());
		for (int i = 0; i < values.length; i++) {
			BigDecimal error = new BigDecimal(values[i]).subtract(reference.get(i)).abs();
			assertThat(error.doubleValue())
				.as("%s output %d: %s against %s", function.canonicalName(), i, values[i], reference.get(i))
				.isLessThanOrEqualTo(unit.apply(reference.get(i)));
		}
	}

	/**
	 * An input every datatype holds exactly, with its reference: the whole example of an
	 * elementwise function (−8, −1, −0.25, 0, 0.25, 1, 8); the first lane, 1 2 3 4, of a
	 * function along an axis, whose reference is the first lane's.
	 */
	private static Exact exact(Activation function) {
		if (!function.ranks().isEmpty()) {
			// softmax2d, of images only: the first lane of softmax's example, 1 2 3 4, as
			// the four channels of a (4, 1, 1) image, whose softmax over the channels is
			// that lane's reference
			Exact lane = exact(Activation.SOFTMAX);
			return new Exact(lane.input(), new long[] { lane.input().length, 1, 1 }, lane.output());
		}
		Reference reference = REFERENCES.get(function.canonicalName());
		double[] input = reference.input().stream().mapToDouble(Double::doubleValue).toArray();
		if (!function.alongAxis()) {
			return new Exact(input, longs(reference.shape()), reference.output());
		}
		int lane = reference.shape().get(1);
		// a reduction (logsumexp) removes the axis: one value per lane
		int outLane = (reference.outputShape().size() > 1) ? reference.outputShape().get(1) : 1;
		return new Exact(Arrays.copyOf(input, lane), new long[] { 1, lane }, reference.output().subList(0, outLane));
	}

	private record Exact(double[] input, long[] shape, List<BigDecimal> output) {
	}

	private static long[] longs(List<Integer> shape) {
		return shape.stream().mapToLong(Integer::longValue).toArray();
	}

	/** Values nested as the shape, as a JSON array of that shape. */
	private static String nested(List<Double> values, List<Integer> shape) {
		if (shape.size() == 1) {
			return values.toString();
		}
		int block = values.size() / shape.get(0);
		List<Integer> inner = shape.subList(1, shape.size());
		return IntStream.range(0, shape.get(0))
			.mapToObj((r) -> nested(values.subList(r * block, (r + 1) * block), inner))
			.collect(java.util.stream.Collectors.joining(", ", "[", "]"));
	}

}

package ai.activation.inference;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ai.activation.inference.OpenInferenceClient.Answer;
import ai.activation.inference.OpenInferenceClient.InferInput;
import ai.activation.inference.OpenInferenceClient.RequestedOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: every class of bad inference request gets its status and an
 * {@code {"error"}} body whose sentence says what is wrong and where. Held to small
 * limits (1,000 values a request, 600 in flight) so that 413 and 503 are reached with
 * small bodies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "activation.limits.max-values=1000", "activation.limits.in-flight-values=600" })
class InferenceErrorsIntegrationTests {

	private static final String INPUT = "{\"name\": \"input\", \"shape\": [2, 3], \"datatype\": \"FP64\", \"data\": %s}";

	@LocalServerPort
	private int port;

	private OpenInferenceClient client;

	@BeforeEach
	void createClient() {
		this.client = new OpenInferenceClient(this.port);
	}

	private String post(String model, String body, int status) {
		return post(model, body.getBytes(StandardCharsets.UTF_8), null, status);
	}

	private String post(String model, byte[] body, String headerLength, int status) {
		HttpRequest.Builder request = this.client.http().request("/v2/models/" + model + "/infer");
		if (headerLength != null) {
			request.header(OpenInferenceClient.HEADER_LENGTH, headerLength);
		}
		Answer answer = this.client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		return OpenInferenceClient.assertError(answer, status);
	}

	private static String request(String data) {
		return "{\"inputs\": [" + String.format(INPUT, data) + "]}";
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					{"inputs": [                                                                   | not valid JSON
					                                                                               | empty
					[1, 2]                                                                         | must be a JSON object
					{"extra": 1, "inputs": []}                                                     | Unknown field 'extra'
					{"inputs": []}                                                                 | 'inputs' is empty
					{"id": 7, "inputs": []}                                                        | id must be a string
					{"parameters": {"binary_data_output": 1}, "inputs": []}                        | binary_data_output must be true or false
					{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "data": [1]}]}      | named 'x'
					{"inputs": [{"name": "input", "shape": [0], "datatype": "FP64", "data": [1]}]}  | inputs[0].shape[0] is 0
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FLOAT", "data": [1]}]} | 'FLOAT' is not a datatype
					{"inputs": [{"name": "input", "shape": [1], "datatype": "BOOL", "data": [true]}]} | BOOL, which relu does not compute
					{"inputs": [{"name": "input", "shape": [1], "datatype": "BYTES", "data": ["a"]}]} | BYTES, which relu does not compute
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP16", "data": [1]}]}  | FP16, which has no JSON form
					{"inputs": [{"name": "input", "shape": [1], "datatype": "BF16", "data": [1]}]}  | BF16, which has no JSON form
					{"inputs": [{"name": "input", "shape": [1], "datatype": "INT8", "data": [200]}]} | inputs[0].data[0] is 200, beyond the range of INT8
					{"inputs": [{"name": "input", "shape": [2], "datatype": "INT32", "data": [1, 2.5]}]} | inputs[0].data[1] is 2.5
					{"inputs": [{"name": "input", "shape": [2], "datatype": "UINT8", "data": [1, -1]}]} | inputs[0].data[1] is -1, beyond the range of UINT8
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP32", "data": [1e39]}]} | beyond the range of FP32
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1e400]}]} | inputs[0].data[0] is 1e400
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64"}]}              | has no 'data'
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1], "parameters": {"binary_data_size": 8}}]} | both 'data'
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "parameters": {"binary_data_size": 8}}]} | no Inference-Header-Content-Length
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1], "parameters": {"shared_memory_region": "r"}}]} | Unknown parameter 'shared_memory_region'
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1]}, {"name": "input", "shape": [1], "datatype": "FP64", "data": [1]}]} | more than one (inputs[1])
					{"inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1]}], "outputs": [{"name": "output", "parameters": {"classification": 3}}]} | Unknown parameter 'classification'
					{"parameters": {"alpha": 0.1}, "inputs": [{"name": "input", "shape": [1], "datatype": "FP64", "data": [1]}]} | relu has no parameter 'alpha'
					""")
	void aBadRequestIsA400ThatSaysWhatIsWrong(String body, String expected) {
		assertThat(post("relu", (body == null) ? "" : body, 400)).contains(expected);
	}

	/**
	 * A mask as a second input, named {@code mask}: BOOL as JSON true and false (the
	 * protocol's example of kserve/open-inference-protocol
	 * {@code specification/protocol/inference_rest.md} gives BOOL data so), as one byte
	 * each in binary data (Triton's binary tensor data extension), or 0 and 1 in a number
	 * datatype. softmax([1, 2, 4]) at 60 digits (mpmath), rounded once:
	 * 0.04201006613406605, 0.11419519938459448, 0.8437947344813395.
	 */
	@Test
	void aMaskAsASecondInputMasksTheSoftmaxFamilyAndLogsumexp() {
		double[] expected = { 0.04201006613406605, 0.11419519938459448, 0.0, 0.8437947344813395 };
		String input = "{\"name\": \"input\", \"shape\": [4], \"datatype\": \"FP64\", \"data\": [1, 2, 3, 4]}";
		for (String mask : List.of(
				"{\"name\": \"mask\", \"shape\": [4], \"datatype\": \"BOOL\", \"data\": [true, true, false, true]}",
				"{\"name\": \"mask\", \"shape\": [4], \"datatype\": \"INT8\", \"data\": [1, 1, 0, 1]}",
				"{\"name\": \"mask\", \"shape\": [4], \"datatype\": \"FP32\", \"data\": [1.0, 1.0, 0.0, 1.0]}")) {
			assertValues(infer("softmax",
					("{\"inputs\": [" + input + ", " + mask + "]}").getBytes(StandardCharsets.UTF_8), null), expected);
			// the mask may come first
			assertValues(infer("softmax",
					("{\"inputs\": [" + mask + ", " + input + "]}").getBytes(StandardCharsets.UTF_8), null), expected);
		}
		// binary: the input's 32 bytes, then the mask's 4 bytes, in input order
		String header = "{\"inputs\": [{\"name\": \"input\", \"shape\": [4], \"datatype\": \"FP64\", "
				+ "\"parameters\": {\"binary_data_size\": 32}}, {\"name\": \"mask\", \"shape\": [4], "
				+ "\"datatype\": \"BOOL\", \"parameters\": {\"binary_data_size\": 4}}]}";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		body.writeBytes(json);
		body.writeBytes(ByteBuffer.allocate(32)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putDouble(1)
			.putDouble(2)
			.putDouble(3)
			.putDouble(4)
			.array());
		body.writeBytes(new byte[] { 1, 1, 0, 1 });
		assertValues(infer("softmax", body.toByteArray(), Integer.toString(json.length)), expected);
		// logmeanexp of [1, 2, 4]: m + log(mean e^(x - m)), 3.071233730888176 (mpmath)
		assertValues(infer("logmeanexp", ("{\"inputs\": [" + input + ", "
				+ "{\"name\": \"mask\", \"shape\": [4], \"datatype\": \"BOOL\", \"data\": [true, true, false, true]}]}")
			.getBytes(StandardCharsets.UTF_8), null), 3.071233730888176);
	}

	@Test
	void aBadMaskIsA400ThatSaysWhatIsWrong() {
		String input = "{\"name\": \"input\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [1, 2]}";
		String mask = "{\"name\": \"mask\", \"shape\": [%s], \"datatype\": \"%s\", \"data\": %s}";
		assertThat(post("softmax", "{\"inputs\": [" + input + ", " + String.format(mask, 2, "INT32", "[1, 2]") + "]}",
				400))
			.contains("inputs[1] holds 2.0 at [1]; a mask holds 0 and 1");
		assertThat(post("softmax", "{\"inputs\": [" + input + ", " + String.format(mask, 2, "BOOL", "[true, 1]") + "]}",
				400))
			.contains("inputs[1].data[1] is a number; the elements of BOOL data are true and false");
		assertThat(post("softmax",
				"{\"inputs\": [" + input + ", " + String.format(mask, 2, "FP64", "[true, false]") + "]}", 400))
			.contains("inputs[1].data[0] is a boolean");
		assertThat(post("softmax",
				"{\"inputs\": [" + input + ", " + String.format(mask, 3, "BOOL", "[true, true, true]") + "]}", 400))
			.contains("'mask' has shape [3]", "[2]");
		assertThat(post("softmax",
				"{\"inputs\": [" + input + ", " + String.format(mask, 2, "BOOL", "[false, false]") + "]}", 400))
			.contains("Every element of the lane", "is masked");
		assertThat(post("softmax", "{\"inputs\": [" + input + ", " + input + "]}", 400))
			.contains("both inputs are named 'input'");
		assertThat(post("softmax", "{\"inputs\": [" + String.format(mask, 2, "BOOL", "[true, true]") + "]}", 400))
			.contains("needs the input 'input'");
		assertThat(post("softmax", "{\"inputs\": [{\"name\": \"input\", \"shape\": [2], \"datatype\": \"BOOL\", "
				+ "\"data\": [true, false]}]}", 400))
			.contains("BOOL, which softmax does not compute");
		assertThat(post("softmax",
				"{\"inputs\": [" + input + ", " + String.format(mask, 2, "BOOL", "[true, true]") + ", " + input + "]}",
				400))
			.contains("more than one (inputs[2])", "a second, optional input, named 'mask'");
		// a function that takes no mask: as any second input
		assertThat(post("relu", "{\"inputs\": [" + input + ", " + String.format(mask, 2, "BOOL", "[true, true]") + "]}",
				400))
			.contains("more than one (inputs[1])")
			.doesNotContain("'mask'");
	}

	private JsonNodeAnswer infer(String model, byte[] body, String headerLength) {
		HttpRequest.Builder request = this.client.http().request("/v2/models/" + model + "/infer");
		if (headerLength != null) {
			request.header(OpenInferenceClient.HEADER_LENGTH, headerLength);
		}
		Answer answer = this.client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(200);
		return new JsonNodeAnswer(answer);
	}

	private static void assertValues(JsonNodeAnswer answer, double... expected) {
		tools.jackson.databind.JsonNode data = answer.answer().output().get("data");
		assertThat(data.size()).isEqualTo(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat(data.get(i).asDouble()).as("element %d of %s", i, data)
				.isCloseTo(expected[i], org.assertj.core.data.Offset.offset(4 * Math.ulp(expected[i])));
		}
	}

	private record JsonNodeAnswer(Answer answer) {
	}

	@Test
	void dataThatDisagreesWithTheShapeNamesTheFirstOffendingPlace() {
		assertThat(post("relu", request("[1, 2, 3, 4, 5]"), 400)).contains("inputs[0].data has 5 elements",
				"[2, 3] has 6");
		assertThat(post("relu", request("[[1, 2, 3], [4, 5]]"), 400)).contains("inputs[0].data[1] has 2 elements");
		assertThat(post("relu", request("[[1, 2, 3], [4, \"x\", 6]]"), 400))
			.contains("inputs[0].data[1][1] is a string");
		assertThat(post("relu", request("[[1, 2], [3, 4], [5, 6]]"), 400)).contains("nested as [3, 2]");
		assertThat(post("relu", request("[[1, 2, 3], 4]"), 400)).contains("inputs[0].data[1] is a number");
		assertThat(post("relu", request("[1, 2, NaN, 4, 5, 6]"), 400)).contains("not valid JSON", "inputs[0].data");
	}

	@Test
	void parametersAreCheckedByTheCatalogsRules() {
		String input = "\"inputs\": [" + String.format(INPUT, "[1, 2, 3, 4, 5, 6]") + "]";
		assertThat(post("leaky_relu", "{\"parameters\": {\"slope\": 1}, " + input + "}", 400))
			.contains("leaky_relu has no parameter 'slope'; its parameters are negative_slope");
		assertThat(post("leaky_relu", "{\"parameters\": {\"negative_slope\": true}, " + input + "}", 400))
			.contains("no parameter of a function is a boolean");
		assertThat(post("celu", "{\"parameters\": {\"alpha\": 0}, " + input + "}", 400)).contains("alpha");
		assertThat(post("softmax", "{\"parameters\": {\"axis\": 2}, " + input + "}", 400))
			.contains("Axis 2 is out of range");
		assertThat(post("softmax", "{\"parameters\": {\"axis\": 0.5}, " + input + "}", 400)).contains("integer");
		assertThat(post("glu", "{\"parameters\": {\"axis\": 1}, " + input + "}", 400)).contains("multiple of 2");
		assertThat(post("gelu", "{\"parameters\": {\"approximate\": \"sigmoid\"}, " + input + "}", 400))
			.contains("none, tanh");
		assertThat(post("rrelu", "{\"parameters\": {\"lower\": 0.5, \"upper\": 0.1}, " + input + "}", 400))
			.contains("lower <= upper");
	}

	@Test
	void theHeaderLengthMustBeAWholeNumberWithinTheBody() {
		byte[] json = request("[1, 2, 3, 4, 5, 6]").getBytes(StandardCharsets.UTF_8);
		assertThat(post("relu", json, "-1", 400)).contains("Inference-Header-Content-Length");
		assertThat(post("relu", json, "abc", 400)).contains("Inference-Header-Content-Length");
		assertThat(post("relu", json, Integer.toString(json.length + 1), 400)).contains("whole body is");
		assertThat(post("relu", json, Integer.toString(json.length - 1), 400)).contains("not valid JSON");
		assertThat(post("relu", new byte[12], "0", 400)).contains("FP64 values, 8 bytes each");
	}

	@Test
	void binaryDataMustMatchItsSizeAndBeFinite() {
		String header = "{\"inputs\": [{\"name\": \"input\", \"shape\": [2], \"datatype\": \"FP32\", "
				+ "\"parameters\": {\"binary_data_size\": %d}}]}";
		assertThat(binary(String.format(header, 12), new byte[12], 400)).contains("binary_data_size is 12", "needs 8");
		assertThat(binary(String.format(header, 8), new byte[4], 400)).contains("The body ends 4 bytes into");
		assertThat(binary(String.format(header, 8), new byte[12], 400)).contains("goes on after");
		byte[] nan = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(Float.NaN).array();
		assertThat(binary(String.format(header, 8), nan, 400)).contains("holds NaN at [1]");
	}

	private String binary(String header, byte[] data, int status) {
		byte[] json = header.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(json);
		body.writeBytes(data);
		return post("relu", body.toByteArray(), Integer.toString(json.length), status);
	}

	@Test
	void anUnknownModelVersionOrOutputIsA404() {
		assertThat(post("no_such_model", request("[1, 2, 3, 4, 5, 6]"), 404)).contains("no model 'no_such_model'");
		Answer version = this.client.send(this.client.http()
			.request("/v2/models/relu/versions/9/infer")
			.POST(HttpRequest.BodyPublishers.ofString(request("[1, 2, 3, 4, 5, 6]"))));
		assertThat(OpenInferenceClient.assertError(version, 404)).contains("no version '9'");
		String outputs = "{\"inputs\": [" + String.format(INPUT, "[1, 2, 3, 4, 5, 6]")
				+ "], \"outputs\": [{\"name\": \"probabilities\"}]}";
		assertThat(post("relu", outputs, 404)).contains("asks for 'probabilities'");
	}

	@Test
	void aResultBeyondTheOutputDatatypeIsA422() {
		assertThat(post("selu", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1], \"datatype\": \"FP64\", "
				+ "\"data\": [1.7976931348623157e308]}]}", 422))
			.contains("selu");
		Answer half = this.client.infer("selu", null, Map.of(),
				List.of(InferInput.binary("FP16", new double[] { 1, 65504 }, 2)), List.of());
		assertThat(OpenInferenceClient.assertError(half, 422)).contains("outputs[0][1]", "beyond the range of FP16");
		Answer json = this.client.infer("relu", null, Map.of(),
				List.of(InferInput.binary("FP16", new double[] { 1 }, 1)),
				List.of(new RequestedOutput("output", false)));
		assertThat(OpenInferenceClient.assertError(json, 400)).contains("no JSON form");
	}

	@Test
	void moreValuesThanTheLimitIsA413BeforeTheyAreRead() {
		String shape = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1001], \"datatype\": \"FP64\", \"data\": [1]}]}";
		assertThat(post("relu", shape, 413)).contains("more than the 1000");
		String binary = "{\"inputs\": [{\"name\": \"input\", \"shape\": [2000], \"datatype\": \"FP32\", "
				+ "\"parameters\": {\"binary_data_size\": 8000}}]}";
		assertThat(post("relu", binary.getBytes(StandardCharsets.UTF_8), Integer.toString(binary.length()), 413))
			.contains("more than the 1000");
	}

	@Test
	void moreValuesThanTheBudgetInFlightIsA503WithRetryAfter() {
		Answer answer = this.client.infer("relu", null, Map.of(),
				List.of(InferInput.binary("FP64", new double[700], 700)), List.of());
		assertThat(OpenInferenceClient.assertError(answer, 503)).contains("Retry-After");
		assertThat(answer.response().headers().firstValue("Retry-After")).hasValue("1");
	}

}

package ai.activation.inference;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.HttpTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Open Inference Protocol client written from the specifications alone, using none of
 * the service's classes: it builds inference requests as tritonclient's HTTP client does
 * (triton-inference-server/client {@code src/python/library/tritonclient/http/_utils.py},
 * {@code _get_inference_request}: the JSON, then each binary input's bytes in input
 * order; {@code Inference-Header-Content-Length} with the JSON's length when any input is
 * binary; no {@code Content-Type}; {@code binary_data_output: true} when no output is
 * named), and it decodes answers byte for byte as the binary tensor data extension
 * (triton-inference-server/server {@code docs/protocol/extension_binary_data.md})
 * describes them, FP16 and BF16 included.
 */
final class OpenInferenceClient {

	static final String HEADER_LENGTH = "Inference-Header-Content-Length";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpTestClient http;

	OpenInferenceClient(int port) {
		this.http = new HttpTestClient(port);
	}

	HttpTestClient http() {
		return this.http;
	}

	/**
	 * One input, as tritonclient's {@code InferInput}: binary by default, as
	 * {@code set_data_from_numpy(binary_data=True)}.
	 */
	record InferInput(String name, long[] shape, String datatype, double[] values, boolean binary) {

		static InferInput binary(String datatype, double[] values, long... shape) {
			return new InferInput("input", shape, datatype, values, true);
		}

		static InferInput json(String datatype, double[] values, long... shape) {
			return new InferInput("input", shape, datatype, values, false);
		}

	}

	/** One requested output, as tritonclient's {@code InferRequestedOutput}. */
	record RequestedOutput(String name, boolean binary) {
	}

	/** An answer: the JSON part and each binary output's bytes by output name. */
	record Answer(int status, HttpResponse<byte[]> response, JsonNode json, Map<String, byte[]> binary) {

		JsonNode output() {
			return this.json.get("outputs").get(0);
		}

		/** The first output's values, decoded from binary data or read from JSON. */
		double[] values() {
			JsonNode output = output();
			String datatype = output.get("datatype").asString();
			byte[] bytes = this.binary.get(output.get("name").asString());
			if (bytes != null) {
				return decode(datatype, bytes);
			}
			List<Double> values = new ArrayList<>();
			flatten(output.get("data"), values);
			return values.stream().mapToDouble(Double::doubleValue).toArray();
		}

		String jsonText() {
			return this.json.toString();
		}

	}

	/**
	 * Sends an inference request built as tritonclient builds it.
	 * @param model the model
	 * @param id the request id, or {@code null}
	 * @param parameters custom request parameters
	 * @param inputs the inputs
	 * @param outputs the requested outputs, or empty to ask for every output in binary
	 * @return the answer
	 */
	Answer infer(String model, String id, Map<String, Object> parameters, List<InferInput> inputs,
			List<RequestedOutput> outputs) {
		ObjectNode request = json.createObjectNode();
		if (id != null) {
			request.put("id", id);
		}
		ObjectNode requestParameters = json.createObjectNode();
		ArrayNode inputArray = request.putArray("inputs");
		ByteArrayOutputStream binary = new ByteArrayOutputStream();
		for (InferInput input : inputs) {
			ObjectNode node = inputArray.addObject();
			node.put("name", input.name());
			ArrayNode shape = node.putArray("shape");
			Arrays.stream(input.shape()).forEach(shape::add);
			node.put("datatype", input.datatype());
			if (input.binary()) {
				byte[] bytes = encode(input.datatype(), input.values());
				node.putObject("parameters").put("binary_data_size", bytes.length);
				binary.writeBytes(bytes);
			}
			else {
				ArrayNode data = node.putArray("data");
				for (double value : input.values()) {
					if (input.datatype().startsWith("INT") || input.datatype().startsWith("UINT")) {
						data.add((long) value);
					}
					else {
						data.add(value);
					}
				}
			}
		}
		if (!outputs.isEmpty()) {
			ArrayNode outputArray = request.putArray("outputs");
			for (RequestedOutput output : outputs) {
				outputArray.addObject()
					.put("name", output.name())
					.putObject("parameters")
					.put("binary_data", output.binary());
			}
		}
		else {
			requestParameters.put("binary_data_output", true);
		}
		parameters.forEach((name, value) -> requestParameters.set(name, json.valueToTree(value)));
		if (!requestParameters.isEmpty()) {
			request.set("parameters", requestParameters);
		}
		byte[] header = request.toString().getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder builder = this.http.request("/v2/models/" + model + "/infer");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(header);
		if (binary.size() > 0) {
			builder.header(HEADER_LENGTH, Integer.toString(header.length));
			body.writeBytes(binary.toByteArray());
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * Sends any request and splits the answer as the binary tensor data extension says.
	 */
	Answer send(HttpRequest.Builder request) {
		HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		byte[] body = response.body();
		int headerLength = response.headers().firstValue(HEADER_LENGTH).map(Integer::parseInt).orElse(body.length);
		JsonNode header = json.readTree(Arrays.copyOf(body, headerLength));
		Map<String, byte[]> binary = new LinkedHashMap<>();
		int at = headerLength;
		if (header.has("outputs")) {
			for (JsonNode output : header.get("outputs")) {
				JsonNode size = output.path("parameters").path("binary_data_size");
				if (size.isNumber()) {
					binary.put(output.get("name").asString(), Arrays.copyOfRange(body, at, at + size.asInt()));
					at += size.asInt();
				}
			}
		}
		assertThat(at).as("every byte of the body belongs to the JSON or an output").isEqualTo(body.length);
		return new Answer(response.statusCode(), response, header, binary);
	}

	/** Checks an {@code {"error"}} answer and returns its message. */
	static String assertError(Answer answer, int status) {
		assertThat(answer.status()).as(answer.jsonText()).isEqualTo(status);
		return assertErrorBody(answer.response().headers().firstValue("Content-Type").orElse(""), answer.jsonText());
	}

	/**
	 * Checks an {@code {"error"}} body: JSON, one member, a sentence, nothing internal.
	 */
	static String assertErrorBody(String contentType, String body) {
		assertThat(contentType).as(body).startsWith("application/json");
		JsonNode error = json.readTree(body);
		assertThat(error.propertyNames()).as(body).containsExactly("error");
		String message = error.get("error").asString();
		assertThat(message).isNotBlank().doesNotContain("Exception", "java.", "at ai.activation", "springframework");
		OpenInferenceSchema.assertValid("inference_error_response", body);
		return message;
	}

	static byte[] encode(String datatype, double[] values) {
		int size = switch (datatype) {
			case "FP64", "INT64", "UINT64" -> 8;
			case "FP32", "INT32", "UINT32" -> 4;
			case "FP16", "BF16", "INT16", "UINT16" -> 2;
			case "INT8", "UINT8" -> 1;
			default -> throw new IllegalArgumentException(datatype);
		};
		ByteBuffer bytes = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
		for (double value : values) {
			switch (datatype) {
				case "FP64" -> bytes.putDouble(value);
				case "FP32" -> bytes.putFloat(exactFloat(value));
				case "FP16" -> bytes.putShort((short) exactHalf(value));
				case "BF16" -> bytes.putShort((short) (exactBfloat16(value) >>> 16));
				case "INT64", "UINT64" -> bytes.putLong((long) value);
				case "INT32", "UINT32" -> bytes.putInt((int) (long) value);
				case "INT16", "UINT16" -> bytes.putShort((short) (long) value);
				default -> bytes.put((byte) (long) value);
			}
		}
		return bytes.array();
	}

	static double[] decode(String datatype, byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		return switch (datatype) {
			case "FP64" -> {
				double[] values = new double[bytes.length / 8];
				buffer.asDoubleBuffer().get(values);
				yield values;
			}
			case "FP32" -> {
				double[] values = new double[bytes.length / 4];
				for (int i = 0; i < values.length; i++) {
					values[i] = buffer.getFloat(4 * i);
				}
				yield values;
			}
			case "FP16" -> {
				double[] values = new double[bytes.length / 2];
				for (int i = 0; i < values.length; i++) {
					values[i] = half(buffer.getShort(2 * i) & 0xFFFF);
				}
				yield values;
			}
			case "BF16" -> {
				double[] values = new double[bytes.length / 2];
				for (int i = 0; i < values.length; i++) {
					values[i] = Float.intBitsToFloat((buffer.getShort(2 * i) & 0xFFFF) << 16);
				}
				yield values;
			}
			default -> throw new IllegalArgumentException(datatype);
		};
	}

	/**
	 * IEEE 754 binary16 from its bits: sign, 5-bit exponent with bias 15, 10-bit
	 * fraction.
	 */
	static double half(int bits) {
		int exponent = (bits >> 10) & 0x1F;
		int fraction = bits & 0x3FF;
		double magnitude = (exponent == 0) ? fraction * Math.pow(2, -24)
				: (exponent == 31) ? ((fraction == 0) ? Double.POSITIVE_INFINITY : Double.NaN)
						: (1024 + fraction) * Math.pow(2, exponent - 25);
		return ((bits & 0x8000) != 0) ? -magnitude : magnitude;
	}

	/** The bits of the binary16 value equal to x; the tests send only such values. */
	static int exactHalf(double x) {
		for (int bits = 0; bits < 0x10000; bits++) {
			if (Double.compare(half(bits), x) == 0) {
				return bits;
			}
		}
		throw new IllegalArgumentException(x + " is not an FP16 value");
	}

	private static int exactBfloat16(double x) {
		int bits = Float.floatToRawIntBits(exactFloat(x));
		if ((bits & 0xFFFF) != 0) {
			throw new IllegalArgumentException(x + " is not a BF16 value");
		}
		return bits;
	}

	private static float exactFloat(double x) {
		if ((float) x != x) {
			throw new IllegalArgumentException(x + " is not an FP32 value");
		}
		return (float) x;
	}

	private static void flatten(JsonNode node, List<Double> values) {
		if (node.isArray()) {
			node.forEach((element) -> flatten(element, values));
		}
		else {
			values.add(node.doubleValue());
		}
	}

}

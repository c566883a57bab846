package ai.activation.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import ai.activation.kernel.Tensor;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the answer to an inference request: {@code $inference_response} of
 * kserve/open-inference-protocol {@code specification/protocol/inference_rest.md}, with
 * the one output's {@code data} flat and row major in JSON, or, when the output is asked
 * for as binary data, the binary tensor data extension's framing
 * (triton-inference-server/server {@code docs/protocol/extension_binary_data.md}): the
 * JSON, whose output carries {@code binary_data_size} and no {@code data}, then the
 * output's bytes, little-endian; {@code Content-Type: application/octet-stream} and
 * {@value InferenceRequestReader#HEADER_LENGTH} giving the JSON's length.
 *
 * <p>
 * The service computes in binary64 and rounds each result once to the output datatype, to
 * nearest, ties to even: {@code FP32} by the cast to {@code float}, {@code FP16} and
 * {@code BF16} by {@link ReducedFloats}. JSON numbers are the shortest text that reads
 * back to the same double or float (Jackson's Schubfach writer). A result beyond the
 * output datatype's range has no finite encoding; it is refused with 422 before a byte is
 * written, naming the element, as {@code /activate} refuses a float32 answer.
 */
final class InferenceResponseWriter {

	/** The response-level parameter with the overflow-avoidance events of the call. */
	static final String OVERFLOW_AVOIDED = "overflow_avoided";

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
		.build();

	private static final int CHUNK_BYTES = 1 << 16;

	private InferenceResponseWriter() {
	}

	/**
	 * The answer to write.
	 *
	 * @param model the canonical name of the model
	 * @param id the request's {@code id}, or {@code null}
	 * @param output the result, every value finite
	 * @param datatype the output's datatype
	 * @param binary whether the output goes as binary data after the JSON
	 * @param overflowAvoided the overflow-avoidance events of the call
	 */
	record Answer(String model, String id, Tensor output, Datatype datatype, boolean binary, long overflowAvoided) {
	}

	/**
	 * Writes the answer as the whole response.
	 * @param answer the answer
	 * @param response the response, not yet committed
	 * @throws InferenceException 422 if a result lies beyond the output datatype's range,
	 * or 400 if a binary-only datatype is asked for in JSON; nothing is written then
	 * @throws IOException if the client is gone
	 */
	static void write(Answer answer, HttpServletResponse response) throws IOException {
		if (!answer.binary() && !answer.datatype().inJson()) {
			throw InferenceException.badRequest("The output of " + answer.model() + " is " + answer.datatype()
					+ ", which has no JSON form; ask for it as binary data (output parameter binary_data or "
					+ "request parameter binary_data_output).");
		}
		if (!answer.binary() && answer.datatype() == Datatype.FP32) {
			checkFloatRange(answer);
		}
		byte[] encoded = answer.binary() ? encode(answer) : null;
		response.setStatus(HttpStatus.OK.value());
		if (encoded == null) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(),
					response.getOutputStream())) {
				header(generator, answer, -1);
			}
			return;
		}
		ByteArrayOutputStream json = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
			header(generator, answer, encoded.length);
		}
		response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setHeader(InferenceRequestReader.HEADER_LENGTH, Integer.toString(json.size()));
		response.setHeader(HttpHeaders.CONTENT_LENGTH, Long.toString((long) json.size() + encoded.length));
		OutputStream body = response.getOutputStream();
		json.writeTo(body);
		for (int from = 0; from < encoded.length; from += CHUNK_BYTES) {
			body.write(encoded, from, Math.min(CHUNK_BYTES, encoded.length - from));
		}
	}

	/**
	 * Returns the JSON answer, as {@link #write} sends it when no output is asked for as
	 * binary data.
	 * @param answer the answer, not binary
	 * @return the response body
	 * @throws InferenceException as {@link #write} does
	 */
	static String json(Answer answer) {
		if (!answer.datatype().inJson()) {
			throw InferenceException.badRequest(
					"The output of " + answer.model() + " is " + answer.datatype() + ", which has no JSON form.");
		}
		if (answer.datatype() == Datatype.FP32) {
			checkFloatRange(answer);
		}
		ByteArrayOutputStream json = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), json)) {
			header(generator, answer, -1);
		}
		return json.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static void header(JsonGenerator generator, Answer answer, long binarySize) {
		Tensor output = answer.output();
		generator.writeStartObject();
		generator.writeStringProperty("model_name", answer.model());
		generator.writeStringProperty("model_version", Model.VERSION);
		if (answer.id() != null) {
			generator.writeStringProperty("id", answer.id());
		}
		generator.writeName("parameters");
		generator.writeStartObject();
		generator.writeNumberProperty(OVERFLOW_AVOIDED, answer.overflowAvoided());
		generator.writeEndObject();
		generator.writeName("outputs");
		generator.writeStartArray();
		generator.writeStartObject();
		generator.writeStringProperty("name", Model.OUTPUT);
		generator.writeStringProperty("datatype", answer.datatype().name());
		generator.writeName("shape");
		generator.writeArray(output.shape(), 0, output.shape().length);
		if (binarySize >= 0) {
			generator.writeName("parameters");
			generator.writeStartObject();
			generator.writeNumberProperty(InferenceRequest.BINARY_DATA_SIZE, binarySize);
			generator.writeEndObject();
		}
		else {
			generator.writeName("data");
			double[] values = output.values();
			if (answer.datatype() == Datatype.FP32) {
				generator.writeStartArray();
				for (double value : values) {
					generator.writeNumber((float) value);
				}
				generator.writeEndArray();
			}
			else {
				generator.writeArray(values, 0, values.length);
			}
		}
		generator.writeEndObject();
		generator.writeEndArray();
		generator.writeEndObject();
	}

	/** Encodes the output's values in its datatype, little-endian, row major. */
	static byte[] encode(Answer answer) {
		double[] values = answer.output().values();
		Datatype datatype = answer.datatype();
		ByteBuffer bytes = ByteBuffer.allocate(values.length * datatype.size()).order(ByteOrder.LITTLE_ENDIAN);
		switch (datatype) {
			case FP64 -> bytes.asDoubleBuffer().put(values);
			case FP32 -> {
				checkFloatRange(answer);
				for (double value : values) {
					bytes.putFloat((float) value);
				}
			}
			case FP16, BF16 -> {
				ReducedFloats.Format format = (datatype == Datatype.FP16) ? ReducedFloats.FP16 : ReducedFloats.BF16;
				for (int i = 0; i < values.length; i++) {
					int bits = format.encode(values[i]);
					if (bits == ReducedFloats.OVERFLOW) {
						throw outOfRange(answer, i);
					}
					bytes.putShort((short) bits);
				}
			}
			default -> throw new IllegalStateException("Outputs are FP64, FP32, FP16 or BF16, not " + datatype);
		}
		return bytes.array();
	}

	private static void checkFloatRange(Answer answer) {
		double[] values = answer.output().values();
		for (int i = 0; i < values.length; i++) {
			if (Float.isInfinite((float) values[i])) {
				throw outOfRange(answer, i);
			}
		}
	}

	private static InferenceException outOfRange(Answer answer, int index) {
		Tensor output = answer.output();
		return new InferenceException(HttpStatus.UNPROCESSABLE_CONTENT,
				answer.model() + " gives " + output.values()[index] + " at outputs[0]"
						+ InferenceRequestReader.position(index, output.shape()) + ", beyond the range of "
						+ answer.datatype() + "; send the input as FP64 to have the answer in FP64.");
	}

}

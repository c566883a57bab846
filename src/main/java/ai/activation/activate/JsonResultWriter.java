package ai.activation.activate;

import java.io.OutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import ai.activation.engine.ActivationResult;
import ai.activation.kernel.Tensor;

/**
 * Writes {@code {"function": ..., "shape": [...], "values": Y}} straight from the
 * primitive result, streaming, with Y nested as the shape says. Every double is written
 * so that it reads back to the same bits: by Jackson's fast writer (the Schubfach
 * algorithm, shortest round-tripping digits), several times faster than
 * {@link Double#toString(double)} on JDK 17 (see docs/performance.md).
 */
final class JsonResultWriter {

	static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

	private JsonResultWriter() {
	}

	/**
	 * Writes one response body.
	 * @param result the result, whose values are all finite
	 * @param body the stream, left open
	 */
	static void write(ActivationResult result, OutputStream body) {
		Tensor output = result.output();
		int[] shape = output.shape();
		try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), body)) {
			generator.writeStartObject();
			generator.writeStringProperty("function", result.function().canonicalName());
			generator.writeName("shape");
			generator.writeArray(shape, 0, shape.length);
			generator.writeName("values");
			writeNested(generator, output.values(), shape);
			generator.writeEndObject();
		}
	}

	private static void writeNested(JsonGenerator generator, double[] values, int[] shape) {
		int rank = shape.length;
		int row = shape[rank - 1];
		int rows = values.length / row;
		int[] counter = new int[rank - 1];
		for (int r = 0; r < rows; r++) {
			int opened = rank - 1;
			if (r > 0) {
				opened = 0;
				for (int d = rank - 2; d >= 0; d--) {
					if (++counter[d] < shape[d]) {
						break;
					}
					counter[d] = 0;
					generator.writeEndArray();
					opened++;
				}
			}
			for (int d = 0; d < opened; d++) {
				generator.writeStartArray();
			}
			generator.writeArray(values, r * row, row);
		}
		for (int d = 0; d < rank - 1; d++) {
			generator.writeEndArray();
		}
	}

}

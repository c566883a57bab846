package ai.activation.activate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes {@code {"function": ..., "shape": [...], "values": Y}} straight from the primitive result,
 * streaming, with Y nested as the shape says.
 */
final class JsonResultWriter {

	private JsonResultWriter() {
	}

	/**
	 * Writes one response body.
	 * @param result the result
	 * @param body the stream, left open
	 * @throws IOException if writing fails
	 */
	static void write(ActivationResult result, OutputStream body) throws IOException {
		throw new UnsupportedOperationException("being written");
	}

}

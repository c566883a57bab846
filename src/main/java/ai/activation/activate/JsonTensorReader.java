package ai.activation.activate;

import java.io.IOException;
import java.io.InputStream;

import ai.activation.kernel.Tensor;

/**
 * Reads {@code {"values": X}} straight into a primitive {@code double[]} and a shape, streaming: no
 * boxed numbers, no JSON tree. Every fault is an {@link InvalidBodyException} with a JSON Pointer.
 */
final class JsonTensorReader {

	private JsonTensorReader() {
	}

	/**
	 * Reads one request body.
	 * @param body the body, UTF-8 JSON
	 * @return the tensor
	 * @throws InvalidBodyException if the body is not a valid request
	 * @throws IOException if reading the stream fails
	 */
	static Tensor read(InputStream body) throws IOException {
		throw new UnsupportedOperationException("being written");
	}

}

package ai.activation.activate;

import java.io.IOException;

import ai.activation.kernel.Tensor;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Reads request bodies into a {@link Tensor} and writes an {@link ActivationResult}, in
 * one media type, through a streaming codec: no Jackson tree, no boxed numbers. One
 * instance per media type, so that another encoding is one more registration in
 * {@link ActivateWebConfiguration}.
 */
final class TensorHttpMessageConverter extends AbstractHttpMessageConverter<Object> {

	private final BodyReader reader;

	private final BodyWriter writer;

	/**
	 * Creates a converter.
	 * @param mediaType the one media type it reads and writes
	 * @param reader reads a tensor from a request body
	 * @param writer writes a result to a response body
	 */
	TensorHttpMessageConverter(MediaType mediaType, BodyReader reader, BodyWriter writer) {
		super(mediaType);
		this.reader = reader;
		this.writer = writer;
	}

	/**
	 * Creates the converter for {@code application/json}.
	 * @param reader the reader, configured with the request limits
	 * @return the converter
	 */
	static TensorHttpMessageConverter json(JsonTensorReader reader) {
		return new TensorHttpMessageConverter(MediaType.APPLICATION_JSON, (input) -> reader.read(input.getBody()),
				(result, output) -> JsonResultWriter.write(result, output.getBody()));
	}

	/**
	 * Creates the converter for {@code application/octet-stream}: raw little-endian
	 * values laid out as the call's {@link TensorEncoding} says.
	 * @param codec the codec, configured with the request limits
	 * @return the converter
	 */
	static TensorHttpMessageConverter binary(BinaryTensorCodec codec) {
		return new TensorHttpMessageConverter(MediaType.APPLICATION_OCTET_STREAM,
				(input) -> codec.read(input.getBody(), input.getHeaders().getContentLength(), TensorEncoding.current()),
				(result, output) -> codec.write(result, TensorEncoding.current(), output));
	}

	@Override
	protected boolean supports(Class<?> type) {
		return Tensor.class == type || ActivationResult.class == type;
	}

	@Override
	public boolean canRead(Class<?> type, MediaType mediaType) {
		return Tensor.class == type && canRead(mediaType);
	}

	@Override
	public boolean canWrite(Class<?> type, MediaType mediaType) {
		return ActivationResult.class == type && canWrite(mediaType);
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
		return this.reader.read(input);
	}

	@Override
	protected void writeInternal(Object result, HttpOutputMessage output) throws IOException {
		this.writer.write((ActivationResult) result, output);
	}

	/**
	 * Reads one request body; faults are {@link InvalidBodyException}s. The headers are
	 * there for codecs that need them, e.g. the body's length.
	 */
	@FunctionalInterface
	interface BodyReader {

		Tensor read(HttpInputMessage input) throws IOException;

	}

	/**
	 * Writes one response body, leaving the stream open; a codec may add headers before
	 * it opens the body.
	 */
	@FunctionalInterface
	interface BodyWriter {

		void write(ActivationResult result, HttpOutputMessage output) throws IOException;

	}

}

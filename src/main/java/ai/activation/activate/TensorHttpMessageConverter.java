package ai.activation.activate;

import java.io.IOException;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link TensorAnswer} in one media type, through a streaming codec: no Jackson
 * tree, no boxed numbers. One instance per media type, so that another encoding is one
 * more registration in {@link ActivateWebConfiguration}. Bodies are read by
 * {@link TensorRequests}, which knows the call they belong to.
 */
final class TensorHttpMessageConverter extends AbstractHttpMessageConverter<TensorAnswer> {

	private final BodyWriter writer;

	/**
	 * Creates a converter.
	 * @param mediaType the one media type it writes
	 * @param writer writes an answer to a response body
	 */
	TensorHttpMessageConverter(MediaType mediaType, BodyWriter writer) {
		super(mediaType);
		this.writer = writer;
	}

	/**
	 * Creates the converter for {@code application/json}.
	 * @return the converter
	 */
	static TensorHttpMessageConverter json() {
		return new TensorHttpMessageConverter(MediaType.APPLICATION_JSON,
				(answer, output) -> JsonResultWriter.write(computed(answer).result(), output.getBody()));
	}

	/**
	 * Creates the converter for {@code application/octet-stream}: raw little-endian
	 * values in the element type the request asked for.
	 * @param codec the codec
	 * @return the converter
	 */
	static TensorHttpMessageConverter binary(BinaryTensorCodec codec) {
		return new TensorHttpMessageConverter(MediaType.APPLICATION_OCTET_STREAM, (answer, output) -> {
			if (answer instanceof TensorAnswer.InPlace inPlace) {
				codec.write(inPlace, output);
			}
			else {
				TensorAnswer.Computed computed = computed(answer);
				codec.write(computed.result(), new TensorEncoding(computed.dtype(), null), output);
			}
		});
	}

	/**
	 * Returns an answer in a {@code double[]}: every answer but one computed in place,
	 * which {@link TensorRequests} makes only when the binary format is the one answer
	 * the request accepts.
	 */
	private static TensorAnswer.Computed computed(TensorAnswer answer) {
		if (answer instanceof TensorAnswer.Computed computed) {
			return computed;
		}
		throw new IllegalStateException("an answer computed in place is written as application/octet-stream only");
	}

	@Override
	protected boolean supports(Class<?> type) {
		return TensorAnswer.class.isAssignableFrom(type);
	}

	@Override
	public boolean canRead(Class<?> type, MediaType mediaType) {
		return false;
	}

	@Override
	protected TensorAnswer readInternal(Class<? extends TensorAnswer> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("TensorAnswer is written, never read", input);
	}

	@Override
	protected void writeInternal(TensorAnswer answer, HttpOutputMessage output) throws IOException {
		this.writer.write(answer, output);
	}

	/**
	 * Writes one response body, leaving the stream open; a codec may add headers before
	 * it opens the body.
	 */
	@FunctionalInterface
	interface BodyWriter {

		void write(TensorAnswer answer, HttpOutputMessage output) throws IOException;

	}

}

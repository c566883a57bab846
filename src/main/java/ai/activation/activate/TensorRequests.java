package ai.activation.activate;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.engine.ActivationEngine;
import ai.activation.engine.Invocation;
import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.InvalidParameterException;
import ai.activation.engine.Mode;
import ai.activation.engine.PreparedCall;
import ai.activation.limits.LimitsProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * The codec of {@code /activate}: turns the path, the query string and the body of a
 * request into a call of the {@link ActivationEngine}, in the order that answers each
 * fault as early as it can be known: an unknown function (404) and a bad parameter (400)
 * before anything else, then a missing {@code Content-Type} (415), the codec parameters
 * {@code dtype} and {@code shape} (400), and only then the body, read by the JSON reader
 * or the binary codec into the engine's tensors.
 */
@Component
class TensorRequests {

	/**
	 * The name of the mask, which a JSON body carries beside {@code values}; as a query
	 * parameter it is refused with a 400 that says so, whatever the body's encoding, as
	 * the binary format has no room for a second tensor of the input's shape.
	 */
	static final String MASK = "mask";

	private final ActivationEngine engine;

	private final int maxRank;

	private final JsonTensorReader json;

	private final BinaryTensorCodec binary;

	TensorRequests(ActivationEngine engine, LimitsProperties limits) {
		this.engine = engine;
		this.maxRank = limits.getMaxRank();
		this.json = new JsonTensorReader(limits, engine.reservation());
		this.binary = new BinaryTensorCodec(limits.getMaxValues(), engine.reservation());
	}

	/**
	 * Answers one call.
	 * @param function the function as named in the path
	 * @param mode the value or the gradient
	 * @param request the request, whose body is read here
	 * @return the answer, to be written in the negotiated media type
	 * @throws IOException if the body cannot be read
	 * @throws HttpMediaTypeNotSupportedException if the request has no
	 * {@code Content-Type}
	 */
	TensorAnswer answer(String function, Mode mode, HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		Map<String, String[]> query = request.getParameterMap();
		if (query.containsKey(MASK)) {
			throw new InvalidParameterException(MASK, "only in a JSON body",
					"A mask is no query parameter: send it in a JSON body beside 'values', {\"values\": X, \"mask\": M}"
							+ " with M nested as X (true or 1 where an element takes part); the application/"
							+ "octet-stream format carries no mask.");
		}
		PreparedCall call = this.engine.prepare(function, mode, Invocation.textArguments(functionParameters(query)));
		String contentType = request.getContentType();
		if (contentType == null) {
			// MVC takes a body without Content-Type for application/octet-stream; say so
			// instead.
			HttpMediaTypeNotSupportedException ex = new HttpMediaTypeNotSupportedException(null,
					List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM), HttpMethod.POST);
			ex.getBody()
				.setDetail("The request has no Content-Type; send application/json or application/octet-stream.");
			throw ex;
		}
		TensorEncoding encoding = TensorEncoding.of(query, this.maxRank);
		boolean binary = isBinary(contentType);
		if (encoding.shape() != null && !binary) {
			throw new InvalidParameterException(TensorEncoding.SHAPE, "only with an application/octet-stream body",
					"Parameter 'shape' describes an application/octet-stream body; a JSON body gives its shape "
							+ "by the nesting of 'values'.");
		}
		InputStream body = nonEmpty(request.getInputStream());
		if (body == null) {
			throw new InvalidBodyException(
					"The request body is empty; send a JSON document such as {\"values\": [1.0, -2.0]}, or raw "
							+ "little-endian values as application/octet-stream.",
					"");
		}
		long contentLength = request.getContentLengthLong();
		try {
			if (binary && contentLength >= 0 && call.runsInPlace() && answersOnlyBinary(request)) {
				BinaryTensorCodec.Held held = this.binary.readToHold(body, contentLength, encoding);
				return new TensorAnswer.InPlace(call.applyInPlace(held.values(), held.shape()), held.values());
			}
			Inputs inputs = read(call, body, contentLength, encoding, binary);
			return new TensorAnswer.Computed(call.apply(inputs.values(), inputs.grad(), inputs.mask()),
					encoding.dtype());
		}
		catch (IOException | RuntimeException ex) {
			throw endedEarly(ex, contentLength);
		}
	}

	/**
	 * Rethrows a failure to read or run, as a 400 if the body ended before its
	 * {@code Content-Length} or last chunk: the client stopped sending, and Tomcat's read
	 * failed with an {@link EOFException}, which a codec may have wrapped. It is the
	 * client's fault, not an unexpected failure to be logged with its trace. (Tomcat has
	 * then marked the exchange as failed and answers its own 400, so this detail is what
	 * the handlers see rather than what the client reads.) Any other failure is rethrown
	 * as it is.
	 * @return never; declared so that the caller can {@code throw} it
	 */
	private static RuntimeException endedEarly(Exception ex, long contentLength) throws IOException {
		if (!(ex instanceof ErrorResponse)) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof EOFException) {
					throw new InvalidBodyException((contentLength >= 0)
							? "The body ended before the " + contentLength
									+ " bytes its Content-Length announces; send the whole body."
							: "The chunked body ended before its last chunk; send the whole body.", "");
				}
			}
		}
		if (ex instanceof IOException io) {
			throw io;
		}
		throw (RuntimeException) ex;
	}

	/**
	 * Tells whether {@code application/octet-stream} is the one media type of the answer
	 * that the request's {@code Accept} allows, so that a binary body may be answered
	 * with its own bytes, computed in place: every type it names is compatible with
	 * {@code application/octet-stream} and none with {@code application/json}
	 * ({@code *}{@code /*} is compatible with both, and a missing {@code Accept} means
	 * it). Any other request is answered from a new array in the negotiated type.
	 */
	static boolean answersOnlyBinary(HttpServletRequest request) {
		String accept = String.join(",", Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return !types.isEmpty() && types.stream()
				.allMatch((type) -> MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(type)
						&& !MediaType.APPLICATION_JSON.isCompatibleWith(type) && type.getQualityValue() > 0);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private Inputs read(PreparedCall call, InputStream body, long contentLength, TensorEncoding encoding,
			boolean binary) throws IOException {
		if (call.mode() == Mode.VALUE) {
			return binary ? new Inputs(this.binary.read(body, contentLength, encoding), null)
					: this.json.readValue(body, contentLength);
		}
		if (!binary) {
			return this.json.readWithGrad(body, contentLength);
		}
		return this.binary.readWithGrad(body, contentLength, encoding, new BinaryTensorCodec.Layout() {

			@Override
			public int[] gradShape(int[] shape) {
				return call.gradShape(shape);
			}

			@Override
			public int vectorLength(long total) {
				return call.vectorLength(total);
			}

		});
	}

	/** The query parameters less the codec's, which are not the function's. */
	static Map<String, String[]> functionParameters(Map<String, String[]> query) {
		Map<String, String[]> parameters = new LinkedHashMap<>(query);
		parameters.keySet().removeAll(TensorEncoding.PARAMETERS);
		return parameters;
	}

	/**
	 * Returns the body, or {@code null} if it has no byte, as Spring MVC decides that a
	 * body is missing.
	 */
	private static InputStream nonEmpty(InputStream body) throws IOException {
		PushbackInputStream pushback = new PushbackInputStream(body);
		int first = pushback.read();
		if (first == -1) {
			return null;
		}
		pushback.unread(first);
		return pushback;
	}

	private static boolean isBinary(String contentType) {
		try {
			return MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}

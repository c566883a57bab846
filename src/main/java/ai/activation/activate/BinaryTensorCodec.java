package ai.activation.activate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import ai.activation.activate.TensorEncoding.Dtype;
import ai.activation.engine.ActivationResult;
import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.ResultOutOfRangeException;
import ai.activation.engine.TooManyValuesException;
import ai.activation.engine.ValueBuffer;
import ai.activation.engine.ValuesPointer;
import ai.activation.kernel.Tensor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;

/**
 * Reads and writes tensors as raw little-endian IEEE 754 values, float64 or float32, in
 * row-major order: the {@code application/octet-stream} format. The shape of a request
 * comes from the {@code shape} parameter (1-D without it); the shape and element type of
 * a response go in the {@value #SHAPE_HEADER} and {@value #DTYPE_HEADER} headers.
 *
 * <p>
 * Values are decoded in chunks of {@value #CHUNK_BYTES} bytes straight into a
 * {@link ValueBuffer}: one {@code double[]} allocated once its length is known and only
 * after it has been checked against the limit, or blocks when it is not; the body is
 * never held in memory as bytes. Faults are {@link InvalidBodyException}s (pointer
 * {@code ""} for the length, the element's pointer for a non-finite value) or a
 * {@link TooManyValuesException}.
 */
final class BinaryTensorCodec {

	/** The response header with the shape, dimensions separated by commas. */
	static final String SHAPE_HEADER = "Activation-Shape";

	/** The response header with the element type, {@code float64} or {@code float32}. */
	static final String DTYPE_HEADER = "Activation-Dtype";

	/** The size of the buffer through which bodies are decoded and encoded. */
	private static final int CHUNK_BYTES = 1 << 16;

	/** Values checked at once for the float32 range, small enough to stay in cache. */
	private static final int FLOAT_RANGE_BLOCK = 4096;

	private final int maxValues;

	private final LongConsumer reserve;

	/**
	 * Creates a codec that reserves nothing.
	 * @param maxValues the most values a request may hold; larger requests are refused
	 * with 413 before their values are read
	 */
	BinaryTensorCodec(int maxValues) {
		this(maxValues, (values) -> {
		});
	}

	/**
	 * Creates a codec.
	 * @param maxValues the most values a request may hold; larger requests are refused
	 * with 413 before their values are read
	 * @param reserve called with a number of values before room for them is allocated; it
	 * throws to refuse the request
	 */
	BinaryTensorCodec(int maxValues, LongConsumer reserve) {
		this.maxValues = maxValues;
		this.reserve = reserve;
	}

	/**
	 * Reads one request body.
	 * @param body the body
	 * @param contentLength its length in bytes from the {@code Content-Length} header, or
	 * {@code -1} if unknown
	 * @param encoding the element type and the shape, if given
	 * @return the tensor
	 * @throws InvalidBodyException if the length does not match the element type and
	 * shape, or a value is not finite
	 * @throws TooManyValuesException if the body holds more values than the limit
	 * @throws IOException if the body cannot be read
	 */
	Tensor read(InputStream body, long contentLength, TensorEncoding encoding) throws IOException {
		Dtype dtype = encoding.dtype();
		long expected = expectedValues(contentLength, encoding);
		ValueBuffer buffer = buffer(dtype);
		decode(body, expected, encoding, describe(encoding, expected), buffer);
		int bad = buffer.firstNonFinite();
		double[] values = buffer.take();
		int[] shape = (encoding.shape() != null) ? encoding.shape().clone() : new int[] { values.length };
		if (bad >= 0) {
			throw InvalidBodyException.nonFinite(ValuesPointer.VALUES, bad, values[bad], shape);
		}
		return new Tensor(values, shape);
	}

	/**
	 * Reads one request body of a known length into one array of its bytes, to be
	 * computed in place ({@link ai.activation.engine.PreparedCall#applyInPlace}) and
	 * written back as it is ({@link #write(TensorAnswer.InPlace, HttpOutputMessage)}):
	 * the only allocation of the request that grows with its size, reserved before it is
	 * made. The values' finiteness is checked by the call, a block at a time.
	 * @param body the body
	 * @param contentLength its length in bytes from the {@code Content-Length} header, at
	 * least 0
	 * @param encoding the element type and the shape, if given
	 * @return the values and their shape
	 * @throws InvalidBodyException if the length does not match the element type and
	 * shape, or the body ends early
	 * @throws TooManyValuesException if the body holds more values than the limit
	 * @throws IOException if the body cannot be read
	 */
	Held readToHold(InputStream body, long contentLength, TensorEncoding encoding) throws IOException {
		Dtype dtype = encoding.dtype();
		long expected = expectedValues(contentLength, encoding);
		this.reserve.accept(expected);
		byte[] bytes = new byte[(int) contentLength];
		int filled = 0;
		while (filled < bytes.length) {
			int read = body.read(bytes, filled, bytes.length - filled);
			if (read < 0) {
				throw new InvalidBodyException("The body ended after " + bytes(filled) + ", but its Content-Length is "
						+ bytes(contentLength) + ".", "");
			}
			filled += read;
		}
		int[] shape = (encoding.shape() != null) ? encoding.shape().clone() : new int[] { (int) expected };
		return new Held(new LittleEndianValues(bytes, dtype), shape);
	}

	/**
	 * A body read by {@link #readToHold}.
	 *
	 * @param values the values in the body's bytes
	 * @param shape their dimensions
	 */
	record Held(LittleEndianValues values, int[] shape) {
	}

	/**
	 * Returns the number of values the body must hold: the shape's count, or the body's
	 * length over the element size; or {@code -1} without shape or length.
	 * @throws InvalidBodyException if the length does not match the element type and
	 * shape
	 * @throws TooManyValuesException if that is more values than the limit
	 */
	private long expectedValues(long contentLength, TensorEncoding encoding) {
		Dtype dtype = encoding.dtype();
		int size = dtype.size();
		if (encoding.shape() == null) {
			return lengthOfVector(contentLength, dtype);
		}
		long expected = encoding.count();
		checkLimit(expected, "shape " + join(encoding.shape()) + " has " + expected + " elements");
		if (contentLength >= 0 && contentLength != expected * size) {
			throw new InvalidBodyException("The body has " + bytes(contentLength) + ", but shape "
					+ join(encoding.shape()) + " of " + dtype.label() + " values needs " + bytes(expected * size) + " ("
					+ expected + " values of " + size + " bytes).", "");
		}
		return expected;
	}

	/**
	 * Reads the body of a gradient call: the input X, then the upstream gradient G, one
	 * after the other in the same element type. {@code shape} describes X; G has the
	 * shape of the function's output for X ({@link Layout#gradShape(int[])}). Without
	 * {@code shape}, X is a vector of the length {@code n} for which n values and the
	 * output's length for a vector of n fill the body
	 * ({@link Layout#vectorLength(long)}).
	 * @param body the body
	 * @param contentLength its length in bytes, or {@code -1} if unknown
	 * @param encoding the element type and the shape of X, if given
	 * @param layout the lengths the function gives G
	 * @return X and G
	 * @throws InvalidBodyException if the length does not match, or a value is not finite
	 * @throws TooManyValuesException if the body holds more values than the limit
	 * @throws IOException if the body cannot be read
	 */
	Inputs readWithGrad(InputStream body, long contentLength, TensorEncoding encoding, Layout layout)
			throws IOException {
		Dtype dtype = encoding.dtype();
		int size = dtype.size();
		ValueBuffer buffer = buffer(dtype);
		int[] shape = encoding.shape();
		if (shape != null) {
			int[] gradShape = layout.gradShape(shape);
			long valuesCount = encoding.count();
			long gradCount = TensorEncoding.count(gradShape);
			long expected = (valuesCount > Long.MAX_VALUE - gradCount) ? Long.MAX_VALUE : valuesCount + gradCount;
			String what = "shape " + join(shape) + " of " + dtype.label() + " values and its grad of shape "
					+ join(gradShape);
			checkLimit(expected, what + " have " + expected + " elements");
			if (contentLength >= 0 && contentLength != expected * size) {
				throw new InvalidBodyException(
						"The body has " + bytes(contentLength) + ", but " + what + " need " + bytes(expected * size)
								+ " (" + valuesCount + " + " + gradCount + " values of " + size + " bytes).",
						"");
			}
			decode(body, expected, encoding, what, buffer);
			int bad = buffer.firstNonFinite();
			return split(buffer.take(), bad, shape.clone(), gradShape);
		}
		long expected = lengthOfVector(contentLength, dtype);
		decode(body, expected, encoding, describe(encoding, expected), buffer);
		int bad = buffer.firstNonFinite();
		double[] all = buffer.take();
		int n = layout.vectorLength(all.length);
		if (n < 0) {
			throw new InvalidBodyException("The body holds " + all.length + " " + dtype.label()
					+ " values, which are no vector followed by its grad (as long as the output for that vector); "
					+ "give the vector's length in 'shape'.", "");
		}
		return split(all, bad, new int[] { n }, layout.gradShape(new int[] { n }));
	}

	/**
	 * Splits X and G, refusing the first value of either that is not finite.
	 * @param bad the index in {@code all} of its first value that is not finite, or -1
	 */
	private Inputs split(double[] all, int bad, int[] shape, int[] gradShape) {
		int n = (int) TensorEncoding.count(shape);
		if (bad >= 0) {
			throw (bad < n) ? InvalidBodyException.nonFinite(ValuesPointer.VALUES, bad, all[bad], shape)
					: InvalidBodyException.nonFinite(ValuesPointer.GRAD, bad - n, all[bad], gradShape);
		}
		this.reserve.accept(all.length);
		double[] values = Arrays.copyOfRange(all, 0, n);
		double[] grad = Arrays.copyOfRange(all, n, all.length);
		return new Inputs(new Tensor(values, shape), new Tensor(grad, gradShape));
	}

	/**
	 * Returns the number of values of a body without {@code shape}, or {@code -1} if its
	 * length is not known.
	 */
	private long lengthOfVector(long contentLength, Dtype dtype) {
		if (contentLength < 0) {
			return -1;
		}
		if (contentLength == 0) {
			throw emptyBody();
		}
		if (contentLength % dtype.size() != 0) {
			throw notWhole(contentLength, dtype);
		}
		long expected = contentLength / dtype.size();
		checkLimit(expected,
				"the body of " + bytes(contentLength) + " holds " + expected + " " + dtype.label() + " values");
		return expected;
	}

	private ValueBuffer buffer(Dtype dtype) {
		return new ValueBuffer(this.maxValues, this.reserve,
				() -> new TooManyValuesException(this.maxValues,
						"Too many values: the body holds more than " + this.maxValues + " " + dtype.label()
								+ " values, more than the " + this.maxValues + " a request may hold."));
	}

	private static void decode(InputStream body, long expected, TensorEncoding encoding, String what,
			ValueBuffer buffer) throws IOException {
		Dtype dtype = encoding.dtype();
		int size = dtype.size();
		byte[] chunk = new byte[CHUNK_BYTES];
		if (expected >= 0) {
			buffer.expect(expected);
		}
		int filled = 0;
		long total = 0;
		int read;
		while ((read = body.read(chunk, filled, chunk.length - filled)) >= 0) {
			filled += read;
			total += read;
			int whole = filled / size;
			if (whole == 0) {
				continue;
			}
			if (expected >= 0 && buffer.count() + (long) whole > expected) {
				throw new InvalidBodyException(
						"The body is longer than the " + bytes(expected * size) + " that " + what + " needs.", "");
			}
			ByteBuffer bytes = ByteBuffer.wrap(chunk, 0, whole * size).order(ByteOrder.LITTLE_ENDIAN);
			if (dtype == Dtype.FLOAT64) {
				buffer.add(bytes.asDoubleBuffer());
			}
			else {
				buffer.add(bytes.asFloatBuffer());
			}
			int rest = filled - whole * size;
			System.arraycopy(chunk, whole * size, chunk, 0, rest);
			filled = rest;
		}
		if (total == 0 && encoding.shape() == null) {
			throw emptyBody();
		}
		if (filled != 0 && encoding.shape() == null) {
			throw notWhole(total, dtype);
		}
		if (expected >= 0 && (buffer.count() != expected || filled != 0)) {
			throw new InvalidBodyException(
					"The body has " + bytes(total) + ", but " + what + " needs " + bytes(expected * size) + ".", "");
		}
	}

	/** The lengths a function gives the upstream gradient of a gradient call. */
	interface Layout {

		/**
		 * Returns the shape of G for X of the given shape.
		 * @param shape X's dimensions
		 * @return G's dimensions
		 */
		int[] gradShape(int[] shape);

		/**
		 * Returns the length of a vector X that, followed by its G, makes {@code total}
		 * values.
		 * @param total the values of X and G together
		 * @return X's length, or {@code -1} if none fits
		 */
		int vectorLength(long total);

	}

	private void checkLimit(long count, String what) {
		if (count > this.maxValues) {
			throw new TooManyValuesException(this.maxValues,
					"Too many values: " + what + ", more than the " + this.maxValues + " a request may hold.");
		}
	}

	/**
	 * Writes one response body, in the element type of the encoding, and its
	 * {@value #SHAPE_HEADER}, {@value #DTYPE_HEADER} and {@code Content-Length} headers.
	 * @param result the result, whose values are all finite
	 * @param encoding gives the element type
	 * @param output the response; its body is left open
	 * @throws ResultOutOfRangeException if a value is beyond the float32 range and the
	 * element type is float32; nothing is written then
	 * @throws IOException if the body cannot be written
	 */
	void write(ActivationResult result, TensorEncoding encoding, HttpOutputMessage output) throws IOException {
		Tensor tensor = result.output();
		double[] values = tensor.values();
		Dtype dtype = encoding.dtype();
		if (dtype == Dtype.FLOAT32) {
			checkFloatRange(result);
		}
		HttpHeaders headers = output.getHeaders();
		headers.set(SHAPE_HEADER, join(tensor.shape()));
		headers.set(DTYPE_HEADER, dtype.label());
		headers.setContentLength((long) values.length * dtype.size());
		OutputStream body = output.getBody();
		byte[] buffer = new byte[CHUNK_BYTES];
		int perChunk = CHUNK_BYTES / dtype.size();
		for (int from = 0; from < values.length; from += perChunk) {
			int n = Math.min(perChunk, values.length - from);
			ByteBuffer bytes = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
			if (dtype == Dtype.FLOAT64) {
				bytes.asDoubleBuffer().put(values, from, n);
			}
			else {
				for (int i = 0; i < n; i++) {
					bytes.putFloat(i * Float.BYTES, (float) values[from + i]);
				}
			}
			body.write(buffer, 0, n * dtype.size());
		}
	}

	/**
	 * Writes the body of an answer computed in place: its bytes as they are, with the
	 * headers of {@link #write(ActivationResult, TensorEncoding, HttpOutputMessage)}.
	 * @param answer the answer
	 * @param output the response; its body is left open
	 * @throws IOException if the body cannot be written
	 */
	void write(TensorAnswer.InPlace answer, HttpOutputMessage output) throws IOException {
		LittleEndianValues values = answer.values();
		HttpHeaders headers = output.getHeaders();
		headers.set(SHAPE_HEADER, join(answer.result().shape()));
		headers.set(DTYPE_HEADER, values.dtype().label());
		headers.setContentLength(values.bytes().length);
		output.getBody().write(values.bytes());
	}

	private static void checkFloatRange(ActivationResult result) {
		double[] values = result.output().values();
		int bad = firstBeyondFloat(values, 0, values.length);
		if (bad >= 0) {
			String pointer = ValuesPointer.of(bad, result.output().shape());
			throw new ResultOutOfRangeException(pointer,
					beyondFloat(result.function().canonicalName(), values[bad], pointer));
		}
	}

	/**
	 * Returns the index of the first of the finite values {@code values[from, to)} that
	 * narrows to an infinite float, or {@code -1}; a block of {@value #FLOAT_RANGE_BLOCK}
	 * at a time, value by value only in a block that fails.
	 */
	static int firstBeyondFloat(double[] values, int from, int to) {
		for (int start = from; start < to; start += FLOAT_RANGE_BLOCK) {
			int end = Math.min(to, start + FLOAT_RANGE_BLOCK);
			if (fitFloat(values, start, end)) {
				continue;
			}
			for (int i = start; i < end; i++) {
				if (Float.isInfinite((float) values[i])) {
					return i;
				}
			}
		}
		return -1;
	}

	/** Says that a result is beyond the float32 range, and what to ask for instead. */
	static String beyondFloat(String function, double value, String pointer) {
		return function + " gives " + value + " at the output position " + pointer
				+ ", which is beyond the range of float32 (about ±3.4028235e38); ask for dtype=float64.";
	}

	/**
	 * Says whether every value of {@code values[from, to)}, all finite, narrows to a
	 * finite float, without a branch per value: {@code (float) v * 0} is {@code ±0} for a
	 * finite float and NaN for an infinite one (JLS §5.1.3, §15.17.1), and a NaN stays
	 * NaN through the four sums. Twice as fast as the loop that stops at the first
	 * infinite float on 1M values (docs/performance.md, issue 12); a block that fails is
	 * scanned again value by value for the exact position.
	 */
	private static boolean fitFloat(double[] values, int from, int to) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int i = from;
		for (; i + 3 < to; i += 4) {
			s0 += (float) values[i] * 0.0f;
			s1 += (float) values[i + 1] * 0.0f;
			s2 += (float) values[i + 2] * 0.0f;
			s3 += (float) values[i + 3] * 0.0f;
		}
		for (; i < to; i++) {
			s0 += (float) values[i] * 0.0f;
		}
		return (s0 + s1 + s2 + s3) == 0;
	}

	private static String describe(TensorEncoding encoding, long expected) {
		return (encoding.shape() != null)
				? "shape " + join(encoding.shape()) + " of " + encoding.dtype().label() + " values"
				: expected + " " + encoding.dtype().label() + " values";
	}

	private static InvalidBodyException emptyBody() {
		return new InvalidBodyException("The request body is empty; send raw little-endian values.", "");
	}

	private static InvalidBodyException notWhole(long length, Dtype dtype) {
		return new InvalidBodyException("The body has " + bytes(length) + ", which is not a whole number of "
				+ dtype.label() + " values of " + dtype.size() + " bytes each; is dtype right?", "");
	}

	private static String bytes(long count) {
		return count + ((count == 1) ? " byte" : " bytes");
	}

	private static String join(int[] shape) {
		return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(","));
	}

}

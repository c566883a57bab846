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
 * Values are decoded in chunks of {@value #CHUNK_BYTES} bytes straight into the one
 * {@code double[]} of the tensor, which is allocated once its length is known and only
 * after it has been checked against the limit; the body is never held in memory as bytes.
 * Faults are {@link InvalidBodyException}s (pointer {@code ""} for the length, the
 * element's pointer for a non-finite value) or a {@link TooManyValuesException}.
 */
final class BinaryTensorCodec {

	/** The response header with the shape, dimensions separated by commas. */
	static final String SHAPE_HEADER = "Activation-Shape";

	/** The response header with the element type, {@code float64} or {@code float32}. */
	static final String DTYPE_HEADER = "Activation-Dtype";

	/** The size of the buffer through which bodies are decoded and encoded. */
	private static final int CHUNK_BYTES = 1 << 16;

	/** The first capacity for a body of unknown length without a shape. */
	private static final int INITIAL_CAPACITY = 1024;

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
		int size = dtype.size();
		long expected = -1;
		if (encoding.shape() != null) {
			expected = encoding.count();
			checkLimit(expected, "shape " + join(encoding.shape()) + " has " + expected + " elements");
			if (contentLength >= 0 && contentLength != expected * size) {
				throw new InvalidBodyException("The body has " + bytes(contentLength) + ", but shape "
						+ join(encoding.shape()) + " of " + dtype.label() + " values needs " + bytes(expected * size)
						+ " (" + expected + " values of " + size + " bytes).", "");
			}
		}
		else if (contentLength >= 0) {
			if (contentLength == 0) {
				throw emptyBody();
			}
			if (contentLength % size != 0) {
				throw notWhole(contentLength, dtype);
			}
			expected = contentLength / size;
			checkLimit(expected,
					"the body of " + bytes(contentLength) + " holds " + expected + " " + dtype.label() + " values");
		}
		double[] values = decode(body, expected, encoding);
		int[] shape = (encoding.shape() != null) ? encoding.shape().clone() : new int[] { values.length };
		checkFinite(values, shape);
		return new Tensor(values, shape);
	}

	private double[] decode(InputStream body, long expected, TensorEncoding encoding) throws IOException {
		Dtype dtype = encoding.dtype();
		int size = dtype.size();
		byte[] buffer = new byte[CHUNK_BYTES];
		int capacity = (expected >= 0) ? (int) expected : INITIAL_CAPACITY;
		this.reserve.accept(capacity);
		double[] values = new double[capacity];
		int count = 0;
		int filled = 0;
		long total = 0;
		int read;
		while ((read = body.read(buffer, filled, buffer.length - filled)) >= 0) {
			filled += read;
			total += read;
			int whole = filled / size;
			if (whole == 0) {
				continue;
			}
			if (expected >= 0 && count + (long) whole > expected) {
				throw new InvalidBodyException("The body is longer than the " + bytes(expected * size) + " that "
						+ describe(encoding, expected) + " needs.", "");
			}
			if (expected < 0) {
				checkLimit(count + (long) whole,
						"the body holds more than " + this.maxValues + " " + dtype.label() + " values");
				if (count + whole > values.length) {
					int grown = (int) Math.min(this.maxValues, Math.max(count + whole, 2L * values.length));
					this.reserve.accept(grown - values.length);
					values = Arrays.copyOf(values, grown);
				}
			}
			ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, whole * size).order(ByteOrder.LITTLE_ENDIAN);
			if (dtype == Dtype.FLOAT64) {
				bytes.asDoubleBuffer().get(values, count, whole);
			}
			else {
				for (int i = 0; i < whole; i++) {
					values[count + i] = bytes.getFloat(i * Float.BYTES);
				}
			}
			count += whole;
			int rest = filled - whole * size;
			System.arraycopy(buffer, whole * size, buffer, 0, rest);
			filled = rest;
		}
		if (total == 0 && encoding.shape() == null) {
			throw emptyBody();
		}
		if (filled != 0 && encoding.shape() == null) {
			throw notWhole(total, dtype);
		}
		if (expected >= 0 && (count != expected || filled != 0)) {
			throw new InvalidBodyException("The body has " + bytes(total) + ", but " + describe(encoding, expected)
					+ " needs " + bytes(expected * size) + ".", "");
		}
		return (count == values.length) ? values : Arrays.copyOf(values, count);
	}

	private void checkLimit(long count, String what) {
		if (count > this.maxValues) {
			throw new TooManyValuesException(this.maxValues,
					"Too many values: " + what + ", more than the " + this.maxValues + " a request may hold.");
		}
	}

	private static void checkFinite(double[] values, int[] shape) {
		for (int i = 0; i < values.length; i++) {
			double value = values[i];
			if (!Double.isFinite(value)) {
				String pointer = ValuesPointer.of(i, shape);
				throw new InvalidBodyException(
						"The element at " + pointer + " is " + value + "; every value must be a finite number.",
						pointer);
			}
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

	private static void checkFloatRange(ActivationResult result) {
		double[] values = result.output().values();
		for (int i = 0; i < values.length; i++) {
			if (Float.isInfinite((float) values[i])) {
				String pointer = ValuesPointer.of(i, result.output().shape());
				throw new ResultOutOfRangeException(pointer,
						result.function().canonicalName() + " gives " + values[i] + " at the output position " + pointer
								+ ", which is beyond the range of float32 (about ±3.4028235e38); "
								+ "ask for dtype=float64.");
			}
		}
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

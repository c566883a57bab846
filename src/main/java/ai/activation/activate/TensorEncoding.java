package ai.activation.activate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The codec parameters of a call, {@code dtype} and {@code shape}: how an
 * {@code application/octet-stream} body is laid out. They are reserved query parameters,
 * read beside the function's own parameters and never passed to the function.
 *
 * @param dtype the element type of binary request and response bodies
 * @param shape the dimensions of a binary request body, or {@code null} for a 1-D tensor
 * as long as the body
 */
record TensorEncoding(Dtype dtype, int[] shape) {

	/** The name of the element-type parameter. */
	static final String DTYPE = "dtype";

	/** The name of the shape parameter. */
	static final String SHAPE = "shape";

	/** The query parameters that belong to the codec, not to the function. */
	static final Set<String> PARAMETERS = Set.of(DTYPE, SHAPE);

	/** The encoding when no codec parameter is given: float64, 1-D. */
	static final TensorEncoding DEFAULT = new TensorEncoding(Dtype.FLOAT64, null);

	/** The request attribute that holds the encoding of the current call. */
	static final String ATTRIBUTE = TensorEncoding.class.getName();

	private static final Pattern SHAPE_SYNTAX = Pattern.compile("\\d{1,10}(,\\d{1,10})*");

	private static final String SHAPE_ALLOWED = "1 to " + JsonTensorReader.MAX_RANK
			+ " positive integers separated by commas, e.g. 2,3";

	private static final int MAX_ECHOED_LENGTH = 40;

	/**
	 * Reads the codec parameters from the query string.
	 * @param query every query parameter by name, with all the values given for it
	 * @return the encoding, defaults filled in
	 * @throws InvalidParameterException if {@code dtype} or {@code shape} is repeated,
	 * malformed or out of range
	 */
	static TensorEncoding of(Map<String, String[]> query) {
		String dtype = single(query, DTYPE, Dtype.ALLOWED);
		String shape = single(query, SHAPE, SHAPE_ALLOWED);
		return new TensorEncoding((dtype != null) ? Dtype.parse(dtype) : Dtype.FLOAT64,
				(shape != null) ? parseShape(shape) : null);
	}

	/**
	 * Returns the encoding that the current request's call resolved, or {@link #DEFAULT}
	 * outside a request.
	 * @return the encoding
	 */
	static TensorEncoding current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object encoding = (attributes != null) ? attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
				: null;
		return (encoding instanceof TensorEncoding tensorEncoding) ? tensorEncoding : DEFAULT;
	}

	private static String single(Map<String, String[]> query, String name, String allowed) {
		String[] given = query.get(name);
		if (given == null) {
			return null;
		}
		if (given.length != 1) {
			throw new InvalidParameterException(name, allowed,
					"Parameter '" + name + "' is given " + given.length + " times; give it once.");
		}
		return given[0];
	}

	private static int[] parseShape(String raw) {
		String text = raw.replace(" ", "");
		if (!SHAPE_SYNTAX.matcher(text).matches()) {
			throw invalidShape("must be " + SHAPE_ALLOWED, raw);
		}
		int[] shape = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).mapToInt((d) -> {
			if (d < 1 || d > Integer.MAX_VALUE) {
				throw invalidShape("must have dimensions from 1 to " + Integer.MAX_VALUE, raw);
			}
			return (int) d;
		}).toArray();
		if (shape.length > JsonTensorReader.MAX_RANK) {
			throw invalidShape("must have at most " + JsonTensorReader.MAX_RANK + " dimensions", raw);
		}
		return shape;
	}

	private static InvalidParameterException invalidShape(String rule, String raw) {
		return new InvalidParameterException(SHAPE, SHAPE_ALLOWED,
				"Parameter 'shape' " + rule + ", but was '" + echo(raw) + "'.");
	}

	private static String echo(String raw) {
		return (raw.length() > MAX_ECHOED_LENGTH) ? raw.substring(0, MAX_ECHOED_LENGTH) + "..." : raw;
	}

	/**
	 * Returns the number of elements the shape describes, saturating rather than
	 * overflowing.
	 * @return the product of the dimensions, at most {@link Long#MAX_VALUE}
	 */
	long count() {
		long count = 1;
		for (int dimension : this.shape) {
			count = (count > Long.MAX_VALUE / dimension) ? Long.MAX_VALUE : count * dimension;
		}
		return count;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TensorEncoding that) && this.dtype == that.dtype
				&& Arrays.equals(this.shape, that.shape);
	}

	@Override
	public int hashCode() {
		return 31 * this.dtype.hashCode() + Arrays.hashCode(this.shape);
	}

	@Override
	public String toString() {
		return "TensorEncoding[dtype=" + this.dtype + ", shape=" + Arrays.toString(this.shape) + "]";
	}

	/** The element types of binary bodies, both little-endian IEEE 754. */
	enum Dtype {

		/** 8-byte binary64, the default; exact. */
		FLOAT64(Double.BYTES),

		/**
		 * 4-byte binary32: read values are widened exactly; written values are rounded to
		 * the nearest float.
		 */
		FLOAT32(Float.BYTES);

		static final String ALLOWED = "float64 (the default) or float32";

		private final int size;

		Dtype(int size) {
			this.size = size;
		}

		/**
		 * Returns the number of bytes of one element.
		 * @return the size in bytes
		 */
		int size() {
			return this.size;
		}

		/**
		 * Returns the name used in the {@code dtype} parameter and header.
		 * @return {@code float64} or {@code float32}
		 */
		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Dtype parse(String raw) {
			for (Dtype dtype : values()) {
				if (dtype.label().equalsIgnoreCase(raw.trim())) {
					return dtype;
				}
			}
			throw new InvalidParameterException(DTYPE, ALLOWED,
					"Parameter 'dtype' must be float64 or float32, but was '" + echo(raw) + "'.");
		}

	}

}

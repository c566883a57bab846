package ai.activation.activate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import ai.activation.engine.InvalidParameterException;
import ai.activation.engine.ParameterText;

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

	private static final Pattern SHAPE_SYNTAX = Pattern.compile("\\d{1,10}(,\\d{1,10})*");

	/**
	 * Reads the codec parameters from the query string.
	 * @param query every query parameter by name, with all the values given for it
	 * @param maxRank the highest rank a shape may have,
	 * {@code activation.limits.max-rank}
	 * @return the encoding, defaults filled in
	 * @throws InvalidParameterException if {@code dtype} or {@code shape} is repeated,
	 * malformed or out of range
	 */
	static TensorEncoding of(Map<String, String[]> query, int maxRank) {
		String dtype = single(query, DTYPE, Dtype.ALLOWED);
		String shape = single(query, SHAPE, shapeAllowed(maxRank));
		return new TensorEncoding((dtype != null) ? Dtype.parse(dtype) : Dtype.FLOAT64,
				(shape != null) ? parseShape(shape, maxRank) : null);
	}

	/**
	 * Says what {@code shape} allows.
	 * @param maxRank the highest rank
	 * @return e.g. {@code 1 to 8 positive integers separated by commas, e.g. 2,3}
	 */
	static String shapeAllowed(int maxRank) {
		return "1 to " + maxRank + " positive integers separated by commas, e.g. 2,3";
	}

	private static String single(Map<String, String[]> query, String name, String allowed) {
		String[] given = query.get(name);
		if (given == null) {
			return null;
		}
		ParameterText.requireOnce(name, given.length, allowed);
		return given[0];
	}

	private static int[] parseShape(String raw, int maxRank) {
		String text = raw.replace(" ", "");
		if (!SHAPE_SYNTAX.matcher(text).matches()) {
			throw invalidShape("must be " + shapeAllowed(maxRank), raw, maxRank);
		}
		int[] shape = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).mapToInt((d) -> {
			if (d < 1 || d > Integer.MAX_VALUE) {
				throw invalidShape("must have dimensions from 1 to " + Integer.MAX_VALUE, raw, maxRank);
			}
			return (int) d;
		}).toArray();
		if (shape.length > maxRank) {
			throw invalidShape("must have at most " + maxRank + " dimensions", raw, maxRank);
		}
		return shape;
	}

	private static InvalidParameterException invalidShape(String rule, String raw, int maxRank) {
		return new InvalidParameterException(SHAPE, shapeAllowed(maxRank),
				"Parameter 'shape' " + rule + ", but was '" + ParameterText.echo(raw) + "'.");
	}

	/**
	 * Returns the number of elements the shape describes, saturating rather than
	 * overflowing.
	 * @return the product of the dimensions, at most {@link Long#MAX_VALUE}
	 */
	long count() {
		return count(this.shape);
	}

	/**
	 * Returns the number of elements a shape describes, saturating rather than
	 * overflowing.
	 * @param shape the dimensions
	 * @return the product of the dimensions, at most {@link Long#MAX_VALUE}
	 */
	static long count(int[] shape) {
		long count = 1;
		for (int dimension : shape) {
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
					"Parameter 'dtype' must be float64 or float32, but was '" + ParameterText.echo(raw) + "'.");
		}

	}

}

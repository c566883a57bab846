package ai.activation.activate;

import java.util.Arrays;
import java.util.List;

import ai.activation.activate.TensorEncoding.Dtype;

/**
 * The names of the binary tensor format for other features, such as the API
 * documentation, so that they say what the codec does rather than repeat it.
 */
public final class TensorFormats {

	/** The query parameter naming the element type of a binary body. */
	public static final String DTYPE_PARAMETER = TensorEncoding.DTYPE;

	/** The query parameter giving the shape of a binary body, e.g. {@code 2,3}. */
	public static final String SHAPE_PARAMETER = TensorEncoding.SHAPE;

	/** The response header carrying the shape of a binary answer. */
	public static final String SHAPE_HEADER = BinaryTensorCodec.SHAPE_HEADER;

	/** The response header carrying the element type of a binary answer. */
	public static final String DTYPE_HEADER = BinaryTensorCodec.DTYPE_HEADER;

	private TensorFormats() {
	}

	/**
	 * Returns the element types of binary bodies, the default first.
	 * @return e.g. {@code [float64, float32]}
	 */
	public static List<String> dtypes() {
		return Arrays.stream(Dtype.values()).map(Dtype::label).toList();
	}

	/**
	 * Returns the element type used when none is given.
	 * @return {@code float64}
	 */
	public static String defaultDtype() {
		return TensorEncoding.DEFAULT.dtype().label();
	}

}

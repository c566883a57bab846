package ai.activation.kernel;

/**
 * An activation function applied along one axis of a tensor: the softmax family, GLU,
 * sparsemax.
 */
public interface AxisFunction {

	/**
	 * Returns the length of the output axis for an input axis of the given length.
	 * @param length the input axis length
	 * @return the output axis length
	 */
	default int outputLength(int length) {
		return length;
	}

	/**
	 * Returns the number the length of the input axis must be a multiple of: 2 for GLU,
	 * which splits the axis into halves, 1 for the others.
	 * @return the required divisor of the axis length
	 */
	default int lengthMultiple() {
		return 1;
	}

	/**
	 * Applies the function along every lane.
	 * @param in the input tensor, row major, laid out as {@code lanes} describes; not
	 * modified
	 * @param lanes the lanes of the input
	 * @param out the output tensor, laid out with the axis length
	 * {@link #outputLength(int)}
	 * @return the number of overflow-avoidance events: lanes where the textbook formula
	 * would fail
	 */
	long apply(double[] in, Lanes lanes, double[] out);

}

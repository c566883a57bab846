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
	 * Tells whether the output drops the axis, as a reduction without keepdims does
	 * (logsumexp); then {@link #outputLength(int)} is 1, and the output of a vector is a
	 * vector of one element, as the service's tensors have rank 1 or more.
	 * @return {@code true} for a reduction that removes the axis
	 */
	default boolean removesAxis() {
		return false;
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

	/**
	 * Writes the vector-Jacobian product gᵀ·J of the function along every lane: for each
	 * lane, {@code out} = Σ_j g_j ∂y_j/∂x_i.
	 * @param in the input tensor, row major, laid out as {@code lanes} describes; not
	 * modified
	 * @param grad the upstream gradient, laid out as the output (axis length
	 * {@link #outputLength(int)}); not modified
	 * @param lanes the lanes of the input
	 * @param out the result, laid out as the input
	 * @return the number of overflow-avoidance events: lanes where the textbook formula
	 * of the product would fail
	 */
	long vjp(double[] in, double[] grad, Lanes lanes, double[] out);

	/**
	 * Says what a mask does to the function, for its documentation, or {@code null} if it
	 * takes none. A function that takes a mask implements {@link #applyMasked} and
	 * {@link #vjpMasked}.
	 * @return one or two sentences, or {@code null}
	 */
	default String maskRule() {
		return null;
	}

	/**
	 * Applies the function along every lane to its unmasked elements only, as
	 * {@link MaskedLanes#apply} does.
	 * @param in the input tensor, laid out as {@code lanes} describes; not modified
	 * @param mask 1 where an element takes part, 0 where it is masked, laid out as the
	 * input; no lane is fully masked
	 * @param lanes the lanes of the input
	 * @param out the output tensor, laid out with the axis length
	 * {@link #outputLength(int)}
	 * @return the number of overflow-avoidance events
	 * @throws UnsupportedOperationException if the function takes no mask
	 * ({@link #maskRule()} is {@code null})
	 */
	default long applyMasked(double[] in, double[] mask, Lanes lanes, double[] out) {
		throw new UnsupportedOperationException("takes no mask");
	}

	/**
	 * Writes the vector-Jacobian product of the function on the unmasked elements of
	 * every lane, 0 at masked ones, as {@link MaskedLanes#vjp} does.
	 * @param in the input tensor; not modified
	 * @param grad the upstream gradient, laid out as the output; not modified
	 * @param mask as for {@link #applyMasked}
	 * @param lanes the lanes of the input
	 * @param out the result, laid out as the input
	 * @return the number of overflow-avoidance events
	 * @throws UnsupportedOperationException if the function takes no mask
	 */
	default long vjpMasked(double[] in, double[] grad, double[] mask, Lanes lanes, double[] out) {
		throw new UnsupportedOperationException("takes no mask");
	}

	/**
	 * Returns the first lane whose every element is masked, which has no value.
	 * @param mask 1 where an element takes part, 0 where it is masked
	 * @param lanes the lanes of the input
	 * @return the lane's number, or {@code -1} if there is none
	 */
	static int firstEmptyLane(double[] mask, Lanes lanes) {
		return MaskedLanes.firstEmptyLane(mask, lanes);
	}

}

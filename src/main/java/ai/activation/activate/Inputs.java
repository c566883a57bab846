package ai.activation.activate;

import ai.activation.kernel.Tensor;

/**
 * The tensors a request body holds.
 *
 * @param values the input
 * @param grad the upstream gradient of a gradient call, or {@code null} when not given
 * @param mask 1 where an element of the input takes part and 0 where it is masked, with
 * the shape it was given in; or {@code null} when not given
 */
record Inputs(Tensor values, Tensor grad, Tensor mask) {

	/**
	 * The tensors of a body without a mask.
	 * @param values the input
	 * @param grad the upstream gradient, or {@code null}
	 */
	Inputs(Tensor values, Tensor grad) {
		this(values, grad, null);
	}

}

package ai.activation.activate;

import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;

/**
 * The answer of the service to one call.
 *
 * @param function the function that was applied
 * @param output the result, with the input's shape (GLU halves its axis)
 * @param overflowAvoided the number of overflow-avoidance events: rows for the functions
 * applied along an axis, elements for the elementwise ones
 */
public record ActivationResult(Activation function, Tensor output, long overflowAvoided) {

	/**
	 * The response header of a successful call that carries {@link #overflowAvoided()}:
	 * the same count the {@code activation.overflow.avoided} meter adds up, for this call
	 * alone. A header, so that the JSON and binary bodies stay as they are.
	 */
	public static final String OVERFLOW_AVOIDED_HEADER = "Activation-Overflow-Avoided";

}

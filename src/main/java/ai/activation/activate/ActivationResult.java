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
}

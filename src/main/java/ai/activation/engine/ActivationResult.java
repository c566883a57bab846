package ai.activation.engine;

import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;

/**
 * The answer of the service to one call.
 *
 * @param function the function that was applied
 * @param output the result: a value has the output's shape (the input's, except that GLU
 * halves its axis); a vector-Jacobian product has the input's shape
 * @param overflowAvoided the number of overflow-avoidance events: rows for the functions
 * applied along an axis, elements for the elementwise ones
 */
public record ActivationResult(Activation function, Tensor output, long overflowAvoided) {
}

package ai.activation.engine;

import ai.activation.catalog.Activation;

/**
 * What {@link PreparedCall#applyInPlace} answers; the results themselves are in the
 * {@link EncodedValues} it overwrote.
 *
 * @param function the function that was applied
 * @param shape the output's dimensions, the input's
 * @param overflowAvoided the number of overflow-avoidance events
 */
public record InPlaceResult(Activation function, int[] shape, long overflowAvoided) {
}

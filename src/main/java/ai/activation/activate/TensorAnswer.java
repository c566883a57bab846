package ai.activation.activate;

import ai.activation.activate.TensorEncoding.Dtype;
import ai.activation.engine.ActivationResult;

/**
 * What {@code /activate} answers: the engine's result and, for a binary answer, the
 * element type the request asked for.
 *
 * @param result the result
 * @param dtype the element type of a binary answer, the request's
 */
record TensorAnswer(ActivationResult result, Dtype dtype) {
}

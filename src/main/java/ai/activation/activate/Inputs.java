package ai.activation.activate;

import ai.activation.kernel.Tensor;

/**
 * The tensors a request body holds.
 *
 * @param values the input
 * @param grad the upstream gradient of a gradient call, or {@code null} when not given
 */
record Inputs(Tensor values, Tensor grad) {
}

/**
 * The {@code /activate} feature: the HTTP controller, the JSON tensor codec, the
 * validation layer and the stateless service that hands validated tensors to the kernels.
 */
package ai.activation.activate;

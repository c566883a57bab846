/**
 * Pure numeric kernels of the activation functions: no Spring, no JSON, no HTTP. Inputs
 * are never mutated; every kernel writes into an output array the caller provides.
 */
package ai.activation.kernel;

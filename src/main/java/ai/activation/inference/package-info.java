/**
 * The Open Inference Protocol v2 (KServe's V2 inference protocol, Triton's HTTP/REST API)
 * over the catalog: every function is a model under {@code /v2}, with JSON and binary
 * tensors and {@code {"error"}} answers.
 */
package ai.activation.inference;

/**
 * Graphs of the catalog functions: {@code GET /activate/{function}/plot} draws what the
 * kernels compute, as SVG.
 */
package ai.activation.plot;

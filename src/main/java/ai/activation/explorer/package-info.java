/**
 * The explorer: the page at {@code /} that draws every catalog function and its
 * derivative through the service's own endpoints, with the libraries it needs served from
 * the jar.
 */
package ai.activation.explorer;

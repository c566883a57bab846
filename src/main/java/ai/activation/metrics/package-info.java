/**
 * Counts what the service does for its operators: calls per function and outcome,
 * overflow-avoidance events and values per request, published through Micrometer.
 */
package ai.activation.metrics;

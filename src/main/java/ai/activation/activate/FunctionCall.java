package ai.activation.activate;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;

/**
 * The function named in the path and its arguments from the query string, already checked
 * against the catalog; what depends on the body (the axis range) is checked later by
 * {@link RequestValidator}.
 *
 * @param function the function
 * @param arguments its arguments, defaults filled in
 */
record FunctionCall(Activation function, Arguments arguments) {
}

package ai.activation.activate;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;

/**
 * The function named in the path and its arguments from the query string, already checked
 * against the catalog by the engine. A handler of another feature takes one as a
 * parameter to get the same 404 and 400 answers as {@code POST /activate/{function}}; it
 * marks the query parameters of its own with {@link ReservedQueryParameters}.
 *
 * @param function the function
 * @param arguments its arguments, defaults filled in
 */
public record FunctionCall(Activation function, Arguments arguments) {
}

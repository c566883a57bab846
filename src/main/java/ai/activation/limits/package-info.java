/**
 * Request limits and overload shedding: the body-size filter, the budget of values in
 * flight and the settings of every limit.
 */
package ai.activation.limits;

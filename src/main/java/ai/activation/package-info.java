/**
 * The activation service: HTTP in {@code activate}, the function catalog in
 * {@code catalog}, pure numerics in {@code kernel}, cross-cutting web configuration in
 * {@code system}.
 */
package ai.activation;

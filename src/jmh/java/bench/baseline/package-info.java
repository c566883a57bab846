/**
 * The bare Spring MVC baseline and the in-process Jackson reference of the load benchmark;
 * benchmark-only, compiled with {@code -Pbench}, never part of the service.
 */
package bench.baseline;

/**
 * The catalog of activation functions: the single source of truth for names, aliases,
 * parameters, defaults, ranges, formulas and the kernel each function binds to.
 */
package ai.activation.catalog;

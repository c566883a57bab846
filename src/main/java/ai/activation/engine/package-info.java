/**
 * The protocol-neutral core of every call: find, bind, check, reserve, run, refuse and
 * record, for the value and the vector-Jacobian product of every catalog function.
 */
package ai.activation.engine;

/**
 * Cross-cutting web configuration: RFC 9457 problem responses for every error the service
 * answers.
 */
package ai.activation.system;

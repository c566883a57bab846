/**
 * The surface the service shows callers: security headers, CORS and optional API keys.
 */
package ai.activation.security;

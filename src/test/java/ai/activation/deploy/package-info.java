/**
 * Tests of what ships the service: the container image, the compose file and the
 * Kubernetes manifests.
 */
package ai.activation.deploy;

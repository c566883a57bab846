/**
 * The OpenAPI document and Swagger UI: one operation per catalog function, generated from
 * the catalog, with examples that are the service's real answers.
 */
package ai.activation.openapi;

package ai.activation.openapi;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the OpenAPI document's {@code info} section.
 *
 * @param title the service name shown as the document's title; defaults to
 * {@code activation-service}
 * @param contactUrl where people reach the team that runs the service; defaults to the
 * placeholder {@code https://activation.ai/contact}
 */
@ConfigurationProperties("activation.openapi")
record OpenApiProperties(@DefaultValue("activation-service") String title,
		@DefaultValue("https://activation.ai/contact") URI contactUrl) {
}

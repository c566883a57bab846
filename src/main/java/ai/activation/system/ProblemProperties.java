package ai.activation.system;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the RFC 9457 problem responses.
 *
 * @param typeBase the absolute URI against which the relative problem types of the
 * features (such as {@code invalid-parameter}) are resolved into the {@code type} member;
 * defaults to {@code https://activation.ai/problems/}
 */
@ConfigurationProperties("activation.problems")
public record ProblemProperties(@DefaultValue("https://activation.ai/problems/") URI typeBase) {
}

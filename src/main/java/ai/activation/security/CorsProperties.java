package ai.activation.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cross-origin access from browsers, under {@code activation.cors}.
 */
@ConfigurationProperties("activation.cors")
public class CorsProperties {

	/**
	 * The origins whose pages may call the service, e.g. {@code https://app.example}
	 * (patterns such as {@code https://*.example} are accepted). Any other cross-origin
	 * request, preflight or not, is answered 403. Empty by default: CORS is closed.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * How long a browser may cache a preflight answer. Default 30m.
	 */
	private Duration maxAge = Duration.ofMinutes(30);

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

}

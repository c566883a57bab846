package ai.activation.security;

import java.util.List;

import ai.activation.activate.TensorFormats;
import ai.activation.system.ProblemResponses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Registers the filters of the API port in the order they must answer: security headers
 * first, so that every answer carries them; then CORS, so that preflights need no key;
 * then the API key, before any body is read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiKeyProperties.class, CorsProperties.class })
class SecurityConfiguration {

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ClosedCorsFilter> corsFilter(CorsProperties cors, ProblemResponses problems) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(cors.getAllowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		configuration.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, ApiKeyFilter.HEADER));
		// A browser page on another origin reads how many overflows were avoided, as the
		// explorer does on its own.
		configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, TensorFormats.OVERFLOW_AVOIDED_HEADER));
		configuration.setMaxAge(cors.getMaxAge());
		FilterRegistrationBean<ClosedCorsFilter> registration = new FilterRegistrationBean<>(
				new ClosedCorsFilter(configuration, problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeyProperties security, ProblemResponses problems) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(security.getApiKeys(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		registration.setEnabled(!security.getApiKeys().isEmpty());
		return registration;
	}

}

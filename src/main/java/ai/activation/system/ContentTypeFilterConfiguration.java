package ai.activation.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link ContentTypeFilter} after the security filters and before the limits.
 */
@Configuration(proxyBeanMethods = false)
class ContentTypeFilterConfiguration {

	@Bean
	FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponses problems) {
		FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(
				new ContentTypeFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
		return registration;
	}

}

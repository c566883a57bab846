package ai.activation.limits;

import ai.activation.system.ProblemResponses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the limits: the budget of values in flight, sized from the heap unless
 * configured, and the filter that enforces the body size and holds each request's lease.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	/** After the security filters, which refuse a request without reading its body. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Log logger = LogFactory.getLog(LimitsConfiguration.class);

	@Bean
	InFlightValues inFlightValues(LimitsProperties limits) {
		long capacity = limits.inFlightValues(Runtime.getRuntime().maxMemory());
		if (capacity < limits.getMaxValues()) {
			logger.warn("The budget of values in flight (" + capacity + ") is below activation.limits.max-values ("
					+ limits.getMaxValues() + "): the largest requests will always be answered 503.");
		}
		return new InFlightValues(capacity, limits.getRetryAfter());
	}

	@Bean
	FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(LimitsProperties limits, InFlightValues inFlight,
			ProblemResponses problems) {
		FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
				new RequestLimitsFilter(limits.getMaxBodySize(), inFlight, problems));
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

}

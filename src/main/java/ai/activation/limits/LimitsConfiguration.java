package ai.activation.limits;

import ai.activation.system.ProblemResponses;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the limits: the budget of values in flight, sized from the heap unless
 * configured, the places for requests waiting for their body, the filter that enforces
 * the body size and pace and holds each request's lease, and Tomcat's side of the pace:
 * its upload timeout and the valve that keeps it from reading an abandoned body.
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
	WaitingBodies waitingBodies(LimitsProperties limits, ObjectProvider<TomcatServerProperties> tomcat) {
		if (limits.getMinBodyRate().toBytes() < 1) {
			throw new IllegalStateException("activation.limits.min-body-rate must be at least 1B (per second)");
		}
		TomcatServerProperties server = tomcat.getIfAvailable();
		if (server != null && limits.getMaxWaitingBodies() >= server.getThreads().getMax()) {
			logger.warn("activation.limits.max-waiting-bodies (" + limits.getMaxWaitingBodies()
					+ ") is not below server.tomcat.threads.max (" + server.getThreads().getMax()
					+ "): slow bodies can hold every request thread.");
		}
		return new WaitingBodies(limits.getMaxWaitingBodies());
	}

	/**
	 * Tomcat reads a body with the socket timeout of {@code connectionUploadTimeout} once
	 * {@code disableUploadTimeout} is false (Tomcat's HTTP connector reference,
	 * tomcat.apache.org/tomcat-11.0-doc/config/http.html); otherwise with
	 * {@code connectionTimeout}, which restarts with every byte. The grace period bounds
	 * the longest pause within a body, so that a body that stops arriving is cut off
	 * without waiting for its next byte. The socket's write buffer gets
	 * {@link LimitsProperties#getSocketWriteBufferSize()}.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyPaceTomcatCustomizer(LimitsProperties limits) {
		return (factory) -> {
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
					http.setDisableUploadTimeout(false);
					if (!connector.setProperty("socket.appWriteBufSize",
							Long.toString(limits.getSocketWriteBufferSize().toBytes()))) {
						throw new IllegalStateException("Tomcat's connector took no socket.appWriteBufSize");
					}
					http.setConnectionUploadTimeout(
							(int) Math.min(Integer.MAX_VALUE, Math.max(1, limits.getBodyGracePeriod().toMillis())));
				}
			});
			factory.addEngineValves(new AbandonedBodyValve());
		};
	}

	/**
	 * Gauges of what the limits hold now: {@code activation.limits.in.flight.values}
	 * (values reserved by all requests) and {@code activation.limits.waiting.bodies}
	 * (requests waiting on the network for their body), on the actuator's metrics and
	 * prometheus endpoints.
	 */
	@Bean
	MeterBinder limitsMeters(InFlightValues inFlight, WaitingBodies waiting) {
		return (registry) -> {
			Gauge.builder("activation.limits.in.flight.values", inFlight, InFlightValues::inUse)
				.description("Values reserved in the budget of values in flight, by all requests")
				.register(registry);
			Gauge.builder("activation.limits.waiting.bodies", waiting, WaitingBodies::waiting)
				.description("Requests waiting on the network for their body")
				.register(registry);
		};
	}

	@Bean
	FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(LimitsProperties limits, InFlightValues inFlight,
			WaitingBodies waiting, ProblemResponses problems) {
		FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
				new RequestLimitsFilter(limits, inFlight, waiting, problems));
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

}

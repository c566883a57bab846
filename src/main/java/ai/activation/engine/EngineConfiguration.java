package ai.activation.engine;

import ai.activation.limits.InFlightValues;
import ai.activation.metrics.ActivationMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the engine to the service's metrics and to the budget of values in flight.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	/**
	 * The engine of every call.
	 * @param metrics the meters of successful calls
	 * @param inFlight the budget of values in flight; absent in a web slice test, where
	 * nothing is reserved
	 * @return the engine
	 */
	@Bean
	ActivationEngine activationEngine(ActivationMetrics metrics, ObjectProvider<InFlightValues> inFlight) {
		InFlightValues budget = inFlight.getIfAvailable();
		return new ActivationEngine((function, mode, values, overflowAvoided) -> metrics.recordResult(function,
				mode.tag(), values, overflowAvoided), (budget != null) ? budget::reserve : (values) -> {
				});
	}

}

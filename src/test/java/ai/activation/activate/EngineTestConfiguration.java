package ai.activation.activate;

import ai.activation.engine.ActivationEngine;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The engine for a web slice test, which does not load it: one that records and reserves
 * nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
class EngineTestConfiguration {

	@Bean
	ActivationEngine activationEngine() {
		return ActivationEngine.unaccounted();
	}

}

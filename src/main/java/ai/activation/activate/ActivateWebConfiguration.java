package ai.activation.activate;

import java.util.List;

import ai.activation.engine.ActivationEngine;
import ai.activation.limits.LimitsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Plugs the {@code /activate} feature into Spring MVC: the writers of tensor answers
 * ahead of Jackson, and the resolver of {@link FunctionCall} arguments for the endpoints
 * that take a function and its parameters without a body.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class ActivateWebConfiguration implements WebMvcConfigurer {

	private final ActivationEngine engine;

	private final LimitsProperties limits;

	ActivateWebConfiguration(ActivationEngine engine, LimitsProperties limits) {
		this.engine = engine;
		this.limits = limits;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(TensorHttpMessageConverter.json());
		builder.addCustomConverter(TensorHttpMessageConverter
			.binary(new BinaryTensorCodec(this.limits.getMaxValues(), this.engine.reservation())));
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new FunctionCallArgumentResolver(this.engine));
	}

}

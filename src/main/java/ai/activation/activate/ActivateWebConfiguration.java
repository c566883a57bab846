package ai.activation.activate;

import java.util.List;
import java.util.function.LongConsumer;

import ai.activation.limits.InFlightValues;
import ai.activation.limits.LimitsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Plugs the {@code /activate} feature into Spring MVC: the tensor codecs ahead of
 * Jackson, held to the {@link LimitsProperties} and reserving room for values in the
 * {@link InFlightValues} budget, and the resolver of {@link FunctionCall} arguments.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class ActivateWebConfiguration implements WebMvcConfigurer {

	private final ArgumentBinder binder;

	private final LimitsProperties limits;

	private final LongConsumer reserve;

	/**
	 * Creates the configuration.
	 * @param binder binds query parameters to a function's arguments
	 * @param limits the request limits
	 * @param inFlight the budget of values in flight; absent in a web slice test, where
	 * nothing is reserved
	 */
	ActivateWebConfiguration(ArgumentBinder binder, LimitsProperties limits, ObjectProvider<InFlightValues> inFlight) {
		this.binder = binder;
		this.limits = limits;
		InFlightValues budget = inFlight.getIfAvailable();
		this.reserve = (budget != null) ? budget::reserve : (values) -> {
		};
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(TensorHttpMessageConverter.json(new JsonTensorReader(this.limits, this.reserve)));
		builder.addCustomConverter(
				TensorHttpMessageConverter.binary(new BinaryTensorCodec(this.limits.getMaxValues(), this.reserve)));
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new FunctionCallArgumentResolver(this.binder));
	}

}

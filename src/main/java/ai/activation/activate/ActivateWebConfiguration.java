package ai.activation.activate;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Plugs the {@code /activate} feature into Spring MVC: the tensor codecs ahead of
 * Jackson, and the resolver of {@link FunctionCall} arguments.
 */
@Configuration(proxyBeanMethods = false)
class ActivateWebConfiguration implements WebMvcConfigurer {

	private final ArgumentBinder binder;

	ActivateWebConfiguration(ArgumentBinder binder) {
		this.binder = binder;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(TensorHttpMessageConverter.json());
		builder.addCustomConverter(TensorHttpMessageConverter.binary(BinaryTensorCodec.DEFAULT_MAX_VALUES));
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new FunctionCallArgumentResolver(this.binder));
	}

}

package ai.activation.explorer;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the explorer's own scripts and styles under {@code /explorer/} and the WebJars
 * it loads (KaTeX, uPlot) under {@code /webjars/}, from the jar. The service turns Spring
 * Boot's default static mappings off ({@code spring.web.resources.add-mappings=false}),
 * so that any other unknown path stays a 404 problem; these two are the only static
 * locations.
 * <p>
 * WebJar paths carry no version ({@code /webjars/katex/dist/katex.min.js}): the resource
 * chain adds Spring's {@code LiteWebJarsResourceResolver}, which finds the version with
 * webjars-locator-lite, already on the classpath for springdoc's Swagger UI. Answers may
 * be cached but are revalidated ({@code no-cache}), so a new jar is seen at once.
 */
@Configuration(proxyBeanMethods = false)
class ExplorerWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/explorer/**")
			.addResourceLocations("classpath:/explorer/")
			.setCacheControl(CacheControl.noCache())
			.resourceChain(true);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.noCache())
			.resourceChain(true);
	}

}

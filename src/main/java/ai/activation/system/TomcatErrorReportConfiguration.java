package ai.activation.system;

import org.apache.catalina.core.StandardHost;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat report the errors it raises itself with {@link ProblemErrorReportValve},
 * in the {@link ErrorFormat} of the request's protocol. The valve is put into the host's
 * pipeline here, so that it can reach the formats; the host then finds a valve of its
 * error report class and adds none of its own.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReportConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport(ObjectProvider<ErrorFormats> formats) {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				host.getPipeline().addValve(new ProblemErrorReportValve(formats::getIfAvailable));
			}
		});
	}

}

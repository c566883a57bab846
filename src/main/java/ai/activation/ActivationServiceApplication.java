package ai.activation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the activation service: {@code POST /activate/{function}} applies an
 * activation function of the catalog to a vector or tensor.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ActivationServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ActivationServiceApplication.class, args);
	}

}

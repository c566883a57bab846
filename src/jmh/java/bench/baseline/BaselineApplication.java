package bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare Spring MVC baseline of {@code bench/load.sh}, benchmark only, never part of
 * the service: {@code POST /echo} parses {@code {"values": [...]}} into a
 * {@code double[]} with Spring's default Jackson converter and returns it, and echoes an
 * {@code application/octet-stream} body; no validation, no metrics, no problem details.
 * Started on its own, e.g. on port 48090.
 */
@SpringBootApplication(proxyBeanMethods = false)
@RestController
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	/** The request and the answer. */
	public record Values(double[] values) {
	}

	@PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Values echo(@RequestBody Values values) {
		return values;
	}

	@PostMapping(path = "/echo", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	byte[] echo(@RequestBody byte[] body) {
		return body;
	}

}

package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

import org.springframework.stereotype.Component;

/**
 * Answers a call with the default parameters exactly as {@code POST /activate/{function}}
 * does, through the same body reader, argument binder, validator, service and body
 * writer, but without HTTP and without being counted as a call: so that the API
 * documentation shows the service's real answers rather than typed-in ones.
 */
@Component
public class DocumentedCalls {

	private final ArgumentBinder binder;

	private final RequestValidator validator;

	private final ActivationService service;

	private final JsonTensorReader reader;

	DocumentedCalls(ArgumentBinder binder, RequestValidator validator, ActivationService service,
			LimitsProperties limits) {
		this.binder = binder;
		this.validator = validator;
		this.service = service;
		// Examples are computed outside any request, so nothing is reserved in flight.
		this.reader = new JsonTensorReader(limits, (values) -> {
		});
	}

	/**
	 * Answers one call with the function's default parameters.
	 * @param function the function
	 * @param requestBody the request body, e.g. {@code {"values": [1, -2]}}
	 * @return the response body, as the service sends it
	 * @throws RuntimeException the service's own exception where it would answer with a
	 * problem
	 */
	public String answer(Activation function, String requestBody) {
		Tensor values = this.reader.read(new ByteArrayInputStream(requestBody.getBytes(StandardCharsets.UTF_8)));
		Arguments arguments = this.binder.bind(function, Map.of());
		this.validator.validate(new FunctionCall(function, arguments), values);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		JsonResultWriter.write(this.service.apply(function, arguments, values), body);
		return body.toString(StandardCharsets.UTF_8);
	}

}

package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.engine.ActivationEngine;
import ai.activation.engine.Mode;
import ai.activation.engine.PreparedCall;
import ai.activation.limits.LimitsProperties;

import org.springframework.stereotype.Component;

/**
 * Answers a call with the default parameters exactly as {@code POST /activate/{function}}
 * and {@code POST /activate/{function}/gradient} do, through the same body reader, engine
 * and body writer, but without HTTP and without being counted or reserved as a call: so
 * that the API documentation shows the service's real answers rather than typed-in ones.
 */
@Component
public class DocumentedCalls {

	private final ActivationEngine engine = ActivationEngine.unaccounted();

	private final JsonTensorReader reader;

	DocumentedCalls(LimitsProperties limits) {
		this.reader = new JsonTensorReader(limits, this.engine.reservation());
	}

	/**
	 * Answers one call of the value with the function's default parameters.
	 * @param function the function
	 * @param requestBody the request body, e.g. {@code {"values": [1, -2]}}
	 * @return the response body, as the service sends it
	 * @throws RuntimeException the service's own exception where it would answer with a
	 * problem
	 */
	public String answer(Activation function, String requestBody) {
		return answer(function, Mode.VALUE, requestBody);
	}

	/**
	 * Answers one call with the function's default parameters.
	 * @param function the function
	 * @param mode the value or the gradient
	 * @param requestBody the request body, e.g. {@code {"values": [1, -2]}} or
	 * {@code {"values": [1, -2], "grad": [1, 0]}}, either with a {@code "mask"}
	 * @return the response body, as the service sends it
	 * @throws RuntimeException the service's own exception where it would answer with a
	 * problem
	 */
	public String answer(Activation function, Mode mode, String requestBody) {
		InputStream body = new ByteArrayInputStream(requestBody.getBytes(StandardCharsets.UTF_8));
		Inputs inputs = (mode == Mode.VALUE) ? this.reader.readValue(body) : this.reader.readWithGrad(body);
		PreparedCall call = this.engine.prepare(function, mode, Map.of());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonResultWriter.write(call.apply(inputs.values(), inputs.grad(), inputs.mask()), out);
		return out.toString(StandardCharsets.UTF_8);
	}

}

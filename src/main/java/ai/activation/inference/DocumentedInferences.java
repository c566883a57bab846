package ai.activation.inference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ai.activation.catalog.Activation;
import ai.activation.engine.ActivationEngine;
import ai.activation.engine.ActivationResult;
import ai.activation.engine.Mode;
import ai.activation.engine.PreparedCall;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

import org.springframework.stereotype.Component;

/**
 * Answers a JSON inference request exactly as {@code POST /v2/models/{model}/infer} does,
 * through the same request reader, engine and response writer, but without HTTP and
 * without being counted or reserved as a call: so that the API documentation shows the
 * service's real answers rather than typed-in ones.
 */
@Component
public class DocumentedInferences {

	private final ActivationEngine engine = ActivationEngine.unaccounted();

	private final InferenceRequestReader reader;

	DocumentedInferences(LimitsProperties limits) {
		this.reader = new InferenceRequestReader(limits, this.engine.reservation());
	}

	/**
	 * Answers one JSON inference request.
	 * @param function the model's function
	 * @param requestBody the {@code $inference_request}, with no output asked for as
	 * binary data
	 * @return the {@code $inference_response} body, as the service sends it
	 * @throws InferenceException where the service would answer with an error
	 */
	public String answer(Activation function, String requestBody) {
		byte[] body = requestBody.getBytes(StandardCharsets.UTF_8);
		InferenceRequest inference;
		try {
			inference = this.reader.read(function, new ByteArrayInputStream(body), body.length, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PreparedCall call = this.engine.prepare(function, Mode.VALUE,
				InferenceController.arguments(inference.parameters()));
		InferenceRequest.Input input = inference.input();
		ActivationResult result = call.apply(new Tensor(input.values(), input.shape()), null);
		List<InferenceRequest.Output> outputs = inference.outputs();
		InferenceRequest.Output requested = (outputs == null || outputs.isEmpty()) ? null : outputs.get(0);
		if (inference.binary(requested)) {
			throw new IllegalArgumentException("A documented inference is answered in JSON.");
		}
		return InferenceResponseWriter.json(new InferenceResponseWriter.Answer(function.canonicalName(), inference.id(),
				result.output(), input.datatype().output(), false, result.overflowAvoided()));
	}

}

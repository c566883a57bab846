package ai.activation.inference;

import ai.activation.catalog.Activation;
import ai.activation.limits.LimitsProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The answers the API documentation shows for {@code /v2} inference are valid
 * {@code inference_response} bodies of the published protocol document, carry the
 * request's id and shape, and refuse what the endpoint refuses.
 */
class DocumentedInferencesTests {

	private final DocumentedInferences inferences = new DocumentedInferences(new LimitsProperties());

	@Test
	void answerIsAValidInferenceResponseWithTheRequestsIdShapeAndDatatype() {
		String request = "{\"id\":\"7\",\"parameters\":{\"negative_slope\":0.5},"
				+ "\"inputs\":[{\"name\":\"input\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[-2,4]}]}";
		OpenInferenceSchema.assertValid("inference_request", request);
		String answer = this.inferences.answer(Activation.LEAKY_RELU, request);
		OpenInferenceSchema.assertValid("inference_response", answer);
		assertThat(answer).contains("\"model_name\":\"leaky_relu\"", "\"id\":\"7\"", "\"datatype\":\"FP64\"",
				"\"shape\":[2]", "\"data\":[-1.0,4.0]");
	}

	@Test
	void answerRefusesAnUnknownParameterAsTheEndpointDoes() {
		String request = "{\"parameters\":{\"no_such\":1},"
				+ "\"inputs\":[{\"name\":\"input\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}";
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.inferences.answer(Activation.SIGMOID, request));
	}

}

package ai.activation.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.inference.DocumentedInferences;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The request examples of {@code POST /v2/models/{model}/infer} and the service's real
 * answers to them, computed once at startup through the same reader, engine and writer as
 * the endpoint: softmax of an {@code FP64} vector, and leaky ReLU of an {@code FP32}
 * vector with its {@code negative_slope} given in the request-level {@code parameters}.
 */
@Component
class InferenceExamples {

	/** The model of the first example. */
	static final Activation SOFTMAX = Activation.SOFTMAX;

	/** The model of the parameterized example. */
	static final Activation LEAKY_RELU = Activation.LEAKY_RELU;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Example> examples = new LinkedHashMap<>();

	InferenceExamples(DocumentedInferences inferences) {
		add(inferences, SOFTMAX, request("softmax-1", List.of(2L, 3L), "FP64",
				new double[] { 1.0, 2.0, 3.0, -1.0, 0.0, 1000.0 }, Map.of()));
		add(inferences, LEAKY_RELU, request("leaky-relu-1", List.of(4L), "FP32", new double[] { -2.0, -0.5, 0.0, 1.5 },
				Map.of("negative_slope", 0.2)));
	}

	private void add(DocumentedInferences inferences, Activation function, Map<String, Object> request) {
		String answer = inferences.answer(function, json.writeValueAsString(request));
		this.examples.put(function.canonicalName(),
				new Example(function, Collections.unmodifiableMap(request), read(answer)));
	}

	private static Map<String, Object> request(String id, List<Long> shape, String datatype, double[] data,
			Map<String, Object> parameters) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("name", "input");
		input.put("shape", shape);
		input.put("datatype", datatype);
		input.put("data", data);
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("id", id);
		if (!parameters.isEmpty()) {
			request.put("parameters", parameters);
		}
		request.put("inputs", List.of(input));
		return request;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String answer) {
		return Collections.unmodifiableMap(json.readValue(answer, Map.class));
	}

	/**
	 * Returns the examples, by the canonical name of their model.
	 * @return the examples, in a fixed order
	 */
	Map<String, Example> all() {
		return Collections.unmodifiableMap(this.examples);
	}

	/**
	 * One documented inference.
	 *
	 * @param model the model
	 * @param request the {@code $inference_request}
	 * @param response the {@code $inference_response} the service answers, as parsed JSON
	 */
	record Example(Activation model, Map<String, Object> request, Map<String, Object> response) {
	}

}

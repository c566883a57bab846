package ai.activation.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.activate.DocumentedCalls;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.kernel.Tensor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The request example of every catalog function and the service's real answer to it,
 * computed once at startup by running {@link Activation#example()} through the service.
 */
@Component
class FunctionExamples {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<Activation, Example> examples = new EnumMap<>(Activation.class);

	FunctionExamples(DocumentedCalls calls) {
		for (Activation function : Catalog.all()) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("values", nested(function.example()));
			String answer = calls.answer(function, json.writeValueAsString(request));
			this.examples.put(function, new Example(Collections.unmodifiableMap(request), read(answer)));
		}
	}

	/**
	 * Returns the example of one function.
	 * @param function the function
	 * @return its request and the service's response
	 */
	Example of(Activation function) {
		return this.examples.get(function);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String answer) {
		return Collections.unmodifiableMap(json.readValue(answer, Map.class));
	}

	private static List<Object> nested(Tensor tensor) {
		return nested(tensor.values(), tensor.shape(), 0, 0);
	}

	private static List<Object> nested(double[] values, int[] shape, int dimension, int offset) {
		int stride = 1;
		for (int d = dimension + 1; d < shape.length; d++) {
			stride *= shape[d];
		}
		List<Object> list = new ArrayList<>(shape[dimension]);
		for (int i = 0; i < shape[dimension]; i++) {
			list.add((dimension == shape.length - 1) ? (Object) values[offset + i]
					: nested(values, shape, dimension + 1, offset + i * stride));
		}
		return list;
	}

	/**
	 * One documented call.
	 *
	 * @param request the request body, {@code {"values": [...]}}
	 * @param response the response body the service answers, as parsed JSON
	 */
	record Example(Map<String, Object> request, Map<String, Object> response) {
	}

}

package ai.activation.openapi;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.activation.activate.DocumentedCalls;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.engine.Mode;
import ai.activation.kernel.Tensor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The request example of every catalog function and the service's real answer to it,
 * computed once at startup by running {@link Activation#example()} through the service;
 * and the same for its gradient, computed once when the document is first built. The
 * gradient's request gives no {@code grad} to an elementwise function, whose answer is
 * then its derivative, and to a function along an axis the one-hot {@code grad} on the
 * first output of each lane, whose answer is the first row of each lane's Jacobian. A
 * function that takes a mask has a second example of each, the same request with
 * {@link #MASK}.
 */
@Component
class FunctionExamples {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The mask of the masked examples, for the 2 × 4 example of the functions along an
	 * axis: one element masked in each lane, not the first, so that the gradient's
	 * one-hot {@code grad} falls on an unmasked element; given as booleans in the first
	 * lane and as 0 and 1 in the second, which the service takes alike.
	 */
	static final List<Object> MASK = List.of(List.of(true, true, false, true), List.of(1, 0, 1, 1));

	private final Map<Activation, Example> examples = new EnumMap<>(Activation.class);

	private final Map<Activation, Example> gradients = new ConcurrentHashMap<>();

	private final DocumentedCalls calls;

	FunctionExamples(DocumentedCalls calls) {
		this.calls = calls;
		for (Activation function : Catalog.all()) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("values", function.example().nested());
			String answer = calls.answer(function, json.writeValueAsString(request));
			Example masked = null;
			if (function.maskRule().isPresent()) {
				Map<String, Object> maskedRequest = new LinkedHashMap<>(request);
				maskedRequest.put("mask", MASK);
				masked = new Example(Collections.unmodifiableMap(maskedRequest),
						read(calls.answer(function, json.writeValueAsString(maskedRequest))), null);
			}
			this.examples.put(function, new Example(Collections.unmodifiableMap(request), read(answer), masked));
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

	/**
	 * Tells whether the output of a function's example is shorter than its input, as
	 * GLU's, which halves the axis.
	 * @param function the function
	 * @return {@code true} if the answer has fewer values than the request
	 */
	@SuppressWarnings("unchecked")
	boolean outputHalvesTheAxis(Activation function) {
		List<Object> shape = (List<Object>) of(function).response().get("shape");
		int values = shape.stream().mapToInt((d) -> ((Number) d).intValue()).reduce(1, (a, b) -> a * b);
		return values < function.example().values().length;
	}

	/**
	 * Returns the gradient example of one function.
	 * @param function the function
	 * @return its request and the service's response
	 */
	Example gradientOf(Activation function) {
		return this.gradients.computeIfAbsent(function, this::gradient);
	}

	@SuppressWarnings("unchecked")
	private Example gradient(Activation function) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("values", function.example().nested());
		if (function.alongAxis()) {
			List<Object> shape = (List<Object>) of(function).response().get("shape");
			int[] dims = shape.stream().mapToInt((d) -> ((Number) d).intValue()).toArray();
			double[] grad = new double[Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
			int row = dims[dims.length - 1];
			for (int i = 0; i < grad.length; i += row) {
				grad[i] = 1;
			}
			request.put("grad", new Tensor(grad, dims).nested());
		}
		String answer = this.calls.answer(function, Mode.GRADIENT, json.writeValueAsString(request));
		Example masked = null;
		if (function.maskRule().isPresent()) {
			Map<String, Object> maskedRequest = new LinkedHashMap<>(request);
			maskedRequest.put("mask", MASK);
			masked = new Example(Collections.unmodifiableMap(maskedRequest),
					read(this.calls.answer(function, Mode.GRADIENT, json.writeValueAsString(maskedRequest))), null);
		}
		return new Example(Collections.unmodifiableMap(request), read(answer), masked);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String answer) {
		return Collections.unmodifiableMap(json.readValue(answer, Map.class));
	}

	/**
	 * One documented call.
	 *
	 * @param request the request body, {@code {"values": [...]}}
	 * @param response the response body the service answers, as parsed JSON
	 * @param masked the same call with {@link #MASK}, for a function that takes a mask;
	 * else {@code null}
	 */
	record Example(Map<String, Object> request, Map<String, Object> response, Example masked) {
	}

}

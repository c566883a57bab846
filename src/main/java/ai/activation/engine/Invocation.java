package ai.activation.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.kernel.Tensor;

/**
 * One call of a catalog function, in no protocol's terms: the function as the caller
 * named it, what to compute, the arguments as given and the input tensors.
 *
 * @param function the function's name or alias as given
 * @param mode the value, or the vector-Jacobian product
 * @param arguments every value given for each parameter, in the order given; the engine
 * refuses a parameter given more than once
 * @param values the input
 * @param grad for {@link Mode#GRADIENT}, the upstream gradient, laid out as the output;
 * {@code null} for ones (elementwise functions only) and always for {@link Mode#VALUE}
 * @param mask 1 where an element of the input takes part and 0 where it is masked, with
 * the input's shape, for the functions that take one; or {@code null} for none
 */
public record Invocation(String function, Mode mode, Map<String, List<ArgumentValue>> arguments, Tensor values,
		Tensor grad, Tensor mask) {

	/**
	 * A call without a mask.
	 * @param function the function's name or alias as given
	 * @param mode the value, or the vector-Jacobian product
	 * @param arguments every value given for each parameter
	 * @param values the input
	 * @param grad the upstream gradient, or {@code null}
	 */
	public Invocation(String function, Mode mode, Map<String, List<ArgumentValue>> arguments, Tensor values,
			Tensor grad) {
		this(function, mode, arguments, values, grad, null);
	}

	/**
	 * Turns parameters given as text, as a query string gives them, into arguments.
	 * @param text every value given for each parameter
	 * @return the arguments, in the order given
	 */
	public static Map<String, List<ArgumentValue>> textArguments(Map<String, String[]> text) {
		Map<String, List<ArgumentValue>> arguments = new LinkedHashMap<>();
		text.forEach((name, values) -> arguments.put(name,
				Arrays.stream(values).<ArgumentValue>map(ArgumentValue.Text::new).toList()));
		return Collections.unmodifiableMap(arguments);
	}

}

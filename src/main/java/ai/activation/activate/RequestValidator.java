package ai.activation.activate;

import java.util.Arrays;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Parameter;
import ai.activation.kernel.Tensor;

import org.springframework.stereotype.Component;

/**
 * Checks what depends on both the arguments and the body: that the axis lies in {@code [−rank, rank)}
 * for the tensor's rank, and that the axis GLU splits in halves has an even length.
 */
@Component
class RequestValidator {

	/**
	 * Checks a call against the tensor it is applied to.
	 * @param call the function and its arguments
	 * @param values the tensor read from the body
	 * @throws InvalidParameterException if the axis is out of range or GLU's axis has an odd length
	 */
	void validate(FunctionCall call, Tensor values) {
		for (Parameter parameter : call.function().parameters()) {
			if (parameter.type() == Parameter.Type.AXIS) {
				validateAxis(call, parameter, values);
			}
		}
	}

	private static void validateAxis(FunctionCall call, Parameter parameter, Tensor values) {
		int rank = values.rank();
		int axis = call.arguments().axis();
		if (axis < -rank || axis >= rank) {
			throw new InvalidParameterException(parameter.name(), parameter.allowed(),
					"Axis " + axis + " is out of range for values of rank " + rank + " (shape "
							+ Arrays.toString(values.shape()) + "); use an integer in [" + -rank + ", " + rank
							+ ").");
		}
		int length = values.shape()[(axis < 0) ? axis + rank : axis];
		// GLU splits its axis into the halves a and b, as the catalog's summary says.
		if (call.function() == Activation.GLU && length % 2 != 0) {
			throw new InvalidParameterException(parameter.name(), parameter.allowed() + ", along which the length is even",
					"glu splits axis " + axis + " in two halves, so its length must be even, but it is " + length
							+ " (shape " + Arrays.toString(values.shape()) + ").")
				.with("axis", axis)
				.with("axisLength", length);
		}
	}

}

package ai.activation.activate;

import java.util.Arrays;

import ai.activation.catalog.Kernel;
import ai.activation.catalog.Parameter;
import ai.activation.kernel.Tensor;

import org.springframework.stereotype.Component;

/**
 * Checks what depends on both the arguments and the body: that the axis lies in
 * {@code [−rank, rank)} for the tensor's rank, and that its length suits the function,
 * e.g. even for GLU, which splits it in halves.
 */
@Component
class RequestValidator {

	/**
	 * Checks a call against the tensor it is applied to.
	 * @param call the function and its arguments
	 * @param values the tensor read from the body
	 * @throws InvalidParameterException if the axis is out of range or the axis length
	 * does not suit the function
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
							+ Arrays.toString(values.shape()) + "); use an integer in [" + -rank + ", " + rank + ").");
		}
		int length = values.shape()[(axis < 0) ? axis + rank : axis];
		Kernel.AlongAxis kernel = (Kernel.AlongAxis) call.function().bind(call.arguments());
		int multiple = kernel.function().lengthMultiple();
		if (length % multiple != 0) {
			throw new InvalidParameterException(parameter.name(),
					parameter.allowed() + ", along which the length is a multiple of " + multiple,
					call.function().canonicalName() + " needs the length of axis " + axis + " to be a multiple of "
							+ multiple + " (" + call.function().summary() + "), but it is " + length + " (shape "
							+ Arrays.toString(values.shape()) + ").")
				.with("axis", axis)
				.with("axisLength", length);
		}
	}

}

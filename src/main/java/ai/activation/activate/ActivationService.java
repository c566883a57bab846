package ai.activation.activate;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Kernel;
import ai.activation.kernel.AxisFunction;
import ai.activation.kernel.Lanes;
import ai.activation.kernel.Tensor;

import org.springframework.stereotype.Service;

/**
 * Applies a catalog function to a validated tensor: binds the kernel to the arguments,
 * runs it into a new array and refuses to answer with a value that is not finite.
 * Stateless; inputs are never modified.
 */
@Service
class ActivationService {

	/**
	 * Applies a function.
	 * @param function the function
	 * @param arguments its validated arguments; the axis, if any, lies in
	 * {@code [−rank, rank)}
	 * @param input the tensor, not modified
	 * @return the result, with the number of overflow-avoidance events
	 * @throws ResultOutOfRangeException if a true result lies outside the range of a
	 * double
	 */
	ActivationResult apply(Activation function, Arguments arguments, Tensor input) {
		Kernel kernel = function.bind(arguments);
		if (kernel instanceof Kernel.Elementwise elementwise) {
			double[] output = new double[input.values().length];
			long events = elementwise.function().applyAll(input.values(), output);
			int bad = firstNonFinite(output);
			if (bad >= 0) {
				String pointer = ValuesPointer.of(bad, input.shape());
				throw new ResultOutOfRangeException(pointer,
						function.canonicalName() + " of the element at " + pointer
								+ " lies outside the range of a double, and the service never answers with "
								+ "infinity or NaN.");
			}
			return new ActivationResult(function, new Tensor(output, input.shape()), events);
		}
		Kernel.AlongAxis alongAxis = (Kernel.AlongAxis) kernel;
		int axis = alongAxis.resolve(input.rank());
		AxisFunction axisFunction = alongAxis.function();
		int[] shape = input.shape().clone();
		shape[axis] = axisFunction.outputLength(shape[axis]);
		double[] output = new double[(input.values().length / input.shape()[axis]) * shape[axis]];
		long events = axisFunction.apply(input.values(), Lanes.of(input.shape(), axis), output);
		int bad = firstNonFinite(output);
		if (bad >= 0) {
			// The output position is also an input position: the same element for the
			// softmax family and
			// sparsemax, the gated element of the first half for GLU.
			String pointer = ValuesPointer.of(bad, shape);
			throw new ResultOutOfRangeException(pointer,
					function.canonicalName() + " along axis " + alongAxis.axis() + " gives a value outside the range "
							+ "of a double at the output position of the input element " + pointer
							+ " (its lane is every element that differs from it only along that axis), and the "
							+ "service never answers with infinity or NaN.");
		}
		return new ActivationResult(function, new Tensor(output, shape), events);
	}

	private static int firstNonFinite(double[] values) {
		for (int i = 0; i < values.length; i++) {
			if (!Double.isFinite(values[i])) {
				return i;
			}
		}
		return -1;
	}

}

package ai.activation.explorer;

import java.util.ArrayList;
import java.util.List;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Kernel;
import ai.activation.kernel.AxisFunction;

/**
 * How the explorer draws a function of a vector as a curve: the same slice as {@code GET
 * /activate/{function}/plot} (see {@code ai.activation.plot.CurveSampler}), the first
 * output for an input vector that holds x at the start of each of the parts the function
 * splits it into and 0 elsewhere: {@code [x, 0]} for the softmax family and sparsemax,
 * {@code [x, x]} for GLU. The page sends one such vector per sample point, as the rows of
 * a matrix with {@code axis=-1}.
 * <p>
 * The derivative of that curve is, by the chain rule, the sum over the positions holding
 * x of the row of the Jacobian that belongs to the first output; the page reads it from
 * the gradient endpoint's vector-Jacobian product with the upstream gradient
 * {@code (1, 0, …)} and adds those entries up.
 *
 * <p>
 * softmax2d takes images only (ranks 3 and 4, along the channel axis -3): the page sends
 * the same vectors as the channels of the pixels of one (length, samples, 1) image, and
 * reads the rows back from the channels.
 *
 * @param length the length of each input vector
 * @param positions where x goes in it; 0 everywhere else
 * @param outputLength the length of each output vector
 * @param image whether the vectors go along the channel axis of a (length, samples, 1)
 * image rather than along the rows of a (samples, length) matrix
 */
record CurveSlice(int length, List<Integer> positions, int outputLength, boolean image) {

	/**
	 * Returns the slice of a function applied along an axis, derived from the kernel it
	 * binds to at its default arguments, as the plot endpoint derives it.
	 * @param function a function with {@link Activation#alongAxis()}
	 * @return the slice
	 */
	static CurveSlice of(Activation function) {
		Kernel.AlongAxis kernel = (Kernel.AlongAxis) function.bind(function.defaults());
		AxisFunction axisFunction = kernel.function();
		int parts = axisFunction.lengthMultiple();
		int length = Math.max(2, parts);
		List<Integer> positions = new ArrayList<>();
		for (int part = 0; part < parts; part++) {
			positions.add(part * (length / parts));
		}
		return new CurveSlice(length, List.copyOf(positions), axisFunction.outputLength(length),
				!function.ranks().isEmpty());
	}

}

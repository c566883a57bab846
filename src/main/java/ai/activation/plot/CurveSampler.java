package ai.activation.plot;

import java.util.Arrays;

import ai.activation.activate.InvalidParameterException;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Kernel;
import ai.activation.kernel.AxisFunction;
import ai.activation.kernel.Lanes;

/**
 * Computes the curve of a function with the same kernels as {@code POST
 * /activate/{function}}, so a graph shows what the service answers.
 *
 * <p>
 * An elementwise function is plotted as {@code f(x)}. A function applied along an axis
 * maps a vector to a vector, so its graph is a slice: the first output for a two-element
 * input vector as x varies. The vector holds x at the start of each of the parts that the
 * function splits it into ({@link AxisFunction#lengthMultiple()}) and 0 elsewhere:
 * {@code [x, 0]} for the softmax family and sparsemax, which compare the two elements,
 * e.g. softmax([x, 0])[0] = σ(x); {@code [x, x]} for GLU, which gates the first half by
 * the second, so glu([x, x])[0] = x·σ(x). The vector has rank 1, so the axis parameter
 * must be -1 or 0.
 */
final class CurveSampler {

	/**
	 * The largest magnitude a graph draws, a quarter of the largest double: the chart's
	 * axis arithmetic (a value less the range's lower end) must not overflow. Values
	 * beyond it, or beyond the doubles, are left out.
	 */
	static final double DRAWABLE = Double.MAX_VALUE / 4;

	private CurveSampler() {
	}

	/**
	 * Samples a function.
	 * @param function the function
	 * @param arguments its validated arguments
	 * @param range the x range
	 * @param samples the number of sample points, at least 2
	 * @return the curve; values beyond {@link #DRAWABLE} in magnitude, or not finite, are
	 * NaN and counted
	 * @throws InvalidParameterException if the axis does not exist in a vector
	 */
	static Curve sample(Activation function, Arguments arguments, PlotRange range, int samples) {
		double[] x = range.samples(samples);
		double[] y = new double[samples];
		Kernel kernel = function.bind(arguments);
		String label;
		String slice = null;
		if (kernel instanceof Kernel.Elementwise elementwise) {
			elementwise.function().applyAll(x, y);
			label = function.canonicalName() + "(x)";
		}
		else {
			Kernel.AlongAxis alongAxis = (Kernel.AlongAxis) kernel;
			requireVectorAxis(alongAxis.axis());
			AxisFunction axisFunction = alongAxis.function();
			int parts = axisFunction.lengthMultiple();
			int length = Math.max(2, parts);
			String[] vector = new String[length];
			Arrays.fill(vector, "0");
			double[] in = new double[samples * length];
			for (int part = 0; part < parts; part++) {
				int position = part * (length / parts);
				vector[position] = "x";
				for (int i = 0; i < samples; i++) {
					in[i * length + position] = x[i];
				}
			}
			int outputLength = axisFunction.outputLength(length);
			double[] out = new double[samples * outputLength];
			// One row per sample point, the function applied along each row.
			axisFunction.apply(in, Lanes.of(new int[] { samples, length }, 1), out);
			for (int i = 0; i < samples; i++) {
				y[i] = out[i * outputLength];
			}
			slice = "[" + String.join(", ", vector) + "]";
			label = function.canonicalName() + "(" + slice + ")[0]";
		}
		int omitted = 0;
		for (int i = 0; i < samples; i++) {
			if (!(Math.abs(y[i]) <= DRAWABLE)) {
				y[i] = Double.NaN;
				omitted++;
			}
		}
		return new Curve(x, y, omitted, label, slice);
	}

	private static void requireVectorAxis(int axis) {
		if (axis != -1 && axis != 0) {
			throw new InvalidParameterException("axis", "-1 or 0: a graph's input is a vector",
					"A graph plots the function of a vector, which has the single axis -1 (or 0), but axis was " + axis
							+ ".");
		}
	}

}

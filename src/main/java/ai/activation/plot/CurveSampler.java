package ai.activation.plot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Kernel;
import ai.activation.engine.InvalidParameterException;
import ai.activation.kernel.Tensor;

/**
 * Computes the curve of a function, or of its derivative, with the same kernels as
 * {@code POST /activate/{function}} and {@code POST /activate/{function}/gradient}, so a
 * graph shows what the service answers.
 *
 * <p>
 * Each sample point is one input vector, as long as the kernel's
 * {@link Kernel#sliceLength()}, and the curve is its first output: for an elementwise
 * function the vector is {@code [x]} and the curve {@code f(x)}. A function applied along
 * an axis maps a vector to a vector, so its graph is a slice: the vector holds x at the
 * start of each of the parts that the function splits it into
 * ({@link Kernel#lengthMultiple()}) and 0 elsewhere: {@code [x, 0]} for the softmax
 * family and sparsemax, which compare the two elements, e.g. softmax([x, 0])[0] = σ(x);
 * {@code [x, x]} for GLU, which gates the first half by the second, so glu([x, x])[0] =
 * x·σ(x). The vector has rank 1, so the axis parameter must be -1 or 0. softmax2d, which
 * takes images only, gets the same vectors as the channels of the pixels of one image:
 * softmax2d([x, 0] at each pixel)[0] = σ(x).
 *
 * <p>
 * The derivative is d/dx of the same curve: the vector-Jacobian product with the one-hot
 * gradient on the first output gives the row ∂y₀/∂xⱼ of the Jacobian, and the slice's
 * derivative is its sum over the positions that hold x (chain rule), e.g. σ′(x) for
 * softmax([x, 0])[0] and σ(x) + xσ′(x) for glu([x, x])[0].
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
		return sample(function, arguments, range, samples, false);
	}

	/**
	 * Samples a function or its derivative.
	 * @param function the function
	 * @param arguments its validated arguments
	 * @param range the x range
	 * @param samples the number of sample points, at least 2
	 * @param derivative {@code true} for the derivative of the curve
	 * @return the curve; values beyond {@link #DRAWABLE} in magnitude, or not finite, are
	 * NaN and counted
	 * @throws InvalidParameterException if the axis does not exist in a vector, or if a
	 * parameter has one value per channel
	 */
	static Curve sample(Activation function, Arguments arguments, PlotRange range, int samples, boolean derivative) {
		double[] x = range.samples(samples);
		Kernel kernel = function.bind(vectorAxis(arguments));
		kernel.shapeFault(new int[] { samples, 1 }).ifPresent((fault) -> {
			// prelu with a weight per channel: a graph draws one curve
			throw new InvalidParameterException(fault.parameter(), "one number: a graph draws one curve",
					"A graph draws one curve, so " + fault.parameter() + " must be one number here, but it has "
							+ "one per channel; plot each channel's value on its own.");
		});
		int parts = kernel.lengthMultiple();
		int length = kernel.sliceLength();
		String[] vector = new String[length];
		Arrays.fill(vector, "0");
		int[] positions = new int[parts];
		double[] in = new double[samples * length];
		for (int part = 0; part < parts; part++) {
			int position = part * (length / parts);
			positions[part] = position;
			vector[position] = "x";
			for (int i = 0; i < samples; i++) {
				in[i * length + position] = x[i];
			}
		}
		// One row per sample point, the function applied along each row; for a function
		// of images (softmax2d, along the channel axis -3) the rows are the pixels of a
		// (length, samples, 1) image, one channel per position of the vector.
		boolean image = !function.ranks().isEmpty();
		Tensor rows = image ? new Tensor(transpose(in, samples, length), new int[] { length, samples, 1 })
				: new Tensor(in, new int[] { samples, length });
		// per row: the axis's output length, or 1 where a reduction removes the axis
		int outputLength = Arrays.stream(kernel.outputShape(rows.shape())).reduce(1, Math::multiplyExact) / samples;
		double[] y = new double[samples];
		if (derivative) {
			double[] grad = new double[samples * outputLength];
			for (int i = 0; i < samples; i++) {
				grad[image ? i : i * outputLength] = 1;
			}
			double[] row = new double[samples * length];
			kernel.vjp(rows, grad, row);
			if (image) {
				row = transpose(row, length, samples);
			}
			for (int i = 0; i < samples; i++) {
				double sum = 0;
				for (int position : positions) {
					sum += row[i * length + position];
				}
				y[i] = sum;
			}
		}
		else {
			double[] out = new double[samples * outputLength];
			kernel.value(rows, out);
			for (int i = 0; i < samples; i++) {
				y[i] = out[image ? i : i * outputLength];
			}
		}
		String slice = (length > 1) ? "[" + String.join(", ", vector) + "]" : null;
		String of = function.canonicalName() + ((slice != null) ? "(" + slice + ")[0]" : "(x)");
		String label = derivative ? "d/dx " + of : of;
		int omitted = 0;
		for (int i = 0; i < samples; i++) {
			if (!(Math.abs(y[i]) <= DRAWABLE)) {
				y[i] = Double.NaN;
				omitted++;
			}
		}
		return new Curve(x, y, omitted, label, slice);
	}

	/** The transpose of a row-major rows × columns matrix. */
	private static double[] transpose(double[] matrix, int rows, int columns) {
		double[] transposed = new double[matrix.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				transposed[c * rows + r] = matrix[r * columns + c];
			}
		}
		return transposed;
	}

	/**
	 * The arguments with the axis, if any, checked to be a vector's and counted from the
	 * end, so that the kernel runs along the rows of the sample points.
	 */
	private static Arguments vectorAxis(Arguments arguments) {
		if (arguments.asMap().get("axis") == null) {
			// no axis, or prelu's channel axis left to its default
			return arguments;
		}
		int[] axes = arguments.axes();
		int axis = axes[0];
		if (axes.length > 1 || (axis != -1 && axis != 0)) {
			throw new InvalidParameterException("axis", "-1 or 0: a graph's input is a vector",
					"A graph plots the function of a vector, which has the single axis -1 (or 0), but axis was "
							+ Arrays.stream(axes).mapToObj(String::valueOf).collect(Collectors.joining(",")) + ".");
		}
		Map<String, Object> values = new LinkedHashMap<>(arguments.asMap());
		values.put("axis", -1);
		return new Arguments(values, arguments.convention(), arguments.conventionKinks());
	}

}

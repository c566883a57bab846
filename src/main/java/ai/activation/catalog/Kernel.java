package ai.activation.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import ai.activation.kernel.AxisFunction;
import ai.activation.kernel.Lanes;
import ai.activation.kernel.ScalarFunction;
import ai.activation.kernel.Tensor;

/**
 * A catalog function bound to its arguments: either elementwise or along an axis. Each
 * kind says itself how it runs, what shape it answers with and what it needs of the
 * input, so that callers run any kernel the same way.
 */
public sealed interface Kernel {

	/**
	 * Returns the shape of the value for an input of the given shape.
	 * @param shape the input's dimensions, already checked by {@link #lengthMultiple()}
	 * @return the output's dimensions, a new array
	 */
	int[] outputShape(int[] shape);

	/**
	 * Returns the number the length of the axis the kernel works along must be a multiple
	 * of: 2 for GLU, which splits it into halves, 1 for every other function.
	 * @return the divisor
	 */
	int lengthMultiple();

	/**
	 * Returns the length of the shortest input vector that shows what the kernel does: 1
	 * for an elementwise function, at least 2 for a function of a vector, which compares
	 * or combines its elements.
	 * @return the length
	 */
	int sliceLength();

	/**
	 * Tells whether the vector-Jacobian product needs the upstream gradient: the Jacobian
	 * of a function along an axis is a matrix, whose product with ones is no derivative
	 * anyone asked for; an elementwise function takes ones by default.
	 * @return {@code true} for the functions along an axis
	 */
	boolean gradRequired();

	/**
	 * Computes the value.
	 * @param input the input, not modified
	 * @param out the result, laid out with {@link #outputShape(int[])}
	 * @return the overflow-avoidance events
	 */
	long value(Tensor input, double[] out);

	/**
	 * Computes the vector-Jacobian product gᵀ·J.
	 * @param input the input, not modified
	 * @param grad the upstream gradient, laid out as the output; {@code null} for ones,
	 * only where {@link #gradRequired()} is {@code false}
	 * @param out the result, laid out as the input
	 * @return the overflow-avoidance events of the product
	 */
	long vjp(Tensor input, double[] grad, double[] out);

	/**
	 * Says in words that a result is beyond the range of a double.
	 * @param function the canonical name of the function
	 * @param pointer the JSON Pointer of the result's position, e.g. {@code /values/1/0}
	 * @param gradient whether the result is a vector-Jacobian product
	 * @return the detail of the problem
	 */
	String outOfRange(String function, String pointer, boolean gradient);

	/**
	 * Says what is wrong with an input of the given shape for the arguments bound, where
	 * the input's rank and axes alone are not enough: e.g. prelu's weights, one per
	 * channel, must be as many as the channel axis is long.
	 * @param shape the input's dimensions, of a rank the function takes, its axis in
	 * range
	 * @return the fault, or empty if the shape suits the kernel
	 */
	default Optional<ShapeFault> shapeFault(int[] shape) {
		return Optional.empty();
	}

	/**
	 * A mismatch between the arguments and the input's shape, answered with 400.
	 *
	 * @param parameter the name of the parameter that does not suit the input
	 * @param allowed what the parameter allows, in words
	 * @param detail what is wrong, naming both lengths
	 * @param axis the axis the fault is along, counted from the front
	 * @param axisLength that axis's length
	 */
	record ShapeFault(String parameter, String allowed, String detail, int axis, int axisLength) {
	}

	/**
	 * Says what a mask does to the function, or {@code null} if it takes none: only
	 * functions along an axis whose {@link AxisFunction#maskRule()} says so take one.
	 * @return the rule in words, or {@code null}
	 */
	default String maskRule() {
		return null;
	}

	/**
	 * Returns the flat index of the first element of the first lane whose every element
	 * is masked, which has no value.
	 * @param mask 1 where an element takes part, 0 where it is masked, with the input's
	 * shape
	 * @return the index, or {@code -1} if every lane has an unmasked element (always for
	 * a kernel that takes no mask)
	 */
	default int firstEmptyLane(Tensor mask) {
		return -1;
	}

	/**
	 * Computes the value of the unmasked elements, as {@link #value(Tensor, double[])}
	 * with a mask.
	 * @param input the input, not modified
	 * @param mask 1 where an element takes part, 0 where it is masked, with the input's
	 * shape; no lane fully masked
	 * @param out the result, laid out with {@link #outputShape(int[])}
	 * @return the overflow-avoidance events
	 * @throws UnsupportedOperationException if the kernel takes no mask
	 */
	default long value(Tensor input, Tensor mask, double[] out) {
		throw new UnsupportedOperationException("takes no mask");
	}

	/**
	 * Computes the vector-Jacobian product of the unmasked elements, 0 at masked ones.
	 * @param input the input, not modified
	 * @param mask as for {@link #value(Tensor, Tensor, double[])}
	 * @param grad the upstream gradient, laid out as the output
	 * @param out the result, laid out as the input
	 * @return the overflow-avoidance events of the product
	 * @throws UnsupportedOperationException if the kernel takes no mask
	 */
	default long vjp(Tensor input, Tensor mask, double[] grad, double[] out) {
		throw new UnsupportedOperationException("takes no mask");
	}

	/**
	 * Tells whether the kernel can run on the values a block at a time, in place
	 * ({@link #valueOfBlock}): each result depends only on the element at its own
	 * position, by the same function for every position.
	 * @return {@code true} for a function applied to each element alike
	 */
	default boolean blockwise() {
		return false;
	}

	/**
	 * Computes the value of a block of elements in place, as
	 * {@link #value(Tensor, double[])} computes them in a whole tensor.
	 * @param block the elements, overwritten with their results
	 * @return the overflow-avoidance events
	 * @throws UnsupportedOperationException if the kernel is not {@link #blockwise()}
	 */
	default long valueOfBlock(double[] block) {
		throw new UnsupportedOperationException("not blockwise");
	}

	/**
	 * A kernel that maps each element to one, so the output has the input's shape and the
	 * upstream gradient may be left out (ones).
	 */
	sealed interface OfElements extends Kernel permits Elementwise, PerChannel {

		@Override
		default int[] outputShape(int[] shape) {
			return shape.clone();
		}

		@Override
		default int lengthMultiple() {
			return 1;
		}

		@Override
		default int sliceLength() {
			return 1;
		}

		@Override
		default boolean gradRequired() {
			return false;
		}

	}

	/**
	 * A function applied to each element.
	 *
	 * @param function the scalar function
	 */
	record Elementwise(ScalarFunction function) implements OfElements {

		@Override
		public long value(Tensor input, double[] out) {
			return this.function.applyAll(input.values(), out);
		}

		@Override
		public long vjp(Tensor input, double[] grad, double[] out) {
			return this.function.gradientAll(input.values(), grad, out);
		}

		@Override
		public boolean blockwise() {
			return true;
		}

		@Override
		public long valueOfBlock(double[] block) {
			return this.function.applyAll(block, block);
		}

		@Override
		public String outOfRange(String function, String pointer, boolean gradient) {
			return (gradient
					? "The derivative of " + function + " at the element " + pointer
							+ ", times its grad, lies outside the range of a double"
					: function + " of the element at " + pointer + " lies outside the range of a double")
					+ ", and the service never answers with infinity or NaN.";
		}

	}

	/**
	 * Binds a function along the axes the caller gave: {@link AlongAxis} for one,
	 * {@link AlongAxes} for several.
	 * @param function the axis function
	 * @param axes the axes as given, each in {@code [−rank, rank)}, at least one
	 * @return the kernel
	 */
	static Kernel along(AxisFunction function, int[] axes) {
		return (axes.length == 1) ? new AlongAxis(function, axes[0]) : new AlongAxes(function, axes.clone());
	}

	/**
	 * A function applied to each element with its own parameters per channel, as
	 * PyTorch's prelu with {@code num_parameters} weights: the element of channel
	 * {@code c} takes {@code functions.get(c)}.
	 *
	 * @param functions one scalar function per channel, at least two
	 * @param axis the channel axis as the caller gave it, in {@code [−rank, rank)}, or
	 * {@code null} for PyTorch's channel dimension, 1, which a vector lacks
	 * @param parameter the name of the parameter that gives one value per channel
	 */
	record PerChannel(List<ScalarFunction> functions, Integer axis, String parameter) implements OfElements {

		/**
		 * Returns the channel axis counted from the front, or −1 for a vector without
		 * one.
		 * @param rank the rank of the input
		 * @return the axis
		 */
		public int resolve(int rank) {
			if (this.axis == null) {
				return (rank >= 2) ? 1 : -1;
			}
			return (this.axis < 0) ? this.axis + rank : this.axis;
		}

		@Override
		public Optional<ShapeFault> shapeFault(int[] shape) {
			int axis = resolve(shape.length);
			int channels = this.functions.size();
			String allowed = "one number, or as many as the channel axis is long";
			if (axis < 0) {
				return Optional.of(new ShapeFault(this.parameter, allowed, this.parameter + " has " + channels
						+ " values, one per channel, but a vector (shape " + Arrays.toString(shape)
						+ ") has no channel axis (PyTorch's is axis 1 of values of rank 2 or more); give one value, "
						+ "or axis=0 to take one per element.", 0, shape[0]));
			}
			if (shape[axis] != channels) {
				return Optional.of(new ShapeFault(this.parameter, allowed,
						this.parameter + " has " + channels + " values, one per channel, but the channel axis " + axis
								+ " has length " + shape[axis] + " (shape " + Arrays.toString(shape) + ").",
						axis, shape[axis]));
			}
			return Optional.empty();
		}

		@Override
		public long value(Tensor input, double[] out) {
			double[] in = input.values();
			Lanes lanes = Lanes.of(input.shape(), resolve(input.rank()));
			long events = 0;
			for (int i = 0; i < in.length; i++) {
				ScalarFunction function = this.functions.get((i / lanes.inner()) % lanes.length());
				if (function.naiveFails(in[i])) {
					events++;
				}
				out[i] = function.value(in[i]);
			}
			return events;
		}

		@Override
		public long vjp(Tensor input, double[] grad, double[] out) {
			double[] in = input.values();
			Lanes lanes = Lanes.of(input.shape(), resolve(input.rank()));
			long events = 0;
			for (int i = 0; i < in.length; i++) {
				ScalarFunction function = this.functions.get((i / lanes.inner()) % lanes.length());
				if (function.naiveDerivativeFails(in[i])) {
					events++;
				}
				double d = function.derivative(in[i]);
				out[i] = (grad != null) ? d * grad[i] : d;
			}
			return events;
		}

		@Override
		public String outOfRange(String function, String pointer, boolean gradient) {
			return new Elementwise(this.functions.get(0)).outOfRange(function, pointer, gradient);
		}

	}

	/**
	 * A function applied along several axes taken together, as JAX's tuple of axes: each
	 * lane is every element that differs from another only along those axes, in row-major
	 * order of them. The input is gathered so that those axes come last, as one axis, the
	 * function runs along it, and the result is put back; a reduction (logsumexp) removes
	 * all of them, or keeps each with length 1.
	 *
	 * @param function the axis function, one that keeps the lane's length or reduces it
	 * to one value
	 * @param axes the axes as the caller gave them, at least two, distinct once resolved,
	 * each in {@code [−rank, rank)}
	 */
	record AlongAxes(AxisFunction function, int[] axes) implements Kernel {

		/**
		 * Returns the axes counted from the front, in increasing order.
		 * @param rank the rank of the input
		 * @return the axes in {@code [0, rank)}
		 */
		public int[] resolve(int rank) {
			return Arrays.stream(this.axes).map((axis) -> (axis < 0) ? axis + rank : axis).sorted().toArray();
		}

		@Override
		public int[] outputShape(int[] shape) {
			if (!reduces()) {
				return shape.clone();
			}
			int[] axes = resolve(shape.length);
			if (!this.function.removesAxis()) {
				int[] kept = shape.clone();
				for (int axis : axes) {
					kept[axis] = 1;
				}
				return kept;
			}
			int[] reduced = IntStream.range(0, shape.length)
				.filter((d) -> Arrays.binarySearch(axes, d) < 0)
				.map((d) -> shape[d])
				.toArray();
			return (reduced.length == 0) ? new int[] { 1 } : reduced;
		}

		@Override
		public int lengthMultiple() {
			return 1;
		}

		@Override
		public int sliceLength() {
			return 2;
		}

		@Override
		public boolean gradRequired() {
			return true;
		}

		@Override
		public long value(Tensor input, double[] out) {
			return run(input, null, false, null, out);
		}

		@Override
		public long vjp(Tensor input, double[] grad, double[] out) {
			return run(input, null, true, grad, out);
		}

		@Override
		public String maskRule() {
			return this.function.maskRule();
		}

		@Override
		public int firstEmptyLane(Tensor mask) {
			int[] source = gather(mask.shape());
			Lanes lanes = lanes(mask.shape());
			int lane = AxisFunction.firstEmptyLane(take(mask.values(), source), lanes);
			return (lane < 0) ? -1 : source[lanes.start(lane)];
		}

		@Override
		public long value(Tensor input, Tensor mask, double[] out) {
			return run(input, mask, false, null, out);
		}

		@Override
		public long vjp(Tensor input, Tensor mask, double[] grad, double[] out) {
			return run(input, mask, true, grad, out);
		}

		/**
		 * Gathers the input (and the mask, and a gradient laid out as the input) into
		 * contiguous lanes, runs the value or the vector-Jacobian product along them,
		 * masked or not ({@code mask} {@code null}), and puts the result back in
		 * {@code out}.
		 */
		private long run(Tensor input, Tensor mask, boolean gradient, double[] grad, double[] out) {
			int[] source = gather(input.shape());
			Lanes lanes = lanes(input.shape());
			double[] in = take(input.values(), source);
			double[] lanesMask = (mask != null) ? take(mask.values(), source) : null;
			long events;
			if (!gradient) {
				double[] result = new double[lanes.outer() * this.function.outputLength(lanes.length())];
				events = (mask != null) ? this.function.applyMasked(in, lanesMask, lanes, result)
						: this.function.apply(in, lanes, result);
				if (reduces()) {
					// one value per lane, the lanes in the row-major order of the other
					// axes: the order of the output, whose reduced axes are gone or of
					// length 1
					System.arraycopy(result, 0, out, 0, result.length);
				}
				else {
					scatter(result, source, out);
				}
				return events;
			}
			// a reduction's gradient has one value per lane, already in the lanes' order
			double[] lanesGrad = reduces() ? grad : take(grad, source);
			double[] result = new double[in.length];
			events = (mask != null) ? this.function.vjpMasked(in, lanesGrad, lanesMask, lanes, result)
					: this.function.vjp(in, lanesGrad, lanes, result);
			scatter(result, source, out);
			return events;
		}

		@Override
		public String outOfRange(String function, String pointer, boolean gradient) {
			String along = "along axes " + Arrays.toString(this.axes);
			if (gradient) {
				return "The vector-Jacobian product of " + function + " " + along
						+ " lies outside the range of a double at the input element " + pointer
						+ ", and the service never answers with infinity or NaN.";
			}
			return function + " " + along + " gives a value outside the range of a double at the output position "
					+ pointer + ", and the service never answers with infinity or NaN.";
		}

		/**
		 * Whether the function reduces each lane to one value (logsumexp, logmeanexp).
		 */
		private boolean reduces() {
			return this.function.outputLength(2) == 1;
		}

		/**
		 * The gathered layout's lanes: one per position of the other axes, contiguous.
		 */
		private Lanes lanes(int[] shape) {
			int length = 1;
			for (int axis : resolve(shape.length)) {
				length *= shape[axis];
			}
			int count = 1;
			for (int dimension : shape) {
				count *= dimension;
			}
			return new Lanes(count / length, length, 1);
		}

		/**
		 * For each position of the gathered layout (the other axes first, then the lane's
		 * axes, each group in row-major order), the flat index of the element it takes.
		 */
		private int[] gather(int[] shape) {
			int rank = shape.length;
			int[] axes = resolve(rank);
			boolean[] inLane = new boolean[rank];
			for (int axis : axes) {
				inLane[axis] = true;
			}
			int[] order = new int[rank];
			int next = 0;
			for (int d = 0; d < rank; d++) {
				if (!inLane[d]) {
					order[next++] = d;
				}
			}
			for (int axis : axes) {
				order[next++] = axis;
			}
			int[] strides = new int[rank];
			int stride = 1;
			for (int d = rank - 1; d >= 0; d--) {
				strides[d] = stride;
				stride *= shape[d];
			}
			int[] source = new int[stride];
			int[] index = new int[rank];
			int flat = 0;
			for (int j = 0; j < source.length; j++) {
				source[j] = flat;
				// the next multi-index in the gathered order: the last of order runs
				// fastest
				for (int k = rank - 1; k >= 0; k--) {
					int d = order[k];
					index[d]++;
					flat += strides[d];
					if (index[d] < shape[d]) {
						break;
					}
					flat -= index[d] * strides[d];
					index[d] = 0;
				}
			}
			return source;
		}

		private static double[] take(double[] values, int[] source) {
			double[] taken = new double[source.length];
			for (int j = 0; j < source.length; j++) {
				taken[j] = values[source[j]];
			}
			return taken;
		}

		/** Puts each gathered element back at the flat index it was taken from. */
		private static void scatter(double[] result, int[] source, double[] out) {
			for (int j = 0; j < source.length; j++) {
				out[source[j]] = result[j];
			}
		}

	}

	/**
	 * A function applied along one axis.
	 *
	 * @param function the axis function
	 * @param axis the axis as the caller gave it, in {@code [−rank, rank)}
	 */
	record AlongAxis(AxisFunction function, int axis) implements Kernel {

		/**
		 * Returns the axis counted from the front.
		 * @param rank the rank of the input
		 * @return the axis in {@code [0, rank)}
		 */
		public int resolve(int rank) {
			return (this.axis < 0) ? this.axis + rank : this.axis;
		}

		@Override
		public int[] outputShape(int[] shape) {
			int[] output = shape.clone();
			int axis = resolve(shape.length);
			output[axis] = this.function.outputLength(shape[axis]);
			if (this.function.removesAxis() && shape.length > 1) {
				int[] reduced = new int[shape.length - 1];
				System.arraycopy(output, 0, reduced, 0, axis);
				System.arraycopy(output, axis + 1, reduced, axis, shape.length - axis - 1);
				return reduced;
			}
			return output;
		}

		@Override
		public int lengthMultiple() {
			return this.function.lengthMultiple();
		}

		@Override
		public int sliceLength() {
			return Math.max(2, this.function.lengthMultiple());
		}

		@Override
		public boolean gradRequired() {
			return true;
		}

		@Override
		public long value(Tensor input, double[] out) {
			return this.function.apply(input.values(), lanes(input), out);
		}

		@Override
		public long vjp(Tensor input, double[] grad, double[] out) {
			return this.function.vjp(input.values(), grad, lanes(input), out);
		}

		@Override
		public String maskRule() {
			return this.function.maskRule();
		}

		// The masked paths: the mask has the input's shape, so whatever lays out the
		// input's lanes lays out the mask's the same way.

		@Override
		public int firstEmptyLane(Tensor mask) {
			Lanes lanes = lanes(mask);
			int lane = AxisFunction.firstEmptyLane(mask.values(), lanes);
			return (lane < 0) ? -1 : lanes.start(lane);
		}

		@Override
		public long value(Tensor input, Tensor mask, double[] out) {
			return this.function.applyMasked(input.values(), mask.values(), lanes(input), out);
		}

		@Override
		public long vjp(Tensor input, Tensor mask, double[] grad, double[] out) {
			return this.function.vjpMasked(input.values(), grad, mask.values(), lanes(input), out);
		}

		private Lanes lanes(Tensor input) {
			return Lanes.of(input.shape(), resolve(input.rank()));
		}

		@Override
		public String outOfRange(String function, String pointer, boolean gradient) {
			if (gradient) {
				return "The vector-Jacobian product of " + function + " along axis " + this.axis
						+ " lies outside the range of a double at the input element " + pointer
						+ ", and the service never answers with infinity or NaN.";
			}
			// The output position is also an input position: the same element for the
			// softmax family and sparsemax, the gated element of the first half for GLU.
			return function + " along axis " + this.axis + " gives a value outside the range "
					+ "of a double at the output position of the input element " + pointer
					+ " (its lane is every element that differs from it only along that axis), and the "
					+ "service never answers with infinity or NaN.";
		}

	}

}

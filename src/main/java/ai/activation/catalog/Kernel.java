package ai.activation.catalog;

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
	 * A function applied to each element.
	 *
	 * @param function the scalar function
	 */
	record Elementwise(ScalarFunction function) implements Kernel {

		@Override
		public int[] outputShape(int[] shape) {
			return shape.clone();
		}

		@Override
		public int lengthMultiple() {
			return 1;
		}

		@Override
		public int sliceLength() {
			return 1;
		}

		@Override
		public boolean gradRequired() {
			return false;
		}

		@Override
		public long value(Tensor input, double[] out) {
			return this.function.applyAll(input.values(), out);
		}

		@Override
		public long vjp(Tensor input, double[] grad, double[] out) {
			return this.function.gradientAll(input.values(), grad, out);
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

package ai.activation.catalog;

import ai.activation.kernel.AxisFunction;
import ai.activation.kernel.ScalarFunction;

/**
 * A catalog function bound to its arguments: either elementwise or along an axis.
 */
public sealed interface Kernel {

	/**
	 * A function applied to each element.
	 *
	 * @param function the scalar function
	 */
	record Elementwise(ScalarFunction function) implements Kernel {
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

	}

}

package ai.activation.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense row-major tensor of doubles.
 *
 * @param values the elements, row major; length is the product of {@code shape}
 * @param shape the dimensions, each at least 1; rank is {@code shape.length}, at least 1
 */
public record Tensor(double[] values, int[] shape) {

	/**
	 * Returns the rank, the number of dimensions.
	 * @return the rank
	 */
	public int rank() {
		return this.shape.length;
	}

	/**
	 * Returns the elements nested as the shape says, as a JSON body holds them: a list of
	 * doubles for rank 1, a list of such lists for rank 2, and so on. For documentation
	 * examples, small tensors only: every element is boxed.
	 * @return a new list
	 */
	public List<Object> nested() {
		return nested(0, 0);
	}

	private List<Object> nested(int dimension, int offset) {
		int stride = 1;
		for (int d = dimension + 1; d < this.shape.length; d++) {
			stride *= this.shape[d];
		}
		List<Object> list = new ArrayList<>(this.shape[dimension]);
		for (int i = 0; i < this.shape[dimension]; i++) {
			list.add((dimension == this.shape.length - 1) ? (Object) this.values[offset + i]
					: nested(dimension + 1, offset + i * stride));
		}
		return list;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Tensor that) && Arrays.equals(this.values, that.values)
				&& Arrays.equals(this.shape, that.shape);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.values) + Arrays.hashCode(this.shape);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(this.shape) + Arrays.toString(this.values);
	}

}

package ai.activation.kernel;

import java.util.Arrays;

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

package ai.activation.kernel;

/**
 * The lanes of a row-major tensor along one axis: {@code outer × length × inner}
 * elements, where the element {@code k} of lane {@code (o, i)} sits at index
 * {@code (o * length + k) * inner + i}.
 *
 * @param outer the product of the dimensions before the axis
 * @param length the length of the axis
 * @param inner the product of the dimensions after the axis
 */
public record Lanes(int outer, int length, int inner) {

	/**
	 * Describes the lanes of a tensor of the given shape along {@code axis}.
	 * @param shape the dimensions, each at least 1
	 * @param axis an axis in {@code [0, shape.length)}
	 * @return the lanes
	 */
	public static Lanes of(int[] shape, int axis) {
		int outer = 1;
		for (int d = 0; d < axis; d++) {
			outer *= shape[d];
		}
		int inner = 1;
		for (int d = axis + 1; d < shape.length; d++) {
			inner *= shape[d];
		}
		return new Lanes(outer, shape[axis], inner);
	}

	/**
	 * Returns the number of lanes, that is {@code outer * inner}.
	 * @return the lane count
	 */
	public int count() {
		return this.outer * this.inner;
	}

	/**
	 * Returns the index of element {@code 0} of lane number {@code lane}.
	 * @param lane a lane in {@code [0, count())}
	 * @return the flat index of the lane's first element
	 */
	public int start(int lane) {
		return (lane / this.inner) * this.length * this.inner + lane % this.inner;
	}

}

package ai.activation.activate;

/**
 * Names elements of the request's {@code values} by RFC 6901 JSON Pointer.
 */
final class ValuesPointer {

	private ValuesPointer() {
	}

	/**
	 * Returns the pointer of an element given by its row-major flat index.
	 * @param index the flat index, in {@code [0, product of shape)}
	 * @param shape the dimensions of the tensor
	 * @return the pointer, e.g. {@code /values/1/0/2}
	 */
	static String of(int index, int[] shape) {
		int[] position = new int[shape.length];
		int rest = index;
		for (int d = shape.length - 1; d >= 0; d--) {
			position[d] = rest % shape[d];
			rest /= shape[d];
		}
		return of(position);
	}

	/**
	 * Returns the pointer of an element given by its position.
	 * @param position the index along each dimension
	 * @return the pointer, e.g. {@code /values/1/0/2}
	 */
	static String of(int[] position) {
		StringBuilder pointer = new StringBuilder("/values");
		for (int i : position) {
			pointer.append('/').append(i);
		}
		return pointer.toString();
	}

}

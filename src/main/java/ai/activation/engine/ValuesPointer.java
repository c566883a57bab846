package ai.activation.engine;

/**
 * Names elements of a call's tensors by RFC 6901 JSON Pointer: {@code /values/1/0/2} for
 * the input, {@code /grad/1/0/2} for the upstream gradient, {@code /mask/1/0/2} for the
 * mask. The one place pointers are built, for the codecs' faults and the engine's alike.
 */
public final class ValuesPointer {

	/** The member holding the input. */
	public static final String VALUES = "values";

	/** The member holding the upstream gradient. */
	public static final String GRAD = "grad";

	/** The member holding the mask of the functions that take one. */
	public static final String MASK = "mask";

	private ValuesPointer() {
	}

	/**
	 * Returns the pointer of an input element given by its row-major flat index.
	 * @param index the flat index, in {@code [0, product of shape)}
	 * @param shape the dimensions of the tensor
	 * @return the pointer, e.g. {@code /values/1/0/2}
	 */
	public static String of(int index, int[] shape) {
		return of(VALUES, index, shape);
	}

	/**
	 * Returns the pointer of an element of a member given by its row-major flat index.
	 * @param member {@value #VALUES}, {@value #GRAD} or {@value #MASK}
	 * @param index the flat index, in {@code [0, product of shape)}
	 * @param shape the dimensions of the tensor
	 * @return the pointer, e.g. {@code /grad/1/0/2}
	 */
	public static String of(String member, int index, int[] shape) {
		int[] position = new int[shape.length];
		int rest = index;
		for (int d = shape.length - 1; d >= 0; d--) {
			position[d] = rest % shape[d];
			rest /= shape[d];
		}
		return of(member, position, position.length);
	}

	/**
	 * Returns the pointer of an input element given by its position.
	 * @param position the index along each dimension
	 * @return the pointer, e.g. {@code /values/1/0/2}
	 */
	public static String of(int[] position) {
		return of(VALUES, position, position.length);
	}

	/**
	 * Returns the pointer of a place given by the first indices of a position: an element
	 * when all of them are used, an array when fewer are.
	 * @param member {@value #VALUES}, {@value #GRAD} or {@value #MASK}
	 * @param position the index along each dimension
	 * @param depth how many indices to use, from the first
	 * @return the pointer, e.g. {@code /values/1} for depth 1
	 */
	public static String of(String member, int[] position, int depth) {
		StringBuilder pointer = new StringBuilder(member.length() + 1 + 4 * depth).append('/').append(member);
		for (int d = 0; d < depth; d++) {
			pointer.append('/').append(position[d]);
		}
		return pointer.toString();
	}

}

package ai.activation.engine;

/**
 * An input element outside the domain of an elementwise function (log1mexp, defined for x
 * &gt; 0): answered with 422, the JSON Pointer of the element and the domain, under its
 * own problem type, so that a caller tells a bad input from a result beyond the range of
 * a double. A {@link ResultOutOfRangeException}, so every protocol answers it as one.
 */
public class OutsideDomainException extends ResultOutOfRangeException {

	/**
	 * Creates the exception.
	 * @param pointer the JSON Pointer of the input element, e.g. {@code /values/3}
	 * @param detail the function, its domain and the element, for a person to act on
	 */
	public OutsideDomainException(String pointer, String detail) {
		super(pointer, detail, "outside-domain", "Input outside the domain");
	}

}

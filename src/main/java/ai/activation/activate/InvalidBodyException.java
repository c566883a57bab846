package ai.activation.activate;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * A request body that cannot be read as {@code {"values": X}}: answered with 400 and a
 * JSON Pointer to the first offending place.
 */
public class InvalidBodyException extends HttpMessageNotReadableException {

	private final String pointer;

	/**
	 * Creates the exception.
	 * @param detail what is wrong, for a person to act on
	 * @param pointer the RFC 6901 JSON Pointer of the offending place, e.g.
	 * {@code /values/3/1}, or {@code ""} for the whole document
	 */
	public InvalidBodyException(String detail, String pointer) {
		super(detail, (Throwable) null, null);
		this.pointer = pointer;
	}

	/**
	 * Returns the JSON Pointer of the offending place.
	 * @return the pointer
	 */
	public String getPointer() {
		return this.pointer;
	}

}

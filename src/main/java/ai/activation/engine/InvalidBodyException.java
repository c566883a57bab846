package ai.activation.engine;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Input tensors that cannot be used as given: a body that cannot be read as
 * {@code {"values": X}}, a value that is not finite, a {@code grad} of the wrong shape or
 * missing where it is needed. Answered with 400 and a JSON Pointer to the first offending
 * place; the problem is carried here, so that whoever answers needs to know nothing of
 * this class.
 */
public class InvalidBodyException extends ErrorResponseException {

	private final String pointer;

	/**
	 * Creates the exception.
	 * @param detail what is wrong, for a person to act on
	 * @param pointer the RFC 6901 JSON Pointer of the offending place, e.g.
	 * {@code /values/3/1}, or {@code ""} for the whole document
	 */
	public InvalidBodyException(String detail, String pointer) {
		super(HttpStatus.BAD_REQUEST, problem(detail, pointer), null);
		this.pointer = pointer;
	}

	/**
	 * Returns the refusal of an input value that is NaN or infinite, in the words every
	 * codec uses.
	 * @param member the member the pointer names, e.g. {@link ValuesPointer#VALUES}
	 * @param index the value's row-major index in the member
	 * @param value the value
	 * @param shape the member's dimensions
	 * @return the exception
	 */
	public static InvalidBodyException nonFinite(String member, int index, double value, int[] shape) {
		String pointer = ValuesPointer.of(member, index, shape);
		return new InvalidBodyException(
				"The element at " + pointer + " is " + value + "; every value must be a finite number.", pointer);
	}

	private static ProblemDetail problem(String detail, String pointer) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("invalid-body"));
		problem.setTitle("Invalid request body");
		problem.setProperty("pointer", pointer);
		return problem;
	}

	/**
	 * Returns the JSON Pointer of the offending place.
	 * @return the pointer
	 */
	public String getPointer() {
		return this.pointer;
	}

	/**
	 * Returns the detail alone, without the status and the problem's other members.
	 * @return what is wrong
	 */
	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}

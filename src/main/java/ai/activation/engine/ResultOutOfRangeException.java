package ai.activation.engine;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A result whose true value lies outside the range of a double, so that the service would
 * have to answer with infinity or NaN: answered with 422 and the JSON Pointer of the
 * input element responsible.
 */
public class ResultOutOfRangeException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param pointer the JSON Pointer of the input element, e.g. {@code /values/0/2}
	 * @param detail what happened, for a person to act on
	 */
	public ResultOutOfRangeException(String pointer, String detail) {
		this(pointer, detail, "result-out-of-range", "Result out of range");
	}

	/**
	 * Creates the exception with its own problem type, for a kind of non-finite result.
	 * @param pointer the JSON Pointer of the input element
	 * @param detail what happened, for a person to act on
	 * @param type the problem type, a relative URI
	 * @param title the problem's title
	 */
	protected ResultOutOfRangeException(String pointer, String detail, String type, String title) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(pointer, detail, type, title), null);
	}

	private static ProblemDetail problem(String pointer, String detail, String type, String title) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		problem.setType(URI.create(type));
		problem.setTitle(title);
		problem.setProperty("pointer", pointer);
		return problem;
	}

}

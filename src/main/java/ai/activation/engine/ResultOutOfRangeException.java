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
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(pointer, detail), null);
	}

	private static ProblemDetail problem(String pointer, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		problem.setType(URI.create("result-out-of-range"));
		problem.setTitle("Result out of range");
		problem.setProperty("pointer", pointer);
		return problem;
	}

}

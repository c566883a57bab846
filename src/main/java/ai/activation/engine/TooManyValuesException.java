package ai.activation.engine;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request with more values than the service takes in one call: answered with 413 before
 * the values are read into memory.
 */
public class TooManyValuesException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param maxValues the most values a request may hold
	 * @param detail what is wrong, for a person to act on
	 */
	public TooManyValuesException(int maxValues, String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(maxValues, detail), null);
	}

	private static ProblemDetail problem(int maxValues, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
		problem.setType(URI.create("too-many-values"));
		problem.setTitle("Too many values");
		problem.setProperty("maxValues", maxValues);
		return problem;
	}

}

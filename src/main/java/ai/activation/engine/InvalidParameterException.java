package ai.activation.engine;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter that the function does not take, or whose value is malformed or out
 * of range: answered with 400 and a problem that names the parameter and what it allows.
 */
public class InvalidParameterException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param parameter the name of the offending parameter, as the caller gave it
	 * @param allowed what the parameter allows, in words
	 * @param detail what is wrong, for a person to act on
	 */
	public InvalidParameterException(String parameter, String allowed, String detail) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, allowed, detail), null);
	}

	private static ProblemDetail problem(String parameter, String allowed, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("invalid-parameter"));
		problem.setTitle("Invalid parameter");
		problem.setProperty("parameter", parameter);
		problem.setProperty("allowed", allowed);
		return problem;
	}

	/**
	 * Adds a member to the problem.
	 * @param name the member name
	 * @param value its value
	 * @return this exception
	 */
	public InvalidParameterException with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

}

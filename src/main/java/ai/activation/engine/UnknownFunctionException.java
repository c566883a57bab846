package ai.activation.engine;

import java.net.URI;

import ai.activation.catalog.Catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A function name that is neither a canonical name nor an alias in the catalog: answered
 * with 404 and the list of known names.
 */
public class UnknownFunctionException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param name the name as the caller gave it
	 */
	public UnknownFunctionException(String name) {
		super(HttpStatus.NOT_FOUND, problem(name), null);
	}

	private static ProblemDetail problem(String name) {
		String known = String.join(", ", Catalog.names());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no activation function named '" + name + "'. Known functions and aliases: " + known + ".");
		problem.setType(URI.create("unknown-function"));
		problem.setTitle("Unknown function");
		problem.setProperty("knownFunctions", Catalog.names());
		return problem;
	}

}

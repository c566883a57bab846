package ai.activation.limits;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request body larger than {@link LimitsProperties#getMaxBodySize()}: answered with 413
 * and {@code Connection: close}, since the rest of the body is never read.
 */
class BodyTooLargeException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param maxBodySize the largest body accepted
	 */
	BodyTooLargeException(DataSize maxBodySize) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(maxBodySize), null);
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	static ProblemDetail problem(DataSize maxBodySize) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than the " + maxBodySize.toBytes()
						+ " bytes the service accepts; send fewer values per request.");
		problem.setType(URI.create("body-too-large"));
		problem.setTitle("Body too large");
		problem.setProperty("maxBodySize", maxBodySize.toBytes());
		return problem;
	}

}

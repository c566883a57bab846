package ai.activation.limits;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request whose body has not arrived while
 * {@link LimitsProperties#getMaxWaitingBodies()} other requests already wait for theirs:
 * answered 503 with {@code Retry-After} and {@code Connection: close}, before it can hold
 * a request thread in a blocking read.
 */
class TooManyWaitingBodiesException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param maxWaitingBodies the most requests that may wait for their body at once
	 * @param retryAfter what the caller is told to wait, rounded up to whole seconds
	 */
	TooManyWaitingBodiesException(int maxWaitingBodies, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(maxWaitingBodies), null);
		long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	private static ProblemDetail problem(int maxWaitingBodies) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is already waiting for the bodies of " + maxWaitingBodies + " requests that have not "
						+ "arrived; send the body together with the headers, or retry after the time in the "
						+ "Retry-After header.");
		problem.setType(URI.create("too-many-waiting-bodies"));
		problem.setTitle("Too many bodies waited for");
		problem.setProperty("maxWaitingBodies", maxWaitingBodies);
		return problem;
	}

}

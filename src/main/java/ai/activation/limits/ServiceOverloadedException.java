package ai.activation.limits;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request that would take the values in flight past their budget: answered with 503 and
 * {@code Retry-After}, so that the caller backs off instead of the service running out of
 * memory.
 */
public class ServiceOverloadedException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param retryAfter what the caller is told to wait, rounded up to whole seconds
	 */
	ServiceOverloadedException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
		long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is computing as many values as its memory allows; retry after the time in the "
						+ "Retry-After header.");
		problem.setType(URI.create("overloaded"));
		problem.setTitle("Overloaded");
		return problem;
	}

}

package ai.activation.limits;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request body arriving slower than {@link LimitsProperties#getMinBodyRate()} after
 * {@link LimitsProperties#getBodyGracePeriod()}, or pausing longer than the grace period:
 * answered 408 with {@code Connection: close}, since the rest of the body is not read.
 */
class BodyTooSlowException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param minBodyRate the slowest rate accepted, per second
	 * @param gracePeriod the time allowed before the rate applies
	 * @param bytesRead the bytes of the body that had arrived
	 */
	BodyTooSlowException(DataSize minBodyRate, Duration gracePeriod, long bytesRead) {
		super(HttpStatus.REQUEST_TIMEOUT, problem(minBodyRate, gracePeriod, bytesRead), null);
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	private static ProblemDetail problem(DataSize minBodyRate, Duration gracePeriod, long bytesRead) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT,
				"The request body arrived slower than the " + minBodyRate.toBytes() + " bytes per second the "
						+ "service accepts after the first " + gracePeriod.toMillis() + " ms (or paused longer than "
						+ "that); " + bytesRead + " bytes had arrived. Send the body as fast as it is declared.");
		problem.setType(URI.create("body-too-slow"));
		problem.setTitle("Body too slow");
		problem.setProperty("minBodyRate", minBodyRate.toBytes());
		problem.setProperty("bodyGracePeriodMillis", gracePeriod.toMillis());
		problem.setProperty("bytesRead", bytesRead);
		return problem;
	}

}

package ai.activation.inference;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the {@code /v2} endpoints refuse: its status and a sentence a person can act
 * on, which {@link InferenceErrorFormat} writes as {@code {"error": "<sentence>"}}, the
 * "JSON Error Object" of every endpoint in kserve/open-inference-protocol
 * {@code specification/protocol/inference_rest.md}.
 */
class InferenceException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param status the status: 400 for a bad request, 404 for an unknown model, version
	 * or output, 413 for too many values
	 * @param message what is wrong and, for a fault in the body, where (e.g.
	 * {@code inputs[0].data[3][1]})
	 */
	InferenceException(HttpStatus status, String message) {
		super(status, ProblemDetail.forStatusAndDetail(status, message), null);
	}

	/**
	 * Creates a 400.
	 * @param message what is wrong, and where
	 * @return the exception
	 */
	static InferenceException badRequest(String message) {
		return new InferenceException(HttpStatus.BAD_REQUEST, message);
	}

	/**
	 * Creates a 404.
	 * @param message what is not there
	 * @return the exception
	 */
	static InferenceException notFound(String message) {
		return new InferenceException(HttpStatus.NOT_FOUND, message);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}

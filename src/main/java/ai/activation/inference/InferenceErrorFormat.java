package ai.activation.inference;

import java.util.Map;

import ai.activation.system.ErrorFormat;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The error body of the Open Inference Protocol, for every request under {@code /v2}:
 * {@code {"error": $string}} as {@code application/json}, "the descriptive message for
 * the error" (the "Response JSON Error Object"s of kserve/open-inference-protocol
 * {@code specification/protocol/inference_rest.md}), which tritonclient reads from any
 * answer that is not a 200. The status, and headers such as {@code Retry-After}, stay
 * those of the problem the service decided on; the message is the problem's detail.
 */
@Component
class InferenceErrorFormat implements ErrorFormat {

	/** The path prefix of the protocol. */
	static final String PREFIX = "/v2";

	@Override
	public boolean appliesTo(HttpServletRequest request) {
		String path = ErrorFormat.path(request);
		return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
	}

	@Override
	public Object body(ProblemDetail problem) {
		String detail = problem.getDetail();
		return Map.of("error",
				(detail != null) ? detail : "The request failed with status " + problem.getStatus() + ".");
	}

	@Override
	public MediaType mediaType() {
		return MediaType.APPLICATION_JSON;
	}

}

package ai.activation.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The error body of one wire protocol, for the requests it owns. Every error is decided
 * as an RFC 9457 {@link ProblemDetail}; a protocol whose specification prescribes another
 * body (the Open Inference Protocol's {@code {"error": ...}}) registers a bean of this
 * type, and {@link ProblemDetailsAdvice}, {@link ProblemResponses} and the {@code /error}
 * fallback write that body instead, with the problem's status and headers. Requests no
 * format claims get {@code application/problem+json}.
 */
public interface ErrorFormat {

	/**
	 * Tells whether this format answers the errors of a request.
	 * @param request the request, its path relative to the context path in
	 * {@link #path(HttpServletRequest)}
	 * @return {@code true} if this format writes its error bodies
	 */
	boolean appliesTo(HttpServletRequest request);

	/**
	 * Returns the body that stands for a problem.
	 * @param problem the problem, with its status and detail
	 * @return an object Jackson writes as the body
	 */
	Object body(ProblemDetail problem);

	/**
	 * Returns the media type of the bodies.
	 * @return the media type
	 */
	MediaType mediaType();

	/**
	 * Returns the path of a request without the context path, as the original request had
	 * it when an error is forwarded to {@code /error}.
	 * @param request the request
	 * @return the path
	 */
	static String path(HttpServletRequest request) {
		Object forwarded = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
		String uri = (forwarded instanceof String value) ? value : request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && uri.startsWith(context)) ? uri.substring(context.length()) : uri;
	}

}

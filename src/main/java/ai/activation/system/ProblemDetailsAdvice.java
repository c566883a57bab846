package ai.activation.system;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception raised while handling a request into an RFC 9457
 * {@code application/problem+json} answer: Spring MVC's own (405, 406, 415, 404 for
 * unknown paths), the features' {@link org.springframework.web.ErrorResponse}s, which
 * carry their own problem (body errors with their JSON Pointer among them), and, as a
 * last resort, anything unexpected as a 500 without internals.
 */
@RestControllerAdvice
@EnableConfigurationProperties(ProblemProperties.class)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	/** The RFC 9457 type of problems that say no more than their HTTP status. */
	private static final URI BLANK = URI.create("about:blank");

	private final ProblemProperties properties;

	private final ErrorFormats formats;

	/**
	 * Creates the advice.
	 * @param properties the problem settings
	 * @param formats the error formats the features register; looked up here rather than
	 * injected as {@link ErrorFormats}, so that a web slice test, which holds controller
	 * advice but no components, still gets the advice
	 */
	ProblemDetailsAdvice(ProblemProperties properties, ObjectProvider<ErrorFormat> formats) {
		this.properties = properties;
		this.formats = new ErrorFormats(formats);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle("Unreadable request body");
		problem.setDetail("The request body could not be read; send a JSON document {\"values\": [...]}.");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String detail = "There is no endpoint " + ex.getHttpMethod() + " " + ex.getRequestURL();
		// The management port's own 404s go through this advice too; the hint is for the
		// API.
		detail += ex.getRequestURL().startsWith("/actuator") ? "."
				: "; the service answers POST /activate/{function}, POST /activate/{function}/gradient, "
						+ "GET /activate, GET /activate/{function}, GET /activate/{function}/plot and the Open Inference "
						+ "Protocol under /v2, all described at /swagger-ui.html.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Answers a query string that Tomcat cannot parse into parameters (a parameter
	 * without a name, a broken percent-encoding) with a 400 that does not echo Tomcat's
	 * message.
	 * @param ex the exception
	 * @param request the request
	 * @return the answer
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleUnparsableParameters(InvalidParameterException ex, WebRequest request) {
		HttpStatus status = HttpStatus.BAD_REQUEST;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The query string could not be read as parameters; each one must be name=value with a non-empty, "
						+ "correctly percent-encoded name.");
		problem.setTitle("Malformed query string");
		problem.setType(URI.create("invalid-parameter"));
		return createResponseEntity(problem, new HttpHeaders(), status, request);
	}

	/**
	 * Answers anything no other handler knows with a 500 that gives away nothing of the
	 * internals.
	 * @param ex the exception, logged with its trace
	 * @param request the request
	 * @return the answer
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure answering " + request.getDescription(false), ex);
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The service failed to answer this request; the failure has been logged.");
		return createResponseEntity(problem, new HttpHeaders(), status, request);
	}

	/**
	 * Resolves relative problem types against {@link ProblemProperties#typeBase()} and
	 * marks every problem body as {@code application/problem+json}, whatever the
	 * request's {@code Accept} header says; a request whose protocol has an
	 * {@link ErrorFormat} of its own gets that body instead, with the same status and
	 * headers.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		Optional<ErrorFormat> format = this.formats.of(servletRequest(request));
		if (body instanceof ProblemDetail problem && format.isPresent()) {
			HttpHeaders formatHeaders = new HttpHeaders();
			formatHeaders.putAll(headers);
			formatHeaders.setContentType(format.get().mediaType());
			return new ResponseEntity<>(format.get().body(problem), formatHeaders, status);
		}
		if (body instanceof ProblemDetail problem) {
			URI type = problem.getType();
			if (type == null) {
				problem.setType(BLANK);
			}
			else if (!type.isAbsolute()) {
				problem.setType(this.properties.typeBase().resolve(type));
			}
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return new ResponseEntity<>(body, problemHeaders, status);
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	private static HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof NativeWebRequest web) ? web.getNativeRequest(HttpServletRequest.class) : null;
	}

}

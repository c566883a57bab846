package ai.activation.system;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /error} fallback for errors raised outside Spring MVC's handlers (by the
 * servlet container or a filter): answers an RFC 9457 problem in place of Boot's
 * whitelabel page, with a detail that never echoes the container's message, exception or
 * trace. A request claimed by an {@link ErrorFormat} gets that format's body.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final ErrorFormats formats;

	ProblemErrorController(ErrorFormats formats) {
		this.formats = formats;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<Object> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null || !status.isError()) {
			status = (code == null) ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String value) ? value : request.getRequestURI();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status, request.getMethod(), path));
		Optional<ErrorFormat> format = this.formats.of(request);
		if (format.isPresent()) {
			return ResponseEntity.status(status).contentType(format.get().mediaType()).body(format.get().body(problem));
		}
		problem.setType(URI.create("about:blank"));
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// Leave the instance out rather than fail while answering an error.
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String detail(HttpStatus status, String method, String path) {
		if (status == HttpStatus.NOT_FOUND) {
			return "There is no endpoint " + method + " " + path + ".";
		}
		if (status.is5xxServerError()) {
			return "The service failed to answer this request; the failure has been logged.";
		}
		return "The request could not be processed: " + status.getReasonPhrase() + ".";
	}

}

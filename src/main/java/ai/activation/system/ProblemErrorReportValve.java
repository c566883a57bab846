package ai.activation.system;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report for requests it rejects before they reach the application (a
 * malformed URI, an encoded slash): an RFC 9457 problem in place of Tomcat's HTML page.
 * Errors that reach the application are answered by {@link ProblemDetailsAdvice} and
 * {@link ProblemErrorController}, and this valve then leaves their body alone.
 *
 * <p>
 * A request line or header block larger than {@code server.max-http-request-header-size}
 * is one Tomcat answers 400; this valve answers it 414 when the request line did not fit,
 * and 431 when the headers did not.
 *
 * <p>
 * A request some {@link ErrorFormat} claims (the {@code /v2} paths of the Open Inference
 * Protocol) gets that format's body instead, with the same status and detail; a request
 * whose URI Tomcat could not parse belongs to no format.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * What Tomcat's HTTP/1.1 parser says, in the JVM's locale, when its buffer is full.
	 */
	private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private final Supplier<ErrorFormats> formats;

	/**
	 * Creates the valve Tomcat would create by class name: every error a problem.
	 */
	public ProblemErrorReportValve() {
		this(() -> null);
	}

	/**
	 * Creates a valve that consults the features' error formats.
	 * @param formats the formats, looked up when an error is reported (they are beans
	 * created after the web server), or a supplier of {@code null} for none
	 */
	ProblemErrorReportValve(Supplier<ErrorFormats> formats) {
		this.formats = formats;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == HttpStatus.BAD_REQUEST.value() && throwable instanceof IllegalArgumentException
				&& HEADER_TOO_LARGE.equals(throwable.getMessage())) {
			status = (request.getRequestURI() == null) ? HttpStatus.URI_TOO_LONG.value()
					: HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
			response.setStatus(status);
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String detail = detail(status, title);
		Optional<ErrorFormat> format = format(request);
		if (format.isPresent()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
			write(response, format.get().mediaType().toString(), json.writeValueAsString(format.get().body(problem)));
			return;
		}
		StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":").append(quote(title))
			.append(",\"status\":")
			.append(status)
			.append(",\"detail\":")
			.append(quote(detail));
		String instance = instance(request);
		if (instance != null) {
			json.append(",\"instance\":").append(quote(instance));
		}
		json.append('}');
		write(response, MediaType.APPLICATION_PROBLEM_JSON_VALUE, json.toString());
	}

	private Optional<ErrorFormat> format(Request request) {
		ErrorFormats formats = this.formats.get();
		if (formats == null || request.getRequestURI() == null || request.getCoyoteRequest() == null) {
			return Optional.empty();
		}
		try {
			return formats.of(request);
		}
		catch (RuntimeException ex) {
			// A request Tomcat rejected half-parsed: answer with the problem.
			return Optional.empty();
		}
	}

	private static void write(Response response, String contentType, String body) {
		try {
			response.setContentType(contentType);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to do.
		}
	}

	private static String detail(int status, String title) {
		if (status == HttpStatus.URI_TOO_LONG.value()) {
			return "The request line is longer than the service accepts; send the values in the body and fewer "
					+ "or shorter query parameters.";
		}
		if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
			return "The request headers are larger than the service accepts; send fewer or shorter headers.";
		}
		if (status >= 500) {
			return "The service failed to answer this request.";
		}
		return "The request could not be processed: " + title + "; check the request line and URI encoding.";
	}

	private static String instance(Request request) {
		String uri = request.getRequestURI();
		if (uri == null) {
			return null;
		}
		try {
			return URI.create(uri).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

}

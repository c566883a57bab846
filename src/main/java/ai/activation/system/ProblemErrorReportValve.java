package ai.activation.system;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it rejects before they reach the application (a
 * malformed URI, an encoded slash): an RFC 9457 problem in place of Tomcat's HTML page.
 * Errors that reach the application are answered by {@link ProblemDetailsAdvice} and
 * {@link ProblemErrorController}, and this valve then leaves their body alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String detail = (status >= 500) ? "The service failed to answer this request."
				: "The request could not be processed: " + title + "; check the request line and URI encoding.";
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
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json.toString());
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to do.
		}
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

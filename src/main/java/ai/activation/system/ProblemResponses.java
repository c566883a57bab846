package ai.activation.system;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes an RFC 9457 problem straight to a servlet response, for the filters that answer
 * before Spring MVC is reached (a body too large, a missing API key, a refused CORS
 * request). Problem types are resolved as {@link ProblemDetailsAdvice} resolves them; a
 * request claimed by an {@link ErrorFormat} gets that format's body instead.
 */
@Component
public class ProblemResponses {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ProblemProperties properties;

	private final ErrorFormats formats;

	ProblemResponses(ProblemProperties properties, ErrorFormats formats) {
		this.properties = properties;
		this.formats = formats;
	}

	/**
	 * Writes a problem as the whole response, unless the response is already committed.
	 * @param request the request, whose path becomes the {@code instance}
	 * @param response the response, reset and then written
	 * @param problem the problem; a relative type is resolved against the type base
	 * @throws IOException if the client is gone
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		Optional<ErrorFormat> format = this.formats.of(request);
		if (format.isPresent()) {
			response.resetBuffer();
			response.setStatus(problem.getStatus());
			response.setContentType(format.get().mediaType().toString());
			json.writeValue(response.getOutputStream(), format.get().body(problem));
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		URI type = problem.getType();
		body.put("type", (type == null) ? "about:blank"
				: (type.isAbsolute() ? type : this.properties.typeBase().resolve(type)).toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), body);
	}

}

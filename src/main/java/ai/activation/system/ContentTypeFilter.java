package ai.activation.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type} is not one concrete media type (malformed,
 * or a wildcard such as {@code application/*}) with a 415 problem, before Spring MVC
 * reads the header: parts of it assert that a content type is concrete and would fail
 * with a 500.
 */
class ContentTypeFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	ContentTypeFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The Content-Type header is not a single concrete media type; send application/json.");
			problem.setType(URI.create("about:blank"));
			problem.setTitle(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getReasonPhrase());
			this.problems.write(request, response, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isConcrete(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return !mediaType.isWildcardType() && !mediaType.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}

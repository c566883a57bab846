package ai.activation.security;

import java.io.IOException;
import java.net.URI;

import ai.activation.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers CORS for the whole API port from one configuration: a preflight from an allowed
 * origin is answered here, a cross-origin request from any other origin is refused with a
 * 403 problem, and same-origin and non-browser requests pass untouched.
 */
class ClosedCorsFilter extends OncePerRequestFilter {

	private final CorsConfiguration configuration;

	private final ProblemResponses problems;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// Answered as a problem by the filter.
		}

	};

	ClosedCorsFilter(CorsConfiguration configuration, ProblemResponses problems) {
		this.configuration = configuration;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.processor.processRequest(this.configuration, request, response)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"Cross-origin requests from " + request.getHeader("Origin")
							+ " are not allowed; the allowed origins are set in activation.cors.allowed-origins.");
			problem.setType(URI.create("cors-refused"));
			problem.setTitle("Cross-origin request refused");
			this.problems.write(request, response, problem);
			return;
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			return;
		}
		chain.doFilter(request, response);
	}

}

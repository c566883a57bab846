package ai.activation.metrics;

import java.io.IOException;

import ai.activation.metrics.ActivationMetrics.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every {@code POST /activate/{function}} with the status it was answered with,
 * wherever the answer was decided: in the controller, in validation, or in a filter that
 * refused the request before Spring MVC saw it. It runs first so that it sees them all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActivationCallsFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/activate/";

	private final ActivationMetrics metrics;

	ActivationCallsFilter(ActivationMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || functionName(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String name = functionName(request);
		boolean completed = false;
		try {
			chain.doFilter(request, response);
			completed = true;
		}
		finally {
			// An exception escaping the chain becomes a 500 further out.
			this.metrics.recordCall(name, completed ? Outcome.of(response.getStatus()) : Outcome.SERVER_ERROR);
		}
	}

	/**
	 * The single path segment after {@code /activate/}, or {@code null} when the path is
	 * not a call (the catalog, a plot, anything deeper).
	 */
	private static String functionName(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(PREFIX)) {
			return null;
		}
		String name = path.substring(PREFIX.length());
		return (name.isEmpty() || name.indexOf('/') >= 0) ? null : name;
	}

}

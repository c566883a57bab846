package ai.activation.metrics;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Counts every {@code POST /activate/{function}} and {@code POST
 * /activate/{function}/gradient} (protocol {@code activate}), and every {@code POST
 * /v2/models/{model}[/versions/{version}]/infer} (protocol {@code v2}), with the status
 * it was answered with, wherever the answer was decided: in the controller, in
 * validation, or in a filter that refused the request before Spring MVC saw it. It runs
 * first so that it sees them all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActivationCallsFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/activate/";

	private static final String GRADIENT = "/gradient";

	/**
	 * {@code POST /v2/models/{model}[/versions/{version}]/infer} of the Open Inference
	 * Protocol; group 1 is the model.
	 */
	private static final Pattern INFER = Pattern.compile("/v2/models/([^/]+)(?:/versions/[^/]+)?/infer");

	private final ActivationMetrics metrics;

	ActivationCallsFilter(ActivationMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || (functionName(request) == null && inferModel(request) == null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String model = inferModel(request);
		String name = (model != null) ? model : functionName(request);
		String protocol = (model != null) ? ActivationMetrics.V2_PROTOCOL : ActivationMetrics.ACTIVATE_PROTOCOL;
		String mode = isGradient(request) ? ActivationMetrics.GRADIENT_MODE : ActivationMetrics.VALUE_MODE;
		boolean completed = false;
		try {
			chain.doFilter(request, response);
			completed = true;
		}
		finally {
			// An exception escaping the chain becomes a 500 further out.
			this.metrics.recordCall(name, mode, protocol,
					completed ? Outcome.of(response.getStatus()) : Outcome.SERVER_ERROR);
		}
	}

	/**
	 * The single path segment after {@code /activate/}, alone or followed by
	 * {@code /gradient}, or {@code null} when the path is not a call (the catalog, a
	 * plot, anything else).
	 */
	private static String functionName(HttpServletRequest request) {
		String path = path(request);
		if (!path.startsWith(PREFIX)) {
			return null;
		}
		String name = path.substring(PREFIX.length());
		if (name.endsWith(GRADIENT)) {
			name = name.substring(0, name.length() - GRADIENT.length());
		}
		return (name.isEmpty() || name.indexOf('/') >= 0) ? null : name;
	}

	/** The model of an inference request, or {@code null} for any other path. */
	private static String inferModel(HttpServletRequest request) {
		Matcher matcher = INFER.matcher(path(request));
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static boolean isGradient(HttpServletRequest request) {
		String path = path(request);
		return path.startsWith(PREFIX) && path.substring(PREFIX.length()).endsWith(GRADIENT);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}

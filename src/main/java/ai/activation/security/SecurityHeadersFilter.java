package ai.activation.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the headers every answer carries, before anything else can answer: no content-type
 * sniffing, and no caching by default, since results depend on the body and problems on
 * the moment. A handler may set its own {@code Cache-Control} (a plot, say), which
 * replaces this one.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String NO_STORE = "no-store";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
		chain.doFilter(request, response);
	}

}

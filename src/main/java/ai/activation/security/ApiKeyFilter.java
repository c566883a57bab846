package ai.activation.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

import ai.activation.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request that changes or computes anything through only with a configured key in
 * {@code X-API-Key}; {@code GET}, {@code HEAD} and {@code OPTIONS} pass without one, so
 * that the catalog, the documentation, plots loaded as images and CORS preflights work
 * from a browser. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured key, so that the time taken
 * says nothing about how much of a key was right.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private static final Set<String> OPEN_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final List<byte[]> keys;

	private final ProblemResponses problems;

	ApiKeyFilter(List<String> keys, ProblemResponses problems) {
		this.keys = keys.stream().map(ApiKeyFilter::digest).toList();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return OPEN_METHODS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented != null && matches(digest(presented))) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				(presented == null) ? "This request needs an API key in the " + HEADER + " header."
						: "The API key in the " + HEADER + " header is not valid.");
		problem.setType(URI.create("unauthorized"));
		problem.setTitle("Unauthorized");
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
		this.problems.write(request, response, problem);
	}

	private boolean matches(byte[] presented) {
		boolean match = false;
		for (byte[] key : this.keys) {
			match |= MessageDigest.isEqual(key, presented);
		}
		return match;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}

package ai.activation.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ai.activation.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every request to the body-size limit and to the budget of values in flight. A
 * {@code Content-Length} above the limit is answered 413 before a byte of the body is
 * read; any other body, chunked ones included, is counted as it is read and refused with
 * 413 at the first byte too many. The request's {@link InFlightValues.Lease} is open
 * while the request is served and closed once its response is written.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

	private final DataSize maxBodySize;

	private final InFlightValues inFlight;

	private final ProblemResponses problems;

	RequestLimitsFilter(DataSize maxBodySize, InFlightValues inFlight, ProblemResponses problems) {
		this.maxBodySize = maxBodySize;
		this.inFlight = inFlight;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBodySize.toBytes()) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
			this.problems.write(request, response, BodyTooLargeException.problem(this.maxBodySize));
			return;
		}
		try (InFlightValues.Lease lease = this.inFlight.open()) {
			chain.doFilter(new LimitedRequest(request, this.maxBodySize), response);
		}
	}

	/** A request whose body stream refuses to give more than the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final DataSize limit;

		private ServletInputStream body;

		LimitedRequest(HttpServletRequest request, DataSize limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	/** Counts the bytes read and throws {@link BodyTooLargeException} past the limit. */
	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final DataSize limit;

		private long count;

		LimitedInputStream(ServletInputStream in, DataSize limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.limit.toBytes()) {
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}

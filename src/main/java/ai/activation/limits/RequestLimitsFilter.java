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
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every request to the body-size limit, to the pace of its body and to the budget
 * of values in flight. A {@code Content-Length} above the limit is answered 413 before a
 * byte of the body is read; any other body, chunked ones included, is counted as it is
 * read and refused with 413 at the first byte too many. Each read is held to the body's
 * {@link BodyPace}: too slow a body is answered 408, one that would wait while every
 * place for waiting bodies is taken 503, and the rest of either body is never read. The
 * request's {@link InFlightValues.Lease} and its place among the waiting bodies are held
 * while the request is served and given back once its response is written, however it
 * ended.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

	private final DataSize maxBodySize;

	private final InFlightValues inFlight;

	private final LimitsProperties limits;

	private final WaitingBodies waiting;

	private final ProblemResponses problems;

	RequestLimitsFilter(LimitsProperties limits, InFlightValues inFlight, WaitingBodies waiting,
			ProblemResponses problems) {
		this.maxBodySize = limits.getMaxBodySize();
		this.limits = limits;
		this.inFlight = inFlight;
		this.waiting = waiting;
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
		try (InFlightValues.Lease lease = this.inFlight.open();
				BodyPace pace = new BodyPace(this.limits.getMinBodyRate(), this.limits.getBodyGracePeriod(),
						this.waiting, this.limits.getRetryAfter())) {
			chain.doFilter(new LimitedRequest(request, this.maxBodySize, pace), response);
		}
	}

	/** A request whose body stream refuses to give more than the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final DataSize limit;

		private final BodyPace pace;

		private ServletInputStream body;

		LimitedRequest(HttpServletRequest request, DataSize limit, BodyPace pace) {
			super(request);
			this.limit = limit;
			this.pace = pace;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new LimitedInputStream(super.getInputStream(), this.limit, this.pace, getRequest());
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

	/**
	 * Counts the bytes read, throws {@link BodyTooLargeException} past the limit, and
	 * holds each read to the body's pace; a body refused for its pace is marked so that
	 * Tomcat does not read its rest.
	 */
	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final DataSize limit;

		private final BodyPace pace;

		private final ServletRequest request;

		private long count;

		LimitedInputStream(ServletInputStream in, DataSize limit, BodyPace pace, ServletRequest request) {
			this.in = in;
			this.limit = limit;
			this.pace = pace;
			this.request = request;
		}

		@Override
		public int read() throws IOException {
			beforeRead();
			int b;
			try {
				b = this.in.read();
			}
			catch (IOException ex) {
				throw refused(ex);
			}
			if (b >= 0) {
				count(1);
			}
			afterRead();
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			beforeRead();
			int n;
			try {
				n = this.in.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw refused(ex);
			}
			if (n > 0) {
				count(n);
			}
			afterRead();
			return n;
		}

		private void beforeRead() throws IOException {
			try {
				this.pace.beforeRead(this.in, this.count);
			}
			catch (BodyTooSlowException | TooManyWaitingBodiesException ex) {
				AbandonedBodyValve.mark(this.request);
				throw ex;
			}
		}

		private void afterRead() {
			try {
				this.pace.afterRead(this.count);
			}
			catch (BodyTooSlowException ex) {
				AbandonedBodyValve.mark(this.request);
				throw ex;
			}
		}

		/**
		 * A pause longer than Tomcat's upload timeout (the grace period) becomes a 408 of
		 * the service's own; any other failure is the client's and passes through.
		 */
		private IOException refused(IOException ex) {
			if (BodyPace.isTimeout(ex)) {
				AbandonedBodyValve.mark(this.request);
				throw this.pace.tooSlow(this.count);
			}
			return ex;
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

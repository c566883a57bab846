package ai.activation.limits;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Tells Tomcat not to read the rest of a body the service has given up on. After an
 * answer, Tomcat reads and discards what remains of the body so that the connection can
 * serve the next request ({@code server.tomcat.max-swallow-size}); for a body cut off
 * because it trickles in, that would hold the request thread in the same slow read. A
 * request marked with {@link #mark(ServletRequest)} has its connection closed once the
 * answer is written instead.
 */
class AbandonedBodyValve extends ValveBase {

	private static final String ABANDONED = AbandonedBodyValve.class.getName() + ".ABANDONED";

	AbandonedBodyValve() {
		super(true);
	}

	/**
	 * Marks the request's body as abandoned: its rest is never read.
	 * @param request the request
	 */
	static void mark(ServletRequest request) {
		request.setAttribute(ABANDONED, Boolean.TRUE);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (request.getAttribute(ABANDONED) != null) {
				// Tomcat's Http11Processor then skips the swallow and closes the
				// connection.
				request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}
	}

}

package ai.activation.limits;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.servlet.ServletInputStream;

import org.springframework.util.unit.DataSize;

/**
 * Holds one request body to a minimum rate and to a place among the
 * {@link WaitingBodies}. The body's deadline grows with the data received:
 * {@code start + grace + received /
 * rate}; a read that begins or returns past it is refused with
 * {@link BodyTooSlowException}. A read that may wait on the network, because none of the
 * body is in the server's buffer, first takes a place among the waiting bodies, which the
 * request keeps until {@link #close()}; with none free it is refused with
 * {@link TooManyWaitingBodiesException}. A body that already arrived with its headers
 * never needs a place.
 */
final class BodyPace implements AutoCloseable {

	private final DataSize minRate;

	private final Duration gracePeriod;

	private final WaitingBodies waiting;

	private final Duration retryAfter;

	private final long start;

	private final double nanosPerByte;

	private boolean waitingPlace;

	/**
	 * Starts the clock of one request's body.
	 * @param minRate the slowest rate accepted, per second, at least one byte
	 * @param gracePeriod the time allowed before the rate applies
	 * @param waiting the places for requests waiting for their body
	 * @param retryAfter what a request refused for want of a place is told to wait
	 */
	BodyPace(DataSize minRate, Duration gracePeriod, WaitingBodies waiting, Duration retryAfter) {
		this.minRate = minRate;
		this.gracePeriod = gracePeriod;
		this.waiting = waiting;
		this.retryAfter = retryAfter;
		this.start = System.nanoTime();
		this.nanosPerByte = 1e9 / minRate.toBytes();
	}

	/**
	 * Called before each read of the body.
	 * @param in the body stream about to be read
	 * @param received the bytes of the body read so far
	 * @throws IOException if the stream cannot say what it holds
	 */
	void beforeRead(ServletInputStream in, long received) throws IOException {
		checkDeadline(received);
		if (!this.waitingPlace && !in.isFinished() && in.available() == 0) {
			if (!this.waiting.tryEnter()) {
				throw new TooManyWaitingBodiesException(this.waiting.capacity(), this.retryAfter);
			}
			this.waitingPlace = true;
		}
	}

	/**
	 * Called after each read of the body that returned.
	 * @param received the bytes of the body read so far
	 */
	void afterRead(long received) {
		checkDeadline(received);
	}

	/**
	 * Returns whether a read failed because the body paused longer than Tomcat's upload
	 * timeout, which is the grace period.
	 * @param ex what the read threw
	 * @return whether it is a timeout
	 */
	static boolean isTimeout(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the refusal of this body as too slow.
	 * @param received the bytes of the body read so far
	 * @return the exception to throw
	 */
	BodyTooSlowException tooSlow(long received) {
		return new BodyTooSlowException(this.minRate, this.gracePeriod, received);
	}

	private void checkDeadline(long received) {
		double allowed = this.gracePeriod.toNanos() + received * this.nanosPerByte;
		if (System.nanoTime() - this.start > allowed) {
			throw tooSlow(received);
		}
	}

	/** Gives back the place among the waiting bodies, if the request took one. */
	@Override
	public void close() {
		if (this.waitingPlace) {
			this.waitingPlace = false;
			this.waiting.leave();
		}
	}

}

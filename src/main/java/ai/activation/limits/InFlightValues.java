package ai.activation.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget of values held in memory by all requests at once. A request holds a
 * {@link Lease} from before its body is read until its response is written; its body
 * reader {@linkplain #reserve(long) reserves} room before allocating for values, and past
 * the budget the request is answered 503 with {@code Retry-After} instead of running the
 * heap out.
 */
public class InFlightValues {

	private final long capacity;

	private final Duration retryAfter;

	private final AtomicLong inUse = new AtomicLong();

	private final ThreadLocal<Lease> current = new ThreadLocal<>();

	/**
	 * Creates a budget.
	 * @param capacity the most values held at once
	 * @param retryAfter what a refused caller is told to wait
	 */
	public InFlightValues(long capacity, Duration retryAfter) {
		this.capacity = capacity;
		this.retryAfter = retryAfter;
	}

	/**
	 * Reserves room for more values for the request the current thread serves, until its
	 * lease is closed. Outside a request that holds a lease, nothing is reserved.
	 * @param values how many more values the request is about to hold
	 * @throws ServiceOverloadedException if the budget has no room for them
	 */
	public void reserve(long values) {
		Lease lease = this.current.get();
		if (lease == null || values <= 0) {
			return;
		}
		long used;
		do {
			used = this.inUse.get();
			if (used + values > this.capacity) {
				throw new ServiceOverloadedException(this.retryAfter);
			}
		}
		while (!this.inUse.compareAndSet(used, used + values));
		lease.held += values;
	}

	/**
	 * Returns how many values are reserved now, by all requests.
	 * @return the values in flight
	 */
	public long inUse() {
		return this.inUse.get();
	}

	/**
	 * Returns the budget.
	 * @return the most values held at once
	 */
	public long capacity() {
		return this.capacity;
	}

	/**
	 * Opens the lease of the request the current thread serves.
	 * @return the lease, to be closed once the response is written
	 */
	Lease open() {
		Lease lease = new Lease();
		this.current.set(lease);
		return lease;
	}

	/** The values one request holds; closing it gives them back. */
	final class Lease implements AutoCloseable {

		private long held;

		@Override
		public void close() {
			InFlightValues.this.current.remove();
			InFlightValues.this.inUse.addAndGet(-this.held);
			this.held = 0;
		}

	}

}

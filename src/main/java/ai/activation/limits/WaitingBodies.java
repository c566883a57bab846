package ai.activation.limits;

import java.util.concurrent.Semaphore;

/**
 * The places for requests that wait on the network for their body, each holding a request
 * thread in a blocking read meanwhile. Bounding them leaves the other request threads to
 * requests whose body is already in the server's buffer, however many slow bodies are
 * pending.
 */
public class WaitingBodies {

	private final int capacity;

	private final Semaphore places;

	/**
	 * Creates the places.
	 * @param capacity the most requests that may wait for their body at once
	 */
	public WaitingBodies(int capacity) {
		this.capacity = capacity;
		this.places = new Semaphore(capacity);
	}

	/**
	 * Takes a place if one is free, without waiting.
	 * @return whether a place was taken, to be given back with {@link #leave()}
	 */
	boolean tryEnter() {
		return this.places.tryAcquire();
	}

	/** Gives back a place taken by {@link #tryEnter()}. */
	void leave() {
		this.places.release();
	}

	/**
	 * Returns how many requests wait for their body now.
	 * @return the places taken
	 */
	public int waiting() {
		return this.capacity - this.places.availablePermits();
	}

	/**
	 * Returns the most requests that may wait for their body at once.
	 * @return the places
	 */
	public int capacity() {
		return this.capacity;
	}

}

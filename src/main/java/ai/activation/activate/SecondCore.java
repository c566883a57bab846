package ai.activation.activate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one helper thread that a large JSON request hands half of its parsing or printing
 * to, so that a lone 1M-value request uses both cores of the machine (issue 12). It never
 * queues: {@link #EXECUTOR} refuses a task with {@link RejectedExecutionException} while
 * the helper is busy, and the request thread then does that half itself. Under load, when
 * every core already serves a request, the work thus stays on the request threads and the
 * cores are not oversubscribed; at most one helper exists, and it ends after 30 s without
 * work.
 */
final class SecondCore {

	/** Runs one task at a time on the helper, or refuses it while the helper is busy. */
	static final Executor EXECUTOR = executor();

	private SecondCore() {
	}

	/**
	 * Starts {@code second} on {@code helper}, or keeps it for this thread when the
	 * helper refuses it; the caller does its own half and then calls
	 * {@link Handoff#join}.
	 */
	static <T> Handoff<T> start(Executor helper, Supplier<T> second) {
		try {
			return new Handoff<>(CompletableFuture.supplyAsync(second, helper), second);
		}
		catch (RejectedExecutionException busy) {
			return new Handoff<>(null, second);
		}
	}

	/** A half handed to the helper, or kept for the request thread when it was busy. */
	static final class Handoff<T> {

		private final CompletableFuture<T> running;

		private final Supplier<T> task;

		private Handoff(CompletableFuture<T> running, Supplier<T> task) {
			this.running = running;
			this.task = task;
		}

		/**
		 * The half's result: waits for the helper, or runs the half here when the helper
		 * was busy. A failure on the helper comes back as an
		 * {@link IllegalStateException} whose cause is the helper's exception; one here
		 * propagates as it is.
		 * @param what the half's work, for the messages, e.g. "print the second half"
		 */
		T join(String what) {
			if (this.running == null) {
				return this.task.get();
			}
			try {
				return this.running.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while the helper was to " + what, ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("the helper failed to " + what, ex.getCause());
			}
		}

	}

	private static Executor executor() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "activate-second-core");
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}

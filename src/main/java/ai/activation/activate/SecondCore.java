package ai.activation.activate;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

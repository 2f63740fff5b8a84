package dev.sws.websocket;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads an {@link SwsWebSocketHandlerDecoratorFactory} or {@link SwsWebSocketClient} makes for itself when its builder
 * was given none: one timer thread, and an I/O pool for the transport work that timers trigger.
 * {@link #close()} stops only those.
 */
final class SwsThreads implements AutoCloseable {

	/** The I/O pool's size: a write stuck on a peer that stopped reading holds one thread. */
	static final int IO_THREADS = 64;

	private final @Nullable ThreadPoolTaskScheduler ownedScheduler;

	private final @Nullable ThreadPoolTaskExecutor ownedIoExecutor;

	private SwsThreads(@Nullable ThreadPoolTaskScheduler ownedScheduler, @Nullable ThreadPoolTaskExecutor ownedIoExecutor) {
		this.ownedScheduler = ownedScheduler;
		this.ownedIoExecutor = ownedIoExecutor;
	}

	/**
	 * Creates the threads a builder lacks.
	 * @param builder the server's or client's builder
	 * @param threadNamePrefix the prefix of the threads' names, such as {@code "sws-server-"}
	 * @return the threads, to close with the server or client
	 */
	static SwsThreads forBuilder(SwsSessionOptionsBuilder<?> builder, String threadNamePrefix) {
		ThreadPoolTaskScheduler scheduler = (builder.scheduler() == null) ? newScheduler(threadNamePrefix + "timer-")
				: null;
		ThreadPoolTaskExecutor executor = (builder.ioExecutor() == null) ? newIoExecutor(threadNamePrefix + "io-") : null;
		return new SwsThreads(scheduler, executor);
	}

	/** The scheduler made here, or {@code null} if the builder had one. */
	@Nullable TaskScheduler scheduler() {
		return this.ownedScheduler;
	}

	/** The I/O executor made here, or {@code null} if the builder had one. */
	@Nullable Executor ioExecutor() {
		return this.ownedIoExecutor;
	}

	/** A one-thread daemon scheduler; its tasks never block. */
	static ThreadPoolTaskScheduler newScheduler(String threadNamePrefix) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix(threadNamePrefix);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * A daemon pool that starts a thread per task up to {@value #IO_THREADS}, queues beyond, and
	 * lets each thread end after a minute of idleness, so that an idle application holds none.
	 */
	private static ThreadPoolTaskExecutor newIoExecutor(String threadNamePrefix) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(threadNamePrefix);
		executor.setDaemon(true);
		executor.setCorePoolSize(IO_THREADS);
		executor.setMaxPoolSize(IO_THREADS);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setKeepAliveSeconds(60);
		executor.initialize();
		return executor;
	}

	/** Stops the scheduler and executor made here. */
	@Override
	public void close() {
		if (this.ownedScheduler != null) {
			this.ownedScheduler.shutdown();
		}
		if (this.ownedIoExecutor != null) {
			this.ownedIoExecutor.shutdown();
		}
	}

}

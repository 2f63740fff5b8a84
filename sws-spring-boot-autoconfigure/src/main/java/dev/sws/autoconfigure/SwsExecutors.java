package dev.sws.autoconfigure;

import java.time.Duration;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sws.websocket.SwsSessionOptionsBuilder;

/**
 * The threads of the auto-configured SWS server and client, built with the context's task
 * builders (so the application's {@code TaskDecorator}s and builder customizers apply) and shut
 * down with the context:
 * <ul>
 * <li>a one-thread timer scheduler ({@code sws-timer-}), for handshake timeouts, the first-frame
 * hold and the send-time watchdog: its tasks never block, they hand any I/O to the executor;</li>
 * <li>an I/O executor ({@code sws-io-}) for that I/O, whose tasks may block on a slow peer for up
 * to the send-time limit: with virtual threads ({@code spring.threads.virtual.enabled} on Java 21
 * or newer) a thread per task; otherwise a pool that grows to {@value #IO_THREADS} threads, queues
 * beyond, and lets idle threads end after a minute.</li>
 * </ul>
 * Neither is the application's {@code taskScheduler} or {@code applicationTaskExecutor}: a
 * {@code @Scheduled} job or a STOMP channel task blocked there would delay SWS's timers, and a
 * peer that stops reading would hold threads the application needs. Nor are they beans of type
 * {@code TaskScheduler} or {@code Executor}, which would make Boot back off from creating those
 * and make {@code @Scheduled} and {@code @Async} pick SWS's threads; this holder is the bean.
 */
final class SwsExecutors implements AutoCloseable {

	/** The platform-thread I/O pool's size: a write stuck on a peer that stopped reading holds one thread. */
	static final int IO_THREADS = 64;

	private final ThreadPoolTaskScheduler scheduler;

	private final TaskExecutor ioExecutor;

	private SwsExecutors(ThreadPoolTaskScheduler scheduler, TaskExecutor ioExecutor) {
		this.scheduler = scheduler;
		this.ioExecutor = ioExecutor;
	}

	/**
	 * Creates the threads, the I/O executor on platform threads.
	 * @param schedulerBuilder the context's scheduler builder
	 * @param executorBuilder the context's thread pool builder
	 * @return the threads
	 */
	static SwsExecutors platformThreads(ThreadPoolTaskSchedulerBuilder schedulerBuilder,
			ThreadPoolTaskExecutorBuilder executorBuilder) {
		ThreadPoolTaskExecutor executor = executorBuilder.corePoolSize(IO_THREADS)
			.maxPoolSize(IO_THREADS)
			.queueCapacity(Integer.MAX_VALUE)
			.allowCoreThreadTimeOut(true)
			.keepAlive(Duration.ofMinutes(1))
			.threadNamePrefix("sws-io-")
			.build();
		executor.setDaemon(true);
		executor.initialize();
		return new SwsExecutors(scheduler(schedulerBuilder), executor);
	}

	/**
	 * Creates the threads, the I/O executor on the threads of the given builder, without a
	 * concurrency limit: a timer that hands it work must never wait for a free slot.
	 * @param schedulerBuilder the context's scheduler builder
	 * @param executorBuilder the context's simple executor builder, set for virtual threads
	 * @return the threads
	 */
	static SwsExecutors virtualThreads(ThreadPoolTaskSchedulerBuilder schedulerBuilder,
			SimpleAsyncTaskExecutorBuilder executorBuilder) {
		SimpleAsyncTaskExecutor executor = executorBuilder.threadNamePrefix("sws-io-").build();
		executor.setConcurrencyLimit(SimpleAsyncTaskExecutor.UNBOUNDED_CONCURRENCY);
		return new SwsExecutors(scheduler(schedulerBuilder), executor);
	}

	private static ThreadPoolTaskScheduler scheduler(ThreadPoolTaskSchedulerBuilder builder) {
		ThreadPoolTaskScheduler scheduler = builder.poolSize(1).threadNamePrefix("sws-timer-").build();
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Sets the scheduler and the I/O executor on a server or client builder.
	 * @param builder the builder
	 */
	void applyTo(SwsSessionOptionsBuilder<?> builder) {
		builder.scheduler(this.scheduler).ioExecutor(this.ioExecutor);
	}

	TaskScheduler getScheduler() {
		return this.scheduler;
	}

	TaskExecutor getIoExecutor() {
		return this.ioExecutor;
	}

	/** Stops both, as the context closes. */
	@Override
	public void close() {
		this.scheduler.shutdown();
		if (this.ioExecutor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
		else if (this.ioExecutor instanceof SimpleAsyncTaskExecutor simple) {
			simple.close();
		}
	}

}

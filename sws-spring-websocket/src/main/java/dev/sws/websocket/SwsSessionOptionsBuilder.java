package dev.sws.websocket;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

import dev.sws.protocol.SessionLimitsBuilder;

/**
 * The session options that {@link SwsWebSocketHandlerDecoratorFactory.Builder} and {@link SwsWebSocketClient.Builder}
 * share: the limits and clock of every stack, and the servlet stack's message mapping, scheduler,
 * I/O executor and listener. At the {@link #maxOutboundBuffer(int) outbound buffer} limit, a send
 * that finds more waiting (another write to the peer still in progress, or the first-frame hold
 * on) closes the session with 4500; so does a write stuck for longer than the
 * {@link #sendTimeLimit(java.time.Duration) send time limit}.
 *
 * @param <B> the concrete builder
 */
public abstract class SwsSessionOptionsBuilder<B extends SwsSessionOptionsBuilder<B>> extends SessionLimitsBuilder<B> {

	private InboundMessageMode inboundMode = InboundMessageMode.AUTO;

	private @Nullable TaskScheduler scheduler;

	private @Nullable Executor ioExecutor;

	private SwsEventListener listener = SwsEventListener.NONE;

	SwsSessionOptionsBuilder() {
	}

	/**
	 * Sets how decrypted messages are handed to handlers (default {@link InboundMessageMode#AUTO}).
	 * @param inboundMode the mode
	 * @return this builder
	 */
	public B inboundMode(InboundMessageMode inboundMode) {
		this.inboundMode = Objects.requireNonNull(inboundMode, "inboundMode");
		return self();
	}

	/**
	 * Sets the scheduler that times handshakes, the first-frame hold and the send-time watchdog.
	 * Its tasks never do I/O: they hand it to the {@link #ioExecutor(Executor) I/O executor}. By
	 * default a one-thread daemon scheduler of SWS's own is used.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public B scheduler(TaskScheduler scheduler) {
		this.scheduler = scheduler;
		return self();
	}

	/**
	 * Sets the executor that runs the transport I/O timers trigger: closing timed-out handshakes,
	 * writing frames held back after the handshake, closing sessions whose peer stopped reading. A
	 * task may block on a slow peer for up to the send time limit, so the executor must not be
	 * one whose threads other work waits for; by default SWS uses a pool of its own that grows to
	 * 64 daemon threads, each ending after a minute of idleness.
	 * @param ioExecutor the executor
	 * @return this builder
	 */
	public B ioExecutor(Executor ioExecutor) {
		this.ioExecutor = ioExecutor;
		return self();
	}

	/**
	 * Sets the listener of session events, for metrics.
	 * @param listener the listener
	 * @return this builder
	 */
	public B listener(SwsEventListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		return self();
	}

	/** The scheduler set on this builder, or {@code null}. */
	@Nullable TaskScheduler scheduler() {
		return this.scheduler;
	}

	/** The I/O executor set on this builder, or {@code null}. */
	@Nullable Executor ioExecutor() {
		return this.ioExecutor;
	}

	/**
	 * The options, with the defaults standing in for an unset scheduler and I/O executor.
	 * @throws NullPointerException if neither this builder nor the defaults have one
	 */
	SwsSessionOptions options(@Nullable TaskScheduler defaultScheduler, @Nullable Executor defaultIoExecutor) {
		TaskScheduler scheduler = (this.scheduler != null) ? this.scheduler : defaultScheduler;
		Executor ioExecutor = (this.ioExecutor != null) ? this.ioExecutor : defaultIoExecutor;
		return new SwsSessionOptions(getHandshakeTimeout(), getMaxMessageSize(), this.inboundMode,
				getMaxOutboundBuffer(), getSendTimeLimit(), Objects.requireNonNull(scheduler, "scheduler"),
				Objects.requireNonNull(ioExecutor, "ioExecutor"), getClock(), this.listener);
	}

}

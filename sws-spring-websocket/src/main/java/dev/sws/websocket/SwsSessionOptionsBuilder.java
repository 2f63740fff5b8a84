package dev.sws.websocket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

import dev.sws.protocol.SessionLimits;

/**
 * The session options that {@link SwsWebSocketHandlerDecoratorFactory.Builder} and {@link SwsWebSocketClient.Builder}
 * share: handshake timeout, message size limit, message mapping, outbound limits, scheduler, I/O
 * executor, clock and listener.
 *
 * @param <B> the concrete builder
 */
public abstract class SwsSessionOptionsBuilder<B extends SwsSessionOptionsBuilder<B>> {

	private Duration handshakeTimeout = SessionLimits.DEFAULT_HANDSHAKE_TIMEOUT;

	private int maxMessageSize = SessionLimits.DEFAULT_MAX_MESSAGE_SIZE;

	private InboundMessageMode inboundMode = InboundMessageMode.AUTO;

	private int maxOutboundBuffer = SessionLimits.DEFAULT_MAX_OUTBOUND_BUFFER;

	private Duration sendTimeLimit = SessionLimits.DEFAULT_SEND_TIME_LIMIT;

	private @Nullable TaskScheduler scheduler;

	private @Nullable Executor ioExecutor;

	private Clock clock = Clock.systemUTC();

	private SwsEventListener listener = SwsEventListener.NONE;

	SwsSessionOptionsBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Sets how long a handshake may take (default 2 s); a stalled peer is closed with 1008.
	 * @param timeout the timeout
	 * @return this builder
	 */
	public B handshakeTimeout(Duration timeout) {
		this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
		return self();
	}

	/**
	 * Sets the largest accepted message, in plaintext bytes (default 1 MiB); larger frames are
	 * closed with 1009 before any decryption.
	 * @param maxMessageSize the limit
	 * @return this builder
	 */
	public B maxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return self();
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
	 * Sets how many bytes of encrypted frames may wait for a peer that does not read fast enough
	 * (default 4 MiB). A send that finds more waiting, because another write to the peer is still
	 * in progress or the first-frame hold is on, closes the session with 4500. One message always
	 * goes through when nothing else waits.
	 * @param maxOutboundBuffer the limit in bytes
	 * @return this builder
	 */
	public B maxOutboundBuffer(int maxOutboundBuffer) {
		this.maxOutboundBuffer = maxOutboundBuffer;
		return self();
	}

	/**
	 * Sets how long writing one frame to the peer may take (default 10 s); a session whose peer
	 * stops reading is closed with 4500 once a write has been stuck that long.
	 * @param sendTimeLimit the limit
	 * @return this builder
	 */
	public B sendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
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
	 * Sets the clock (default: system UTC).
	 * @param clock the clock
	 * @return this builder
	 */
	public B clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
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
		return new SwsSessionOptions(this.handshakeTimeout, this.maxMessageSize, this.inboundMode,
				this.maxOutboundBuffer, this.sendTimeLimit, Objects.requireNonNull(scheduler, "scheduler"),
				Objects.requireNonNull(ioExecutor, "ioExecutor"), this.clock, this.listener);
	}

}

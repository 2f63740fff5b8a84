package dev.sws.socket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.springframework.scheduling.TaskScheduler;

/**
 * The session options that {@link SwsServer.Builder} and {@link SwsWebSocketClient.Builder}
 * share: handshake timeout, message size limit, message mapping, scheduler, clock and listener.
 *
 * @param <B> the concrete builder
 */
public abstract class SwsSessionOptionsBuilder<B extends SwsSessionOptionsBuilder<B>> {

	private Duration handshakeTimeout = SwsSessionOptions.DEFAULT_HANDSHAKE_TIMEOUT;

	private int maxMessageSize = SwsSessionOptions.DEFAULT_MAX_MESSAGE_SIZE;

	private InboundMessageMode inboundMode = InboundMessageMode.AUTO;

	private TaskScheduler scheduler;

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
	 * Sets the scheduler for handshake timeouts (and, on a server, held frames); by default a
	 * one-thread daemon scheduler is used.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public B scheduler(TaskScheduler scheduler) {
		this.scheduler = scheduler;
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
	TaskScheduler scheduler() {
		return this.scheduler;
	}

	/** The options, with {@code scheduler} standing in for an unset one. */
	SwsSessionOptions options(TaskScheduler defaultScheduler) {
		return new SwsSessionOptions(this.handshakeTimeout, this.maxMessageSize, this.inboundMode,
				(this.scheduler != null) ? this.scheduler : defaultScheduler, this.clock, this.listener);
	}

}

package dev.sws.webflux;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.sws.protocol.SessionLimits;

/**
 * The options that {@link SwsReactiveServer.Builder} and {@link SwsReactiveWebSocketClient.Builder}
 * share.
 *
 * @param <B> the concrete builder
 */
public abstract class SwsReactiveOptionsBuilder<B extends SwsReactiveOptionsBuilder<B>> {

	private Duration handshakeTimeout = SessionLimits.DEFAULT_HANDSHAKE_TIMEOUT;

	private int maxMessageSize = SessionLimits.DEFAULT_MAX_MESSAGE_SIZE;

	private int maxOutboundBuffer = SessionLimits.DEFAULT_MAX_OUTBOUND_BUFFER;

	private Duration sendTimeLimit = SessionLimits.DEFAULT_SEND_TIME_LIMIT;

	private InboundMessageType inboundMessages = InboundMessageType.TEXT_IF_UTF8;

	private Scheduler scheduler = Schedulers.parallel();

	private Clock clock = Clock.systemUTC();

	private SwsReactiveEventListener listener = SwsReactiveEventListener.NONE;

	SwsReactiveOptionsBuilder() {
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
	 * Sets the largest accepted message, in plaintext bytes (default 1 MiB); a larger frame
	 * closes the session with 1009 before any decryption.
	 * @param maxMessageSize the limit
	 * @return this builder
	 */
	public B maxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return self();
	}

	/**
	 * Sets how many bytes of encrypted frames may wait for the peer (default 4 MiB). Once they
	 * do, the session takes no further message from the application's publishers until the peer
	 * has read some: backpressure reaches the application instead of memory growing. One message
	 * always goes through when nothing else waits.
	 * @param maxOutboundBuffer the limit in bytes
	 * @return this builder
	 */
	public B maxOutboundBuffer(int maxOutboundBuffer) {
		this.maxOutboundBuffer = maxOutboundBuffer;
		return self();
	}

	/**
	 * Sets how long the application's next message may wait for room in the outbound buffer
	 * (default 10 s); beyond it the peer counts as not reading and the session is closed with
	 * 4500.
	 * @param sendTimeLimit the limit
	 * @return this builder
	 */
	public B sendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
		return self();
	}

	/**
	 * Sets the type of the decrypted messages the application's handler receives (default
	 * {@link InboundMessageType#TEXT_IF_UTF8}).
	 * @param inboundMessages the type
	 * @return this builder
	 */
	public B inboundMessages(InboundMessageType inboundMessages) {
		this.inboundMessages = Objects.requireNonNull(inboundMessages, "inboundMessages");
		return self();
	}

	/**
	 * Sets the scheduler of the timers (default {@link Schedulers#parallel()}).
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public B scheduler(Scheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		return self();
	}

	/**
	 * Sets the clock of the durations reported to the listener (default: system UTC).
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
	public B listener(SwsReactiveEventListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		return self();
	}

	SwsReactiveOptions options() {
		return new SwsReactiveOptions(this.handshakeTimeout, this.maxMessageSize, this.maxOutboundBuffer,
				this.sendTimeLimit, this.inboundMessages, this.scheduler, this.clock, this.listener);
	}

}

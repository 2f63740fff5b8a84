package dev.sws.protocol;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The setters every SWS session builder has, whatever the WebSocket stack: the limits of
 * {@link SessionLimits} and the clock. The servlet and the reactive builders extend it with what
 * their stack adds (schedulers, executors, listeners, message mapping); what happens when a limit
 * is reached is said by each of them.
 *
 * @param <B> the concrete builder
 */
public abstract class SessionLimitsBuilder<B extends SessionLimitsBuilder<B>> {

	private Duration handshakeTimeout = SessionLimits.DEFAULT_HANDSHAKE_TIMEOUT;

	private int maxMessageSize = SessionLimits.DEFAULT_MAX_MESSAGE_SIZE;

	private int maxOutboundBuffer = SessionLimits.DEFAULT_MAX_OUTBOUND_BUFFER;

	private Duration sendTimeLimit = SessionLimits.DEFAULT_SEND_TIME_LIMIT;

	private Clock clock = Clock.systemUTC();

	/** For the stacks' builders. */
	protected SessionLimitsBuilder() {
	}

	/**
	 * Returns this builder as its concrete type.
	 * @return this builder
	 */
	@SuppressWarnings("unchecked")
	protected final B self() {
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
	 * Sets how many bytes of encrypted frames may wait for a peer that does not read fast enough
	 * (default 4 MiB). One message always goes through when nothing else waits; what the limit
	 * does on each stack, the stack's builder says.
	 * @param maxOutboundBuffer the limit in bytes
	 * @return this builder
	 */
	public B maxOutboundBuffer(int maxOutboundBuffer) {
		this.maxOutboundBuffer = maxOutboundBuffer;
		return self();
	}

	/**
	 * Sets how long sending one message to a slow peer may take (default 10 s); beyond it the
	 * peer counts as not reading and the session is closed with 4500.
	 * @param sendTimeLimit the limit
	 * @return this builder
	 */
	public B sendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
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
	 * Returns the handshake timeout set.
	 * @return the timeout
	 */
	protected final Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Returns the message size limit set.
	 * @return the limit in plaintext bytes
	 */
	protected final int getMaxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Returns the outbound buffer limit set.
	 * @return the limit in bytes
	 */
	protected final int getMaxOutboundBuffer() {
		return this.maxOutboundBuffer;
	}

	/**
	 * Returns the send time limit set.
	 * @return the limit
	 */
	protected final Duration getSendTimeLimit() {
		return this.sendTimeLimit;
	}

	/**
	 * Returns the clock set.
	 * @return the clock
	 */
	protected final Clock getClock() {
		return this.clock;
	}

}

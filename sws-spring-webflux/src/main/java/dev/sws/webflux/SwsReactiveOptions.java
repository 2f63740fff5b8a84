package dev.sws.webflux;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;

import dev.sws.protocol.SecureChannel;

/**
 * Options that the reactive server and client share: limits, timers and the event listener.
 * Immutable.
 *
 * @param handshakeTimeout how long a handshake may take from the WebSocket opening; a stalled
 * peer is closed with 1008
 * @param maxMessageSize the largest plaintext message accepted, in bytes; a larger frame closes the
 * session with 1009 before any decryption
 * @param maxOutboundBuffer how many bytes of encrypted frames may wait for the peer; beyond them
 * the session stops taking messages from the application's publishers (backpressure)
 * @param sendTimeLimit how long the application's next message may wait for room in that buffer;
 * beyond it the peer counts as not reading and the session is closed with 4500
 * @param scheduler times handshakes, the first-frame hold and the send time limit; its tasks never
 * block
 * @param clock the time source of durations reported to the listener
 * @param listener receives lifecycle events, for metrics
 */
public record SwsReactiveOptions(Duration handshakeTimeout, int maxMessageSize, int maxOutboundBuffer,
		Duration sendTimeLimit, Scheduler scheduler, Clock clock, SwsReactiveEventListener listener) {

	/** Default handshake timeout: 2 seconds, as the original. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default maximum message size: 1 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/** Default limit on encrypted bytes waiting for the peer: 4 MiB. */
	public static final int DEFAULT_MAX_OUTBOUND_BUFFER = 4 * 1024 * 1024;

	/** Default send time limit: 10 seconds, as Spring's STOMP support. */
	public static final Duration DEFAULT_SEND_TIME_LIMIT = Duration.ofSeconds(10);

	/**
	 * Validates the options.
	 */
	public SwsReactiveOptions {
		Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(listener, "listener");
		if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
			throw new IllegalArgumentException("The handshake timeout must be positive");
		}
		if (maxMessageSize < 0 || maxMessageSize > Integer.MAX_VALUE - SecureChannel.OVERHEAD) {
			throw new IllegalArgumentException("The maximum message size must be between 0 and 2 GiB");
		}
		if (maxOutboundBuffer < 1) {
			throw new IllegalArgumentException("The outbound buffer limit must be positive");
		}
		if (sendTimeLimit.isNegative() || sendTimeLimit.isZero()) {
			throw new IllegalArgumentException("The send time limit must be positive");
		}
	}

}

package dev.sws.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits every SWS session has, whatever the WebSocket stack: the servlet and the reactive
 * adapters take their defaults and their validation from here.
 */
public final class SessionLimits {

	/** Default handshake timeout: 2 seconds, as the original. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default maximum message size: 1 MiB of plaintext. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/** Default limit on encrypted bytes waiting for a peer that reads slowly: 4 MiB. */
	public static final int DEFAULT_MAX_OUTBOUND_BUFFER = 4 * 1024 * 1024;

	/** Default send time limit: 10 seconds, as Spring's STOMP support. */
	public static final Duration DEFAULT_SEND_TIME_LIMIT = Duration.ofSeconds(10);

	private SessionLimits() {
	}

	/**
	 * Checks a set of limits.
	 * @param handshakeTimeout how long a handshake may take: positive
	 * @param maxMessageSize the largest plaintext message accepted: 0 to 2 GiB less the
	 * authentication tag
	 * @param maxOutboundBuffer the encrypted bytes that may wait for the peer: positive
	 * @param sendTimeLimit how long a write (or the wait for room to write) may take: positive
	 * @throws IllegalArgumentException naming the limit that is out of range
	 */
	public static void check(Duration handshakeTimeout, int maxMessageSize, int maxOutboundBuffer,
			Duration sendTimeLimit) {
		Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
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

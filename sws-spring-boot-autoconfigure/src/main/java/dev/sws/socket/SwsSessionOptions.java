package dev.sws.socket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.springframework.scheduling.TaskScheduler;

/**
 * Options that the server and client decorators share: limits, timers, message mapping and the
 * event listener. Immutable.
 *
 * @param handshakeTimeout how long a handshake may take from the WebSocket opening
 * @param maxMessageSize the largest plaintext message accepted, in bytes; larger frames are refused
 * before any decryption
 * @param inboundMode how decrypted messages are handed to the application's handler
 * @param scheduler runs handshake timeouts and the release of held frames
 * @param clock the time source
 * @param listener receives lifecycle events, for metrics
 */
public record SwsSessionOptions(Duration handshakeTimeout, int maxMessageSize, InboundMessageMode inboundMode,
		TaskScheduler scheduler, Clock clock, SwsEventListener listener) {

	/** Default handshake timeout: 2 seconds, as the original. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default maximum message size: 1 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/**
	 * Validates the options.
	 */
	public SwsSessionOptions {
		Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		Objects.requireNonNull(inboundMode, "inboundMode");
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(listener, "listener");
		if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
			throw new IllegalArgumentException("The handshake timeout must be positive");
		}
		if (maxMessageSize < 0 || maxMessageSize > Integer.MAX_VALUE - dev.sws.protocol.SecureChannel.OVERHEAD) {
			throw new IllegalArgumentException("The maximum message size must be between 0 and 2 GiB");
		}
	}

}

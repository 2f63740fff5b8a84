package dev.sws.websocket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.springframework.scheduling.TaskScheduler;

/**
 * Options that the server and client decorators share: limits, timers, message mapping and the
 * event listener. Immutable.
 *
 * @param handshakeTimeout how long a handshake may take from the WebSocket opening
 * @param maxMessageSize the largest plaintext message accepted, in bytes; larger frames are refused
 * before any decryption
 * @param inboundMode how decrypted messages are handed to the application's handler
 * @param maxOutboundBuffer the bytes of encrypted frames that may wait for a peer that does not
 * read fast enough; beyond them the session is closed with 4500
 * @param sendTimeLimit how long one frame may take to write to the peer; beyond it the session
 * is closed with 4500
 * @param scheduler times handshake timeouts, the first-frame hold and the send-time watchdog; its
 * tasks only hand work to {@code ioExecutor}, so a timer thread never touches a socket
 * @param ioExecutor runs the transport I/O that timers trigger (closing a handshake that timed
 * out, writing frames held back after the handshake, closing a session whose peer stopped
 * reading); a task may block on a slow peer for up to {@code sendTimeLimit}
 * @param clock the time source
 * @param listener receives lifecycle events, for metrics
 */
public record SwsSessionOptions(Duration handshakeTimeout, int maxMessageSize, InboundMessageMode inboundMode,
		int maxOutboundBuffer, Duration sendTimeLimit, TaskScheduler scheduler, Executor ioExecutor, Clock clock,
		SwsEventListener listener) {

	/** Default handshake timeout: 2 seconds, as the original. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

	/** Default maximum message size: 1 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/** Default limit on encrypted bytes waiting for a slow peer: 4 MiB. */
	public static final int DEFAULT_MAX_OUTBOUND_BUFFER = 4 * 1024 * 1024;

	/** Default limit on the time one frame may take to write: 10 seconds, as Spring's STOMP support. */
	public static final Duration DEFAULT_SEND_TIME_LIMIT = Duration.ofSeconds(10);

	/**
	 * Validates the options.
	 */
	public SwsSessionOptions {
		Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		Objects.requireNonNull(inboundMode, "inboundMode");
		Objects.requireNonNull(sendTimeLimit, "sendTimeLimit");
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(ioExecutor, "ioExecutor");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(listener, "listener");
		if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
			throw new IllegalArgumentException("The handshake timeout must be positive");
		}
		if (maxMessageSize < 0 || maxMessageSize > Integer.MAX_VALUE - dev.sws.protocol.SecureChannel.OVERHEAD) {
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

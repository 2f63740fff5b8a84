package dev.sws.websocket;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.springframework.scheduling.TaskScheduler;

import dev.sws.protocol.SessionLimits;

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

	/**
	 * Validates the options; the limits as {@link SessionLimits#check} says.
	 */
	public SwsSessionOptions {
		Objects.requireNonNull(inboundMode, "inboundMode");
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(ioExecutor, "ioExecutor");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(listener, "listener");
		SessionLimits.check(handshakeTimeout, maxMessageSize, maxOutboundBuffer, sendTimeLimit);
	}

}

package dev.sws.webflux;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;

import dev.sws.protocol.SessionLimits;

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
 * @param inboundMessages the type of the decrypted messages the application's handler receives
 * @param scheduler times handshakes, the first-frame hold and the send time limit; its tasks never
 * block
 * @param clock the time source of durations reported to the listener
 * @param listener receives lifecycle events, for metrics
 */
public record SwsReactiveOptions(Duration handshakeTimeout, int maxMessageSize, int maxOutboundBuffer,
		Duration sendTimeLimit, InboundMessageType inboundMessages, Scheduler scheduler, Clock clock, SwsReactiveEventListener listener) {

	/**
	 * Validates the options; the limits as {@link SessionLimits#check} says.
	 */
	public SwsReactiveOptions {
		Objects.requireNonNull(inboundMessages, "inboundMessages");
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(listener, "listener");
		SessionLimits.check(handshakeTimeout, maxMessageSize, maxOutboundBuffer, sendTimeLimit);
	}

}

package dev.sws.websocket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;

/**
 * Receives lifecycle events of SWS sessions, for metrics. Callbacks run on WebSocket and
 * scheduler threads and must be fast and non-blocking. Events never carry keys or payloads.
 * All methods do nothing by default.
 */
public interface SwsEventListener {

	/** A listener that ignores every event. */
	SwsEventListener NONE = new SwsEventListener() {
	};

	/**
	 * A handshake completed and the session is open.
	 * @param role this side's role
	 * @param version the protocol version
	 * @param duration from the WebSocket opening to the handshake's completion
	 */
	default void handshakeSucceeded(SwsRole role, ProtocolVersion version, Duration duration) {
	}

	/**
	 * A handshake failed (refused, timed out or malformed).
	 * @param role this side's role
	 * @param version the protocol version, or {@code null} if not known yet
	 * @param reason why
	 * @param duration from the WebSocket opening to the failure
	 */
	default void handshakeFailed(SwsRole role, @Nullable ProtocolVersion version, FailureReason reason,
			Duration duration) {
	}

	/**
	 * An established session failed and is being closed (decrypt failure, size, frame type).
	 * @param role this side's role
	 * @param reason why
	 */
	default void sessionFailed(SwsRole role, FailureReason reason) {
	}

	/**
	 * An established session closed, for whatever reason.
	 * @param role this side's role
	 */
	default void sessionClosed(SwsRole role) {
	}

	/**
	 * A message was decrypted and delivered.
	 * @param role this side's role
	 * @param plaintextBytes the message size
	 */
	default void messageReceived(SwsRole role, int plaintextBytes) {
	}

	/**
	 * A message was encrypted and sent (or queued behind the first-frame delay).
	 * @param role this side's role
	 * @param plaintextBytes the message size
	 */
	default void messageSent(SwsRole role, int plaintextBytes) {
	}

}

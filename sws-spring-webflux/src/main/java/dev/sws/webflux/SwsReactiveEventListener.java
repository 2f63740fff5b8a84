package dev.sws.webflux;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.sws.protocol.FailureReason;
import dev.sws.protocol.ProtocolVersion;

/**
 * Receives the lifecycle events of the SWS sessions of one reactive server or client, for
 * metrics. Methods run on transport threads and must not block; the defaults do nothing.
 */
public interface SwsReactiveEventListener {

	/** A listener that ignores every event. */
	SwsReactiveEventListener NONE = new SwsReactiveEventListener() {
	};

	/**
	 * A handshake succeeded.
	 * @param version the negotiated version
	 * @param duration from the WebSocket opening to the session opening
	 */
	default void handshakeSucceeded(ProtocolVersion version, Duration duration) {
	}

	/**
	 * A handshake failed.
	 * @param version the version, if it was known by then
	 * @param reason why
	 * @param duration from the WebSocket opening to the failure
	 */
	default void handshakeFailed(@Nullable ProtocolVersion version, FailureReason reason, Duration duration) {
	}

	/**
	 * An established session failed and was closed with the reason's close code.
	 * @param reason why
	 */
	default void sessionFailed(FailureReason reason) {
	}

	/**
	 * An established session closed, for whatever reason.
	 */
	default void sessionClosed() {
	}

	/**
	 * A message was decrypted and handed to the application.
	 * @param plaintextBytes its size
	 */
	default void messageReceived(int plaintextBytes) {
	}

	/**
	 * A message of the application was encrypted for the peer.
	 * @param plaintextBytes its size
	 */
	default void messageSent(int plaintextBytes) {
	}

}

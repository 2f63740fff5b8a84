package dev.sws.webflux;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * The {@link WebSocketMessage.Type} of the decrypted messages a reactive handler receives. On the
 * wire every SWS data message is a binary frame; the plaintext inside may be text or bytes, and
 * the protocol does not say which.
 */
public enum InboundMessageType {

	/**
	 * {@code TEXT} when the plaintext is valid UTF-8, {@code BINARY} otherwise (the default: a
	 * reactive handler reads both).
	 */
	TEXT_IF_UTF8,

	/** Always {@code TEXT}; plaintext that is not valid UTF-8 closes the session with 1007. */
	TEXT,

	/** Always {@code BINARY}, without looking at the bytes. */
	BINARY

}

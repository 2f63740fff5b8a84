package dev.sws.websocket;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * How decrypted messages are handed to the application's handler. On the wire every SWS data
 * message is a binary frame; the plaintext inside may be text or bytes, and the protocol does not
 * say which.
 */
public enum InboundMessageMode {

	/**
	 * Decide from the handler: a {@link TextWebSocketHandler} gets {@link #TEXT}; a
	 * {@link BinaryWebSocketHandler}, STOMP endpoints ({@code SubProtocolWebSocketHandler}) and the
	 * STOMP client's handler, which read either, get {@link #BINARY}; any other handler gets
	 * {@link #TEXT_IF_UTF8}.
	 */
	AUTO,

	/**
	 * Deliver a {@code TextMessage}; plaintext that is not valid UTF-8 closes the session with
	 * 1007.
	 */
	TEXT,

	/** Deliver a {@code BinaryMessage} with the plaintext bytes. */
	BINARY,

	/**
	 * Deliver a {@code TextMessage} when the plaintext is valid UTF-8, a {@code BinaryMessage}
	 * otherwise: for handlers that take both, such as an {@code AbstractWebSocketHandler} that
	 * overrides both methods.
	 */
	TEXT_IF_UTF8;

	private static final String SUB_PROTOCOL_HANDLER = "org.springframework.web.socket.messaging.SubProtocolWebSocketHandler";

	private static final String STOMP_CLIENT_PREFIX = "org.springframework.web.socket.messaging.WebSocketStompClient$";

	/**
	 * Resolves {@link #AUTO} for a handler.
	 * @param handler the application's handler, possibly decorated
	 * @return {@link #TEXT}, {@link #BINARY} or {@link #TEXT_IF_UTF8}
	 */
	public InboundMessageMode resolve(WebSocketHandler handler) {
		if (this != AUTO) {
			return this;
		}
		WebSocketHandler last = WebSocketHandlerDecorator.unwrap(handler);
		if (last instanceof TextWebSocketHandler) {
			return TEXT;
		}
		if (last instanceof BinaryWebSocketHandler || isSubProtocolHandler(last)) {
			return BINARY;
		}
		return TEXT_IF_UTF8;
	}

	private static boolean isSubProtocolHandler(WebSocketHandler handler) {
		// By name: these classes cannot be loaded without the optional spring-messaging.
		for (Class<?> type = handler.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(SUB_PROTOCOL_HANDLER) || type.getName().startsWith(STOMP_CLIENT_PREFIX)) {
				return true;
			}
		}
		return false;
	}

}

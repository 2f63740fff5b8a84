package dev.sws.websocket;

import org.springframework.web.socket.WebSocketSession;

import dev.sws.protocol.SecureChannel;

/**
 * Test access to an open SWS session's channel (package-private in the adapters), for tests that
 * move its counters, such as the hostile client's counter-exhaustion case.
 */
public final class SwsSessionHooks {

	private SwsSessionHooks() {
	}

	/** The channel of a session the SWS decorator handed to its delegate. */
	public static SecureChannel channelOf(WebSocketSession session) {
		return ((SwsWebSocketSession) session).channel();
	}

}

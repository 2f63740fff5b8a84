package dev.sws.webflux;

import org.springframework.web.reactive.socket.WebSocketSession;

import dev.sws.protocol.SecureChannel;

/**
 * Test access to an open reactive SWS session's channel (package-private in the adapters), for
 * tests that move its counters, such as the hostile client's counter-exhaustion case.
 */
public final class SwsReactiveSessionHooks {

	private SwsReactiveSessionHooks() {
	}

	/** The channel of a session the reactive SWS server handed to its handler. */
	public static SecureChannel channelOf(WebSocketSession session) {
		return ((SwsReactiveSession) session).channel();
	}

}

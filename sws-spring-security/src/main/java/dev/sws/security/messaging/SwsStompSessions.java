package dev.sws.security.messaging;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

import dev.sws.protocol.PeerIdentity;
import dev.sws.websocket.SwsWebSocketSession;

/**
 * The SWS peer of the WebSocket session a STOMP message came from.
 */
final class SwsStompSessions {

	private SwsStompSessions() {
	}

	/**
	 * Returns the peer the SWS handshake of the message's session established.
	 * @param message a message from a client, with its session attributes
	 * @return the peer, or {@code null} if the session is not an SWS session
	 */
	static @Nullable PeerIdentity peerOf(Message<?> message) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
		return (attributes != null && attributes.get(SwsWebSocketSession.PEER_ATTRIBUTE) instanceof PeerIdentity peer)
				? peer : null;
	}

}

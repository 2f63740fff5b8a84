package dev.sws.security.messaging;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import dev.sws.protocol.PeerIdentity;
import dev.sws.websocket.SwsWebSocketSession;

/**
 * STOMP messages as Spring's STOMP handler puts them on the client inbound channel: mutable, with
 * the session's attributes and the user of the WebSocket session.
 */
final class StompMessages {

	static final MessageChannel CHANNEL = (message, timeout) -> true;

	private StompMessages() {
	}

	static Message<byte[]> frame(StompCommand command, PeerIdentity peer, Principal user) {
		Map<String, Object> attributes = new HashMap<>();
		if (peer != null) {
			attributes.put(SwsWebSocketSession.PEER_ATTRIBUTE, peer);
		}
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		accessor.setSessionId("s1");
		accessor.setSessionAttributes(attributes);
		accessor.setUser(user);
		if (command == StompCommand.SEND) {
			accessor.setDestination("/app/chat");
		}
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

	static Principal userOf(Message<?> message) {
		return SimpMessageHeaderAccessor.getUser(message.getHeaders());
	}

}

package dev.sws.websocket;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP {@link SubProtocolWebSocketHandler} whose sessions deliver a last message before
 * their close: a STOMP ERROR frame (a SUBSCRIBE or SEND that Spring Security refused, for example)
 * reaches the client even when another frame was being written to it at that moment, which
 * Spring's own session decorator does not guarantee. Everything else is Spring's. The
 * auto-configuration puts it in place of Spring's handler; without Boot, return it from your own
 * {@code subProtocolWebSocketHandler} bean.
 */
public class SwsSubProtocolWebSocketHandler extends SubProtocolWebSocketHandler {

	/**
	 * Creates the handler.
	 * @param clientInboundChannel the channel for messages from clients
	 * @param clientOutboundChannel the channel for messages to clients
	 */
	public SwsSubProtocolWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
		super(clientInboundChannel, clientOutboundChannel);
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		return new CloseAfterBufferedSessionDecorator(session, getSendTimeLimit(), getSendBufferSizeLimit());
	}

}

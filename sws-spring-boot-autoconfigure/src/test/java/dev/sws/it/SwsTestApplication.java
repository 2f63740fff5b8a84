package dev.sws.it;

import java.io.IOException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.sws.protocol.PeerIdentity;
import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;
import dev.sws.websocket.SwsWebSocketSession;

/**
 * The application the round-trip tests run: a plain echo handler over SWS at {@code /echo}
 * (opted in with one line), a text handler at {@code /text}, a non-SWS handler that never answers
 * at {@code /silent}, and a STOMP endpoint at {@code /stomp} with an unchanged
 * {@code @MessageMapping} controller.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SwsTestApplication {

	/** The plain handlers, two over SWS and one without. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	public static class PlainHandlers implements WebSocketConfigurer {

		private final SwsWebSocketHandlerDecoratorFactory swsServer;

		PlainHandlers(SwsWebSocketHandlerDecoratorFactory swsServer) {
			this.swsServer = swsServer;
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(this.swsServer.decorate(new EchoHandler()), "/echo");
			registry.addHandler(this.swsServer.decorate(new WhoAmIHandler()), "/whoami");
			registry.addHandler(new TextWebSocketHandler(), "/silent");
		}

	}

	/** The STOMP endpoint with a simple broker. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	public static class Stomp implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
			// the SUBSCRIBE is handled before the SEND that follows it
			registry.setPreserveReceiveOrder(true);
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
			registry.setApplicationDestinationPrefixes("/app");
		}

	}

	/** Echoes every message in kind. */
	public static class EchoHandler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
			session.sendMessage(message);
		}

	}

	/** Answers any message with the peer's identity as the handshake established it. */
	static class WhoAmIHandler extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			PeerIdentity peer = SwsWebSocketSession.peerOf(session);
			String cert = peer.getCertificate().map((c) -> String.join(",", c.getNames())).orElse("-");
			session.sendMessage(new TextMessage(
					peer.getVersion() + " " + peer.getFingerprint() + " " + cert + " " + session.getPrincipal().getName()));
		}

	}

	/** A controller written as in any Spring STOMP app. */
	@Controller
	static class ChatController {

		@MessageMapping("/chat")
		@SendTo("/topic/chat")
		String chat(@Payload(required = false) String message) {
			return "echo:" + ((message != null) ? message : "");
		}

		@MessageMapping("/whoami")
		@SendTo("/topic/chat")
		String whoami(java.security.Principal user) {
			return "user:" + user.getName();
		}

	}

}

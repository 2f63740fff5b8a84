package dev.sws.sample.echo;

import java.io.IOException;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * A plain WebSocket handler over SWS at {@code /echo}: it opts in with one line,
 * {@code swsServer.decorate(handler)}, and then only ever sees decrypted messages.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class EchoConfiguration implements WebSocketConfigurer {

	private final SwsWebSocketHandlerDecoratorFactory swsServer;

	/**
	 * Creates the configuration.
	 * @param swsServer the SWS server of the starter's auto-configuration
	 */
	public EchoConfiguration(SwsWebSocketHandlerDecoratorFactory swsServer) {
		this.swsServer = swsServer;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.swsServer.decorate(new EchoHandler()), "/echo");
	}

	/**
	 * Sends every message back as it came, text as text and binary as binary.
	 */
	static final class EchoHandler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
			session.sendMessage(message);
		}

	}

}

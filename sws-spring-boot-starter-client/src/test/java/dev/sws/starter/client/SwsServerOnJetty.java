package dev.sws.starter.client;

import java.util.HashMap;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketHandlerAdapter;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * A real SWS server without the servlet API, so that the client-only classpath stays as it is:
 * Jetty's core WebSocket server on 127.0.0.1 and a free port, Spring's Jetty adapter, and the SWS
 * server decorator around an echo handler ({@code /echo}) and Spring's STOMP handler with a simple
 * broker for {@code /topic} ({@code /stomp}).
 */
final class SwsServerOnJetty implements AutoCloseable {

	private final Server server = new Server();

	private final SubProtocolWebSocketHandler stomp;

	private final SimpleBrokerMessageHandler broker;

	SwsServerOnJetty(SwsWebSocketHandlerDecoratorFactory sws) throws Exception {
		ExecutorSubscribableChannel clientInbound = new ExecutorSubscribableChannel();
		ExecutorSubscribableChannel clientOutbound = new ExecutorSubscribableChannel();
		this.stomp = new SubProtocolWebSocketHandler(clientInbound, clientOutbound);
		this.stomp.addProtocolHandler(new StompSubProtocolHandler());
		this.broker = new SimpleBrokerMessageHandler(clientInbound, clientOutbound, new ExecutorSubscribableChannel(),
				List.of("/topic"));
		this.broker.start();
		this.stomp.start();
		WebSocketHandler echo = sws.decorate(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
				session.sendMessage(message);
			}

		});
		WebSocketHandler stompOverSws = sws.decorate(this.stomp);
		ServerConnector connector = new ServerConnector(this.server);
		connector.setHost("127.0.0.1");
		connector.setPort(0);
		this.server.addConnector(connector);
		this.server.setHandler(WebSocketUpgradeHandler.from(this.server, (container) -> {
			container.addMapping("/echo", (request, response, callback) -> adapter(echo));
			container.addMapping("/stomp", (request, response, callback) -> adapter(stompOverSws));
		}));
		this.server.start();
	}

	private static JettyWebSocketHandlerAdapter adapter(WebSocketHandler handler) {
		return new JettyWebSocketHandlerAdapter(handler, new JettyWebSocketSession(new HashMap<>()));
	}

	String url(String path) {
		return "ws://127.0.0.1:" + ((ServerConnector) this.server.getConnectors()[0]).getLocalPort() + path;
	}

	@Override
	public void close() throws Exception {
		this.stomp.stop();
		this.broker.stop();
		this.server.stop();
	}

}

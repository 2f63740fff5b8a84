package dev.sws.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * Puts SWS under every STOMP endpoint of an {@code @EnableWebSocketMessageBroker} application
 * through a {@code WebSocketHandlerDecoratorFactory}, so controllers stay unchanged. STOMP's own
 * message size and send buffer limits are raised to the SWS maximum message size; this configurer
 * runs first, so an application's own {@code configureWebSocketTransport} still has the last word.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SwsStompEndpointConfigurer implements WebSocketMessageBrokerConfigurer {

	private static final int STOMP_DEFAULT_SEND_BUFFER = 512 * 1024;

	private final SwsWebSocketHandlerDecoratorFactory server;

	/**
	 * Creates the configurer.
	 * @param server the SWS server that decorates the endpoints
	 */
	public SwsStompEndpointConfigurer(SwsWebSocketHandlerDecoratorFactory server) {
		this.server = server;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.server);
		int maxMessageSize = this.server.getOptions().maxMessageSize();
		registration.setMessageSizeLimit(Math.max(64 * 1024, maxMessageSize));
		registration.setSendBufferSizeLimit(Math.max(STOMP_DEFAULT_SEND_BUFFER, 2 * maxMessageSize));
	}

}

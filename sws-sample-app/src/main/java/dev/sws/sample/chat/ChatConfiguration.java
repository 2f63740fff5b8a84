package dev.sws.sample.chat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.sample.broker.ChatBrokerRelay;

/**
 * A plain STOMP setup: endpoint {@code /chat}, and a simple broker for {@code /topic}, or in relay
 * mode the external broker of {@link ChatBrokerRelay}. The SWS starter puts SWS under the
 * endpoint; nothing here mentions it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class ChatConfiguration implements WebSocketMessageBrokerConfigurer {

	private final ObjectProvider<ChatBrokerRelay> relay;

	/**
	 * Creates the configuration.
	 * @param relay the broker relay of relay mode, absent otherwise
	 */
	public ChatConfiguration(ObjectProvider<ChatBrokerRelay> relay) {
		this.relay = relay;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/chat");
		// a client's SUBSCRIBE is handled before the SEND that follows it
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		ChatBrokerRelay relay = this.relay.getIfAvailable();
		if (relay != null) {
			relay.enableOn(registry);
		}
		else {
			registry.enableSimpleBroker("/topic");
		}
		registry.setApplicationDestinationPrefixes("/app");
		// each client gets the messages in the order the broker published them
		registry.setPreservePublishOrder(true);
	}

}

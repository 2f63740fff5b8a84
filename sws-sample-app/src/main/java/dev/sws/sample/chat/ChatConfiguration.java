package dev.sws.sample.chat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.sample.broker.ChatBrokerRelay;

/**
 * A plain STOMP setup: endpoint {@code /chat}, and a simple broker for {@code /topic}, or in relay
 * mode the external broker of {@link ChatBrokerRelay}. The SWS starter puts SWS under the
 * endpoint; nothing here mentions it.
 *
 * <p>What clients may do is what a chat needs, and nothing more: join with a CONNECT frame that
 * carries a {@value #NICKNAME_HEADER} header (ignored when the client presented a certificate,
 * whose name is used instead), subscribe once to {@value #TOPIC}, and send {@link ChatPost}s to
 * {@value #SEND_DESTINATION}. Any other frame is refused with a STOMP ERROR frame.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class ChatConfiguration implements WebSocketMessageBrokerConfigurer {

	/** The CONNECT header that carries the name a client chats under. */
	public static final String NICKNAME_HEADER = "nickname";

	/** The longest nickname, in UTF-16 chars (as the page's {@code maxlength} counts). */
	public static final int MAX_NICKNAME_LENGTH = 32;

	/** Where the chat's messages are published, and the one destination clients may subscribe to. */
	public static final String TOPIC = "/topic/chat";

	/** The one destination clients may send to. */
	public static final String SEND_DESTINATION = "/app/chat.send";

	private final ObjectProvider<ChatBrokerRelay> relay;

	private final ObjectProvider<MessageChannel> clientOutboundChannel;

	/**
	 * Creates the configuration.
	 * @param relay the broker relay of relay mode, absent otherwise
	 * @param clientOutboundChannel the channel of frames to clients, which carries refusals
	 */
	public ChatConfiguration(ObjectProvider<ChatBrokerRelay> relay,
			@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutboundChannel) {
		this.relay = relay;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/chat");
		// a client's SUBSCRIBE is handled before the SEND that follows it
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChatFrameGuard(this.clientOutboundChannel::getObject));
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

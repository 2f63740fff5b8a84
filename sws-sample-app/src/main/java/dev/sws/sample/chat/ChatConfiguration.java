package dev.sws.sample.chat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * A plain STOMP setup: endpoint {@code /chat}, and a simple broker for {@code /topic}, or in relay
 * mode ({@code sws.server.stomp.relay.enabled=true}) the broker relay that the SWS starter
 * configures. The SWS starter puts SWS under the endpoint; nothing here mentions it.
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

	private final ObjectProvider<MessageChannel> clientOutboundChannel;

	/**
	 * Creates the configuration.
	 * @param clientOutboundChannel the channel of frames to clients, which carries refusals
	 */
	public ChatConfiguration(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutboundChannel) {
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
		registry.setApplicationDestinationPrefixes("/app");
		// each client gets the messages in the order the broker published them
		registry.setPreservePublishOrder(true);
	}

	/**
	 * The simple broker of one instance, unless relay mode is on: Spring would run both, and the
	 * SWS starter stops startup if it finds both.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sws.server.stomp.relay.enabled", havingValue = false, matchIfMissing = true)
	static class SimpleBrokerConfiguration implements WebSocketMessageBrokerConfigurer {

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

	}

}

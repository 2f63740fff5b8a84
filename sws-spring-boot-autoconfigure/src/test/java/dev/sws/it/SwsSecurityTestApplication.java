package dev.sws.it;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

import dev.sws.protocol.PeerIdentity;
import dev.sws.security.SwsAuthenticationToken;

/**
 * A STOMP application secured with Spring Security as any would be: message rules
 * ({@code @EnableWebSocketSecurity}), {@code @PreAuthorize} on a {@code @MessageMapping} method
 * ({@code @EnableMethodSecurity}) and an {@code @AuthenticationPrincipal} argument. Nothing in it
 * knows SWS except the type of the principal it asks for.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SwsSecurityTestApplication {

	/** The STOMP endpoint with a simple broker and user destinations. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	public static class Stomp implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
			registry.setErrorHandler(new AccessDeniedErrorHandler());
		}

		/**
		 * One inbound thread keeps each client's SUBSCRIBE ahead of its SEND. Not
		 * setPreserveReceiveOrder(true): its ordered channel sends later, on another thread, so a
		 * refused message is only logged instead of answered with an ERROR frame.
		 */
		@Override
		public void configureClientInboundChannel(ChannelRegistration registration) {
			registration.taskExecutor().corePoolSize(1).maxPoolSize(1);
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic", "/queue");
			registry.setApplicationDestinationPrefixes("/app");
		}

	}

	/** Says "Access Denied" in the ERROR frame of a refused message instead of Spring's generic text. */
	static class AccessDeniedErrorHandler extends StompSubProtocolErrorHandler {

		@Override
		public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
				Throwable ex) {
			if (ex.getCause() instanceof AccessDeniedException) {
				StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
				error.setMessage("Access Denied");
				return MessageBuilder.createMessage(new byte[0], error.getMessageHeaders());
			}
			return super.handleClientMessageProcessingError(clientMessage, ex);
		}

	}

	/** The rules: admins broadcast, every SWS client asks who it is, nothing else gets through. */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketSecurity
	@EnableMethodSecurity
	public static class Security {

		@Bean
		AuthorizationManager<Message<?>> messageAuthorizationManager(
				MessageMatcherDelegatingAuthorizationManager.Builder messages) {
			return messages.nullDestMatcher()
				.authenticated()
				.simpSubscribeDestMatchers("/topic/news", "/user/queue/**")
				.hasRole("SWS_CLIENT")
				.simpDestMatchers("/app/admin/**")
				.hasRole("ADMIN")
				.simpDestMatchers("/app/**")
				.hasRole("SWS_CLIENT")
				.anyMessage()
				.denyAll()
				.build();
		}

	}

	/** The controller. */
	@Controller
	static class SecuredController {

		@MessageMapping("/admin/news")
		@SendTo("/topic/news")
		String news(@Payload String text) {
			return "news:" + text;
		}

		@MessageMapping("/ops/restart")
		@SendToUser("/queue/replies")
		@PreAuthorize("hasRole('OPS')")
		String restart() {
			return "restarted";
		}

		@MessageMapping("/whoami")
		@SendToUser("/queue/replies")
		String whoami(@AuthenticationPrincipal PeerIdentity peer, Principal user) {
			SwsAuthenticationToken token = (SwsAuthenticationToken) user;
			return peer.getPrincipalName() + " " + token.getNames() + " " + token.getVersion() + " "
					+ token.getAuthorities();
		}

		@MessageExceptionHandler(AccessDeniedException.class)
		@SendToUser("/queue/errors")
		String denied(AccessDeniedException ex) {
			return "denied";
		}

	}

}

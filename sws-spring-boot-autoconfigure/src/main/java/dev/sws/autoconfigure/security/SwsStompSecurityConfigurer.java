package dev.sws.autoconfigure.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.sws.security.SwsAuthenticationConverter;
import dev.sws.security.messaging.SwsStompAuthenticationInterceptor;

/**
 * Registers the {@link SwsStompAuthenticationInterceptor} on the client inbound channel, ordered
 * just before {@code @EnableWebSocketSecurity}'s configurer ({@code HIGHEST_PRECEDENCE + 100}) so
 * that Spring Security's interceptors see the SWS user, as Spring Framework's reference advises for
 * token authentication.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 99)
final class SwsStompSecurityConfigurer implements WebSocketMessageBrokerConfigurer {

	private final SwsAuthenticationConverter converter;

	SwsStompSecurityConfigurer(SwsAuthenticationConverter converter) {
		this.converter = converter;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SwsStompAuthenticationInterceptor(this.converter));
	}

}
